"""Follow-ups: what is open comes into the next meeting and leaves it only by a decision."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.followup import carry_forward, decide, open_actions_from
from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, Priority, meeting_from_agenda
from meetingdesk.screens import LiveScreen
from meetingdesk.store import Store

AGENDA = Agenda(
    name="check-in",
    title="Check-in",
    sections=[AgendaSection(title="News", minutes=5), AgendaSection(title="Wrap-up", minutes=5)],
)


def past_meeting(clock, days_ago: int, actions: list[ActionItem], priorities: list[Priority] = ()) -> Meeting:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.started_at = clock() - timedelta(days=days_ago)
    meeting.status = "ended"
    meeting.actions = actions
    meeting.priorities = list(priorities)
    return meeting


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


def test_carry_forward_brings_the_last_priorities_and_links_the_meetings(clock) -> None:
    last = past_meeting(clock, 7, [ActionItem(text="Share budget")], [Priority(text="Lead Q1 planning")])
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    carry_forward(meeting, [last])
    assert [p.text for p in meeting.previous_priorities] == ["Lead Q1 planning"]
    assert meeting.follows == last.id
    assert meeting.actions[0].is_carried


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
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.priorities = [Priority(text="Something")]
    meeting.actions = [ActionItem(text="Share budget", carried_from="x", carry_decision="undecided")]
    assert meeting.close_check() == ["“Share budget” was carried from last time: mark it done, kept or dropped."]


async def test_second_meeting_carries_the_open_action_and_settles_it(store: Store, clock) -> None:
    first = past_meeting(
        clock, 7, [ActionItem(text="Share the budget", owner="Sam Rivera", due=date(2026, 11, 30))],
        [Priority(text="Lead Q1 planning")],
    )
    store.save(first)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        assert "Lead Q1 planning" in str(screen.query_one("#previous", Static).render())
        actions = screen.query_one("#actions")
        assert "Share the budget" in str(actions.get_option_at_index(0).prompt)
        assert "from last time" in str(actions.get_option_at_index(0).prompt)
        actions.focus()
        await pilot.press("delete")
        assert len(screen.meeting.actions) == 1, "a carried action can't be deleted silently"
        await pilot.press("x")
        await pilot.press(*"Budget", "space", *"frozen", "enter")
        await pilot.pause()
        assert screen.meeting.actions[0].dropped_reason == "Budget frozen"
        await pilot.press("k")
        assert screen.meeting.actions[0].carry_decision == "kept"
        assert screen.meeting.actions[0].carried_count == 1
        assert screen.meeting.follows == first.id


async def test_a_second_window_opens_a_live_meeting_read_only(store: Store, clock) -> None:
    from meetingdesk.claims import MeetingClaim

    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.started_at = clock()
    meeting.sections[0].notes = "Typed in the first window"
    store.save(meeting)
    first_window = MeetingClaim(store.root, meeting.id)
    assert first_window.take()
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "READ-ONLY" in str(screen.query_one("#clock", Static).render())
        await pilot.press(*"extra")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen), "no dialog opens in a read-only window"
    assert Meeting.model_validate_json((store.root / "meetings" / f"{meeting.id}.json").read_text()).sections[0].notes == (
        "Typed in the first window"
    )
    first_window.release()


async def test_start_follow_up_from_a_past_meeting(store: Store, clock) -> None:
    first = past_meeting(clock, 7, [ActionItem(text="Share the budget", owner="Sam Rivera", due=date(2026, 11, 30))])
    store.save(first)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=first.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        assert screen.meeting.person == "Dana Lee" and screen.meeting.agenda_title == "Check-in"
        assert screen.meeting.follows == first.id
        assert [a.text for a in screen.meeting.actions] == ["Share the budget"]
        assert screen.meeting.actions[0].carry_decision == "undecided"


def test_settling_a_carried_action_closes_it_in_the_meeting_it_came_from(clock) -> None:
    from meetingdesk.followup import settle_origins

    first = past_meeting(clock, 7, [ActionItem(text="Share the budget"), ActionItem(text="Book course")])
    second = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    carry_forward(second, [first])
    decide(second.actions[0], "done", date(2026, 11, 23))
    decide(second.actions[1], "kept", date(2026, 11, 23))
    changed = settle_origins(second, {first.id: first}, date(2026, 11, 23))
    assert changed == [first]
    assert first.actions[0].done_on == date(2026, 11, 23) and first.actions[1].is_open
    assert "follow-up" in first.amendments[0].what


async def test_ending_a_follow_up_updates_the_earlier_record(store: Store, clock) -> None:
    first = past_meeting(clock, 7, [ActionItem(text="Share the budget", owner="Sam Rivera", due=date(2026, 11, 30))])
    store.save(first)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#actions").focus()
        await pilot.press("d", "ctrl+f", "ctrl+f")
        await pilot.pause()
    assert store.load(first.id).actions[0].done_on == clock().date()
    assert [row.open_actions for row in store.rows()] == [0, 0]
