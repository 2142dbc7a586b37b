"""Before the summary: what is missing, fixed now or closed anyway, and the prompts not covered yet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meetingdesk.locations import styles_dir

REMINDERS_NAMED = 4
"""Unticked prompts named one by one; the rest are counted, so the buttons stay on screen."""


def unticked_reminder(unticked: list[tuple[str, str]]) -> str:
    """The close check's soft reminder: the prompts not ticked off, by section, the first few named."""
    if not unticked:
        return ""
    lines = [f"Not ticked off yet ({len(unticked)}), a reminder only:"]
    lines += [f"  ☐ {prompt} ({section})" for section, prompt in unticked[:REMINDERS_NAMED]]
    if len(unticked) > REMINDERS_NAMED:
        lines.append(f"  … and {len(unticked) - REMINDERS_NAMED} more")
    return "\n".join(lines)


OFFERS = {
    "check_in": "Set next check-in",
    "agreed_without": "Agreed without",
}
"""Buttons the check can offer besides fixing and closing: each dismisses with its key, for the screen to act on."""


class CloseCheckDialog(ModalScreen[bool | str]):
    """Dismisses with True to end the meeting, False to go back and fix things, or the key of an offer taken."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "fix", "Back to the meeting", id="fix"),
        Binding("ctrl+f", "close", "End meeting", id="close_anyway"),
        Binding("ctrl+s", "offer('check_in')", "Set next check-in", id="close_check_in"),
    ]

    def __init__(self, problems: list[str], unticked: list[tuple[str, str]] | None = None, offers: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.problems = problems
        self.unticked = unticked or []
        self.offers = offers
        """Keys of OFFERS to show: "check_in" when no next check-in is set, "agreed_without" for goals missing a measure or date."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-check"):
            if self.problems:
                yield Static("Before you close: a few things are missing", classes="dialog-title")
                yield Static("\n".join(f"• {problem}" for problem in self.problems), id="problems", markup=False)
            else:
                yield Static("Ready to close", classes="dialog-title")
                yield Static(
                    "Every action has an owner and a deadline, every goal is up to date, and the next check-in is set.",
                    id="problems",
                    markup=False,
                )
            if self.unticked:
                with VerticalScroll(id="unticked-box", can_focus=False):
                    yield Static(unticked_reminder(self.unticked), id="unticked", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.problems:
                    for offer in self.offers:
                        yield Button(OFFERS[offer], id=offer)
                    yield Button("Fix them", variant="primary", id="fix")
                    yield Button("Close anyway", variant="warning", id="close")
                else:
                    yield Button("End meeting", variant="primary", id="close")
                    yield Button("Back to the meeting", id="fix")

    def on_mount(self) -> None:
        # Enter does the likeliest next step: set the check-in when that is all that's missing, else go back and fix.
        only_the_check_in = len(self.problems) == 1 and "check_in" in self.offers
        first = "#close" if not self.problems else "#check_in" if only_the_check_in else "#fix"
        self.query_one(first, Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id if event.button.id in OFFERS else event.button.id == "close")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "offer":
            return parameters[0] in self.offers
        return True

    def action_offer(self, offer: str) -> None:
        self.dismiss(offer)

    def action_fix(self) -> None:
        self.dismiss(False)

    def action_close(self) -> None:
        self.dismiss(True)
