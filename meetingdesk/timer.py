"""The meeting clock: elapsed and remaining time per section, pauses, projected end, rebalancing.

Pure timing logic on a `Meeting`. The clock is injected, so tests advance time by
hand and never sleep. The meeting's `actual_seconds` hold the time already saved;
while the timer runs it adds the stretch since its anchor, and `sync()` folds that
stretch into the meeting before every save.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Literal

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: the clock needs no pydantic to start
    from meetingdesk.models import Meeting, SectionRecord

MAX_SECTION_SECONDS = 24 * 3600
"""No section is planned or runs longer than a day: the clock stops counting there, and a file saying
otherwise is damaged (models check it on every load)."""

Clock = Callable[[], datetime]
"""Returns the current time as a timezone-aware datetime."""

TimerState = Literal["on time", "warning", "overrun"]

WARNING_SECONDS = 60
"""Warn this long before a section's time box runs out..."""
SHORT_SECTION_SECONDS = 4 * 60
"""...unless the section is shorter than this, when the warning comes in its last quarter."""
MINIMUM_SHARE_SECONDS = 60
"""Rebalancing never leaves a section with less than this still to run."""


def planned_moment(day: date | None) -> datetime | None:
    """Where a meeting planned for `day` sorts and shows: the start of that day in the local time zone."""
    return None if day is None else datetime(day.year, day.month, day.day).astimezone()


def system_clock() -> datetime:
    """The real clock: now, in UTC."""
    return datetime.now(timezone.utc)


def original_seconds(section: SectionRecord) -> int:
    """The section's time box before any rebalancing."""
    return section.original_planned_seconds or section.planned_seconds


class MeetingTimer:
    """Runs the clock of one meeting, section by section.

    Each section keeps its own accumulated time in `actual_seconds`, so going back
    to a section resumes its clock. Pausing stops every clock. The timer never
    starts by itself: call `start()`.
    """

    def __init__(self, meeting: Meeting, clock: Clock = system_clock) -> None:
        self.meeting = meeting
        """The meeting whose sections the timer updates."""
        self.clock = clock
        """Where the current time comes from."""
        # When the running stretch began; None while stopped.
        self._anchor: datetime | None = None

    # -- running and pausing -------------------------------------------------

    @property
    def running(self) -> bool:
        """True while the clock is counting."""
        return self._anchor is not None

    def start(self) -> None:
        """Start the meeting's clock (stamping `started_at` the first time) unless the meeting is paused."""
        now = self.clock()
        if self.meeting.started_at is None:
            self.meeting.started_at = now
        if not self.meeting.paused and self._anchor is None:
            self._anchor = now

    def pause(self) -> None:
        """Stop every clock, keeping the time counted so far."""
        self.sync()
        self._anchor = None
        self.meeting.paused = True

    def resume(self) -> None:
        """Start counting again (and start the meeting if it had not started)."""
        self.meeting.paused = False
        self.start()

    def sync(self) -> None:
        """Fold the running stretch into the current section and re-anchor at now.

        Called before every save; calling it twice in a row adds nothing the second time.
        """
        if self._anchor is None:
            return
        now = self.clock()
        self._count(max(0.0, (now - self._anchor).total_seconds()))
        self._anchor = now

    def add_downtime(self, seconds: float) -> None:
        """Count `seconds` the meeting went on while the app was down into the current section.

        Negative amounts count as nothing.
        """
        self._count(max(0.0, seconds))

    def _count(self, seconds: float) -> None:
        # A section that ran over a day is a clock left running: it stops at a day, the most a file may hold.
        self._current.actual_seconds = min(MAX_SECTION_SECONDS, self._current.actual_seconds + seconds)

    # -- moving between sections ---------------------------------------------

    def go_to(self, index: int) -> bool:
        """Make section `index` the current one; False (and no change) when there is no such section."""
        if not 0 <= index < len(self.meeting.sections):
            return False
        self.sync()
        self.meeting.current_section = index
        return True

    def next_section(self) -> bool:
        """Move to the next section; False when already on the last one."""
        return self.go_to(self.meeting.current_section + 1)

    def previous_section(self) -> bool:
        """Move back to the previous section, resuming its clock; False when on the first one."""
        return self.go_to(self.meeting.current_section - 1)

    # -- reading the clock ---------------------------------------------------

    def section_elapsed(self, index: int | None = None) -> float:
        """Seconds spent in section `index` (the current one by default), pauses excluded."""
        if index is None:
            index = self._current_index
        elapsed = self.meeting.sections[index].actual_seconds
        if index == self._current_index:
            elapsed += self._running_seconds()
        return elapsed

    def section_remaining(self) -> float:
        """Seconds left in the current section's time box; negative once it has overrun."""
        return self._current.planned_seconds - self.section_elapsed()

    def meeting_elapsed(self) -> float:
        """Seconds spent in the whole meeting, pauses excluded."""
        return self.meeting.actual_seconds + self._running_seconds()

    def planned_end(self) -> datetime | None:
        """When the meeting should end by its original plan; None before it starts."""
        started = self.meeting.started_at
        if started is None:
            return None
        total = sum(original_seconds(section) for section in self.meeting.sections)
        return started + timedelta(seconds=total)

    def projected_end(self) -> datetime | None:
        """When the meeting will end if the current section uses what is left of its box and
        every later section its planned time; None before the meeting starts.

        A later section already visited counts only its own time still to run.
        """
        if self.meeting.started_at is None:
            return None
        ahead = max(0.0, self.section_remaining())
        for index in range(self._current_index + 1, len(self.meeting.sections)):
            ahead += self._left_in(index)
        return self.clock() + timedelta(seconds=ahead)

    def state(self) -> TimerState:
        """How the current section stands: "on time", "warning" near its end, "overrun" past it.

        The warning starts 60 seconds before the end, or in the last quarter of a section
        shorter than 4 minutes. Exactly at the end counts as "warning": time is up, not over.
        """
        remaining = self.section_remaining()
        if remaining < 0:
            return "overrun"
        planned = self._current.planned_seconds
        threshold = WARNING_SECONDS if planned >= SHORT_SECTION_SECONDS else planned / 4
        if remaining <= threshold:
            return "warning"
        return "on time"

    # -- rebalancing ---------------------------------------------------------

    def rebalance(self) -> bool:
        """Re-plan the sections still to run so the meeting can still end at its planned end.

        The budget is the time until the planned end (while paused or before the start,
        the time left in the plan). The last section, the wrap-up, keeps its original
        time box. The rest of the current section and the sections between share what
        is left in proportion to what was left of their original plans, each getting at
        least one minute. Returns False when even those minutes do not fit (the meeting
        will end late), True otherwise. On the last section there is nothing to move:
        returns whether the meeting is still on time.
        """
        sections = self.meeting.sections
        # Keep the original plans explicit before planned_seconds change.
        for section in sections:
            if not section.original_planned_seconds:
                section.original_planned_seconds = section.planned_seconds
        budget = self._budget()
        current = self._current_index
        last = len(sections) - 1
        if current >= last:
            return budget >= max(0.0, self.section_remaining())

        sections[last].planned_seconds = sections[last].original_planned_seconds
        pool = budget - self._left_in(last)
        sharing = list(range(current, last))
        weights = [
            max(0.0, sections[index].original_planned_seconds - self.section_elapsed(index))
            for index in sharing
        ]
        shares, fits = share_out(pool, weights, MINIMUM_SHARE_SECONDS)
        for index, share in zip(sharing, shares):
            # Round down so the new plan never ends after the planned end.
            sections[index].planned_seconds = math.floor(self.section_elapsed(index) + share)
        return fits

    # -- internals -----------------------------------------------------------

    @property
    def _current_index(self) -> int:
        # A hand-edited file may point past the end; treat that as the last section.
        return min(self.meeting.current_section, len(self.meeting.sections) - 1)

    @property
    def _current(self) -> SectionRecord:
        return self.meeting.sections[self._current_index]

    def _running_seconds(self) -> float:
        if self._anchor is None:
            return 0.0
        return max(0.0, (self.clock() - self._anchor).total_seconds())

    def _left_in(self, index: int) -> float:
        """Planned time still to run in section `index`."""
        return max(0.0, self.meeting.sections[index].planned_seconds - self.section_elapsed(index))

    def _budget(self) -> float:
        planned_end = self.planned_end()
        if self.running and planned_end is not None:
            return (planned_end - self.clock()).total_seconds()
        # Paused or not started: time stands still, so use what is left of the plan.
        total = sum(section.original_planned_seconds for section in self.meeting.sections)
        return total - self.meeting_elapsed()


