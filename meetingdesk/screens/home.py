"""The home screen: past meetings, newest first, a page at a time; search and filter by person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.desk import Desk
from meetingdesk.dialogs.person_picker import EVERYONE, PersonPicker
from meetingdesk.locations import styles_dir
from meetingdesk.storage.rows import MeetingRow
from meetingdesk.storage.search import SearchIndex
from meetingdesk.storage.store import Store
from meetingdesk.widgets.key_bar import KeyBar

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from meetingdesk.models import Meeting

EMPTY_MESSAGE = (
    "No meetings yet.\n\n"
    "Press n to start one: pick an agenda, say who you are meeting, and the clock starts.\n"
    "From the shell: meetingdesk new --agenda career-discussion --with \"Dana Lee\"\n"
    "See every agenda with: meetingdesk agendas"
)

PAGE_SIZE = 100
"""Rows added to the table at a time: the next page comes when the cursor reaches the end."""

class HomeScreen(Screen[None]):
    """Every meeting kept, newest first; enter or o opens one, / searches, p filters by person."""

    CSS_PATH = styles_dir() / "home.tcss"
    AUTO_FOCUS = "#meetings"
    BINDINGS = [
        Binding("n", "new_meeting", "New meeting", id="new_meeting", tooltip="Set up and start a new meeting"),
        Binding("r", "resume_meeting", "Resume meeting", id="resume_meeting", tooltip="Reopen the unfinished meeting where it stopped"),
        Binding("o", "open_meeting", "Open meeting", id="open_meeting", tooltip="Open the selected meeting"),
        Binding("slash", "search", "Search", id="search", tooltip="Find meetings by a word from notes, priorities or actions"),
        Binding("p", "filter_person", "Filter by person", id="filter_person", tooltip="Show only one person's meetings"),
        Binding("w", "person_view", "Person view", id="person_view", tooltip="Everything agreed with the selected meeting's person"),
        Binding("a", "open_actions", "Open actions", id="open_actions", tooltip="Every open action across people, by deadline"),
        Binding("t", "trash", "Trash", id="trash", tooltip="Meetings you deleted, to restore one"),
        Binding("escape", "clear_filters", "Show all", id="clear_filters", tooltip="Clear the search and the person filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index: SearchIndex
        """Built in a thread the first time search or a view needs it."""
        self._rows: list[MeetingRow] = []
        self._has_more = False
        self._unfinished: MeetingRow | None = None
        self._any_meetings = False
        self._person: str | None = None
        self._searching = False
        self._query = ""
        self._matches: list[str] | None = None

    def compose(self) -> ComposeResult:
        self.index = SearchIndex(self.store.root)
        yield Header()
        yield Static("", id="resume", markup=False)
        yield Static(EMPTY_MESSAGE, id="empty", markup=False)
        yield Input(placeholder="Search person, agenda, notes, priorities, actions…", id="search", select_on_focus=False)
        yield Static("", id="filter-status", markup=False)
        table: DataTable[Text | str] = DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        table.add_column("With", key="person")
        table.add_column("Agenda", key="agenda")
        table.add_column("Date", key="date")
        table.add_column("Status", key="status")
        table.add_column("Open actions", key="open")
        yield table
        yield KeyBar()

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    @property
    def store(self) -> Store:
        return self.desk.store

    def on_mount(self) -> None:
        self.refresh_meetings()
        # Let the first frame reach the terminal before looking at every file.
        self.set_timer(0.1, self._check_files)

    def _check_files(self) -> None:
        """After the first frame: pick up meeting files changed behind the store's back, and report bad ones."""
        from meetingdesk.storage.files import StoreError

        try:
            if self.store.check_files():
                self.refresh_meetings()
        except StoreError as error:
            self.notify(str(error), title="Meetings not checked", severity="warning", markup=False)
        # Files the store had to move aside or refuse: say so here, where the manager looks.
        for problem in self.store.problems:
            self.notify(problem, title="A meeting file can't be read", severity="warning", timeout=30, markup=False)

    def on_screen_resume(self) -> None:
        # A meeting may have changed while another screen was on top.
        if self.index.ready:
            self._index_meetings()

    # --- the list ---

    def refresh_meetings(self) -> None:
        """Reload the list from the store, keeping the cursor on the same meeting when it is still shown."""
        table = self.query_one("#meetings", DataTable)
        selected = self._selected_id()
        self._unfinished = self.store.latest_unfinished()
        self._any_meetings = bool(self.store.rows(limit=1))
        table.clear()
        self._rows = []
        self._load_page(at_least=PAGE_SIZE)
        if selected is not None:
            position = next((number for number, row in enumerate(self._rows) if row.id == selected), None)
            if position is None and self._has_more and self._matches is None:
                # The selected meeting may be further down: load pages until it shows, as before a refresh.
                wanted = [row.id for row in self._source(None)]
                if selected in wanted:
                    self._load_page(at_least=wanted.index(selected) + PAGE_SIZE)
                    position = wanted.index(selected)
            if position is not None:
                table.move_cursor(row=position)
        self.set_class(not self._any_meetings, "-empty")
        self._show_resume()
        self._show_status()
        if self._rows and not self.query_one("#search", Input).has_focus:
            table.focus()
        self.refresh_bindings()

    def _source(self, limit: int | None) -> list[MeetingRow]:
        """The rows the list shows now (search results or one person's or all), newest first."""
        if self._matches is not None:
            rows = self.store.rows(person=self._person)
            by_id = {row.id: row for row in rows}
            found = [by_id[meeting_id] for meeting_id in self._matches if meeting_id in by_id]
            return found if limit is None else found[:limit]
        return self.store.rows(person=self._person, limit=limit)

    def _load_page(self, at_least: int | None = None) -> None:
        """Append the next page of rows to the table (or enough pages to hold `at_least` rows)."""
        table = self.query_one("#meetings", DataTable)
        limit = max(at_least or 0, len(self._rows) + PAGE_SIZE)
        fetched = self._source(limit + 1)
        self._has_more = len(fetched) > limit
        for row in fetched[len(self._rows) : limit]:
            when = row.when.astimezone()
            status = Text("live", style="bold") if row.status == "live" else Text("ended", style="dim")
            table.add_row(
                Text(row.person),
                Text(row.agenda_title),
                f"{when:%a %d %b %Y %H:%M}",
                status,
                str(row.open_actions) if row.open_actions else "–",
                key=row.id,
            )
            self._rows.append(row)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self._has_more and event.cursor_row >= len(self._rows) - 1:
            self._load_page()

    def _show_resume(self) -> None:
        resume = self.query_one("#resume", Static)
        resume.display = self._unfinished is not None
        if self._unfinished is not None:
            when = self._unfinished.when.astimezone()
            resume.update(
                f"Unfinished: {self._unfinished.agenda_title} with {self._unfinished.person}, "
                f"started {when:%a %d %b %H:%M}. Press r to resume it where it stopped."
            )

    def _show_status(self) -> None:
        """Say what the list is showing when it is not every meeting."""
        status = self.query_one("#filter-status", Static)
        parts: list[str] = []
        if self._searching and not self.index.ready:
            parts.append(f"Indexing {self.index.count_files():,} meetings…")
        elif self._matches is not None:
            count = len(self._rows) if not self._has_more else len(self._source(None))
            if count == 0:
                parts.append(f"No meeting mentions “{self._query.strip()}”.")
            else:
                parts.append(f"{count:,} meeting{'s' if count != 1 else ''} mention “{self._query.strip()}”.")
        if self._person is not None:
            parts.append(f"Only meetings with {self._person}: p to change, escape to show everyone.")
        status.update(" ".join(parts))
        status.display = bool(parts)

    def _selected_id(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if not self._rows or table.cursor_row < 0 or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row].id

    def _selected_row(self) -> MeetingRow | None:
        selected = self._selected_id()
        return next((row for row in self._rows if row.id == selected), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_meeting", "person_view"):
            return bool(self._rows)
        if action == "resume_meeting":
            return self._unfinished is not None
        if action in ("search", "filter_person", "open_actions"):
            return self._any_meetings
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
        if not self.index.ready:
            self._index_meetings()

    @work(thread=True, exclusive=True, group="search-index")
    def _index_meetings(self) -> None:
        """Build or refresh the search index off the UI thread, then rerun the search."""
        self.index.refresh()
        self.app.call_from_thread(self._index_ready)

    def _index_ready(self) -> None:
        if self._query.strip():
            self._run_search()
        else:
            self._show_status()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        event.stop()
        self._query = event.value
        self._run_search()

    def _run_search(self) -> None:
        query = self._query.strip()
        # Until the index is ready the list stays whole and the status line says why.
        self._matches = self.index.search(query) if query and self.index.ready else None
        self.refresh_meetings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        event.stop()
        if self._rows:
            self.query_one("#meetings", DataTable).focus()

    def _clear_search(self) -> None:
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self._query = ""
        self._matches = None
        self._searching = False
        self.set_class(False, "-searching")
        self.refresh_meetings()
        self.query_one("#meetings", DataTable).focus()

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

        self.app.push_screen(PersonScreen(self.index, row.person))

    def action_trash(self) -> None:
        from meetingdesk.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    def action_open_actions(self) -> None:
        from meetingdesk.screens.open_actions import OpenActionsScreen

        self.app.push_screen(OpenActionsScreen(self.index))

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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()
