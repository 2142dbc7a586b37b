"""Every open action across people, by deadline, overdue ones marked; filter by owner."""

from __future__ import annotations

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
from meetingdesk.screens.person import age_phrase
from meetingdesk.storage.search import ActionRow
from meetingdesk.widgets.key_bar import KeyBar


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
        table: DataTable[Text | str] = DataTable(id="open-actions", cursor_type="row", zebra_stripes=True)
        table.add_column("Due", key="due")
        table.add_column("Action", key="action")
        table.add_column("Owner", key="owner")
        table.add_column("With", key="person")
        table.add_column("Age", key="age")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Open actions"
        self.query_one("#open-actions", DataTable).focus()
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

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
        table.clear()
        error = self.app.theme_variables.get("error", "red")
        overdue_count = 0
        for action in self._actions:
            if action.due is None:
                due = Text("no deadline", style="dim")
            elif action.is_overdue(today):
                overdue_count += 1
                due = Text.assemble((f"OVERDUE {format_date(action.due)}", f"bold {error}"))
            else:
                due = Text(format_date(action.due))
            age = age_phrase(action, today)
            if action.carried_count:
                age += f", carried ×{action.carried_count}"
            table.add_row(due, Text(action.text), Text(action.owner or "–"), Text(action.person), age, key=action.id)
        who = "everyone" if self.owner is None else self.owner
        count = len(self._actions)
        summary = f"{count} open action{'s' if count != 1 else ''} for {who}"
        if overdue_count:
            summary += f", {overdue_count} overdue"
        summary += ". f: filter by owner · enter: open the meeting"
        self.query_one("#actions-status", Static).update(summary)
        self.refresh_bindings()

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
