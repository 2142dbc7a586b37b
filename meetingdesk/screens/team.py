"""The Team screen: everyone you look after, where they stand and where they aim, and how the work with them stands.

The career article's talent landscape: each person's role and the roles they aim for,
the last and the next meeting, open and overdue actions, and how much evidence is
logged. Sortable; enter opens the person view.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.errors import MeetingDeskError
from meetingdesk.locations import styles_dir
from meetingdesk.quickadd import format_date
from meetingdesk.team import Standing
from meetingdesk.widgets.key_bar import KeyBar

COLUMNS = (("name", "Name"), ("role", "Role → aiming for"), ("last", "Last met"), ("next", "Next meeting"),
           ("open", "Open"), ("overdue", "Overdue"), ("risk", "At risk"), ("logged", "Evidence"))  # fmt: skip
"""Each column's key and heading."""
NARROW_COLUMNS = (("name", "Name · role"), *COLUMNS[2:])
"""The columns on a narrow terminal: each person's role and aims under their name, so every number fits."""
WIDE = 112
"""The narrowest terminal that shows role → aims in a column of its own."""
NEVER = date.max
AIM_WIDTH = 38
"""The widest "role → aims" shown; longer ones end in "…" (the person view has them whole)."""
NUMBERS_WIDTH = 64
"""What the columns after the name take on a narrow terminal (their widest values and the space between)."""
SORTS = (
    ("name", "name", lambda s: s.name.casefold()),
    ("last", "longest since the last meeting", lambda s: (s.last_meeting or date.min, s.name.casefold())),
    ("next", "next meeting soonest", lambda s: (s.next_meeting or NEVER, s.name.casefold())),
    ("overdue", "most overdue actions", lambda s: (-s.overdue_actions, -s.open_actions, s.name.casefold())),
    ("risk", "most goals at risk", lambda s: (-s.goals_at_risk, s.name.casefold())),
    ("logged", "least evidence logged", lambda s: (s.evidence, s.name.casefold())),
)
"""The orders `s` cycles through: column key, how the status line says it, the sort key."""


def aim_line(standing: Standing) -> str:
    """"Engineer → Tech lead; Manager", "Engineer", "→ Tech lead" or "–"."""
    aim = "; ".join(standing.target_roles)
    if standing.role and aim:
        return f"{standing.role} → {aim}"
    return standing.role or (f"→ {aim}" if aim else "–")


class TeamScreen(Screen[None]):
    """Everyone, one row each; enter opens the person view, s changes the order."""

    CSS_PATH = styles_dir() / "team.tcss"
    AUTO_FOCUS = "#team"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Return to the list of meetings"),
        Binding("o", "open_person", "Person view", id="team_person_view", tooltip="Everything about the highlighted person"),
        Binding("l", "log_evidence", "Log evidence", id="team_log_evidence", tooltip="Log evidence about the highlighted person"),
        Binding("P", "prepare_meeting", "Prepare meeting", id="team_prepare_meeting", tooltip="Plan a meeting with the highlighted person"),
        Binding("n", "add_person", "Add person", id="add_person", tooltip="Add someone and what you know about them"),
        Binding("s", "sort", "Sort", id="team_sort", tooltip="Order by name, last meeting, next meeting, overdue actions, goals at risk or evidence"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.standings: list[Standing] = []
        """Everyone, in the order shown."""
        self.sort_index = 0
        self.wide: bool | None = None
        """True while role → aims has a column of its own (a wide terminal); None before the first frame."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="team-status", markup=False)
        yield DataTable(id="team", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_resize(self) -> None:
        if self.wide is not None and self.wide != (self.size.width >= WIDE):
            self._show(self.standings)

    def on_mount(self) -> None:
        self.title = "Team"
        self._load()

    def on_screen_resume(self) -> None:
        self._load()

    def on_evidence_changed(self, event: messages.EvidenceChanged) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="team")
    def _load(self) -> None:
        """Ask the desk off the UI thread, then show everyone."""
        standings = desk_app(self).desk.team.landscape()
        self.app.call_from_thread(self._show, standings)

    def _show(self, standings: list[Standing]) -> None:
        table = self.query_one("#team", DataTable)
        keep = self._selected()
        _key, said, order = SORTS[self.sort_index]
        self.standings = sorted(standings, key=order)
        self.wide = self.size.width >= WIDE
        table.clear(columns=True)
        for key, heading in COLUMNS if self.wide else NARROW_COLUMNS:
            table.add_column(heading, key=key)
        today = desk_app(self).desk.today()
        name_width = max(16, self.size.width - NUMBERS_WIDTH)
        for standing in self.standings:
            if self.wide:
                who: tuple[Text, ...] = (Text(standing.name, style="bold"), Text(_cut(aim_line(standing), AIM_WIDTH)))
            else:
                aim = _cut(aim_line(standing), name_width)
                who = (Text.assemble((_cut(standing.name, name_width), "bold"), "\n", (aim, "dim")),)
            table.add_row(
                *who,
                _day(standing.last_meeting, today) if standing.last_meeting else Text("never", style="dim"),
                _next(standing.next_meeting, today),
                str(standing.open_actions) if standing.open_actions else "–",
                Text(str(standing.overdue_actions), style="bold red") if standing.overdue_actions else "–",
                Text(str(standing.goals_at_risk), style="bold yellow") if standing.goals_at_risk else "–",
                str(standing.evidence) if standing.evidence else Text("none", style="dim"),
                height=1 if self.wide else 2,
            )
        names = [standing.name for standing in self.standings]
        if keep in names:
            table.move_cursor(row=names.index(keep))
        count = len(self.standings)
        self.query_one("#team-status", Static).update(
            f"{count} {'person' if count == 1 else 'people'}, by {said} (s changes the order)."
            if count
            else "No one yet: n adds a person; everyone you meet is listed here too."
        )
        self.refresh_bindings()

    def _selected(self) -> str | None:
        table = next(self.query("#team").results(DataTable), None)
        if table is None or not self.standings or not 0 <= table.cursor_row < len(self.standings):
            return None
        return self.standings[table.cursor_row].name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_person", "log_evidence"):
            return self._selected() is not None
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_person()

    def action_open_person(self) -> None:
        person = self._selected()
        if person is not None:
            self.post_message(messages.ShowPerson(person))

    def action_log_evidence(self) -> None:
        self.post_message(messages.LogEvidence(self._selected() or ""))

    def action_prepare_meeting(self) -> None:
        self.post_message(messages.PrepareMeeting(self._selected() or ""))

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._show(self.standings)

    def action_add_person(self) -> None:
        from meetingdesk.dialogs.profile import ProfileDialog

        def added(answer: tuple[str, dict[str, str]] | None) -> None:
            if answer is None:
                return
            name, values = answer
            try:
                profile = desk_app(self).desk.team.add_person(name, **values)
            except MeetingDeskError as error:
                self.notify(str(error), title="Not added", severity="error", markup=False)
                return
            self.notify(f"{profile.name} is on the Team screen.", title="Added", markup=False)
            self._load()

        self.app.push_screen(ProfileDialog(), added)

    def action_back(self) -> None:
        self.app.pop_screen()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _day(day: date, today: date) -> str:
    """A day in a table cell: "Mon 14 Oct" this year, "14 Oct 2027" another year."""
    whole = format_date(day)
    return whole.rsplit(" ", 1)[0] if day.year == today.year else whole.split(" ", 1)[1]


def _next(day: date | None, today: date) -> Text | str:
    if day is None:
        return Text("none planned", style="dim")
    return Text(_day(day, today), style="bold" if day <= today else "")
