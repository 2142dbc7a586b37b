"""Shared fixtures: a data folder per test, a clock the test moves by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from meetingdesk.storage.store import Store
from tests.builders import FakeClock

# Timings belong in benchmarks/: a property test checks what comes out, however busy the machine is.
settings.register_profile("meetingdesk", deadline=None)
settings.load_profile("meetingdesk")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real data folder; pin the time zone so times on screen are stable."""
    home = tmp_path / "home"
    monkeypatch.setenv("MEETINGDESK_HOME", str(home))
    # The index lives in the machine's cache folder: one per test, as a fresh machine has.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
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
