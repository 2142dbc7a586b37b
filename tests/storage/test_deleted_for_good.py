"""Deleted for good stays deleted: emptying the trash leaves a tombstone without notes, so no sync brings a meeting back.

Each "machine" is a Store with its own stamp clock; where the order of two machines'
changes matters, their wall clocks are given, never waited for.
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.locations import GITIGNORE, merged_copies_dir
from meetingdesk.models import Meeting
from meetingdesk.quickadd import format_date
from meetingdesk.storage.search import Search
from meetingdesk.storage.stamps import StampClock
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import export_json, import_meetings, read_export
from meetingdesk.storage.trash import empty_trash, move_to_trash, trashed
from tests.storage.test_sync import a_meeting, file_of, machine

NOON = 1_795_000_000.0
"""A wall clock reading (a November 2026 day), for machines whose order of changes matters."""


def deleted_for_good(store: Store, meeting: Meeting) -> bytes:
    """Move the meeting to the trash and empty it; the bytes its listed file held before."""
    old = file_of(store, meeting).read_bytes()
    move_to_trash(store, meeting.id)
    assert empty_trash(store) == 1
    return old


def tombstone(store: Store, meeting: Meeting) -> Path:
    return store.root / "deleted" / f"{meeting.id}.json"


@pytest.fixture
def saved(home: Path) -> tuple[Store, Meeting]:
    """One machine with one ended meeting whose notes are private matters."""
    store = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    meeting.sections[0].notes = "Wants to lead the migration"
    meeting.sections[0].private_notes = "Worried about burnout"
    store.save(meeting)
    return store, meeting


def test_emptying_the_trash_leaves_a_private_tombstone_that_holds_no_notes(saved) -> None:
    store, meeting = saved

    deleted_for_good(store, meeting)

    path = tombstone(store, meeting)
    held = json.loads(path.read_text())
    assert sorted(held) == ["deleted_at", "id", "machine"]
    assert (held["id"], held["machine"]) == (meeting.id, "aaaaaaaa")
    assert held["deleted_at"].endswith("+00:00")
    for private in ("Wants to lead", "Worried", "Dana Lee", "Write the case"):
        assert private not in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert trashed(store.root) == [] and not file_of(store, meeting).exists()


def test_an_old_copy_synced_back_into_the_meetings_folder_is_removed_at_the_next_start(saved) -> None:
    store, meeting = saved
    old = deleted_for_good(store, meeting)
    file_of(store, meeting).write_bytes(old)  # a pull, or a machine that still had it

    reopened = machine(store.root, "aaaaaaaa")

    assert reopened.rows() == []
    assert not file_of(store, meeting).exists()
    assert Search(reopened.index).meetings("migration") == []
    assert Search(reopened.index).actions(open_only=False) == []
    day = format_date(datetime.fromisoformat(json.loads(tombstone(store, meeting).read_text())["deleted_at"]).astimezone().date())
    assert reopened.news == [f"The meeting with Dana Lee on Mon 23 Nov 2026 came back with a sync, but it was deleted for good on {day}: removed again."]
    assert tombstone(store, meeting).exists(), "it stays, for the next machine that brings the meeting back"


def test_an_old_copy_coming_back_while_the_app_runs_is_removed_and_leaves_the_index(saved) -> None:
    store, meeting = saved
    other = a_meeting()
    store.save(other)
    old = deleted_for_good(store, meeting)
    (store.root / "trash").mkdir(exist_ok=True)
    (store.root / "trash" / f"{meeting.id}.json").write_bytes(old)  # the other machine had it in its trash
    file_of(store, meeting).write_bytes(old)  # and another still listed it

    assert store.changed_underneath()
    assert meeting.id in store.check_files()

    assert [row.id for row in store.rows()] == [other.id]
    assert trashed(store.root) == []
    assert not file_of(store, meeting).exists()
    assert "came back with a sync, but it was deleted for good" in store.news[-1]
    assert not any("both listed and in the trash" in sentence for sentence in store.news)


def test_a_tombstone_arriving_by_a_pull_removes_the_meeting_a_machine_still_lists(saved, tmp_path: Path) -> None:
    desktop, meeting = saved
    laptop_root = tmp_path / "laptop"
    shutil.copytree(desktop.root, laptop_root)
    laptop = machine(laptop_root, "bbbbbbbb")
    assert [row.id for row in laptop.rows()] == [meeting.id]
    deleted_for_good(desktop, meeting)
    (laptop_root / "deleted").mkdir()
    shutil.copy2(tombstone(desktop, meeting), laptop_root / "deleted")  # `git pull` brought only the tombstone

    again = Store(laptop_root, StampClock("bbbbbbbb"))
    again.open(quick=True)  # a shell command: reads only when a folder changed

    assert again.rows() == []
    assert not (laptop_root / "meetings" / f"{meeting.id}.json").exists()


def test_a_copy_changed_after_the_deletion_on_another_machine_is_kept_and_the_tombstone_goes(home: Path, tmp_path: Path) -> None:
    desktop = Store(home, StampClock("aaaaaaaa", wall=lambda: NOON))
    desktop.open()
    meeting = a_meeting()
    desktop.save(meeting)
    laptop_root = tmp_path / "laptop"
    shutil.copytree(home, laptop_root)
    laptop = Store(laptop_root, StampClock("bbbbbbbb", wall=lambda: NOON + 600))  # ten minutes later, unaware
    laptop.open()
    deleted_for_good(desktop, meeting)
    edited = laptop.load(meeting.id)
    edited.sections[1].notes = "Written on the laptop after the deletion"
    laptop.save(edited)
    shutil.copy2(laptop_root / "meetings" / f"{meeting.id}.json", home / "meetings")

    reopened = machine(home, "aaaaaaaa")

    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert reopened.load(meeting.id).sections[1].notes == "Written on the laptop after the deletion"
    assert not tombstone(reopened, meeting).exists()
    assert any("was deleted for good on" in s and "a copy was changed after that: it is kept, nothing newer lost" in s for s in reopened.news)


def test_a_change_made_before_the_deletion_does_not_outlive_it(home: Path, tmp_path: Path) -> None:
    laptop_root = tmp_path / "laptop"
    laptop = Store(laptop_root, StampClock("bbbbbbbb", wall=lambda: NOON - 600))  # ten minutes before
    laptop.open()
    meeting = a_meeting()
    laptop.save(meeting)
    shutil.copytree(laptop_root / "meetings", home / "meetings")
    desktop = Store(home, StampClock("aaaaaaaa", wall=lambda: NOON))
    desktop.open()
    deleted_for_good(desktop, meeting)
    shutil.copy2(laptop_root / "meetings" / f"{meeting.id}.json", home / "meetings")

    assert machine(home, "aaaaaaaa").rows() == []
    assert tombstone(desktop, meeting).exists()


def test_a_conflict_copy_of_a_meeting_deleted_for_good_is_removed_and_kept_a_week(saved) -> None:
    store, meeting = saved
    old = deleted_for_good(store, meeting)
    copy = store.meetings_dir / f"{meeting.id}.sync-conflict-20261124-101500-ABCDEFG.json"
    copy.write_bytes(old)

    reopened = machine(store.root, "aaaaaaaa")

    assert reopened.rows() == []
    assert list(store.meetings_dir.iterdir()) == []
    kept = list(merged_copies_dir(store.root).iterdir())
    assert [path.read_bytes() for path in kept] == [old]
    assert any(s.startswith("Syncthing kept a copy of the meeting with Dana Lee") and "deleted for good" in s for s in reopened.news)


def test_importing_a_meeting_deleted_for_good_brings_it_back_and_forgets_the_deletion(saved) -> None:
    store, meeting = saved
    exported = export_json([store.load(meeting.id)], include_private=True)
    deleted_for_good(store, meeting)

    report = import_meetings(store, read_export(exported, "backup.json"))

    assert "1 of those imported had been deleted for good here: it is back." in report.sentence()
    assert not tombstone(store, meeting).exists()
    reopened = machine(store.root, "aaaaaaaa")
    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert reopened.load(meeting.id).sections[0].private_notes == "Worried about burnout"


def test_doctor_reports_a_meeting_that_came_back_and_fix_removes_it(saved, capsys) -> None:
    store, meeting = saved
    file_of(store, meeting).write_bytes(deleted_for_good(store, meeting))

    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert f"Found: Meeting {meeting.id} was deleted for good on " in out
    assert file_of(store, meeting).exists(), "looking changes nothing"

    assert main(["doctor", "--fix"]) == 0
    out = capsys.readouterr().out
    assert "came back with a sync, but it was deleted for good" in out and "removed again." in out
    assert not file_of(store, meeting).exists()
    assert main(["doctor"]) == 0 and capsys.readouterr().out.startswith("All is well in ")


def test_export_import_and_a_rebuilt_index_take_no_notice_of_the_deleted_folder(saved, tmp_path: Path, capsys) -> None:
    store, meeting = saved
    kept = a_meeting()
    store.save(kept)
    deleted_for_good(store, meeting)
    out = tmp_path / "all.json"

    assert main(["export", "--all", "--format", "json", "--out", str(out)]) == 0
    assert [m["id"] for m in json.loads(out.read_text())["meetings"]] == [kept.id]
    assert main(["import", str(out)]) == 0
    store.rebuild_index()
    assert [row.id for row in store.rows()] == [kept.id]
    capsys.readouterr()


def test_the_merge_driver_keeps_the_later_of_two_machines_tombstones(tmp_path: Path, capsys) -> None:
    earlier = {"id": "abc123", "deleted_at": "2026-11-24T10:00:00.000+00:00", "machine": "aaaaaaaa"}
    later = {"id": "abc123", "deleted_at": "2026-11-25T09:00:00.000+00:00", "machine": "bbbbbbbb"}
    for order in ((earlier, later), (later, earlier)):
        (tmp_path / "O").write_text("")
        for name, held in zip("AB", order):
            (tmp_path / name).write_text(json.dumps(held))

        assert main(["merge-driver", *(str(tmp_path / name) for name in "OAB")]) == 0

        assert json.loads((tmp_path / "A").read_text()) == later


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_deleted_folder_travels_with_git(saved) -> None:
    store, meeting = saved
    deleted_for_good(store, meeting)
    subprocess.run(["git", "init", "-q", str(store.root)], check=True)

    ignored = subprocess.run(["git", "-C", str(store.root), "check-ignore", "-q", f"deleted/{meeting.id}.json"])

    assert (store.root / ".gitignore").read_text() == GITIGNORE
    assert ignored.returncode == 1, "not ignored: the tombstone must reach the other machines"
