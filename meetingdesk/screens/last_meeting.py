"""Last time, read during this meeting: the previous meeting's record, read-only, over the live one.

The live meeting goes on underneath: its clock keeps running (shown here too) and it
keeps saving; escape goes back to it. Nothing here can change either meeting.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static

from meetingdesk.app import desk_app
from meetingdesk.dates import format_date
from meetingdesk.locations import styles_dir
from meetingdesk.models import Meeting
from meetingdesk.summary import summary_markdown
from meetingdesk.timer import MeetingTimer
from meetingdesk.widgets.clock_bar import ClockBar
from meetingdesk.widgets.key_bar import KeyBar


class LastMeetingScreen(Screen[None]):
    """The record of `previous`, read-only, with the running meeting's clock on top."""

    CSS_PATH = styles_dir() / "last_meeting.tcss"
    SHOWS_PRIVATE_NOTES = True
    """Private notes of last time show here unless f2 hid them."""
    BINDINGS = [
        Binding("escape", "back", "Back to the meeting", id="back_to_meeting", tooltip="Return to the meeting, which kept running"),
    ]

    def __init__(self, previous: Meeting, running: MeetingTimer) -> None:
        super().__init__()
        self.previous = previous
        self.running = running
        """The clock of the meeting going on underneath."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClockBar(id="clock")
        when = format_date(self.previous.when.astimezone().date())
        yield Static(
            f"Last time ({when}), read-only. The meeting goes on: its clock runs and escape goes back to it.",
            id="last-time-note",
            markup=False,
        )
        with VerticalScroll(id="last-time-scroll"):
            yield Markdown(id="last-time")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Last time · {self.previous.agenda_title} with {self.previous.person}"
        self._tick()
        self.set_interval(0.5, self._tick)
        desk_app(self).follow_private_notes(self, self._show)
        self.query_one("#last-time-scroll").focus()

    def _show(self, private_hidden: bool) -> None:
        self.query_one("#last-time", Markdown).update(summary_markdown(self.previous, include_private=not private_hidden))

    def _tick(self) -> None:
        clock = self.query_one("#clock", ClockBar)
        clock.show(self.running, read_only=False, unsaved=False)
        clock.paused = not self.running.running

    def action_back(self) -> None:
        self.app.pop_screen()
