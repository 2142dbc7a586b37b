"""The line over a live meeting: the section's clock, the meeting's, the projected end, and what is wrong."""

from __future__ import annotations

from datetime import datetime

from textual.reactive import reactive
from textual.widgets import Static

from meetingdesk.timer import MeetingTimer, TimerState, format_duration

UNSAVED_NOTE = "Not saved yet, retrying: your notes are safe on screen."
"""What the bar says while saves fail; the notification says why."""


class ClockBar(Static):
    """Shows where the meeting stands against the clock; its colours follow `state` and `paused`."""

    state: reactive[TimerState] = reactive("on time")
    """"on time", "warning" or "overrun" for the current section."""
    paused: reactive[bool] = reactive(False)
    """Whether every clock is stopped."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_state(self, state: TimerState) -> None:
        self.set_class(state == "warning", "-warning")
        self.set_class(state == "overrun", "-overrun")

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")

    def show(self, timer: MeetingTimer, *, read_only: bool, unsaved: bool) -> None:
        """Redraw from the timer: "Section 4:05 / 8:00 · 3:55 left  │  Meeting 12:40  │  Ends ~14:45…"."""
        section = timer.meeting.sections[timer.meeting.current_section]
        remaining = timer.section_remaining()
        left = f"{format_duration(remaining)} left" if remaining >= 0 else f"OVER by {format_duration(-remaining)}"
        ends = ""
        planned_end, projected_end = timer.planned_end(), timer.projected_end()
        if planned_end and projected_end:
            late = (projected_end - planned_end).total_seconds()
            if late > 59:
                ends = f"  │  Ends ~{_clock_time(projected_end)}, {format_duration(late)} late"
            else:
                ends = f"  │  Ends ~{_clock_time(projected_end)}, planned {_clock_time(planned_end)}"
        if read_only:
            status = "READ-ONLY: running in another window  │  "
        else:
            status = "PAUSED  │  " if not timer.running else ""
        problem = f"  │  ⚠ {UNSAVED_NOTE}" if unsaved else ""
        self.update(
            f"{status}Section {format_duration(timer.section_elapsed())} / {format_duration(section.planned_seconds)} · {left}"
            f"  │  Meeting {format_duration(timer.meeting_elapsed())}{ends}{problem}"
        )
        self.state = timer.state()


def _clock_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")
