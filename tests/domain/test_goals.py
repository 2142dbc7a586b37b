"""The development plan in the domain: statuses, cadences, check-ins, what changed, the SMART check."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from meetingdesk.calendar_file import check_in_calendar
from meetingdesk.dates import check_in_after
from meetingdesk.goals import (
    PlanError,
    carried_copy,
    confirm_without,
    goal_plans,
    parse_cadence,
    parse_status,
    plan_data,
    smart_gaps,
    update_goal,
    what_changed,
)
from meetingdesk.models import Milestone, Priority, meeting_from_agenda
from meetingdesk.summary import summary_markdown, summary_text
from tests.builders import CHECK_IN

DAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "status"),
    [("on track", "on track"), ("On-Track", "on track"), ("risk", "at risk"), ("ach", "achieved"), ("DROP", "dropped"), ("off", "off track")],
)
def test_a_status_is_read_from_its_words_or_their_start(typed: str, status: str) -> None:
    assert parse_status(typed) == status


@pytest.mark.parametrize("typed", ["done", "", "o", "great"])
def test_an_unknown_status_names_the_value_and_every_status(typed: str) -> None:
    with pytest.raises(PlanError) as raised:
        parse_status(typed)
    assert str(raised.value) == f"“{typed or '(nothing)'}” is not a goal status: use on track, at risk, off track, achieved or dropped."


@pytest.mark.parametrize(
    ("typed", "cadence"),
    [("weekly", "weekly"), ("fortnightly", "every 2 weeks"), ("every two weeks", "every 2 weeks"), ("Month", "monthly"), ("q", "quarterly"), ("none", "none")],
)
def test_a_cadence_is_read_in_the_ways_people_say_it(typed: str, cadence: str) -> None:
    assert parse_cadence(typed) == cadence


def test_an_unknown_cadence_names_the_value_and_every_cadence() -> None:
    with pytest.raises(PlanError, match="^“daily” is not a check-in cadence: use weekly, every 2 weeks, monthly, quarterly or none.$"):
        parse_cadence("daily")


def test_the_next_check_in_follows_the_cadence_and_keeps_the_day_of_the_month() -> None:
    assert check_in_after(DAY, "weekly") == date(2026, 11, 30)
    assert check_in_after(DAY, "every 2 weeks") == date(2026, 12, 7)
    assert check_in_after(DAY, "monthly") == date(2026, 12, 23)
    assert check_in_after(date(2028, 1, 31), "monthly") == date(2028, 2, 29)
    assert check_in_after(date(2026, 11, 30), "quarterly") == date(2027, 3, 1), "Sun 28 Feb moves to the Monday after"
    assert check_in_after(date(2026, 11, 28), "weekly") == date(2026, 12, 7), "a Saturday meeting's next one is on a weekday"
    assert check_in_after(DAY, "none") is None and check_in_after(DAY, None) is None


def review_goal() -> Priority:
    return Priority(
        text="Lead the Q1 planning review",
        measure="Plan signed off",
        due=date(2027, 3, 31),
        milestones=[Milestone(text="Draft plan", due=date(2027, 1, 15)), Milestone(text="Sign-off", due=date(2027, 3, 31))],
    )


def test_a_check_in_sets_status_progress_and_milestones_met_and_says_what_changed() -> None:
    goal = review_goal()
    update_goal(goal, "at risk", "  draft   late ", DAY)
    carried = carried_copy(goal, "m1", DAY)
    assert (carried.status, carried.progress, carried.before.status, carried.carried_from) == (None, "", "at risk", "m1")
    update_goal(carried, "on track", "Draft circulated", date(2026, 12, 7), met=[carried.milestones[0].id])
    carried.due = date(2027, 4, 30)
    assert carried.milestones[0].done_on == date(2026, 12, 7) and carried.next_milestone.text == "Sign-off"
    assert what_changed(carried) == ["was at risk", "date moved to Fri 30 Apr 2027", "milestone “Draft plan” met"]
    line = next(line for line in summary_text(_meeting_with(carried)).splitlines() if "Lead the Q1" in line)
    assert line == (
        "- Lead the Q1 planning review — measure: Plan signed off — by Fri 30 Apr 2027 — on track (was at risk; "
        "date moved to Fri 30 Apr 2027; milestone “Draft plan” met) — progress: Draft circulated — milestones: "
        "Draft plan, met Mon 7 Dec 2026; Sign-off, by Wed 31 Mar 2027"
    )


def test_a_dropped_goal_needs_a_reason_and_is_no_longer_active() -> None:
    goal = review_goal()
    with pytest.raises(PlanError, match="^Say why “Lead the Q1 planning review” is dropped"):
        update_goal(goal, "dropped", "", DAY)
    assert goal.status is None, "a refused update changes nothing"
    update_goal(goal, "dropped", "", DAY, reason="The team was reorganised")
    assert not goal.is_active and goal.dropped_reason == "The team was reorganised"
    update_goal(goal, "on track", "", DAY)
    assert goal.dropped_reason == "" and goal.is_active


def _meeting_with(*goals: Priority):
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    meeting.priorities = list(goals)
    return meeting


def test_the_close_check_names_new_goals_without_measure_or_date_until_confirmed() -> None:
    vague = Priority(text="Grow as a leader")
    dated = Priority(text="Ship the API", due=date(2027, 2, 1))
    meeting = _meeting_with(vague, dated, carried_copy(Priority(text="Old, no measure"), "m0", DAY))
    meeting.next_check_in = date(2026, 12, 7)
    checked = meeting.close_check()
    assert "“Grow as a leader” has no measure or date: add it, or confirm it was agreed without." in checked
    assert "“Ship the API” has no measure: add it, or confirm it was agreed without." in checked
    assert not any("Old, no measure” has no" in problem for problem in checked), "carried goals were checked when agreed"
    confirm_without(meeting, smart_gaps(meeting))
    assert vague.no_measure_agreed and vague.no_date_agreed and dated.no_measure_agreed and not dated.no_date_agreed
    assert meeting.close_check() == [
        "“Old, no measure” was carried from last time: update its status (on track, at risk, off track, achieved or dropped)."
    ]


def test_the_close_check_counts_carried_goals_as_agreed_and_asks_for_the_next_check_in() -> None:
    carried = carried_copy(review_goal(), "m0", DAY)
    update_goal(carried, "on track", "", DAY)
    meeting = _meeting_with(carried)
    assert meeting.close_check() == ["No next check-in: agree the date you will meet next."]
    meeting.cadence = "none"
    assert meeting.close_check() == [], "no cadence kept: no next check-in asked for"
    update_goal(carried, "achieved", "", DAY)
    assert meeting.close_check() == ["No goal going forward: agree at least one the two of you will work on."]


def test_a_goals_history_has_one_check_in_per_meeting_and_the_milestones_met_there() -> None:
    first = review_goal()
    second = carried_copy(first, "m1", date(2026, 11, 23))
    update_goal(second, "at risk", "Draft late", date(2026, 12, 7))
    third = carried_copy(second, "m2", date(2026, 12, 7))
    update_goal(third, "achieved", "Signed off", date(2027, 1, 4), met=[m.id for m in third.milestones])
    plans = goal_plans(
        [("m1", date(2026, 11, 23), "Dana Lee", first), ("m2", date(2026, 12, 7), "Dana Lee", second), ("m3", date(2027, 1, 4), "Dana Lee", third)]
    )
    assert len(plans) == 1 and not plans[0].is_active
    data = plan_data(plans[0])
    assert data["status"] == "achieved" and data["progress"] == "Signed off"
    assert [entry["status"] for entry in data["history"]] == ["on track", "at risk", "achieved"]
    assert data["history"][2]["milestones_met"] == ["Draft plan", "Sign-off"]
    assert data["milestones"][0] == {"text": "Draft plan", "due": "2027-01-15", "done": True, "done_on": "2027-01-04"}


def test_the_summary_ends_with_the_next_check_in_and_names_the_nearest_deadlines() -> None:
    meeting = _meeting_with(review_goal())
    meeting.next_check_in = date(2026, 12, 21)
    markdown = summary_markdown(meeting)
    assert markdown.endswith(
        "## What happens next\n\n- Milestone: Draft plan — Lead the Q1 planning review, by Fri 15 Jan 2027\n\nNext check-in: Mon 21 Dec 2026\n"
    )


def test_the_calendar_event_starts_on_the_quarter_hour_at_the_same_local_time_after_a_clock_change() -> None:
    paris = ZoneInfo("Europe/Paris")
    meeting = _meeting_with(review_goal())
    meeting.started_at = datetime(2026, 11, 23, 9, 58, 41, tzinfo=paris)
    meeting.next_check_in = date(2027, 4, 12)  # summer time by then
    event = icalendar.Calendar.from_ical(check_in_calendar(meeting, meeting.started_at, paris)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2027, 4, 12, 8, 0, tzinfo=timezone.utc), "10:00 in Paris, no seconds"
