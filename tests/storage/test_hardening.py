"""The holes a kill -9 and bad-input campaign found (issue 13), each closed and kept closed.

Non-finite and inconsistent numbers never reach a meeting file; a killed save leaves
no copy of the notes behind; a data folder keeps the mode its owner chose and can be
read on read-only media.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import time
from pathlib import Path

import pytest
from filelock import FileLock

from meetingdesk.locations import locks_dir
from meetingdesk.models import Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.storage import files as files_module
from meetingdesk.storage.files import StoreError, write_private_file
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import TransferError, export_json, import_meetings, read_export
from meetingdesk.timer import format_duration

AGENDA = Agenda(
    name="quick",
    title="Quick review",
    sections=[AgendaSection(title="How it went", minutes=5, prompts=["What went well?"]), AgendaSection(title="Next", minutes=5)],
)


def exported(meeting: Meeting, **changes) -> str:
    """An export of `meeting` with `changes` written into its JSON as a hand edit would."""
    document = json.loads(export_json([meeting]))
    target = document["meetings"][0]
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = target
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return json.dumps(document)


def a_meeting() -> Meeting:
    return meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("sections.0.actual_seconds", float("inf"), "sections.0.actual_seconds"),
        ("sections.0.actual_seconds", float("nan"), "sections.0.actual_seconds"),
        ("sections.1.planned_seconds", 1e30, "sections.1.planned_seconds"),
        ("sections.0.actual_seconds", 1e308, "sections.0.actual_seconds"),
        ("current_section", 99, "current_section is 99"),
        ("sections.0.prompts_done", [5], "prompts_done names prompt 5"),
    ],
)
def test_an_import_that_would_write_an_unreadable_file_is_refused_naming_the_field(
    store: Store, field: str, value: object, named: str
) -> None:
    text = exported(a_meeting(), **{field: value})
    assert "Infinity" in text or "NaN" in text or str(value) in text or "99" in text
    with pytest.raises(TransferError) as refused:
        read_export(text, "export.json")
    sentence = str(refused.value)
    assert named in sentence and sentence.count("\n") == 0
    assert list(store.meetings_dir.iterdir()) == [], "nothing was written"


def test_an_inconsistent_file_found_on_disk_is_set_aside_and_resume_has_nothing_to_crash_on(store: Store) -> None:
    meeting = a_meeting()
    store.save(meeting)
    path = store.meetings_dir / f"{meeting.id}.json"
    document = json.loads(path.read_text())
    document["current_section"] = 99
    path.write_text(json.dumps(document))

    with pytest.raises(StoreError, match="current_section is 99"):
        store.load(meeting.id)
    assert not path.exists()
    assert any("current_section is 99" in problem for problem in store.problems)
    assert store.latest_unfinished() is None


def test_a_clock_reading_never_grows_wider_than_999_hours() -> None:
    assert format_duration(1e308) == ">999:00:00"
    assert format_duration(float("inf")) == ">999:00:00"
    assert format_duration(-1e308) == "-999:00:00"
    assert format_duration(3600 * 998 + 61) == "998:01:01"


def test_a_clock_left_running_for_days_stops_at_a_day_and_the_file_stays_readable(store: Store, clock) -> None:
    from meetingdesk.timer import MAX_SECTION_SECONDS, MeetingTimer

    meeting = a_meeting()
    timer = MeetingTimer(meeting, clock)
    timer.start()
    clock.advance(seconds=3 * 24 * 3600)
    timer.sync()
    timer.add_downtime(10**9)
    assert meeting.sections[0].actual_seconds == MAX_SECTION_SECONDS
    store.save(meeting)
    assert store.load(meeting.id).sections[0].actual_seconds == MAX_SECTION_SECONDS


def test_a_temp_file_left_by_a_killed_save_is_removed_on_open(home: Path) -> None:
    store = Store(home)
    store.open()
    meeting = a_meeting()
    store.save(meeting)
    old = store.meetings_dir / f".{meeting.id}.json.0123456789ab.tmp"
    old.write_text('{"private_notes": "a full copy of the notes"}')
    past = time.time() - 120
    os.utime(old, (past, past))
    young = store.meetings_dir / f".{meeting.id}.json.ba9876543210.tmp"
    young.write_text("a save still being written")
    held = store.meetings_dir / f".{meeting.id}.json.aaaaaaaaaaaa.tmp"
    held.write_text("a slow save, locked by its writer")
    os.utime(held, (past, past))
    someone_elses = store.meetings_dir / ".notes.swp"
    someone_elses.write_text("an editor's swap file")
    os.utime(someone_elses, (past, past))

    import fcntl

    with open(held) as writer:
        fcntl.flock(writer, fcntl.LOCK_EX)
        Store(home).open()
    assert not old.exists(), "a leftover full copy of a meeting is gone"
    assert young.exists() and held.exists(), "a save under way is never touched"
    assert someone_elses.exists(), "only this app's temp files are removed"


def test_a_failed_save_leaves_no_temp_file(store: Store, monkeypatch) -> None:
    meeting = a_meeting()
    real_fsync = os.fsync

    def failing(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(files_module.os, "fsync", failing)
    with pytest.raises(StoreError):
        store.save(meeting)
    monkeypatch.setattr(files_module.os, "fsync", real_fsync)
    assert [path.name for path in store.meetings_dir.iterdir()] == []


def test_lock_files_nobody_holds_are_removed_and_a_held_one_stays(home: Path) -> None:
    Store(home).open()
    locks = locks_dir(home)
    locks.mkdir(parents=True)
    (locks / "gone.lock").write_text("")
    held = FileLock(str(locks / "running.lock"), is_singleton=False)
    held.acquire()
    try:
        Store(home).open()
        assert sorted(path.name for path in locks.iterdir()) == ["running.lock"]
    finally:
        held.release()


def test_open_keeps_the_mode_the_owner_chose_and_warns_when_others_can_read(home: Path) -> None:
    Store(home).open()
    os.chmod(home, 0o500)
    try:
        store = Store(home)
        store.open()
        assert stat.S_IMODE(home.stat().st_mode) == 0o500
        assert store.warnings == []
    finally:
        os.chmod(home, 0o700)
    os.chmod(home, 0o755)
    store = Store(home)
    store.open()
    assert stat.S_IMODE(home.stat().st_mode) == 0o755, "never narrowed behind the owner's back"
    assert any("can be read by other users" in warning and "chmod 700" in warning for warning in store.warnings)


class ReadOnlyMedia:
    """`os` as the atomic writer sees it, on a read-only file system under `root`."""

    WRITES = ("mkdir", "replace", "rename", "unlink", "chmod", "fchmod", "utime")

    def __init__(self, root: Path) -> None:
        self.root = str(root)

    def _inside(self, path: object) -> bool:
        return str(path).startswith(self.root)

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name == "open":

            def opening(path, flags, *args, **kwargs):
                if self._inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                    raise OSError(errno.EROFS, "Read-only file system", str(path))
                return real(path, flags, *args, **kwargs)

            return opening
        if name in self.WRITES:

            def refusing(path, *args, **kwargs):
                if self._inside(path):
                    raise OSError(errno.EROFS, "Read-only file system", str(path))
                return real(path, *args, **kwargs)

            return refusing
        return real


def test_on_read_only_media_the_meetings_are_read_and_only_a_save_says_why_not(home: Path, monkeypatch) -> None:
    store = Store(home)
    store.open()
    meeting = a_meeting()
    store.save(meeting)

    monkeypatch.setattr(files_module, "os", ReadOnlyMedia(home))
    monkeypatch.setattr(os, "access", lambda path, how: not str(path).startswith(str(home)))
    reader = Store(home)
    reader.open()
    assert [row.id for row in reader.rows()] == [meeting.id]
    assert reader.load(meeting.id) == meeting
    with pytest.raises(StoreError, match="can't write to") as refused:
        reader.save(meeting)
    assert "read-only" in str(refused.value)


def test_with_no_writable_cache_folder_the_index_lives_in_memory(home: Path, monkeypatch, tmp_path: Path) -> None:
    store = Store(home)
    store.open()
    meeting = a_meeting()
    store.save(meeting)
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))

    reader = Store(home)
    reader.open()
    assert reader.index.cache.memory is not None
    assert [row.id for row in reader.rows()] == [meeting.id]


def test_write_private_file_creates_its_own_folder_but_not_missing_parents_for_the_shell(tmp_path: Path) -> None:
    write_private_file(tmp_path / "new" / "summary.txt", "text")
    assert (tmp_path / "new" / "summary.txt").read_text() == "text"


def test_importing_twice_with_a_refused_meeting_writes_nothing(store: Store) -> None:
    good, bad = a_meeting(), a_meeting()
    document = json.loads(export_json([good, bad]))
    document["meetings"][1]["sections"][0]["actual_seconds"] = float("inf")
    with pytest.raises(TransferError, match="Meeting 2"):
        import_meetings(store, read_export(json.dumps(document), "both.json"))
    assert store.rows() == []
