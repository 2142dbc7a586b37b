"""The meeting clock on a hand-driven fake clock: no sleeps, exact seconds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.models import Meeting, SectionRecord
from meetingdesk.timer import MeetingTimer, format_duration, format_minutes, system_clock
from tests.builders import FakeClock

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def make_meeting(*minutes: int) -> Meeting:
    return Meeting(
        person="Dana Lee",
        manager="Sam Ortiz",
        agenda_name="career",
        agenda_title="Career discussion",
        sections=[
            SectionRecord(title=f"Part {i + 1}", planned_seconds=m * 60, original_planned_seconds=m * 60)
            for i, m in enumerate(minutes)
        ],
    )


def started(*minutes: int) -> tuple[MeetingTimer, FakeClock]:
    clock = FakeClock(START)
    timer = MeetingTimer(make_meeting(*minutes), clock)
    timer.start()
    return timer, clock


def test_the_timer_waits_for_start_then_counts_section_and_meeting_time() -> None:
    clock = FakeClock(START)
    meeting = make_meeting(10, 10)
    timer = MeetingTimer(meeting, clock)
    clock.advance(100)
    assert not timer.running
    assert timer.meeting_elapsed() == 0
    assert meeting.started_at is None
    assert timer.planned_end() is None and timer.projected_end() is None

    timer.start()
    clock.advance(30)
    assert timer.running
    assert meeting.started_at == START + timedelta(seconds=100)
    assert timer.section_elapsed() == 30
    assert timer.meeting_elapsed() == 30
    assert timer.section_remaining() == 570


def test_starting_a_paused_meeting_stamps_the_start_but_does_not_count() -> None:
    clock = FakeClock(START)
    meeting = make_meeting(10)
    meeting.paused = True
    timer = MeetingTimer(meeting, clock)
    timer.start()
    clock.advance(60)
    assert meeting.started_at == START
    assert not timer.running
    assert timer.meeting_elapsed() == 0


def test_pausing_stops_every_clock_and_resuming_carries_on() -> None:
    timer, clock = started(10, 10)
    clock.advance(10)
    timer.pause()
    clock.advance(500)
    assert timer.meeting.paused
    assert timer.section_elapsed() == 10
    assert timer.section_elapsed(1) == 0
    assert timer.meeting_elapsed() == 10
    assert timer.meeting.sections[0].actual_seconds == 10
    # Moving between sections while paused counts nothing either.
    timer.next_section()
    clock.advance(500)
    assert timer.meeting_elapsed() == 10

    timer.resume()
    assert not timer.meeting.paused
    clock.advance(5)
    assert timer.section_elapsed() == 5
    assert timer.meeting_elapsed() == 15
    timer.pause()
    assert timer.meeting.paused
    clock.advance(5)
    assert timer.meeting_elapsed() == 15


def test_each_section_keeps_its_own_time_and_going_back_resumes_it() -> None:
    timer, clock = started(10, 10, 10)
    clock.advance(60)
    assert timer.next_section()
    clock.advance(30)
    assert timer.previous_section()
    assert timer.meeting.current_section == 0
    clock.advance(20)
    assert timer.section_elapsed(0) == 80
    assert timer.section_elapsed(1) == 30
    assert timer.section_elapsed(2) == 0
    assert timer.meeting_elapsed() == 110

    assert not timer.previous_section()
    assert timer.go_to(2)
    assert not timer.next_section()
    assert not timer.go_to(3)
    assert not timer.go_to(-1)
    assert timer.meeting.current_section == 2


def test_sync_folds_the_running_time_once() -> None:
    timer, clock = started(10)
    clock.advance(42)
    timer.sync()
    timer.sync()
    assert timer.meeting.sections[0].actual_seconds == 42
    assert timer.section_elapsed() == 42
    clock.advance(3)
    timer.sync()
    assert timer.meeting.sections[0].actual_seconds == 45
    assert timer.meeting_elapsed() == 45


def test_a_meeting_reloaded_after_a_crash_resumes_with_the_time_it_had() -> None:
    timer, clock = started(10, 10)
    clock.advance(90)
    timer.next_section()
    clock.advance(40)
    timer.sync()
    saved = timer.meeting.model_dump_json()

    clock.advance(600)  # the app is down; by default that time is not counted
    reloaded = MeetingTimer(Meeting.model_validate_json(saved), clock)
    reloaded.start()
    clock.advance(5)
    assert reloaded.meeting.current_section == 1
    assert reloaded.section_elapsed(0) == 90
    assert reloaded.section_elapsed() == 45
    assert reloaded.meeting.started_at == START


def test_add_downtime_counts_time_the_meeting_went_on_without_the_app() -> None:
    timer, clock = started(10, 10)
    clock.advance(60)
    timer.add_downtime(300)
    assert timer.section_elapsed() == 360
    assert timer.meeting_elapsed() == 360
    timer.add_downtime(-50)
    assert timer.meeting_elapsed() == 360


def test_state_warns_in_the_last_minute_and_marks_an_overrun() -> None:
    timer, clock = started(10)
    assert timer.state() == "on time"
    clock.advance(8 * 60 + 59)
    assert timer.state() == "on time"
    clock.advance(1)
    assert timer.state() == "warning"
    clock.advance(60)
    assert timer.section_remaining() == 0
    assert timer.state() == "warning"
    clock.advance(1)
    assert timer.state() == "overrun"
    assert timer.section_remaining() == -1


def test_a_short_section_warns_in_its_last_quarter() -> None:
    timer, clock = started(2)
    clock.advance(89)
    assert timer.state() == "on time"
    clock.advance(1)  # 30 s left of 120
    assert timer.state() == "warning"


def test_projected_end_moves_with_an_overrun_while_planned_end_stays() -> None:
    timer, clock = started(10, 20, 10)
    planned = START + timedelta(minutes=40)
    clock.advance(5 * 60)
    assert timer.planned_end() == planned
    assert timer.projected_end() == planned

    clock.advance(10 * 60)  # five minutes over in the first section
    assert timer.planned_end() == planned
    assert timer.projected_end() == START + timedelta(minutes=45)


def test_planned_end_uses_original_time_boxes_not_rebalanced_ones() -> None:
    timer, clock = started(10, 20, 10)
    timer.meeting.sections[1].planned_seconds = 5 * 60
    assert timer.planned_end() == START + timedelta(minutes=40)


def test_rebalance_after_an_overrun_keeps_the_wrap_up_and_ends_on_time() -> None:
    timer, clock = started(10, 20, 20, 10)
    clock.advance(16 * 60)  # six minutes over
    assert timer.state() == "overrun"

    assert timer.rebalance() is True
    sections = timer.meeting.sections
    assert sections[3].planned_seconds == 10 * 60
    # The overrunning section gets its minute to close; the rest share what is left.
    assert sections[0].planned_seconds == 17 * 60
    assert sections[1].planned_seconds == sections[2].planned_seconds == 990
    assert timer.projected_end() == timer.planned_end() == START + timedelta(minutes=60)
    assert timer.state() == "warning"
    assert [s.original_planned_seconds for s in sections] == [600, 1200, 1200, 600]


def test_rebalance_between_sections_shares_by_original_plan() -> None:
    timer, clock = started(10, 20, 10, 10)
    clock.advance(15 * 60)
    timer.next_section()
    assert timer.rebalance() is True
    sections = timer.meeting.sections
    # 35 minutes left, wrap-up keeps 10; 25 shared 2:1 between sections 2 and 3.
    assert sections[1].planned_seconds == 1000
    assert sections[2].planned_seconds == 500
    assert sections[3].planned_seconds == 600
    assert timer.projected_end() == timer.planned_end()


def test_rebalance_on_time_changes_nothing() -> None:
    timer, clock = started(10, 20, 10)
    clock.advance(4 * 60)
    assert timer.rebalance() is True
    assert [s.planned_seconds for s in timer.meeting.sections] == [600, 1200, 600]


def test_rebalance_that_cannot_fit_gives_each_a_minute_and_says_so() -> None:
    timer, clock = started(10, 10, 10)
    clock.advance(28 * 60)
    assert timer.rebalance() is False
    sections = timer.meeting.sections
    assert [s.planned_seconds for s in sections] == [28 * 60 + 60, 60, 600]
    assert timer.projected_end() > timer.planned_end()


def test_rebalance_while_paused_uses_the_time_left_in_the_plan() -> None:
    timer, clock = started(10, 20, 10)
    clock.advance(15 * 60)
    timer.pause()
    clock.advance(60 * 60)  # a long pause does not eat the plan
    timer.next_section()
    assert timer.rebalance() is True
    assert timer.meeting.sections[1].planned_seconds == 15 * 60


def test_rebalance_on_the_wrap_up_only_reports_whether_the_meeting_is_on_time() -> None:
    timer, clock = started(10, 10)
    clock.advance(5 * 60)
    timer.next_section()
    assert timer.rebalance() is True
    clock.advance(6 * 60)  # 4 minutes left in the wrap-up, 9 in the plan
    assert timer.rebalance() is True
    timer.meeting.sections[1].planned_seconds = 16 * 60  # 10 minutes left, 9 in the plan
    assert timer.rebalance() is False
    assert timer.meeting.sections[1].planned_seconds == 16 * 60


def test_rebalance_keeps_originals_when_none_were_recorded() -> None:
    clock = FakeClock(START)
    meeting = make_meeting(10, 20, 10)
    for section in meeting.sections:
        section.original_planned_seconds = 0
    timer = MeetingTimer(meeting, clock)
    timer.start()
    clock.advance(20 * 60)
    timer.rebalance()
    clock.advance(60)
    timer.rebalance()
    assert timer.planned_end() == START + timedelta(minutes=40)
    assert meeting.sections[2].planned_seconds == 600


@given(
    st.lists(st.integers(1, 30), min_size=2, max_size=6),
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3600)), max_size=6),
)
def test_rebalance_that_fits_ends_on_time_and_keeps_the_wrap_up(
    minutes: list[int], moves: list[tuple[int, int]]
) -> None:
    timer, clock = started(*minutes)
    for section, seconds in moves:
        timer.go_to(min(section, len(minutes) - 1))
        clock.advance(seconds)
    fits = timer.rebalance()
    sections = timer.meeting.sections
    if timer.meeting.current_section < len(minutes) - 1:
        assert sections[-1].planned_seconds == minutes[-1] * 60
        for index in range(timer.meeting.current_section, len(minutes) - 1):
            assert sections[index].planned_seconds - timer.section_elapsed(index) >= 60
    if fits:
        assert timer.projected_end() <= timer.planned_end()


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (5, "0:05"), (245, "4:05"), (245.9, "4:05"), (3723, "1:02:03"), (-42, "-0:42"), (-0.4, "0:00")],
)
def test_format_duration(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_format_minutes() -> None:
    assert format_minutes(480) == "8 min"
    assert format_minutes(90 * 60) == "90 min"


def test_system_clock_is_timezone_aware() -> None:
    assert system_clock().tzinfo is not None
