"""Before the summary: what is missing, fixed now or closed anyway."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meetingdesk.locations import styles_dir


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
    ]

    def __init__(self, problems: list[str], offers: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.problems = problems
        self.offers = offers
        """Keys of OFFERS to show: "check_in" when no next check-in is set, "agreed_without" for goals missing a measure or date."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-check"):
            if self.problems:
                yield Static("Before you close: a few things are missing", classes="dialog-title")
                yield Static("\n".join(f"• {problem}" for problem in self.problems), id="problems", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    for offer in self.offers:
                        yield Button(OFFERS[offer], id=offer)
                    yield Button("Fix them", variant="primary", id="fix")
                    yield Button("Close anyway", variant="warning", id="close")
            else:
                yield Static("Ready to close", classes="dialog-title")
                yield Static(
                    "Every action has an owner and a deadline, every goal is up to date, and the next check-in is set.",
                    id="problems",
                    markup=False,
                )
                with Horizontal(classes="dialog-buttons"):
                    yield Button("End meeting", variant="primary", id="close")
                    yield Button("Back to the meeting", id="fix")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id if event.button.id in OFFERS else event.button.id == "close")

    def action_fix(self) -> None:
        self.dismiss(False)

    def action_close(self) -> None:
        self.dismiss(True)
