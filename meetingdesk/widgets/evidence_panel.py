"""The live meeting's "Evidence since last review" panel: entries grouped by theme; enter puts one in the notes.

The panel reads the evidence itself (off the UI thread) and asks its screen to insert
an entry with `Insert`; what the notes become is the screen's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from meetingdesk.app import desk_app
from meetingdesk.dates import format_date
from meetingdesk.errors import MeetingDeskError
from meetingdesk.people import Entry, by_theme, theme_label


def note_line(entry: Entry) -> str:
    """How an inserted entry reads in the shared notes: "Impact (Fri 2 Oct 2026): Led the incident review"."""
    return f"{theme_label(entry.theme)} ({format_date(entry.day)}): {entry.text}"


class EvidencePanel(Vertical):
    """Evidence logged about `person` since their last review, by theme; enter inserts the highlighted entry."""

    DEFAULT_CSS = """
    EvidencePanel OptionList {
        height: 1fr;
    }
    """
    BINDINGS = [Binding("i", "insert", "Insert in notes", id="insert_evidence", tooltip="Put the highlighted entry in the shared notes")]

    @dataclass
    class Insert(Message):
        """The manager wants `entry` in the current section's shared notes."""

        panel: EvidencePanel
        entry: Entry

    @dataclass
    class Loaded(Message):
        """The evidence was read: `count` entries since `since` (None: no review held yet)."""

        panel: EvidencePanel
        count: int
        since: date | None

    def __init__(self, person: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.person = person
        self.entries: dict[str, Entry] = {}
        """The entries listed, by id."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="evidence-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).border_title = "Evidence since last review"
        self.load()

    @work(thread=True, exclusive=True, group="evidence-panel")
    def load(self) -> None:
        """Read the evidence off the UI thread, then list it."""
        try:
            since, entries = desk_app(self).desk.evidence_since_review(self.person)
        except MeetingDeskError as error:  # a damaged log must not stop the meeting: say so and go on
            self.app.call_from_thread(self.notify, str(error), title="Evidence not shown", severity="warning", markup=False)
            since, entries = None, []
        self.app.call_from_thread(self._show, since, entries)

    def _show(self, since: date | None, entries: list[Entry]) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        self.entries = {entry.id: entry for entry in entries}
        for theme, grouped in by_theme(entries):
            options.add_option(Option(Content.styled(f"{theme_label(theme)} ({len(grouped)})", "bold $primary"), disabled=True))
            for entry in reversed(grouped):
                options.add_option(Option(Content.assemble((f"{format_date(entry.day)}\n", "$text-muted"), entry.text), id=entry.id))
        if not entries:
            options.add_option(Option(Content.styled("Nothing logged since the last review.", "dim"), disabled=True))
        options.border_subtitle = f"since {format_date(since)}" if since else "no review yet: all of it"
        self.post_message(self.Loaded(self, len(entries), since))

    def on_descendant_focus(self) -> None:
        # Coming to the list always lands on an entry (the theme headings can't be picked), so i inserts something.
        options = self.query_one(OptionList)
        if options.highlighted is None:
            first = next((n for n in range(options.option_count) if not options.get_option_at_index(n).disabled), None)
            if first is not None:
                options.highlighted = first

    def highlighted_entry(self) -> Entry | None:
        """The entry under the highlight, if any."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return self.entries.get(options.get_option_at_index(options.highlighted).id or "")

    def action_insert(self) -> None:
        entry = self.highlighted_entry()
        if entry is not None:
            self.post_message(self.Insert(self, entry))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_insert()
