"""Edit a section's notes after the meeting: pick the section, change the shared or private text, save."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static, TextArea

from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.locations import styles_dir
from meetingdesk.models import SectionRecord


class NoteDialog(GuardsTyping, ModalScreen[dict[tuple[int, str], str] | None]):
    """Notes per section; dismisses with {(section index, "notes" or "private_notes"): new text} for what changed."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save notes", id="notes_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, sections: list[SectionRecord], start: int = 0, *, show_private: bool = True) -> None:
        super().__init__()
        self.sections = sections
        self.section = min(max(start, 0), len(sections) - 1)
        self.show_private = show_private
        """False while private notes are hidden (f2): their field is left out, and nothing in it changes."""
        self.edited: dict[tuple[int, str], str] = {}
        """Text typed so far per section and field, kept while the manager switches between sections."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Edit notes", classes="dialog-title")
            yield Static(
                "Shared notes go into the summary the person receives; private notes never do.",
                classes="dialog-help",
            )
            yield Select(
                [(section.title or f"Section {index + 1}", index) for index, section in enumerate(self.sections)],
                value=self.section,
                allow_blank=False,
                id="section",
            )
            yield Label("Shared notes")
            yield TextArea(self.sections[self.section].notes, id="note-text", soft_wrap=True)
            if self.show_private:
                yield Label("Private notes · only you")
                yield TextArea(self.sections[self.section].private_notes, id="private-text", soft_wrap=True)
            else:
                yield Label("Private notes are hidden: f2 shows them.", id="private-hidden")
            yield Static("ctrl+s saves · tab next field · escape cancels", classes="dialog-keys")

    def _editors(self) -> dict[str, TextArea]:
        editors = {"notes": self.query_one("#note-text", TextArea)}
        if self.show_private:
            editors["private_notes"] = self.query_one("#private-text", TextArea)
        return editors

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, int) or event.value == self.section:
            return
        self._keep_typed()
        self.section = event.value
        for field, editor in self._editors().items():
            editor.load_text(self.edited.get((self.section, field), getattr(self.sections[self.section], field)))

    def _keep_typed(self) -> None:
        for field, editor in self._editors().items():
            self.edited[(self.section, field)] = editor.text

    def action_save(self) -> None:
        self._keep_typed()
        self.dismiss(
            {(index, field): text for (index, field), text in self.edited.items() if text != getattr(self.sections[index], field)}
        )
