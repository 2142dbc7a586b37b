"""The new-meeting form: agenda, person, manager and, optionally, the total length."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from meetingdesk.agendas import load_agendas
from meetingdesk.app import desk_app
from meetingdesk.desk import Desk
from meetingdesk.errors import MeetingDeskError
from meetingdesk.locations import styles_dir, user_agendas_dir
from meetingdesk.models import MAX_MEETING_MINUTES, Agenda, Meeting
from meetingdesk.names import name_key
from meetingdesk.people import UnknownPerson


class NewMeetingScreen(ModalScreen[Meeting | None]):
    """Set up a meeting; dismisses with the new Meeting, or None when cancelled."""

    FORM_TITLE = "New meeting"
    """The form's heading."""
    GO = "Start meeting"
    """What the main button says."""

    CSS_PATH = styles_dir() / "new_meeting.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+s", "start", "Start meeting", id="start", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.agendas: dict[str, Agenda] = {}
        self._someone_new = ""
        """The name (its key) the manager confirmed is someone new, not a typo of someone known."""

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    def compose(self) -> ComposeResult:
        self.agendas, self.agenda_problems = load_agendas(user_agendas_dir(self.desk.store.root))
        options = [
            (Content(f"{agenda.title} ({agenda.total_minutes} min)"), name) for name, agenda in self.agendas.items()
        ]
        with Vertical(id="form"):
            yield Static(self.FORM_TITLE, id="form-title")
            yield Label("Agenda")
            yield Select(options, id="agenda", allow_blank=False, value=self._default_agenda())
            yield Label("With")
            yield Input(
                placeholder="Who are you meeting? e.g. Dana Lee",
                id="person",
                suggester=SuggestFromList(self.desk.team.known(), case_sensitive=False),
            )
            yield Label("Manager")
            yield Input(self.desk.default_manager(), placeholder="Your name", id="manager")
            yield from self.extra_fields()
            yield Static("", id="form-error", markup=False)
            if self.agenda_problems:
                yield Static("\n".join(str(problem) for problem in self.agenda_problems), id="agenda-problems", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(self.GO, variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def extra_fields(self) -> ComposeResult:
        """The fields after the manager's name: here the total length."""
        yield Label("Total minutes (optional: scales every time box)")
        yield Input(placeholder="as the agenda plans", id="minutes", type="integer")

    def _default_agenda(self) -> str:
        return "performance-review" if "performance-review" in self.agendas else next(iter(self.agendas))

    def on_mount(self) -> None:
        self.first_field().focus()

    def first_field(self) -> Input:
        """The field the cursor starts in."""
        return self.query_one("#person", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_start(self) -> None:
        meeting = self._build()
        if meeting is not None:
            self.dismiss(meeting)

    def _build(self) -> Meeting | None:
        person = " ".join(self.query_one("#person", Input).value.split())
        manager = " ".join(self.query_one("#manager", Input).value.split())
        minutes_text = self.query_one("#minutes", Input).value.strip()
        agenda: Agenda = self.agendas[str(self.query_one("#agenda", Select).value)]
        if not person:
            return self._refuse("Say who you are meeting.", "#person")
        if not manager:
            return self._refuse("Say who is running the meeting.", "#manager")
        minutes = None
        if minutes_text:
            if not minutes_text.isdigit() or not 0 < int(minutes_text) <= MAX_MEETING_MINUTES:
                return self._refuse(f"Total minutes must be a whole number from 1 to {MAX_MEETING_MINUTES}.", "#minutes")
            minutes = int(minutes_text)
            if minutes < len(agenda.sections):
                return self._refuse(
                    f"{agenda.title} has {len(agenda.sections)} sections: give it at least {len(agenda.sections)} minutes.",
                    "#minutes",
                )
        try:
            return self.desk.new_meeting(agenda, person, manager, minutes, someone_new=self.is_someone_new(person))
        except MeetingDeskError as error:  # a name that fits several people met before, or looks like one
            return self.refuse_person(error, person)

    def is_someone_new(self, person: str) -> bool:
        """True once the manager pressed the button again on a name that looked like someone known."""
        return self._someone_new == name_key(person)

    def refuse_person(self, error: MeetingDeskError, person: str) -> None:
        """Say why `person` can't be met yet; a likely typo can be confirmed as someone new by pressing again."""
        sentence = str(error)
        if isinstance(error, UnknownPerson):
            self._someone_new = name_key(person)
            sentence += f" If “{person}” is someone new, press {self.GO} again."
        return self._refuse(sentence, "#person")

    def _refuse(self, sentence: str, focus: str) -> None:
        self.query_one("#form-error", Static).update(sentence)
        self.query_one(focus).focus()
        return None
