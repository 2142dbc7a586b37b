"""Follow-ups: what is open comes into the next meeting and leaves it only by a decision."""

from __future__ import annotations

from datetime import date


from meetingdesk.followup import carry_forward, decide, open_actions_from
from meetingdesk.models import ActionItem, Priority, meeting_from_agenda
from tests.builders import CHECK_IN, past_meeting

def test_open_actions_come_once_each_from_their_newest_meeting(clock) -> None:
    shared = ActionItem(text="Write the case", owner="Sam Rivera", due=date(2026, 12, 1))
    older = past_meeting(clock, 14, [shared, ActionItem(text="Book course", done_on=date(2026, 11, 10))])
    settled = shared.model_copy(update={"done_on": date(2026, 11, 20)})
    newer = past_meeting(clock, 7, [settled, ActionItem(text="Share budget", owner="Sam Rivera")])
    carried = open_actions_from([newer, older])
    assert [action.text for action in carried] == ["Share budget"]
    assert carried[0].carried_from == newer.id
    assert carried[0].carry_decision == "undecided"
    assert carried[0].agreed_on == newer.started_at.date()


def test_carry_forward_brings_every_active_goal_of_every_earlier_meeting_and_links_the_meetings(clock) -> None:
    older = past_meeting(clock, 21, [], [Priority(text="Mentor a new hire"), Priority(text="Old and done", status="achieved")])
    last = past_meeting(clock, 7, [ActionItem(text="Share budget")], [Priority(text="Lead Q1 planning", status="at risk")])
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    carry_forward(meeting, [last, older])
    assert [goal.text for goal in meeting.priorities] == ["Mentor a new hire", "Lead Q1 planning"]
    carried = meeting.priorities[1]
    assert carried.carried_from == last.id and carried.status is None and carried.before.status == "at risk"
    assert carried.id == last.priorities[0].id, "a carried goal keeps its id, so its history can be followed"
    assert meeting.follows == last.id
    assert meeting.actions[0].is_carried


def test_a_goal_achieved_or_dropped_later_is_not_brought_back_by_an_older_copy(clock) -> None:
    goal = Priority(text="Lead Q1 planning")
    older = past_meeting(clock, 21, [], [goal])
    ended = goal.model_copy(update={"status": "dropped", "dropped_reason": "Team reorganised", "carried_from": older.id})
    newer = past_meeting(clock, 7, [], [ended])
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    carry_forward(meeting, [older, newer])
    assert meeting.priorities == []


def test_decisions_keep_count_and_never_lose_an_action() -> None:
    action = ActionItem(text="Share budget", carried_from="x", carry_decision="undecided")
    decide(action, "kept", date(2026, 11, 23))
    assert action.carried_count == 1 and action.is_open
    decide(action, "kept", date(2026, 11, 23))
    assert action.carried_count == 1, "deciding twice does not count twice"
    decide(action, "done", date(2026, 11, 23))
    assert action.carried_count == 0 and action.done_on == date(2026, 11, 23) and not action.is_open
    decide(action, "dropped", date(2026, 11, 23), "Project cancelled")
    assert action.dropped_reason == "Project cancelled" and action.done_on is None and not action.is_open


def test_close_check_asks_about_undecided_carried_actions() -> None:
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    meeting.priorities = [Priority(text="Something", measure="Shipped", due=date(2027, 1, 1))]
    meeting.next_check_in = date(2026, 12, 7)
    meeting.actions = [ActionItem(text="Share budget", carried_from="x", carry_decision="undecided")]
    assert meeting.close_check() == ["“Share budget” was carried from last time: mark it done, kept or dropped."]


def test_settling_a_carried_action_closes_it_in_the_meeting_it_came_from(clock) -> None:
    from meetingdesk.followup import settle_origins

    first = past_meeting(clock, 7, [ActionItem(text="Share the budget"), ActionItem(text="Book course")])
    second = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    carry_forward(second, [first])
    decide(second.actions[0], "done", date(2026, 11, 23))
    decide(second.actions[1], "kept", date(2026, 11, 23))
    changed = settle_origins(second, {first.id: first}, date(2026, 11, 23))
    assert changed == [first]
    assert first.actions[0].done_on == date(2026, 11, 23) and first.actions[1].is_open
    assert first.amendments == [], "the follow-up settling it is not an amendment of the earlier record"
    assert (first.actions[0].settled_in, first.actions[0].settled_on) == (second.id, date(2026, 11, 23))
    from meetingdesk.summary import summary_text

    text = summary_text(first)
    assert "Amended" not in text
    assert "Share the budget — no owner yet, no deadline yet — done Mon 23 Nov 2026 (settled in the meeting of Mon 23 Nov 2026)" in text

