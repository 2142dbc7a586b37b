"""The line over a live meeting: the section's clock, the meeting's, the projected end, and what is wrong.

Always one line: the longest wording that fits the terminal's width is shown, so at
80 columns the bar says the same things in fewer words instead of wrapping.
"""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len
from textual.reactive import reactive
from textual.widgets import Static

from meetingdesk.timer import MeetingTimer, TimerState, format_duration

UNSAVED_NOTE = "Not saved yet, retrying: your notes are safe on screen."
"""What the bar says while saves fail; the notification says why."""
UNSAVED_SHORT = "NOT SAVED, retrying"
"""The same where the full note does not fit."""
GAP = "  │  "
SHORT_GAP = " │ "


def clock_lines(timer: MeetingTimer, *, read_only: bool, unsaved: bool) -> list[str]:
    """The bar's wordings for the timer's state, longest first, each saying the same things."""
    section = timer.meeting.sections[timer.meeting.current_section]
    elapsed, planned = format_duration(timer.section_elapsed()), format_duration(section.planned_seconds)
    remaining = timer.section_remaining()
    left = f"{format_duration(remaining)} left" if remaining >= 0 else f"OVER by {format_duration(-remaining)}"
    meeting = format_duration(timer.meeting_elapsed())
    ends = short_ends = ""
    planned_end, projected_end = timer.planned_end(), timer.projected_end()
    if planned_end and projected_end:
        late = (projected_end - planned_end).total_seconds()
        projected = _clock_time(projected_end)
        if late > 59:
            ends = short_ends = f"Ends ~{projected}, {format_duration(late)} late"
        else:
            ends, short_ends = f"Ends ~{projected}, planned {_clock_time(planned_end)}", f"Ends ~{projected}"
    if read_only:
        status, short_status = "READ-ONLY: running in another window", "READ-ONLY"
    else:
        status = short_status = "" if timer.running else "PAUSED"
    problem, short_problem = (f"⚠ {UNSAVED_NOTE}", f"⚠ {UNSAVED_SHORT}") if unsaved else ("", "")

    def line(gap: str, *parts: str) -> str:
        return gap.join(part for part in parts if part)

    return [
        line(GAP, status, f"Section {elapsed} / {planned} · {left}", f"Meeting {meeting}", ends, problem),
        line(GAP, short_status, f"Section {elapsed} / {planned} · {left}", f"Meeting {meeting}", short_ends, short_problem),
        line(SHORT_GAP, short_status, short_problem, f"{elapsed}/{planned} · {left}", f"Meeting {meeting}", short_ends),
        line(SHORT_GAP, short_status, short_problem, f"{elapsed}/{planned} · {left}", f"Meeting {meeting}"),
    ]


class ClockBar(Static):
    """Shows where the meeting stands against the clock; its colours follow `state` and `paused`."""

    DEFAULT_CSS = """
    ClockBar {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
        background: $panel;
        color: $text;
        &.-warning {
            background: $warning;
            color: $background;
        }
        &.-overrun {
            background: $error;
            color: $background;
            text-style: bold;
        }
        &.-paused {
            background: $secondary;
            color: $background;
        }
    }
    """

    state: reactive[TimerState] = reactive("on time")
    """"on time", "warning" or "overrun" for the current section."""
    paused: reactive[bool] = reactive(False)
    """Whether every clock is stopped."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._lines: list[str] = [""]
        self._warned: set[tuple[int, str]] = set()
        """(section, state) pairs already announced, so each is said once."""

    def watch_state(self, state: TimerState) -> None:
        self.set_class(state == "warning", "-warning")
        self.set_class(state == "overrun", "-overrun")

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")

    def show(self, timer: MeetingTimer, *, read_only: bool, unsaved: bool, warn: bool = False) -> None:
        """Redraw from the timer: "Section 4:05 / 8:00 · 3:55 left  │  Meeting 12:40  │  Ends ~14:45…".

        With `warn` (the window running the meeting), also say once per section when its
        time is nearly up, and once when it has run over.
        """
        self._lines = clock_lines(timer, read_only=read_only, unsaved=unsaved)
        self._fit()
        self.state = timer.state()
        if warn and timer.running:
            self._warn(timer)

    def _warn(self, timer: MeetingTimer) -> None:
        current = timer.meeting.current_section
        key = (current, self.state)
        if self.state == "on time" or key in self._warned:
            return
        self._warned.add(key)
        title = timer.meeting.sections[current].title
        if self.state == "warning":
            self.notify(f"{format_duration(timer.section_remaining())} left in “{title}”.", title="Time check", markup=False)
        else:
            self.notify(
                f"“{title}” is over its time. ctrl+n moves on; ctrl+r rebalances the rest.",
                title="Over time",
                severity="warning",
                markup=False,
            )

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.content_region.width or self.app.size.width - 2
        self.update(next((line for line in self._lines if cell_len(line) <= width), self._lines[-1]))


def _clock_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")
