"""The storage tests' shared fixture: two machines on one data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetingdesk.models import Meeting
from meetingdesk.storage.store import Store
from tests.storage.machines import a_meeting, machine


@pytest.fixture
def two(home: Path) -> tuple[Store, Store, Meeting]:
    """Two processes on one data folder, with one ended meeting saved by the first."""
    first = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    first.save(meeting)
    return first, machine(home, "bbbbbbbb"), meeting
