"""The first run's one question: the manager's name, kept in the settings for every meeting after."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from meetingdesk.locations import styles_dir


class ManagerNameDialog(ModalScreen[str | None]):
    """Asks the manager's name, offering the account's full name; dismisses with the name, or None for "later"."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "later", "Ask me later", id="later")]

    def __init__(self, offered: str) -> None:
        super().__init__()
        self.offered = offered

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Welcome to MeetingDesk", classes="dialog-title")
            yield Static(
                "What is your name? It goes on every meeting you run and into the summaries you send. "
                "Asked once; you can still change it for one meeting in the new-meeting form.",
                classes="dialog-help",
                markup=False,
            )
            yield Input(self.offered, placeholder="Your name, e.g. Sam Rivera", id="name", select_on_focus=False)
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · escape asks again next time", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            preview = self.query_one("#preview", Static)
            preview.update("Say your name, as the people you meet know you.")
            preview.add_class("-error")
            return
        self.dismiss(name)

    def action_later(self) -> None:
        self.dismiss(None)
