"""Shared fixtures: a data folder per test, a clock the test moves by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.store import Store

FROZEN_START = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
"""A Monday afternoon: every UI test starts here."""


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime = FROZEN_START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, minutes: float = 0) -> None:
        self.now += timedelta(seconds=seconds, minutes=minutes)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real data folder; pin the time zone so times on screen are stable."""
    home = tmp_path / "home"
    monkeypatch.setenv("MEETINGDESK_HOME", str(home))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("USER", "Sam Rivera")
    monkeypatch.delenv("TMUX", raising=False)
    import time

    time.tzset()
    return home


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(home: Path) -> Store:
    store = Store(home)
    store.open()
    return store
