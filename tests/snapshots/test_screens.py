"""How each screen looks, at 80x24 and 120x40, with the clock frozen.

Update the pictures after a deliberate change with `pytest --snapshot-update`; the
report of a failure shows both pictures side by side.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, Priority, meeting_from_agenda
from meetingdesk.agendas import find_agenda

SIZES = [(80, 24), (120, 40)]


def filled_meeting(clock, *, ended: bool):
    agenda = find_agenda("performance-review", None)
    meeting = meeting_from_agenda(agenda, "Dana Lee", "Sam Rivera")
    meeting.started_at = clock()
    meeting.sections[0].notes = "Shipped the billing migration two weeks early.\nCustomers noticed."
    meeting.sections[0].actual_seconds = 330
    meeting.sections[0].prompts_done = [0]
    meeting.sections[1].notes = "Wants to lead the Q1 planning review."
    meeting.sections[1].private_notes = "Seems tired; check workload."
    meeting.sections[1].actual_seconds = 200
    meeting.current_section = 1
    meeting.priorities = [Priority(text="Lead the Q1 planning review", measure="Plan signed off", due=date(2027, 3, 31))]
    meeting.actions = [
        ActionItem(text="Write the promotion case", owner="Sam Rivera", due=date(2026, 12, 15)),
        ActionItem(text="Book the facilitation course", owner="Dana Lee", due=date(2026, 12, 4)),
    ]
    if ended:
        meeting.status = "ended"
        meeting.ended_at = clock() + timedelta(minutes=48)
    return meeting


async def freeze_editors(pilot) -> None:
    await pilot.pause()  # the live screen is pushed just after start-up
    for screen in pilot.app.screen_stack:  # a dialog on top leaves the editors beneath in the picture
        for text_area in screen.query("TextArea"):
            text_area.cursor_blink = False
    # The agenda scrolls to the current section once laid out: take the picture after it has.
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_home_first_run(snap_compare, store, clock, size) -> None:
    assert snap_compare(MeetingDeskApp(store, clock=clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_home_with_meetings(snap_compare, store, clock, size) -> None:
    store.save(filled_meeting(clock, ended=True))
    clock.advance(minutes=60 * 24 * 3)
    other = filled_meeting(clock, ended=False)
    other.person = "Ana Souza"
    store.save(other)
    assert snap_compare(MeetingDeskApp(store, clock=clock), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_live_meeting(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=False)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    assert snap_compare(app, terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_live_meeting_over_time(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=False)
    meeting.sections[1].actual_seconds = meeting.sections[1].planned_seconds + 95
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    assert snap_compare(app, terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=True)
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_new_meeting_form(snap_compare, store, clock, size) -> None:
    assert snap_compare(MeetingDeskApp(store, clock=clock), press=["n"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_add_action_dialog(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=False)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    keys = ["ctrl+o", *"Share the budget @me by end of month"]
    assert snap_compare(app, press=[("space" if k == " " else k) for k in keys], terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_close_check(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=False)
    meeting.actions.append(ActionItem(text="Look into a mentor"))
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    assert snap_compare(app, press=["ctrl+f"], terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_add_goal_dialog(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=False)
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    keys = ["ctrl+g", *"Mentor a new hire", "tab", "tab", *"end of quarter"]
    assert snap_compare(app, press=[("space" if k == " " else k) for k in keys], terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_resume_asks_about_downtime(snap_compare, store, size) -> None:
    from tests.builders import FakeClock

    meeting = filled_meeting(FakeClock(), ended=False)
    # Last saved at the frozen start, not at the real time (which save() would stamp): the
    # projected end on screen depends on it.
    meeting.updated_at = FakeClock()()
    store.put_many([meeting])
    clock = FakeClock(meeting.updated_at + timedelta(minutes=12))
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)

    async def after_a_tick(pilot) -> None:
        # The clock's first tick (a real one-second timer) redraws the agenda beneath the dialog and may
        # scroll it by a line: take the picture once it has come, whatever the machine's load.
        await freeze_editors(pilot)
        await pilot.pause(1.2)

    assert snap_compare(app, terminal_size=size, run_before=after_a_tick)


@pytest.mark.parametrize("size", SIZES)
def test_drop_carried_action_dialog(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=False)
    meeting.actions[0].carried_from = "earlier"
    meeting.actions[0].carry_decision = "undecided"
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)

    async def focus_actions(pilot) -> None:
        await freeze_editors(pilot)
        pilot.app.screen.query_one("#actions").focus()

    keys = ["x", *"Project cancelled"]
    assert snap_compare(app, press=[("space" if k == " " else k) for k in keys], terminal_size=size, run_before=focus_actions)


@pytest.mark.parametrize("size", SIZES)
def test_record_confirm_delete(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=True)
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    assert snap_compare(app, press=["ctrl+d"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_record_edit_notes(snap_compare, store, clock, size) -> None:
    meeting = filled_meeting(clock, ended=True)
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    assert snap_compare(app, press=["n"], terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_home_person_filter(snap_compare, store, clock, size) -> None:
    store.save(filled_meeting(clock, ended=True))
    assert snap_compare(MeetingDeskApp(store, clock=clock), press=["p"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_live_meeting_read_only(snap_compare, store, clock, size) -> None:
    from meetingdesk.storage.claims import MeetingClaim

    meeting = filled_meeting(clock, ended=False)
    store.save(meeting)
    other_window = MeetingClaim(store.root, meeting.id)
    assert other_window.take()
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    try:
        assert snap_compare(app, terminal_size=size, run_before=freeze_editors)
    finally:
        other_window.release()

