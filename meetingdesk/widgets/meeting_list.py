"""The list of meetings on the home screen: one line per meeting, in columns, light enough to draw at once.

An OptionList of pre-formatted lines rather than a DataTable: a DataTable renders
every visible cell through Rich on the first frame (about 70 ms for a screen of
meetings), an OptionList draws each line once from Content.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from meetingdesk.dates import format_date
from meetingdesk.storage.rows import MeetingRow
from meetingdesk.widgets.bounded_list import BoundedList

COLUMNS = (("With", 30), ("Agenda", 30), ("Date", 21), ("Status", 7), ("Open actions", 12))
"""Each column's heading and widest value; narrower values make the column narrower."""
GAP = "  "
STATUS_LOOK = {"planned": ("planned", "italic $accent"), "live": ("live", "bold"), "ended": ("ended", "dim")}
"""How each status shows in the list: a planned meeting stands out from those held."""
NARROWEST_NAME = 10
"""The narrowest the With and Agenda columns get on a small terminal; longer values end in …."""


def fit_widths(widths: list[int], room: int) -> list[int]:
    """`widths` narrowed to fit `room` cells: With and Agenda give way, the wider first, so every heading stays whole."""
    fitted = list(widths)
    over = sum(fitted) + len(GAP) * (len(fitted) - 1) - room
    while over > 0:
        column = 0 if fitted[0] >= fitted[1] else 1
        if fitted[column] <= NARROWEST_NAME:
            break
        fitted[column] -= 1
        over -= 1
    return fitted


class MeetingList(BoundedList):
    """Meetings, newest first; enter opens the highlighted one (its option id is the meeting's id)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[MeetingRow] = []
        """The meetings listed, in order."""
        self.header = Static("", classes="meeting-list-header", markup=False)
        """The line of column headings, placed above the list by the screen."""
        self._widths = [len(heading) for heading, _ in COLUMNS]
        self._shown: list[int] = []
        """The widths the lines are laid out with: `_widths` fitted to the list's width."""

    def show(self, rows: list[MeetingRow], keep: str | None = None) -> None:
        """List `rows` (replacing what was listed), with the highlight on meeting `keep` when it is there."""
        self.rows = []
        self._widths = [len(heading) for heading, _ in COLUMNS]
        self.clear_options()
        self.add(rows)
        position = next((number for number, row in enumerate(self.rows) if row.id == keep), 0 if self.rows else None)
        self.highlighted = position

    def add(self, rows: list[MeetingRow]) -> None:
        """Add `rows` at the end."""
        cells = [_cells(row) for row in rows]
        widths = [
            min(limit, max([self._widths[column], *(cell_len(line[column][0]) for line in cells)]))
            for column, (_heading, limit) in enumerate(COLUMNS)
        ]
        shown = fit_widths(widths, self._room())
        if shown != self._shown and self.rows:
            # A wider value arrived: lay every line out again so the columns stay straight.
            cells = [_cells(row) for row in self.rows] + cells
            rows = [*self.rows, *rows]
            self.rows = []
            self.clear_options()
        self._widths, self._shown = widths, shown
        self.add_options([Option(_line(line, shown), id=row.id) for row, line in zip(rows, cells)])
        self.rows.extend(rows)
        self.header.update(Content(GAP.join(set_cell_size(heading, width) for (heading, _), width in zip(COLUMNS, shown)).rstrip()))

    def _room(self) -> int:
        return self.scrollable_content_region.width or self.app.size.width - 2

    def on_resize(self) -> None:
        if self.rows and fit_widths(self._widths, self._room()) != self._shown:
            rows, keep = self.rows, self.highlighted
            self.rows = []
            self.clear_options()
            self.add(rows)
            self.highlighted = keep

    @property
    def selected_row(self) -> MeetingRow | None:
        """The highlighted meeting."""
        index = self.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None


def _cells(row: MeetingRow) -> list[tuple[str, str]]:
    """Each column's text and style for one meeting."""
    when = row.when.astimezone()
    return [
        (_flat(row.person), ""),
        (_flat(row.agenda_title), ""),
        (format_date(when.date()) if row.status == "planned" else f"{format_date(when.date())} {when:%H:%M}", ""),
        STATUS_LOOK.get(row.status, ("ended", "dim")),
        (str(row.open_actions) if row.open_actions else "–", ""),
    ]


def _line(cells: list[tuple[str, str]], widths: list[int]) -> Content:
    parts: list[tuple[str, str] | str] = []
    for column, ((text, style), width) in enumerate(zip(cells, widths)):
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        if column:
            parts.append(GAP)
        parts.append((set_cell_size(text, width), style))
    return Content.assemble(*parts)


def _flat(text: str) -> str:
    """One line, without control characters: a name can't break the list or drive the terminal."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
