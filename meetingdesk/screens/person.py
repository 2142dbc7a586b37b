"""Everything agreed with one person: their meetings, goals over time as a timeline, open actions, the next check-in."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.locations import styles_dir
from meetingdesk.dates import format_date
from meetingdesk.storage.search import ActionRow
from meetingdesk.widgets.goal_timeline import goal_timeline
from meetingdesk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from meetingdesk.goals import GoalPlan
    from meetingdesk.storage.plans import CheckInDue


def age_phrase(action: ActionRow, today: date) -> str:
    """"agreed today", "agreed 1 day ago", "agreed 23 days ago"."""
    days = action.age_days(today)
    if days == 0:
        return "agreed today"
    return f"agreed {days} day{'s' if days != 1 else ''} ago"


def carry_phrase(action: ActionRow) -> str:
    """"carried through 2 meetings", or "" for an action never carried."""
    count = action.carried_count
    if count == 0:
        return ""
    return f"carried through {count} meeting{'s' if count != 1 else ''}"


class PersonScreen(Screen[None]):
    """One person's meetings (newest first, enter opens one), goals with their history, and open actions."""

    CSS_PATH = styles_dir() / "person.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Return to the list of meetings"),
        Binding("o", "open_meeting", "Open meeting", id="open_meeting", tooltip="Open the selected meeting"),
    ]

    def __init__(self, person: str) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.assemble(("Meetings with ", "bold $primary"), (self.person, "bold $primary")), id="person-title")
        yield Static("", id="check-in", markup=False)
        table: DataTable[Text | str] = DataTable(id="person-meetings", cursor_type="row", zebra_stripes=True)
        table.add_column("Date", key="date")
        table.add_column("Agenda", key="agenda")
        table.add_column("Status", key="status")
        table.add_column("Open actions", key="open")
        yield table
        with VerticalScroll(id="person-details"):
            yield Static("Goals", classes="heading")
            yield Static("", id="priorities", markup=False)
            yield Static("Open actions", classes="heading")
            yield Static("", id="actions", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Person view · {self.person}"
        table = self.query_one("#person-meetings", DataTable)
        self._ids: list[str] = []
        for row in desk_app(self).store.rows(person=self.person):
            table.add_row(
                format_date(row.when.astimezone().date()),
                Text(row.agenda_title),
                Text("live", style="bold") if row.status == "live" else Text("ended", style="dim"),
                str(row.open_actions) if row.open_actions else "–",
                key=row.id,
            )
            self._ids.append(row.id)
        table.focus()
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="person-view")
    def _load(self) -> None:
        """Ask the index off the UI thread, then show what it says about this person."""
        desk = desk_app(self).desk
        plans = desk.goal_plans(self.person, everything=True)
        actions = desk.search.actions(person=self.person)
        check_in = next(iter(desk.check_ins(self.person)), None)
        self.app.call_from_thread(self._show, plans, actions, check_in)

    def _show(self, plans: list[GoalPlan], actions: list[ActionRow], check_in: CheckInDue | None) -> None:
        today = desk_app(self).desk.today()
        self.query_one("#check-in", Static).update(_check_in_line(check_in, today))
        self.query_one("#priorities", Static).update(goal_timeline(plans, today))
        lines: list[Content] = []
        for action in actions:
            due = f"due {format_date(action.due)}" if action.due else "no deadline"
            facts = [action.owner or "no owner", due, age_phrase(action, today)]
            if action.carried_count:
                facts.append(carry_phrase(action))
            overdue = ("OVERDUE ", "bold $error") if action.is_overdue(today) else ""
            lines.append(Content.assemble("• ", overdue, action.text))
            lines.append(Content.styled("  " + " · ".join(facts), "$text-muted"))
        self.query_one("#actions", Static).update(Content("\n").join(lines) if lines else Content("No open actions."))

    def action_open_meeting(self) -> None:
        table = self.query_one("#person-meetings", DataTable)
        if 0 <= table.cursor_row < len(self._ids):
            self.post_message(messages.OpenMeeting(self._ids[table.cursor_row]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_back(self) -> None:
        self.app.pop_screen()


def _check_in_line(check_in: CheckInDue | None, today: date) -> Content:
    """"Next check-in: Mon 21 Dec 2026 (every 2 weeks)", marked when overdue."""
    if check_in is None or check_in.next_check_in is None:
        return Content.styled("No next check-in planned.", "$text-muted")
    rhythm = f" ({check_in.cadence})" if check_in.cadence and check_in.cadence != "none" else ""
    overdue = ("OVERDUE ", "bold $error") if check_in.is_overdue(today) else ""
    return Content.assemble(overdue, f"Next check-in: {format_date(check_in.next_check_in)}{rhythm}")
