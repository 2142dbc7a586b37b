"""Each person's TinyDB database: written atomically through the one writer, private, never half-written,
set aside when damaged, and kept in the index when another process or machine changes it."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from meetingdesk.desk import Desk
from meetingdesk.people import Profile
from meetingdesk.storage import person_db as people_storage
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.people import PersonBook, check_record
from meetingdesk.storage.person_db import AtomicStorage
from meetingdesk.storage.store import Store
from tests.builders import FakeClock

REPO = Path(__file__).resolve().parents[2]


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "MEETINGDESK_HOME": str(home), "TZ": "UTC", "PYTHONPATH": str(REPO)}


def logged(store: Store, name: str = "Dana Lee") -> list[str]:
    """The texts of `name`'s live entries, read from the file as a fresh process would."""
    fresh = Store(store.root)
    fresh.open()
    return [entry.text for entry in Desk(fresh).team.entries(name)]


@pytest.fixture
def desk(store: Store, clock: FakeClock) -> Desk:
    return Desk(store, clock)


def test_a_persons_database_is_one_private_file_written_by_the_one_atomic_writer(desk: Desk, monkeypatch) -> None:
    old = os.umask(0)
    writes: list[Path] = []
    real = people_storage.write_private_file
    monkeypatch.setattr(people_storage, "write_private_file", lambda path, data: writes.append(Path(path)) or real(path, data))
    try:
        desk.team.add_person("Dana Lee", role="Engineer")
        desk.team.log("Dana Lee", "Led the incident review", "impact")
    finally:
        os.umask(old)
    path = desk.store.root / "people" / "dana-lee.json"
    assert writes == [path, path, path], "created, profile set, entry added: each one atomic write"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["dana-lee.json"], "no temp file left behind"
    tables = json.loads(path.read_text())
    assert set(tables) == {"meta", "profile", "evidence"}
    assert [doc["text"] for doc in tables["evidence"].values()] == ["Led the incident review"]


def test_a_failed_write_keeps_the_old_database_and_leaves_no_temp_file(desk: Desk, monkeypatch) -> None:
    desk.team.add_person("Dana Lee")
    desk.team.log("Dana Lee", "First entry")
    path = desk.store.root / "people" / "dana-lee.json"
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(StoreError, match="disk is full"):
        desk.team.log("Dana Lee", "Second entry")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["dana-lee.json"]


