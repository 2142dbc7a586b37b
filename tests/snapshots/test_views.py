"""How the person view and the open-actions view look, at 80x24 and 120x40, with the clock frozen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, Priority
from tests.snapshots.test_screens import SIZES, filled_meeting


def two_meetings(store, clock) -> None:
    """Dana's review a month ago (one action carried since, one overdue) and Ana's last week."""
    first = filled_meeting(clock, ended=True)
    first.started_at = clock() - timedelta(days=30)
    first.priorities = [Priority(text="Ship the billing migration", due=date(2026, 11, 1))]
    store.save(first)
    second = filled_meeting(clock, ended=True)
    carried = first.actions[0].model_copy(update={"carried_from": first.id, "carried_count": 1, "agreed_on": first.started_at.date()})
    second.actions = [carried, ActionItem(text="Book the [b]facilitation[/b] course", owner="Dana Lee", due=date(2026, 11, 20))]
    store.save(second)
    third = filled_meeting(clock, ended=True)
    third.person = "Ana Souza"
    third.started_at = clock() - timedelta(days=7)
    third.actions = [ActionItem(text="Draft the onboarding plan", owner="Ana Souza")]
    store.save(third)


async def show(pilot, key: str) -> None:
    await pilot.pause()
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_person_view(snap_compare, store, clock, size) -> None:
    two_meetings(store, clock)

    async def run_before(pilot) -> None:
        await show(pilot, "w")

    assert snap_compare(MeetingDeskApp(store, clock=clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_open_actions_view(snap_compare, store, clock, size) -> None:
    two_meetings(store, clock)

    async def run_before(pilot) -> None:
        await show(pilot, "a")

    assert snap_compare(MeetingDeskApp(store, clock=clock), terminal_size=size, run_before=run_before)
