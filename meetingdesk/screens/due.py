"""Check-ins due: everyone met, soonest next check-in first, overdue ones marked; enter opens the person."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from meetingdesk.app import desk_app
from meetingdesk.dates import format_date
from meetingdesk.locations import styles_dir
from meetingdesk.storage.plans import SOON_DAYS, CheckInDue
from meetingdesk.widgets.key_bar import KeyBar

class DueScreen(Screen[None]):
    """Who is due for a check-in: overdue first, then by date, those with none planned last."""

    CSS_PATH = styles_dir() / "due.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Return to the list of meetings"),
        Binding("w", "person_view", "Person view", id="person_view", tooltip="Everything agreed with the selected person"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._people: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="due-status", markup=False)
        table: DataTable[Text | str] = DataTable(id="check-ins", cursor_type="row", zebra_stripes=True)
        table.add_column("Next check-in", key="next")
        table.add_column("Person", key="person")
        table.add_column("Last meeting", key="last")
        table.add_column("Cadence", key="cadence")
        table.add_column("Open actions", key="open")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Check-ins due"
        self.query_one("#check-ins", DataTable).focus()
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="check-ins")
    def _load(self) -> None:
        """Ask the index off the UI thread, then list everyone's next check-in."""
        found = desk_app(self).desk.check_ins()
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[CheckInDue]) -> None:
        today = desk_app(self).desk.today()
        table = self.query_one("#check-ins", DataTable)
        table.clear()
        self._people = []
        for due in found:
            phrase = due.phrase(today)
            if due.is_overdue(today):
                # Marked in words and weight, so it reads the same without colour.
                shown = Text(f"OVERDUE since {phrase.removeprefix('overdue since ')}", style="bold reverse")
            elif due.is_due(today, SOON_DAYS):
                shown = Text(phrase, style="bold")
            else:
                shown = Text(phrase, style="dim" if due.next_check_in is None else "")
            table.add_row(
                shown, Text(due.person), format_date(due.last_meeting), due.cadence or "–", str(due.open_actions or "–"), key=due.person
            )
            self._people.append(due.person)
        overdue = sum(due.is_overdue(today) for due in found)
        soon = sum(due.is_due(today, SOON_DAYS) for due in found) - overdue
        status = f"{overdue} overdue, {soon} due within {SOON_DAYS} days." if found else "No meetings yet, so nobody is due."
        self.query_one("#due-status", Static).update(status + (" Enter opens the person view." if found else ""))

    def action_person_view(self) -> None:
        from meetingdesk.screens.person import PersonScreen

        table = self.query_one("#check-ins", DataTable)
        if 0 <= table.cursor_row < len(self._people):
            self.app.push_screen(PersonScreen(self._people[table.cursor_row]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_person_view()

    def action_back(self) -> None:
        self.app.pop_screen()
