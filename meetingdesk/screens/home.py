"""The home screen: past meetings, newest first, a page at a time; search and filter by person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.worker import get_current_worker

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.desk import Desk
from meetingdesk.dialogs.person_picker import EVERYONE, PersonPicker
from meetingdesk.locations import styles_dir
from meetingdesk.names import same_name
from meetingdesk.storage.people_index import EvidenceHit
from meetingdesk.dates import format_date
from meetingdesk.storage.plans import SOON_DAYS
from meetingdesk.storage.rows import MeetingRow
from meetingdesk.storage.search import COUNT_UP_TO
from meetingdesk.storage.store import Store
from meetingdesk.widgets.key_bar import KeyBar
from meetingdesk.widgets.meeting_list import MeetingList

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from datetime import date

    from meetingdesk.models import Meeting
    from meetingdesk.storage.plans import CheckInDue

EMPTY_MESSAGE = (
    "No meetings yet.\n\n"
    "Press n to start one: pick an agenda, say who you are meeting, and the clock starts.\n"
    "From the shell: meetingdesk new --agenda career-discussion --with \"Dana Lee\"\n"
    "See every agenda with: meetingdesk agendas"
)

PAGE_SIZE = 100
"""Meetings added to the list at a time: the next page comes when the cursor reaches the end."""

class HomeScreen(Screen[None]):
    """Every meeting kept, newest first; enter or o opens one, / searches, p filters by person."""

    CSS_PATH = styles_dir() / "home.tcss"
    AUTO_FOCUS = "#meetings"
    BINDINGS = [
        Binding("n", "new_meeting", "New meeting", id="new_meeting", tooltip="Set up and start a new meeting"),
        Binding("r", "resume_meeting", "Resume meeting", id="resume_meeting", tooltip="Reopen the unfinished meeting where it stopped"),
        Binding("o", "open_meeting", "Open meeting", id="open_meeting", tooltip="Open the selected meeting"),
        Binding("slash", "search", "Search", id="search", tooltip="Find meetings by a word from notes, goals or actions"),
        Binding("p", "filter_person", "Filter by person", id="filter_person", tooltip="Show only one person's meetings"),
        Binding("w", "person_view", "Person view", id="person_view", tooltip="Everything agreed with the selected meeting's person"),
        Binding("a", "open_actions", "Open actions", id="open_actions", tooltip="Every open action across people, by deadline"),
        Binding("c", "check_ins", "Check-ins due", id="check_ins", tooltip="Who is due or overdue for a check-in"),
        Binding("t", "trash", "Trash", id="trash", tooltip="Meetings you deleted, to restore one"),
        Binding("l", "log_evidence", "Log evidence", id="log_evidence", tooltip="Note what someone did, when it happens"),
        Binding("P", "prepare_meeting", "Prepare meeting", id="prepare_meeting", tooltip="Plan a meeting for a day and write your prep"),
        Binding("m", "team", "Team", id="team", tooltip="Everyone: roles, aims, last and next meeting, overdue actions"),
        Binding("v", "evidence_found", "Evidence found", id="evidence_found", tooltip="The evidence entries the search found"),
        Binding("escape", "clear_filters", "Show all", id="clear_filters", tooltip="Clear the search and the person filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._has_more = False
        self._unfinished: MeetingRow | None = None
        self._any_meetings = False
        self._person: str | None = None
        self._searching = False
        self._query = ""
        """The search the list shows ("" for none): set when its results arrive."""
        self._matches = 0
        """How many meetings the shown search found."""
        self._evidence: list[EvidenceHit] = []
        """The evidence entries the shown search found."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="resume", markup=False)
        yield Static("", id="due", markup=False)
        yield Horizontal(id="reading")
        yield Static(EMPTY_MESSAGE, id="empty", markup=False)
        yield Input(placeholder="Search person, agenda, notes, goals, actions…", id="search", select_on_focus=False)
        yield Static("", id="filter-status", markup=False)
        meetings = MeetingList(id="meetings")
        yield meetings.header
        yield meetings
        yield KeyBar()

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    @property
    def store(self) -> Store:
        return self.desk.store

    def on_mount(self) -> None:
        self.refresh_meetings()
        # Let the first frame reach the terminal before looking at the meetings folder.
        self.call_after_refresh(self._check_files)

    @work(thread=True, exclusive=True, group="check-files")
    def _check_files(self) -> None:
        """Off the UI thread: read meeting files changed behind the index's back (all of them on a new cache)."""
        from meetingdesk.storage.files import StoreError

        app = self.app
        store = self.store
        if store.needs_reading:
            total = store.index.count_files()
            app.call_from_thread(self._reading, 0, total)
        try:
            changed = bool(store.check_files(lambda done, total: app.call_from_thread(self._reading, done, total)))
        except StoreError as error:
            app.call_from_thread(self.notify, str(error), title="Meetings not checked", severity="warning", markup=False)
            changed = False
        app.call_from_thread(self._checked, changed)

    def _reading(self, done: int, total: int) -> None:
        """Show how far reading every meeting into a new index has come, and what is listed so far."""
        reading = self.query_one("#reading")
        if not reading.children:
            # Made only when needed: most starts have nothing to read.
            from textual.widgets import ProgressBar

            reading.mount(Static("", id="reading-status", markup=False), ProgressBar(id="reading-progress", show_eta=False))
            reading.call_after_refresh(self._reading, done, total)
            return
        reading.display = total > 0
        self.query_one("#reading-status", Static).update(f"Reading {total:,} meetings into the index: {done:,} so far. ")
        self.query_one("#reading-progress").update(total=total, progress=done)
        if done:
            self.refresh_meetings()

    def _checked(self, changed: bool) -> None:
        self.query_one("#reading").display = False
        if changed:
            self.refresh_meetings()
        else:
            self._look_for_check_ins()
        # What the store merged, and files it had to move aside or refuse: say so here, where the manager looks.
        desk_app(self).tell_what_the_store_did()

    def on_meetings_changed(self, message: messages.MeetingsChanged) -> None:
        # A pull or a sync changed meeting files: list what is there now.
        self.refresh_meetings()

    def on_screen_resume(self) -> None:
        # A meeting may have changed while another screen was on top.
        if self.is_mounted:
            self.refresh_meetings()

    # --- the list ---

    def refresh_meetings(self) -> None:
        """Reload the list (a search runs again in a worker), keeping the cursor on the same meeting."""
        if self._query:
            self._search(self._query)
            return
        self._show_rows(self.store.rows(person=self._person, limit=PAGE_SIZE + 1))
        self._look_for_check_ins()

    @work(thread=True, group="check-ins")
    def _look_for_check_ins(self) -> None:
        """Off the UI thread: who is due for a check-in within a week, or overdue."""
        desk = self.desk
        today = desk.today()
        due = [found for found in desk.check_ins() if found.is_due(today, SOON_DAYS)]
        self.app.call_from_thread(self._show_check_ins, due, today)

    def _show_check_ins(self, due: list[CheckInDue], today: date) -> None:
        line = self.query_one("#due", Static)
        line.display = bool(due)
        named = [f"{found.person} ({found.phrase(today)})" for found in due[:4]]
        more = f" and {len(due) - 4} more" if len(due) > 4 else ""
        line.update(f"Check-ins due: {', '.join(named)}{more}. Press c for everyone's next check-in.")

    def _show_rows(self, fetched: list[MeetingRow]) -> None:
        meetings = self.query_one(MeetingList)
        self._unfinished = self.store.latest_unfinished()
        self._any_meetings = bool(fetched) or bool(self.store.rows(limit=1))
        self._has_more = len(fetched) > PAGE_SIZE
        meetings.show(fetched[:PAGE_SIZE], keep=self._selected_id())
        self.set_class(not self._any_meetings, "-empty")
        self._show_resume()
        self._show_status()
        if meetings.rows and not self.query_one("#search", Input).has_focus:
            meetings.focus()
        self.refresh_bindings()

    def _fetch(self, limit: int) -> list[MeetingRow]:
        """The first `limit` rows the list shows now (search results, one person's or all), newest first."""
        if self._query:
            return self.desk.search.meetings(self._query, self._person, limit)
        return self.store.rows(person=self._person, limit=limit)

    def _load_page(self) -> None:
        """Add the next page of meetings to the list."""
        meetings = self.query_one(MeetingList)
        shown = len(meetings.rows)
        fetched = self._fetch(shown + PAGE_SIZE + 1)
        self._has_more = len(fetched) > shown + PAGE_SIZE
        meetings.add(fetched[shown : shown + PAGE_SIZE])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "meetings" and self._has_more and event.option_index >= event.option_list.option_count - 1:
            self._load_page()

    def _show_resume(self) -> None:
        resume = self.query_one("#resume", Static)
        resume.display = self._unfinished is not None
        if self._unfinished is not None:
            when = self._unfinished.when.astimezone()
            resume.update(
                f"Unfinished: {self._unfinished.agenda_title} with {self._unfinished.person}, "
                f"started {format_date(when.date())} {when:%H:%M}. Press r to resume it where it stopped."
            )

    def _show_status(self) -> None:
        """Say what the list is showing when it is not every meeting."""
        status = self.query_one("#filter-status", Static)
        parts: list[str] = []
        if self._query:
            count = self._matches
            if count == 0:
                parts.append(f"No meeting mentions “{self._query}”.")
            elif count > COUNT_UP_TO:
                parts.append(f"More than {COUNT_UP_TO:,} meetings mention “{self._query}”.")
            else:
                parts.append(f"{count:,} meeting{' mentions' if count == 1 else 's mention'} “{self._query}”.")
        if self._query and self._evidence:
            found = len(self._evidence)
            entries = f"{found} evidence entr{'ies' if found != 1 else 'y'}"
            parts.append(f"{entries} too: v shows them from the list (enter goes there)." if self._matches else f"{entries}: enter shows them.")
        if self._person is not None:
            parts.append(f"Only meetings with {self._person}: p to change, escape to show everyone.")
        status.update(" ".join(parts))
        status.display = bool(parts)

    def _selected_id(self) -> str | None:
        row = self._selected_row()
        return row.id if row is not None else None

    def _selected_row(self) -> MeetingRow | None:
        # Bindings are checked while the screen is still being composed, before the list exists.
        meetings = next(self.query(MeetingList).results(), None)
        return meetings.selected_row if meetings is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_meeting", "person_view"):
            return self._selected_row() is not None
        if action == "resume_meeting":
            return self._unfinished is not None
        if action in ("search", "filter_person", "open_actions", "check_ins"):
            return self._any_meetings
        if action == "evidence_found":
            return bool(self._query and self._evidence)
        if action == "clear_filters":
            return self._person is not None or self._searching
        return True

    # --- search ---

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        self._searching = True
        self.set_class(True, "-searching")
        search.focus()
        self._show_status()
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        event.stop()
        query = " ".join(event.value.split())
        if not query:
            self.workers.cancel_group(self, "search")
            self._query = ""
            self.refresh_meetings()
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        """Ask the index off the UI thread; a newer key cancels this one, and its answer is dropped."""
        import sqlite3

        from meetingdesk.storage.files import StoreError

        worker = get_current_worker()
        search = self.desk.search
        try:
            rows = search.meetings(query, self._person, PAGE_SIZE + 1)
            count = search.count(query, self._person) if len(rows) > PAGE_SIZE else len(rows)
            evidence = [hit for hit in self.desk.team.search(query) if self._person is None or same_name(hit.person, self._person)]
        except (StoreError, sqlite3.Error) as error:  # the index went away underneath (a cleaned cache): rebuilt at the next look
            self.app.call_from_thread(
                self.notify, f"Search didn't run ({error}). Type again in a moment.", title="Search", severity="warning", markup=False
            )
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._found, worker, query, rows, count, evidence)

    def _found(self, worker, query: str, rows: list[MeetingRow], count: int, evidence: list[EvidenceHit]) -> None:
        if worker.is_cancelled:
            return
        self._query = query
        self._matches = count
        self._evidence = evidence
        self._show_rows(rows)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        event.stop()
        if self.query_one(MeetingList).rows:
            self.query_one(MeetingList).focus()
        elif self._query and self._evidence:
            self.action_evidence_found()  # only evidence mentions it: show that

    def _clear_search(self) -> None:
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self.workers.cancel_group(self, "search")
        self._query = ""
        self._searching = False
        self.set_class(False, "-searching")
        self.refresh_meetings()
        self.query_one(MeetingList).focus()

    def action_clear_filters(self) -> None:
        """Escape on the list: drop the search first, then the person filter."""
        if self._searching:
            self._clear_search()
        elif self._person is not None:
            self._person = None
            self.refresh_meetings()

    # --- filter by person ---

    def action_filter_person(self) -> None:
        self.app.push_screen(PersonPicker(self.store.people(), self._person), self._person_picked)

    def _person_picked(self, person: str | None) -> None:
        if person is None:
            return
        self._person = None if person == EVERYONE else person
        self.refresh_meetings()

    # --- other views ---

    def action_person_view(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        from meetingdesk.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(row.person))

    def action_log_evidence(self) -> None:
        row = self._selected_row()
        self.post_message(messages.LogEvidence(row.person if row is not None else ""))

    def action_evidence_found(self) -> None:
        from meetingdesk.screens.evidence_found import EvidenceFoundScreen

        self.app.push_screen(EvidenceFoundScreen(self._query, self._evidence))

    def action_prepare_meeting(self) -> None:
        row = self._selected_row()
        self.post_message(messages.PrepareMeeting(row.person if row is not None else ""))

    def action_team(self) -> None:
        self.post_message(messages.ShowTeam())

    def action_check_ins(self) -> None:
        from meetingdesk.screens.due import DueScreen

        self.app.push_screen(DueScreen())

    def action_trash(self) -> None:
        from meetingdesk.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    def action_open_actions(self) -> None:
        from meetingdesk.screens.open_actions import OpenActionsScreen

        self.app.push_screen(OpenActionsScreen())

    # --- meetings ---

    def action_new_meeting(self) -> None:
        from meetingdesk.screens.new_meeting import NewMeetingScreen

        self.app.push_screen(NewMeetingScreen(), self._started)

    def _started(self, meeting: Meeting | None) -> None:
        if meeting is not None:
            self.post_message(messages.MeetingStarted(meeting))

    def action_open_meeting(self) -> None:
        meeting_id = self._selected_id()
        if meeting_id is not None:
            self.post_message(messages.OpenMeeting(meeting_id))

    def action_resume_meeting(self) -> None:
        if self._unfinished is not None:
            self.post_message(messages.OpenMeeting(self._unfinished.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "meetings":
            event.stop()
            self.action_open_meeting()
