"""Follow-ups on screen: the next meeting shows what is still open, and settling it updates the earlier record."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, Meeting, Priority, meeting_from_agenda
from meetingdesk.screens import LiveScreen
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, past_meeting

async def test_second_meeting_carries_the_open_action_and_settles_it(store: Store, clock) -> None:
    first = past_meeting(
        clock, 7, [ActionItem(text="Share the budget", owner="Sam Rivera", due=date(2026, 11, 30))],
        [Priority(text="Lead Q1 planning")],
    )
    store.save(first)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        goals = screen.query_one("#priorities")
        assert "↻ Lead Q1 planning" in str(goals.get_option_at_index(0).prompt), "last time's goal is carried, not only shown"
        assert "not updated yet" in str(goals.get_option_at_index(0).prompt)
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
    from meetingdesk.storage.claims import MeetingClaim

    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
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


async def test_ending_a_follow_up_updates_the_earlier_record(store: Store, clock) -> None:
    first = past_meeting(clock, 7, [ActionItem(text="Share the budget", owner="Sam Rivera", due=date(2026, 11, 30))])
    store.save(first)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#actions").focus()
        await pilot.press("d", "ctrl+f", "ctrl+f")
        await pilot.pause()
    assert store.load(first.id).actions[0].done_on == clock().date()
    assert [row.open_actions for row in store.rows()] == [0, 0]



async def test_a_read_only_window_offers_to_carry_on_when_the_other_window_closes(store: Store, clock, monkeypatch) -> None:
    from meetingdesk.dialogs.confirm import ConfirmDialog
    from meetingdesk.dialogs.downtime import DowntimeDialog
    from meetingdesk.screens import live
    from meetingdesk.storage.claims import MeetingClaim

    monkeypatch.setattr(live, "FOLLOW_SECONDS", 0.05)
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    meeting.started_at = clock()
    meeting.sections[0].notes = "Typed in the first window"
    store.save(meeting)
    first_window = MeetingClaim(store.root, meeting.id)
    assert first_window.take()
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.read_only
        first_window.release()  # the first window closed, or its process died
        await pilot.pause(0.3)
        assert isinstance(app.screen, ConfirmDialog)
        assert "continue the meeting here" in str(app.screen.query_one("#question", Static).render())
        await pilot.press("y")
        await pilot.pause()
        # Carrying on is resuming: the clock stopped when the other window went, so it asks about the gap.
        assert isinstance(app.screen, DowntimeDialog)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen) and not screen.read_only
        assert "READ-ONLY" not in str(screen.query_one("#clock", Static).render())
        await pilot.press(*" and carried on here")
        await pilot.pause()
        screen.save_now()
    saved = Meeting.model_validate_json((store.root / "meetings" / f"{meeting.id}.json").read_text())
    assert saved.sections[0].notes == "Typed in the first window and carried on here"
