"""Deleted for good stays deleted: emptying the trash leaves a tombstone that travels, and no sync brings the meeting back.

Two stores on one folder stand for two machines (each stamps as its own machine); a
file written back by hand stands for what git, rsync or Syncthing would bring.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from meetingdesk.locations import deleted_dir
from meetingdesk.storage.conflicts import conflict_copy_of
from meetingdesk.storage.doctor import Doctor
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import export_json, import_meetings, read_export
from meetingdesk.storage.trash import empty_trash, move_to_trash, trashed
from tests.storage.test_sync import a_meeting, file_of, machine, two  # noqa: F401 - `two` is a fixture

SECRET = "Seems tired; check workload"


def deleted_for_good(store: Store, meeting_id: str) -> bytes:
    """Move the meeting to the trash and empty it; the file as it was just before, as another machine still has it."""
    kept = file_of(store, store.load(meeting_id)).read_bytes()
    move_to_trash(store, meeting_id)
    assert empty_trash(store) == 1
    return kept


def test_emptying_the_trash_leaves_a_tombstone_with_the_id_and_no_word_of_the_notes(two) -> None:
    first, _second, meeting = two
    meeting = first.load(meeting.id)
    meeting.sections[0].private_notes = SECRET
    first.save(meeting)
    deleted_for_good(first, meeting.id)

    (tombstone,) = deleted_dir(first.root).iterdir()
    held = json.loads(tombstone.read_text())
    assert set(held) == {"id", "deleted"} and held["id"] == meeting.id
    assert "Dana" not in tombstone.read_text() and SECRET not in tombstone.read_text()
    assert tombstone.stat().st_mode & 0o077 == 0
    assert trashed(first.root) == []


def test_an_old_copy_brought_back_by_a_sync_is_removed_again_and_never_listed(two) -> None:
    first, _second, meeting = two
    old_file = deleted_for_good(first, meeting.id)
    file_of(first, meeting).write_bytes(old_file)  # the other machine still had it, and synced it back

    reopened = machine(first.root, "aaaaaaaa")

    assert reopened.rows() == [] and not file_of(first, meeting).exists()
    assert any("deleted for good" in sentence and "was removed too" in sentence for sentence in reopened.news)


def test_an_old_copy_in_the_trash_of_the_other_machine_is_removed_too(two) -> None:
    first, _second, meeting = two
    trashed_copy = first.root / "trash" / f"{meeting.id}.json"
    move_to_trash(first, meeting.id)
    kept = trashed_copy.read_bytes()
    empty_trash(first)
    trashed_copy.write_bytes(kept)

    machine(first.root, "aaaaaaaa")

    assert trashed(first.root) == []


def test_a_copy_changed_after_the_deletion_is_kept_and_its_tombstone_goes(two) -> None:
    first, second, meeting = two
    theirs = second.load(meeting.id)  # the laptop read it before hearing of the deletion
    deleted_for_good(first, meeting.id)
    theirs.sections[1].notes = "Written on the laptop after the deletion"
    second.save(theirs)  # its file comes back, with a later edit

    reopened = machine(first.root, "aaaaaaaa")

    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert reopened.load(meeting.id).sections[1].notes == "Written on the laptop after the deletion"
    assert not (deleted_dir(first.root) / f"{meeting.id}.json").exists()
    assert any("changed it after that: it is kept" in sentence for sentence in reopened.news)


def test_a_conflict_copy_of_a_meeting_deleted_for_good_does_not_bring_it_back(two) -> None:
    first, _second, meeting = two
    old_file = deleted_for_good(first, meeting.id)
    copy = first.meetings_dir / f"{meeting.id}.sync-conflict-20261123-101500-ABCDEFG.json"
    assert conflict_copy_of(copy.name) == meeting.id
    copy.write_bytes(old_file)

    reopened = machine(first.root, "aaaaaaaa")

    assert reopened.rows() == [] and not copy.exists() and not file_of(first, meeting).exists()


def test_the_tombstone_travels_and_removes_the_copy_another_machine_still_has(home: Path, tmp_path: Path) -> None:
    desktop = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    desktop.save(meeting)
    laptop_root = tmp_path / "laptop"
    shutil.copytree(home, laptop_root)
    laptop = machine(laptop_root, "bbbbbbbb")
    assert [row.id for row in laptop.rows()] == [meeting.id]

    deleted_for_good(desktop, meeting.id)
    shutil.copytree(deleted_dir(home), deleted_dir(laptop_root))  # the sync brings the tombstone over

    assert laptop.changed_underneath(), "a new tombstone is a reason to look"
    laptop.check_files()
    assert laptop.rows() == [] and not file_of(laptop, meeting).exists()


def test_doctor_finds_a_meeting_that_came_back_and_fix_removes_it(two) -> None:
    first, _second, meeting = two
    old_file = deleted_for_good(first, meeting.id)
    file_of(first, meeting).write_bytes(old_file)

    doctor = Doctor(first.root)
    found = [finding for finding in doctor.examine() if "was deleted for good, but a sync brought its file back" in finding.problem]
    assert len(found) == 1 and found[0].fix is not None
    assert "was removed too" in found[0].fix()
    doctor.finish()
    assert not file_of(first, meeting).exists()
    assert not any("deleted for good" in finding.problem for finding in Doctor(first.root).examine())


def test_importing_a_meeting_deleted_for_good_brings_it_back_on_purpose(two, tmp_path: Path) -> None:
    first, _second, meeting = two
    export = read_export(export_json([first.load(meeting.id)]), "export.json")
    deleted_for_good(first, meeting.id)

    import_meetings(first, export)

    assert [row.id for row in first.rows()] == [meeting.id]
    assert not (deleted_dir(first.root) / f"{meeting.id}.json").exists()
    assert [row.id for row in machine(first.root, "aaaaaaaa").rows()] == [meeting.id], "and it stays after the next look"


def test_a_tombstone_git_left_with_both_sides_still_counts_from_the_earlier_deletion(two) -> None:
    first, _second, meeting = two
    old_file = deleted_for_good(first, meeting.id)
    tombstone = deleted_dir(first.root) / f"{meeting.id}.json"
    ours = tombstone.read_text()
    theirs = ours.replace('"deleted": "', '"deleted": "9')  # a later stamp from the other machine
    tombstone.write_text(f"<<<<<<< HEAD\n{ours}=======\n{theirs}>>>>>>> laptop\n")
    file_of(first, meeting).write_bytes(old_file)

    reopened = machine(first.root, "aaaaaaaa")

    assert reopened.rows() == [] and not file_of(first, meeting).exists()
