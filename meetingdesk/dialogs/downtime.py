"""On resuming: did the conversation go on while MeetingDesk was closed?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from meetingdesk.locations import styles_dir
from meetingdesk.timer import format_minutes


class DowntimeDialog(ModalScreen[float | None]):
    """Dismisses with the seconds to add to the current section, or None to leave the clock as saved."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "keep", "Leave the clock as it was", id="keep")]

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Welcome back", classes="dialog-title")
            yield Static(
                f"MeetingDesk was closed for {format_minutes(self.seconds)}. The clock stopped then and "
                "picks up from where it was. Did the conversation go on meanwhile?",
                id="problems",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("No, carry on from the saved time", variant="primary", id="keep")
                yield Button(f"Yes, add {format_minutes(self.seconds)}", id="add")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.seconds if event.button.id == "add" else None)

    def action_keep(self) -> None:
        self.dismiss(None)
