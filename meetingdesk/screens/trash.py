"""The trash: deleted meetings, newest deletion first, each one restorable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.locations import styles_dir
from meetingdesk.quickadd import format_date
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.store import Store
from meetingdesk.storage.trash import TrashedMeeting, trashed
from meetingdesk.widgets.key_bar import KeyBar


class TrashScreen(Screen[None]):
    """Lists the meetings in the trash; enter or r brings the highlighted one back."""

    CSS_PATH = styles_dir() / "trash.tcss"
    BINDINGS = [
        Binding("r", "restore", "Restore meeting", id="restore_meeting", tooltip="Put the highlighted meeting back in the list"),
        Binding("e", "empty_trash", "Empty trash", id="empty_trash", tooltip="Delete every meeting in the trash for good, after you confirm"),
        Binding("escape", "home", "Meetings", id="home", tooltip="Back to the list of meetings"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[TrashedMeeting] = []

    @property
    def store(self) -> Store:
        return desk_app(self).store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Deleted meetings wait here, in the trash folder inside the data folder, until you restore them or empty the trash.",
            id="trash-help",
            markup=False,
        )
        yield DataTable(id="trashed", cursor_type="row", zebra_stripes=True)
        yield Static("The trash is empty.", id="trash-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Trash"
        self.query_one("#trashed", DataTable).add_columns("Person", "Agenda", "Meeting on", "Deleted")
        self._show()

    def _show(self) -> None:
        try:
            self.entries = trashed(self.store.root)
        except StoreError as error:
            self.entries = []
            self.notify(str(error), title="Trash", severity="error", markup=False)
        table = self.query_one("#trashed", DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.entries:
            deleted = entry.trashed_at.astimezone()
            table.add_row(
                entry.person,
                entry.agenda_title,
                format_date(entry.when.astimezone().date()),
                f"{format_date(deleted.date())} {deleted:%H:%M}",
            )
        table.display = bool(self.entries)
        self.query_one("#trash-empty").display = not self.entries
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))
            table.focus()
        self.refresh_bindings()

    def on_meetings_changed(self, message: messages.MeetingsChanged) -> None:
        # A sync may have moved a meeting into or out of the trash.
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("restore", "empty_trash"):
            return bool(self.entries) or None
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        from meetingdesk.storage.trash import restore

        table = self.query_one("#trashed", DataTable)
        if not self.entries:
            return
        entry = self.entries[min(table.cursor_row, len(self.entries) - 1)]
        try:
            meeting = restore(self.store, entry.id)
        except StoreError as error:
            self.notify(str(error), title="Can't restore this meeting", severity="error", timeout=12, markup=False)
            return
        self.notify(
            f"The meeting with {meeting.person} is back in the list of meetings.",
            title="Restore meeting",
            markup=False,
        )
        self._show()

    def action_empty_trash(self) -> None:
        from meetingdesk.dialogs.confirm import ConfirmDialog

        count = len(self.entries)
        meetings = "the meeting" if count == 1 else f"all {count} meetings"
        question = f"Delete {meetings} in the trash for good? {'It' if count == 1 else 'They'} can't be restored afterwards."
        self.app.push_screen(ConfirmDialog("Empty trash", question, yes="Delete for good"), self._empty_confirmed)

    def _empty_confirmed(self, yes: bool | None) -> None:
        from meetingdesk.storage.trash import empty_trash

        if not yes:
            return
        try:
            removed = empty_trash(self.store)
        except StoreError as error:
            self.notify(str(error), title="Empty trash", severity="error", timeout=12, markup=False)
        else:
            self.notify(f"Deleted {removed} meeting{'s' if removed != 1 else ''} for good.", title="Empty trash", markup=False)
        self._show()

    def action_home(self) -> None:
        self.post_message(messages.ShowHome())
