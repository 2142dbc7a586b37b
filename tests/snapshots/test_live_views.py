"""How the live screen's other views look, at 80x24 and 120x40, with the clock frozen: private notes
hidden, the prompts being read, last time's record during a meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest

from meetingdesk.app import MeetingDeskApp
from tests.builders import screen_text, until
from tests.snapshots.test_screens import SIZES, filled_meeting, freeze_editors


def live_app(store, clock) -> MeetingDeskApp:
    return MeetingDeskApp(store, clock=clock, start_meeting=filled_meeting(clock, ended=False))


@pytest.mark.parametrize("size", SIZES)
def test_live_private_notes_hidden(snap_compare, store, clock, size) -> None:
    assert snap_compare(live_app(store, clock), press=["f3", "f2"], terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_live_reading_the_prompts(snap_compare, store, clock, size) -> None:
    assert snap_compare(live_app(store, clock), press=["f3", "shift+tab", "down"], terminal_size=size, run_before=freeze_editors)


@pytest.mark.parametrize("size", SIZES)
def test_last_meeting_during_a_meeting(snap_compare, store, clock, size) -> None:
    earlier = filled_meeting(clock, ended=True)
    earlier.started_at = clock() - timedelta(days=30)
    earlier.ended_at = earlier.started_at + timedelta(minutes=48)
    store.save(earlier)

    async def open_last_time(pilot) -> None:
        await freeze_editors(pilot)
        await pilot.press("f4")
        await until(pilot, lambda: "Plan signed off" in screen_text(pilot.app))

    assert snap_compare(live_app(store, clock), terminal_size=size, run_before=open_last_time)
