"""How the trash looks, at 80x24 and 120x40, with deletion times pinned.

Update the pictures after a deliberate change with `pytest --snapshot-update`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from meetingdesk.app import MeetingDeskApp
from meetingdesk.screens.trash import TrashScreen
from meetingdesk.storage.trash import move_to_trash
from tests.snapshots.test_screens import SIZES, filled_meeting


def trash_two_meetings(store, clock) -> None:
    deleted_at = datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc)
    for offset, person in enumerate(["Dana Lee", "Ana Souza"]):
        meeting = filled_meeting(clock, ended=True)
        meeting.person = person
        meeting.started_at = clock() - timedelta(days=7 * offset)
        store.save(meeting)
        # The deletion time is pinned, so the picture is the same on every run.
        move_to_trash(store, meeting.id, deleted_at + timedelta(hours=offset))


@pytest.mark.parametrize("size", SIZES)
def test_trash(snap_compare, store, clock, size) -> None:
    trash_two_meetings(store, clock)
    app = MeetingDeskApp(store, clock=clock)

    async def open_trash(pilot) -> None:
        await pilot.app.push_screen(TrashScreen())
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_trash)


@pytest.mark.parametrize("size", SIZES)
def test_trash_empty(snap_compare, store, clock, size) -> None:
    app = MeetingDeskApp(store, clock=clock)

    async def open_trash(pilot) -> None:
        await pilot.app.push_screen(TrashScreen())
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_trash)
