"""The live meeting's reminder of what the manager prepared for the current section (private: only on this screen)."""

from __future__ import annotations

from textual.widgets import Static

from meetingdesk.models import SectionRecord


class PrepNote(Static):
    """The current section's prep notes, shown above the notes while there are any."""

    DEFAULT_CSS = """
    PrepNote {
        height: auto;
        max-height: 6;
        padding: 0 1;
        border: round $accent 50%;
        border-title-color: $text-muted;
        color: $text-muted;
        display: none;
    }
    PrepNote.-shown {
        display: block;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Your prep · only you"

    def show(self, section: SectionRecord) -> None:
        """Show `section`'s prep notes, or hide while it has none."""
        text = section.prep_notes.strip()
        self.update(text)
        self.set_class(bool(text), "-shown")
