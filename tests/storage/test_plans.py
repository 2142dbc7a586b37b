"""Goals across meetings and check-ins due, answered by the index without reading the meeting files."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from meetingdesk.goals import carried_copy, update_goal
from meetingdesk.models import ActionItem, Meeting, Priority, SectionRecord
from meetingdesk.storage.plans import Plans
from meetingdesk.storage.store import Store

START = datetime(2026, 9, 1, 10, 0, tzinfo=timezone.utc)


def meeting_on(person: str, day: int, **changes) -> Meeting:
    meeting = Meeting(
        person=person,
        manager="Sam Rivera",
        agenda_name="check-in",
        agenda_title="Check-in",
        created_at=START + timedelta(days=day),
        started_at=START + timedelta(days=day),
        status="ended",
        sections=[SectionRecord(title="News", planned_seconds=600)],
    )
    for name, value in changes.items():
        setattr(meeting, name, value)
    return meeting


def test_active_goals_come_from_every_earlier_meeting_until_achieved_or_dropped(store: Store) -> None:
    kept = Priority(text="Mentor a new hire")
    finished = Priority(text="Ship billing")
    first = meeting_on("Dana Lee", 0, priorities=[kept, finished])
    store.save(first)
    carried = carried_copy(finished, first.id, date(2026, 9, 1))
    update_goal(carried, "achieved", "Shipped", date(2026, 9, 15))
    second = meeting_on("Dana Lee", 14, priorities=[carried, Priority(text="Lead planning")])
    store.save(second)
    store.save(meeting_on("Bo Chen", 15, priorities=[Priority(text="Not Dana's")]))
    plans = Plans(store.index)
    assert [(where, goal.text) for where, _, goal in plans.active_goals("dana LEE")] == [
        (first.id, "Mentor a new hire"),
        (second.id, "Lead planning"),
    ]
    assert [plan.goal.text for plan in plans.plans("Dana Lee")] == ["Mentor a new hire", "Lead planning"]
    everything = plans.plans("Dana Lee", everything=True)
    assert [(plan.goal.text, plan.status) for plan in everything] == [
        ("Mentor a new hire", "on track"),
        ("Ship billing", "achieved"),
        ("Lead planning", "on track"),
    ]
    assert [check.meeting_id for check in everything[1].history] == [first.id, second.id]
    assert [plan.goal.text for plan in plans.plans(status="achieved", everything=True)] == ["Ship billing"]


def test_deleting_the_newest_copy_makes_the_older_one_count_again(store: Store) -> None:
    goal = Priority(text="Ship billing")
    first = meeting_on("Dana Lee", 0, priorities=[goal])
    store.save(first)
    dropped = carried_copy(goal, first.id, date(2026, 9, 1))
    update_goal(dropped, "dropped", "", date(2026, 9, 15), reason="Cancelled")
    second = meeting_on("Dana Lee", 14, priorities=[dropped])
    store.save(second)
    assert Plans(store.index).active_goals("Dana Lee") == []
    store.forget(second.id)
    assert [goal.text for _, _, goal in Plans(store.index).active_goals("Dana Lee")] == ["Ship billing"]


def test_check_ins_take_the_agreed_date_else_the_cadence_and_count_open_actions_once(store: Store) -> None:
    action = ActionItem(text="Share the budget", owner="Sam Rivera")
    store.save(meeting_on("Dana Lee", 0, actions=[action], cadence="monthly", next_check_in=date(2026, 9, 20)))
    carried = action.model_copy(update={"carried_from": "x", "carry_decision": "kept"})
    store.save(meeting_on("Dana Lee", 21, actions=[carried, ActionItem(text="Book course")]))
    store.save(meeting_on("Bo Chen", 2, next_check_in=date(2026, 9, 16)))
    store.save(meeting_on("Ana Souza", 3))
    due = Plans(store.index).check_ins()
    assert [(d.person, d.next_check_in, d.cadence, d.open_actions) for d in due] == [
        ("Bo Chen", date(2026, 9, 16), None, 0),
        # Dana's newest meeting set no date: a month after it, as her cadence says.
        ("Dana Lee", date(2026, 10, 22), "monthly", 2),
        ("Ana Souza", None, None, 0),
    ]
    assert due[0].is_overdue(date(2026, 9, 17)) and not due[1].is_overdue(date(2026, 9, 17))
    assert due[1].is_due(date(2026, 10, 20), within_days=7)
