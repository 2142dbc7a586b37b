"""The prepare-meeting form: agenda, person, manager and the day it is planned for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Select

from meetingdesk.dates import QuickAddError, parse_deadline
from meetingdesk.errors import MeetingDeskError
from meetingdesk.models import Agenda, Meeting
from meetingdesk.screens.new_meeting import NewMeetingScreen


class PrepareMeetingScreen(NewMeetingScreen):
    """Plan a meeting for a day; dismisses with the planned Meeting (already saved), or None when cancelled."""

    FORM_TITLE = "Prepare meeting"
    GO = "Prepare meeting"
    BINDINGS = [Binding("ctrl+s", "start", "Prepare meeting", id="start", priority=True)]

    def __init__(self, person: str = "") -> None:
        super().__init__()
        self.person = person

    def extra_fields(self) -> ComposeResult:
        yield Label("On (default today)")
        yield Input(placeholder="friday, next week, 2026-12-01…", id="on")

    def first_field(self) -> Input:
        """The day when the person is known already, else the person."""
        self.query_one("#person", Input).value = self.person
        return self.query_one("#on" if self.person else "#person", Input)

    def _build(self) -> Meeting | None:
        person = " ".join(self.query_one("#person", Input).value.split())
        manager = " ".join(self.query_one("#manager", Input).value.split())
        agenda: Agenda = self.agendas[str(self.query_one("#agenda", Select).value)]
        if not person:
            return self._refuse("Say who you will meet.", "#person")
        if not manager:
            return self._refuse("Say who is running the meeting.", "#manager")
        typed = self.query_one("#on", Input).value.strip()
        try:
            on = parse_deadline(typed, self.desk.today(), self.desk.day_first()) if typed else None
        except QuickAddError as error:
            return self._refuse(str(error), "#on")
        try:
            return self.desk.prepare(agenda, person, manager, on, someone_new=self.is_someone_new(person))
        except MeetingDeskError as error:  # a name that fits several people or looks like one, a folder that can't be written
            return self.refuse_person(error, person)
