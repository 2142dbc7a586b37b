"""Email wording: the opening and closing the summary email is wrapped in, kept in settings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.email_draft import (
    BLANKS,
    DEFAULT_CLOSING,
    DEFAULT_OPENING,
    EmailWording,
)
from meetingdesk.locations import styles_dir


class EmailWordingDialog(GuardsTyping, ModalScreen[EmailWording | None]):
    """Two boxes; ctrl+s or Save keeps them, Defaults puts back MeetingDesk's own words."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+s", "save", "Save", id="save_wording"),
    ]

    def __init__(self, wording: EmailWording) -> None:
        super().__init__()
        self.wording = wording

    def compose(self) -> ComposeResult:
        blanks = ", ".join(f"{{{blank}}}" for blank in BLANKS)
        with Vertical(classes="dialog"):
            yield Static("Email opening and closing", classes="dialog-title")
            yield Static(f"These wrap every summary email. {blanks} are filled in from the meeting.", classes="dialog-help", markup=False)
            yield Label("Opening")
            yield TextArea(self.wording.opening, id="opening", soft_wrap=True)
            yield Label("Closing")
            yield TextArea(self.wording.closing, id="closing", soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Defaults", id="defaults")
                yield Button("Save", variant="primary", id="save")
            yield Static("ctrl+s saves · tab next field · escape cancels", classes="dialog-keys")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "defaults":
            self.query_one("#opening", TextArea).load_text(DEFAULT_OPENING)
            self.query_one("#closing", TextArea).load_text(DEFAULT_CLOSING)
        else:
            self.action_save()

    def action_save(self) -> None:
        self.dismiss(EmailWording(self.query_one("#opening", TextArea).text, self.query_one("#closing", TextArea).text))