def share_out(pool: float, weights: list[float], floor: int) -> tuple[list[int], bool]:
    """Split `pool` seconds in proportion to `weights`, each share at least `floor`.

    Shares are whole seconds and never add up to more than the pool when it fits.
    Returns the shares and whether they fit; when they do not, every share is `floor`.
    """
    count = len(weights)
    if count == 0:
        return [], True
    if pool < floor * count:
        return [floor] * count, False
    shares: list[float | None] = [None] * count
    left = pool
    # Fix the shares that fall under the floor, then spread the rest again, until stable.
    while True:
        open_ = [i for i in range(count) if shares[i] is None]
        total_weight = sum(weights[i] for i in open_)
        proposal = {
            i: left * weights[i] / total_weight if total_weight > 0 else left / len(open_)
            for i in open_
        }
        under = [i for i in open_ if proposal[i] < floor]
        if not under:
            for i in open_:
                shares[i] = proposal[i]
            break
        for i in under:
            shares[i] = floor
            left -= floor
    return [max(floor, math.floor(share or 0)) for share in shares], True


def format_duration(seconds: float) -> str:
    """A clock reading: "4:05", "1:02:03", and "-0:42" when over time. Whole seconds, rounded down.

    Beyond 999 hours (or not a number) it reads ">999:00:00": no reading is wider than that.
    """
    if not math.isfinite(seconds) or abs(seconds) >= 1000 * 3600:
        return ">999:00:00" if not seconds < 0 else "-999:00:00"
    whole = int(abs(seconds))
    sign = "-" if seconds < 0 and whole > 0 else ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def format_minutes(seconds: float) -> str:
    """A time in whole minutes, rounded: "8 min"; "<1 min" for any time under a minute, so a short
    section does not read as skipped; "0 min" only for none at all."""
    if 0 < seconds < 60:
        return "<1 min"
    return f"{round(seconds / 60)} min"
