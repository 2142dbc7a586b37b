"""How the development plan looks, at 80x24 and 120x40, with the clock frozen: the live goals panel,
Update goal, Set next check-in, the person view's timeline and the check-ins due."""

from __future__ import annotations

import pytest

from meetingdesk.app import MeetingDeskApp
from tests.builders import development_plan
from tests.snapshots.test_screens import SIZES, freeze_editors
from tests.snapshots.test_views import show


def follow_up(store, clock) -> MeetingDeskApp:
    return MeetingDeskApp(store, clock=clock, start_meeting=development_plan(store, clock))


@pytest.mark.parametrize("size", SIZES)
def test_live_goals_panel(snap_compare, store, clock, size) -> None:
    assert snap_compare(follow_up(store, clock), terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_update_goal_dialog(snap_compare, store, clock, size) -> None:
    async def run_before(pilot) -> None:
        await freeze_editors(pilot)
        await pilot.press("ctrl+j", "tab", *"Draft", "space", *"shared")

    assert snap_compare(follow_up(store, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_set_next_check_in_dialog(snap_compare, store, clock, size) -> None:
    async def run_before(pilot) -> None:
        await freeze_editors(pilot)
        await pilot.press("ctrl+s")

    assert snap_compare(follow_up(store, clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_person_view_goal_timeline(snap_compare, store, clock, size) -> None:
    development_plan(store, clock)

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#meetings").highlighted = [row.person for row in pilot.app.screen.query_one("#meetings").rows].index("Dana Lee")
        await show(pilot, "w")

    assert snap_compare(MeetingDeskApp(store, clock=clock), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_check_ins_due(snap_compare, store, clock, size) -> None:
    development_plan(store, clock)

    async def run_before(pilot) -> None:
        await show(pilot, "c")

    assert snap_compare(MeetingDeskApp(store, clock=clock), terminal_size=size, run_before=run_before)
