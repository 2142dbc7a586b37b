"""Log evidence about a person's work, or edit an entry: who, what happened, its theme and its day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from meetingdesk.dates import QuickAddError, format_date, parse_past_day
from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.errors import MeetingDeskError
from meetingdesk.locations import styles_dir
from meetingdesk.people import THEMES, Entry, parse_theme, theme_label


@dataclass(frozen=True)
class EvidenceDraft:
    """What the dialog read, checked: the person as typed, the text, the theme and the day."""

    person: str
    """The name typed (the caller matches it to a known person)."""
    text: str
    """What happened."""
    theme: str
    """One of THEMES, or "" for none."""
    day: date
    """The day it happened."""


class EvidenceDialog(GuardsTyping, ModalScreen[EvidenceDraft | None]):
    """Four fields; the person and the text are required. Enter in any field saves.

    `person` fills the first field (a person view, a live meeting); `entry` fills all
    of them to edit it. `check_person` says whom a typed name means, or raises with the
    sentence to show.
    """

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self, today: date, people: list[str], check_person, person: str = "", entry: Entry | None = None, day_first: bool = True
    ) -> None:
        super().__init__()
        self.today = today
        self.day_first = day_first
        self.people = people
        self.check_person = check_person
        self.person = person
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(classes="dialog"):
            yield Static("Edit evidence" if entry else "Log evidence", classes="dialog-title")
            yield Label("About")
            yield Input(
                self.person,
                placeholder="Dana Lee (first or last name is enough)",
                id="person",
                suggester=SuggestFromList(self.people, case_sensitive=False),
                disabled=entry is not None,
            )
            yield Label("What happened")
            yield Input(entry.text if entry else "", placeholder="Led the incident review; the fix shipped in a day", id="text", select_on_focus=False)
            yield Label(f"Theme (optional): {', '.join(THEMES)}; the first letters are enough")
            yield Input(entry.theme if entry else "", placeholder="impact", id="theme", select_on_focus=False)
            yield Label("When (optional)")
            yield Input(entry.day.isoformat() if entry else "", placeholder="today, yesterday, 3 days ago, 2026-03-15…", id="day", select_on_focus=False)
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · tab next field · escape cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#text" if self.person or self.entry else "#person", Input).focus()
        self._preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("theme", "day"):
            self._preview()

    def _read(self) -> tuple[str, date]:
        """The theme and day typed; MeetingDeskError says what is wrong with either."""
        theme = parse_theme(self.query_one("#theme", Input).value, asked_as="")
        typed = self.query_one("#day", Input).value.strip()
        try:
            day = parse_past_day(typed, self.today, self.day_first) if typed else self.today
        except QuickAddError as error:
            raise MeetingDeskError(str(error)) from None
        return theme, day

    def _preview(self) -> bool:
        """Show what the theme and day resolve to; False (and the reason) when one can't be used."""
        preview = self.query_one("#preview", Static)
        try:
            theme, day = self._read()
        except MeetingDeskError as error:
            preview.update(str(error))
            preview.add_class("-error")
            return False
        preview.remove_class("-error")
        preview.update(f"{theme_label(theme)} · {format_date(day)}")
        return True

    def _refuse(self, sentence: str, field: str) -> None:
        preview = self.query_one("#preview", Static)
        preview.update(sentence)
        preview.add_class("-error")
        self.query_one(field, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = " ".join(self.query_one("#person", Input).value.split())
        text = " ".join(self.query_one("#text", Input).value.split())
        if not typed:
            return self._refuse("Say whose work this is about.", "#person")
        try:
            person = self.check_person(typed) if self.entry is None else typed
        except MeetingDeskError as error:
            return self._refuse(str(error), "#person")
        if not text:
            return self._refuse("Say what happened: the entry is empty.", "#text")
        if not self._preview():
            try:
                parse_theme(self.query_one("#theme", Input).value, asked_as="")
            except MeetingDeskError:
                return self.query_one("#theme", Input).focus()
            return self.query_one("#day", Input).focus()
        theme, day = self._read()
        self.dismiss(EvidenceDraft(person=person, text=text, theme=theme, day=day))

