"""Edit a section's shared notes after the meeting: pick the section, change the text, save."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Select, Static, TextArea

from meetingdesk.locations import styles_dir
from meetingdesk.models import SectionRecord


class NoteDialog(ModalScreen[dict[int, str] | None]):
    """Shared notes per section; dismisses with {section index: new notes} for the sections changed."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save notes", id="notes_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, sections: list[SectionRecord], start: int = 0) -> None:
        super().__init__()
        self.sections = sections
        self.section = min(max(start, 0), len(sections) - 1)
        self.edited: dict[int, str] = {}
        """Text typed so far per section, kept while the manager switches between sections."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Edit notes", classes="dialog-title")
            yield Static(
                "Shared notes go into the summary the person receives. Private notes are not shown here.",
                classes="dialog-help",
            )
            yield Select(
                [(section.title or f"Section {index + 1}", index) for index, section in enumerate(self.sections)],
                value=self.section,
                allow_blank=False,
                id="section",
            )
            yield TextArea(self.sections[self.section].notes, id="note-text", soft_wrap=True)
            yield Static("ctrl+s saves · tab next field · escape cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, int) or event.value == self.section:
            return
        self._keep_typed()
        self.section = event.value
        text = self.edited.get(self.section, self.sections[self.section].notes)
        self.query_one("#note-text", TextArea).load_text(text)

    def _keep_typed(self) -> None:
        self.edited[self.section] = self.query_one("#note-text", TextArea).text

    def action_save(self) -> None:
        self._keep_typed()
        changed = {index: text for index, text in self.edited.items() if text != self.sections[index].notes}
        self.dismiss(changed)

    def action_cancel(self) -> None:
        self.dismiss(None)
