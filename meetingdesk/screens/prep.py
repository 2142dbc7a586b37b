"""The prep screen of a planned meeting: a prep-notes box per section, and beside it what to bring.

Prep notes are the manager's alone: saved with the meeting as they are typed, shown
again per section once the meeting runs, never in a summary, an agenda or an export
unless private notes are asked for. Copy agenda sends the plain-text agenda (no note
of any kind) to the clipboard; Start meeting runs it live.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.dates import format_date
from meetingdesk.desk import Desk
from meetingdesk.locations import exports_dir, styles_dir
from meetingdesk.models import Meeting
from meetingdesk.preparing import Brief
from meetingdesk.storage.autosave import AUTOSAVE_SECONDS, Autosave, SaveOutcome
from meetingdesk.timer import format_minutes
from meetingdesk.widgets.brief_panel import BriefPanel
from meetingdesk.widgets.key_bar import KeyBar


class PrepScreen(Screen[None]):
    """Prepare one planned meeting: notes per section on the left, the brief on the right."""

    CSS_PATH = styles_dir() / "prep.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Save the prep notes and return"),
        Binding("ctrl+s", "start_meeting", "Start meeting", id="start_planned", tooltip="Run this meeting now, prep notes beside the notes"),
        Binding("ctrl+t", "copy_agenda", "Copy agenda", id="copy_agenda", tooltip="Copy the agenda to send ahead: no notes of any kind"),
        Binding("ctrl+l", "log_evidence", "Log evidence", id="prep_log_evidence", tooltip="Note something they did"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.autosave: Autosave

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prep-body"):
            with VerticalScroll(id="prep-sections"):
                for index, section in enumerate(self.meeting.sections):
                    with Vertical(classes="prep-section"):
                        yield Static(f"{index + 1}. {section.title} · {format_minutes(section.planned_seconds)}", classes="prep-title", markup=False)
                        if section.prompts:
                            yield Static("\n".join(f"· {prompt}" for prompt in section.prompts), classes="prep-prompts", markup=False)
                        notes = TextArea(section.prep_notes, id=f"prep-{index}", soft_wrap=True, classes="prep-notes")
                        notes.border_title = "Prep notes · only you"
                        yield notes
            yield BriefPanel(id="brief")
        yield KeyBar()

    def on_mount(self) -> None:
        meeting = self.meeting
        when = format_date(meeting.planned_for) if meeting.planned_for else "no day set"
        self.title = f"Prepare: {meeting.agenda_title} with {meeting.person} · {when}"
        self.autosave = Autosave(self.desk.store, self.desk.clock)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self.query_one("#prep-0", TextArea).focus()
        self._load_brief()

    def on_screen_resume(self) -> None:
        self._load_brief()

    def on_evidence_changed(self, event: messages.EvidenceChanged) -> None:
        self._load_brief()

    @work(thread=True, exclusive=True, group="brief")
    def _load_brief(self) -> None:
        """Gather the brief off the UI thread, then show it."""
        brief = self.desk.brief(self.meeting.person)
        self.app.call_from_thread(self._show_brief, brief)

    def _show_brief(self, brief: Brief) -> None:
        self.query_one(BriefPanel).show(brief, self.desk.today())
        for problem in brief.problems:
            self.notify(problem, title="Not everything could be read", severity="warning", markup=False)

    # --- prep notes ---

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area_id = event.text_area.id or ""
        if area_id.startswith("prep-"):
            section = self.meeting.sections[int(area_id.removeprefix("prep-"))]
            if section.prep_notes != event.text_area.text:
                section.prep_notes = event.text_area.text
                self.autosave.changed()

    def _autosave(self) -> None:
        if self.autosave.due(False):
            self.autosave.offer(self.meeting.model_copy(deep=True))
            self._save_in_background()

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:
        outcome = self.autosave.write()
        if outcome is not None:
            self.app.call_from_thread(self._saved, outcome)

    def save_now(self) -> bool:
        """Write the prep notes on this thread; False (and a notification) when they could not be saved."""
        self.autosave.offer(self.meeting.model_copy(deep=True))
        outcome = self.autosave.write()
        if outcome is not None:
            self._saved(outcome)
        return not self.autosave.unsaved

    def _saved(self, outcome: SaveOutcome) -> None:
        if outcome == "failed":
            self.notify(f"{self.autosave.problem} MeetingDesk retries every second.", title="Not saved", severity="error", markup=False)
        elif outcome == "saved again":
            self.notify("Saved again: nothing was lost.", title="Saved", markup=False)

    # --- commands ---

    def action_back(self) -> None:
        if self.save_now():
            self.app.pop_screen()

    def action_start_meeting(self) -> None:
        if not self.save_now():
            return
        started = self.desk.start_planned(self.meeting)
        self.app.pop_screen()
        self.app.post_message(messages.MeetingStarted(started))

    def action_log_evidence(self) -> None:
        self.post_message(messages.LogEvidence(self.meeting.person))

    def action_copy_agenda(self) -> None:
        self.notify("Copying the agenda…", timeout=2, markup=False)
        self._copy(self.desk.agenda_for(self.meeting))

    @work(thread=True, exclusive=True, group="copy")
    def _copy(self, text: str) -> None:
        from meetingdesk.clipboard import copy_text
        from meetingdesk.summary import agenda_filename

        app = self.app
        path = exports_dir(self.desk.store.root) / agenda_filename(self.meeting)
        result = copy_text(text, path, lambda copied: app.call_from_thread(app.copy_to_clipboard, copied))
        severity = "information" if result.file is not None else "warning"
        app.call_from_thread(app.notify, result.message("Agenda"), title="Copy agenda", severity=severity, timeout=12, markup=False)