KILL_AT = textwrap.dedent(
    """
    import os, signal, sys

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def person_temp(fd):
        target = os.readlink(f"/proc/self/fd/{fd}")
        return "/people/" in target and target.endswith(".tmp")

    point = sys.argv.pop(1)
    if point == "writing":  # half the temp file written
        real_write = os.write
        def write(fd, data):
            if person_temp(fd):
                real_write(fd, bytes(data)[: len(data) // 2])
                die()
            return real_write(fd, data)
        os.write = write
    elif point == "fsync":  # the temp file written whole, being flushed to disk
        real_fsync = os.fsync
        os.fsync = lambda fd: die() if person_temp(fd) else real_fsync(fd)
    elif point == "rename":  # flushed, about to replace the database
        real_replace = os.replace
        os.replace = lambda source, target: die() if "/people/" in str(target) else real_replace(source, target)
    elif point == "index":  # the database replaced, the index not yet told
        from meetingdesk.storage.people_index import PeopleIndex
        PeopleIndex.saved = lambda *args, **kwargs: die()
    from meetingdesk.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("point", ["writing", "fsync", "rename", "index"])
def test_kill_9_in_the_middle_of_meetingdesk_log_leaves_the_database_readable(desk: Desk, home: Path, point: str) -> None:
    desk.team.add_person("Dana Lee")
    for number in range(3):
        desk.team.log("Dana Lee", f"Entry {number}", "impact")
    result = subprocess.run(
        [sys.executable, "-c", KILL_AT, point, "log", "--with", "dana", "--theme", "impact", "Killed mid-write"],
        env=env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    check_record(AtomicStorage(home / "people" / "dana-lee.json").read())
    expected = ["Entry 0", "Entry 1", "Entry 2"] + (["Killed mid-write"] if point == "index" else [])
    assert sorted(logged(desk.store)) == expected, "the old database whole, or the new one whole"
    done = subprocess.run(
        [sys.executable, "-m", "meetingdesk", "log", "--with", "dana", "After the kill"], env=env(home), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert sorted(logged(desk.store)) == sorted([*expected, "After the kill"])
    fresh = Store(home)
    fresh.open(quick=True)
    assert len(Desk(fresh).team.search("killed")) == (point == "index"), "the index follows the file, whatever it missed"


def test_two_processes_logging_at_once_keep_every_entry(desk: Desk, home: Path) -> None:
    desk.team.add_person("Dana Lee")
    children = [
        subprocess.Popen([sys.executable, "-m", "meetingdesk", "log", "--with", "dana", f"Entry {n}"], env=env(home), stderr=subprocess.PIPE)
        for n in range(6)
    ]
    assert [child.wait(timeout=120) for child in children] == [0] * 6
    assert sorted(logged(desk.store)) == [f"Entry {n}" for n in range(6)]


def test_a_damaged_database_is_set_aside_reported_and_the_rest_keeps_working(home: Path, clock) -> None:
    store = Store(home)
    store.open()
    desk = Desk(store, clock)
    desk.team.add_person("Dana Lee")
    desk.team.add_person("Bo Chen")
    desk.team.log("Bo Chen", "Mentored two new starters", "leadership")
    (home / "people" / "dana-lee.json").write_text('{"profile": {"1": {"name": "Dana Lee"', encoding="utf-8")
    os.utime(home / "people" / "dana-lee.json", ns=(1, 1))  # a change the index has not seen

    later = Store(home)
    later.open()
    assert any("dana-lee.json is not valid JSON" in problem and "damaged" in problem for problem in later.problems)
    assert not (home / "people" / "dana-lee.json").exists()
    assert len(list((home / "damaged").glob("dana-lee.json.*"))) == 1
    team = Desk(later, clock).team
    assert [row.name for row in later.team.index.rows()] == ["Bo Chen"]
    team.log("Bo Chen", "Ran the planning review")
    assert [entry.text for entry in team.entries("Bo Chen")] == ["Mentored two new starters", "Ran the planning review"]


def test_a_database_damaged_while_open_is_never_written_over(desk: Desk, home: Path) -> None:
    desk.team.add_person("Dana Lee")
    desk.team.log("Dana Lee", "First")
    path = home / "people" / "dana-lee.json"
    data = json.loads(path.read_text())
    next(iter(data["evidence"].values()))["theme"] = "wins"
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="unknown theme “wins”.*moved to"):
        desk.team.log("Dana Lee", "Second")
    kept = list((home / "damaged").glob("dana-lee.json.*"))
    assert len(kept) == 1 and json.loads(kept[0].read_text()) == data, "set aside exactly as it was"


def test_a_database_from_a_newer_meetingdesk_is_refused_and_left_alone(desk: Desk, home: Path) -> None:
    desk.team.add_person("Dana Lee")
    path = home / "people" / "dana-lee.json"
    data = json.loads(path.read_text())
    data["meta"]["1"]["format"] = 99
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer MeetingDesk"):
        desk.team.log("Dana Lee", "Anything")
    assert path.read_bytes() == before


def test_a_database_changed_on_another_machine_is_read_again(desk: Desk, home: Path, clock) -> None:
    desk.team.add_person("Dana Lee")
    desk.team.log("Dana Lee", "Logged here")
    other = Store(home)
    other.open()
    Desk(other, FakeClock()).team.log("Dana Lee", "Logged elsewhere", "feedback")
    again = Store(home)
    again.open(quick=True)
    assert [hit.text for hit in Desk(again, clock).team.search("elsewhere")] == ["Logged elsewhere"]


def test_a_new_person_never_takes_another_persons_file(desk: Desk, home: Path) -> None:
    desk.team.add_person("Zoë Brandt")
    desk.team.add_person("Zoe Brandt")
    assert sorted(p.name for p in (home / "people").iterdir()) == ["zoe-brandt-2.json", "zoe-brandt.json"]
    assert PersonBook(home, home / "people" / "zoe-brandt-2.json").read().profile == Profile(
        name="Zoe Brandt", updated_at=desk.clock()
    )
    assert sorted(desk.team.known()) == ["Zoe Brandt", "Zoë Brandt"]


def test_deleting_an_entry_can_be_undone_and_search_follows(desk: Desk) -> None:
    desk.team.add_person("Dana Lee")
    entry = desk.team.log("Dana Lee", "Presented the migration to the board", "impact", date(2026, 3, 2))
    assert [hit.text for hit in desk.team.search("migr")] == ["Presented the migration to the board"]
    desk.team.delete_entry("Dana Lee", entry.id)
    assert desk.team.entries("Dana Lee") == [] and desk.team.search("migr") == []
    desk.team.restore_entry("Dana Lee", entry.id)
    assert [e.text for e in desk.team.entries("Dana Lee")] == ["Presented the migration to the board"]
    edited = desk.team.edit_entry("Dana Lee", entry.id, "Presented the billing migration to the board", "leadership", date(2026, 3, 3))
    assert [hit.theme for hit in desk.team.search("billing board")] == ["leadership"]
    assert logged(desk.store) == [edited.text]
