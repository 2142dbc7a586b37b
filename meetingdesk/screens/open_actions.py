"""Every open action across people, by deadline, overdue ones marked; filter by owner."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.locations import styles_dir
from meetingdesk.names import name_key, same_name
from meetingdesk.dates import format_date
from meetingdesk.storage.search import ActionRow
from meetingdesk.widgets.key_bar import KeyBar


COLUMNS = (("Due", "due"), ("Action", "action"), ("Owner", "owner"), ("With", "person"), ("Age", "age"))
"""Each column's heading and key, left to right."""
NAME_WIDTH = 16
"""The widest an owner or a person column grows; longer names wrap."""
ACTION_WIDTH = 16
"""The narrowest the action column gets; its text wraps onto more lines."""


def fit_widths(rows: list[list[Text]], width: int) -> list[int]:
    """Column widths that fit `width` cells: every heading whole, names and the action wrapping when short of room."""
    natural = [
        max([len(heading), *(max(cell_len(line) for line in row[column].plain.split("\n")) for row in rows)])
        for column, (heading, _key) in enumerate(COLUMNS)
    ]
    widths = [natural[0], 0, min(natural[2], NAME_WIDTH), min(natural[3], NAME_WIDTH), natural[4]]
    padding = 2 * len(COLUMNS) + 2  # a cell's padding either side, and the scroll bar
    widths[1] = max(ACTION_WIDTH, min(natural[1], width - padding - sum(widths)))
    return widths


class OpenActionsScreen(Screen[None]):
    """Open actions sorted by deadline (none last); f cycles owners; enter opens the meeting holding one."""

    CSS_PATH = styles_dir() / "open_actions.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Return to the list of meetings"),
        Binding("f", "next_owner", "Filter by owner", id="filter_owner", tooltip="Show one owner's actions; press again for the next owner"),
        Binding("o", "open_meeting", "Open meeting", id="open_meeting", tooltip="Open the meeting that holds the selected action"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.owner: str | None = None
        """Whose actions are shown; None shows everyone's."""
        self._owners: list[str] = []
        self._all: list[ActionRow] = []
        self._actions: list[ActionRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="actions-status", markup=False)
        yield DataTable(id="open-actions", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Open actions"
        self.query_one("#open-actions", DataTable).focus()
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    def on_resize(self) -> None:
        if self._all:
            self._show()

    @work(thread=True, exclusive=True, group="open-actions")
    def _load(self) -> None:
        """Ask the index off the UI thread, then list its open actions."""
        search = desk_app(self).desk.search
        owners = search.owners()
        actions = search.actions()
        self.app.call_from_thread(self._loaded, owners, actions)

    def _loaded(self, owners: list[str], actions: list[ActionRow]) -> None:
        manager = desk_app(self).store.last_manager()
        # The manager comes first, so their own promises are one key press away.
        if manager and name_key(manager) not in {name_key(owner) for owner in owners}:
            owners = [manager, *owners]
        elif manager:
            owners = [owner for owner in owners if same_name(owner, manager)] + [
                owner for owner in owners if not same_name(owner, manager)
            ]
        self._owners = owners
        self._all = actions
        self._show()

    def _show(self) -> None:
        today = desk_app(self).desk.today()
        self._actions = [action for action in self._all if self.owner is None or same_name(action.owner, self.owner)]
        table = self.query_one("#open-actions", DataTable)
        row = table.cursor_row
        rows = [self._cells(action, today) for action in self._actions]
        table.clear(columns=True)
        for (heading, key), width in zip(COLUMNS, fit_widths(rows, self.size.width or self.app.size.width)):
            table.add_column(heading, key=key, width=width)
        for action, cells in zip(self._actions, rows):
            table.add_row(*cells, key=action.id, height=None)
        if self._actions:
            table.move_cursor(row=min(row, len(self._actions) - 1))
        overdue_count = sum(action.is_overdue(today) for action in self._actions)
        who = "everyone" if self.owner is None else self.owner
        count = len(self._actions)
        summary = f"{count} open action{'s' if count != 1 else ''} for {who}"
        if overdue_count:
            summary += f", {overdue_count} overdue"
        summary += ". f: filter by owner · enter: open the meeting"
        self.query_one("#actions-status", Static).update(summary)
        self.refresh_bindings()

    def _cells(self, action: ActionRow, today) -> list[Text]:
        """One action's row; on a narrow screen OVERDUE and the carry count go on a second line, so columns stay narrow."""
        gap = " " if (self.size.width or self.app.size.width) >= 100 else "\n"
        if action.due is None:
            due = Text("no deadline", style="dim")
        elif action.is_overdue(today):
            error = self.app.theme_variables.get("error", "red")
            due = Text.assemble((f"OVERDUE{gap}", f"bold {error}"), format_date(action.due))
        else:
            due = Text(format_date(action.due))
        days = action.age_days(today)
        age = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"
        if action.carried_count:
            age += f"{',' if gap == ' ' else ''}{gap}carried ×{action.carried_count}"
        return [due, Text(action.text), Text(action.owner or "–"), Text(action.person), Text(age)]

    def action_next_owner(self) -> None:
        """Cycle: everyone, then each owner (the manager first), then everyone again."""
        choices: list[str | None] = [None, *self._owners]
        position = choices.index(self.owner) if self.owner in choices else 0
        self.owner = choices[(position + 1) % len(choices)]
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_meeting":
            return bool(self._actions)
        return True

    def action_open_meeting(self) -> None:
        table = self.query_one("#open-actions", DataTable)
        if 0 <= table.cursor_row < len(self._actions):
            self.post_message(messages.OpenMeeting(self._actions[table.cursor_row].meeting_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_back(self) -> None:
        self.app.pop_screen()
