"""Dropping an action carried from last time: the reason is kept with it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.locations import styles_dir


class DropDialog(GuardsTyping, ModalScreen[str | None]):
    """Dismisses with the reason, or None when cancelled."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, action_text: str) -> None:
        super().__init__()
        self.action_text = action_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Drop an action from last time", classes="dialog-title")
            yield Static(f"“{self.action_text}”", classes="dialog-help", markup=False)
            yield Input(placeholder="Why is it dropped? e.g. the project was cancelled", id="reason")
            yield Static("", id="preview", markup=False)
            yield Static("enter drops it · escape keeps it as it was", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = " ".join(event.value.split())
        if not reason:
            preview = self.query_one("#preview", Static)
            preview.update("Say why, so the record shows it was dropped on purpose.")
            preview.add_class("-error")
            return
        self.dismiss(reason)
