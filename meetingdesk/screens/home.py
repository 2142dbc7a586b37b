"""The home screen: past meetings, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from meetingdesk.widgets.key_bar import KeyBar
from meetingdesk import messages
from meetingdesk.locations import styles_dir
from meetingdesk.store import MeetingRow, Store

EMPTY_MESSAGE = (
    "No meetings yet.\n\n"
    "Press n to start one: pick an agenda, say who you are meeting, and the clock starts.\n"
    "From the shell: meetingdesk new --agenda career-discussion --with \"Dana Lee\"\n"
    "See every agenda with: meetingdesk agendas"
)


class HomeScreen(Screen[None]):
    """Every meeting kept, newest first; enter or o opens one."""

    CSS_PATH = styles_dir() / "home.tcss"
    BINDINGS = [
        Binding("n", "new_meeting", "New meeting", id="new_meeting", tooltip="Set up and start a new meeting"),
        Binding("r", "resume_meeting", "Resume meeting", id="resume_meeting", tooltip="Reopen the unfinished meeting where it stopped"),
        Binding("o", "open_meeting", "Open meeting", id="open_meeting", tooltip="Open the selected meeting"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._rows: list[MeetingRow] = []
        self._unfinished: MeetingRow | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="resume", markup=False)
        yield Static(EMPTY_MESSAGE, id="empty", markup=False)
        table: DataTable[Text | str] = DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        table.add_column("With", key="person")
        table.add_column("Agenda", key="agenda")
        table.add_column("Date", key="date")
        table.add_column("Status", key="status")
        table.add_column("Open actions", key="open")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_meetings()

    def refresh_meetings(self) -> None:
        """Reload the list from the store, keeping the cursor on the same meeting."""
        table = self.query_one("#meetings", DataTable)
        selected = self._selected_id()
        self._rows = self.store.rows()
        table.clear()
        for row in self._rows:
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
        self.set_class(not self._rows, "-empty")
        self._unfinished = next((row for row in self._rows if row.status == "live"), None)
        resume = self.query_one("#resume", Static)
        resume.display = self._unfinished is not None
        if self._unfinished is not None:
            when = self._unfinished.when.astimezone()
            resume.update(
                f"Unfinished: {self._unfinished.agenda_title} with {self._unfinished.person}, "
                f"started {when:%a %d %b %H:%M}. Press r to resume it where it stopped."
            )
        if selected is not None and selected in {row.id for row in self._rows}:
            table.move_cursor(row=table.get_row_index(selected))
        if self._rows:
            table.focus()
        self.refresh_bindings()

    def _selected_id(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if not self._rows or table.cursor_row < 0 or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row].id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_meeting":
            return bool(self._rows)
        if action == "resume_meeting":
            return self._unfinished is not None
        return True

    def action_new_meeting(self) -> None:
        from meetingdesk.screens.new_meeting import NewMeetingScreen

        self.app.push_screen(NewMeetingScreen(self.store), self._started)

    def _started(self, meeting: object) -> None:
        if meeting is not None:
            self.post_message(messages.MeetingStarted(meeting))  # type: ignore[arg-type]

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
