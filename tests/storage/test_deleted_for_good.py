"""Deleted for good stays deleted: emptying the trash leaves a tombstone that travels, and no sync brings the meeting back.

Two stores on one folder stand for two machines (each stamps as its own machine); a
file written back by hand stands for what git, rsync or Syncthing would bring.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.locations import GITIGNORE, deleted_dir, merged_copies_dir
from meetingdesk.storage.conflicts import conflict_copy_of
from meetingdesk.storage.doctor import Doctor
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.search import Search
from meetingdesk.storage.stamps import StampClock
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import export_json, import_meetings, read_export
from meetingdesk.storage.trash import empty_trash, move_to_trash, trashed
from tests.storage.machines import a_meeting, conflicted, file_of, machine

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

    report = import_meetings(first, export)

    assert "1 of those imported had been deleted for good here: it is back." in report.sentence()
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


# --- every copy at once, and what the look around it does ------------------------------------

NOON = 1_795_000_000.0
"""A wall clock reading (a November 2026 day), for machines whose order of changes matters."""


def test_old_copies_listed_and_in_the_trash_are_removed_at_the_next_look_and_never_listed(two) -> None:
    first, _second, meeting = two
    other = a_meeting()
    first.save(other)
    old_file = deleted_for_good(first, meeting.id)
    (first.root / "trash" / f"{meeting.id}.json").write_bytes(old_file)  # one machine had it in its trash
    file_of(first, meeting).write_bytes(old_file)  # another still listed it

    assert first.changed_underneath()
    assert meeting.id in first.check_files()

    assert [row.id for row in first.rows()] == [other.id]
    assert all(row.id != meeting.id for row in Search(first.index).meetings("Dana"))
    assert not any(row.meeting_id == meeting.id for row in Search(first.index).actions(open_only=False))
    assert trashed(first.root) == [] and not file_of(first, meeting).exists()
    said = [sentence for sentence in first.news if meeting.id[:8] in sentence]
    assert len(said) == 1 and "was removed too" in said[0], "one sentence, not one about being listed and trashed"


def test_one_copy_changed_after_the_deletion_keeps_every_copy_of_the_meeting(two) -> None:
    first, second, meeting = two
    theirs = second.load(meeting.id)
    old_file = deleted_for_good(first, meeting.id)
    theirs.sections[1].notes = "Written on the laptop after the deletion"
    second.save(theirs)
    newer = file_of(first, meeting).read_bytes()
    (first.root / "trash" / f"{meeting.id}.json").write_bytes(newer)  # the newer copy came back into the trash,
    file_of(first, meeting).write_bytes(old_file)  # and an old one into the list

    reopened = machine(first.root, "aaaaaaaa")

    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert reopened.load(meeting.id).sections[1].notes == "Written on the laptop after the deletion"
    assert not (deleted_dir(first.root) / f"{meeting.id}.json").exists()


def test_a_change_made_before_the_deletion_on_another_machine_does_not_outlive_it(home: Path, tmp_path: Path) -> None:
    laptop = Store(tmp_path / "laptop", StampClock("bbbbbbbb", wall=lambda: NOON - 600))  # ten minutes before
    laptop.open()
    meeting = a_meeting()
    laptop.save(meeting)
    shutil.copytree(laptop.meetings_dir, home / "meetings")
    desktop = Store(home, StampClock("aaaaaaaa", wall=lambda: NOON))
    desktop.open()
    deleted_for_good(desktop, meeting.id)
    shutil.copy2(file_of(laptop, meeting), home / "meetings")

    assert machine(home, "aaaaaaaa").rows() == []
    assert (deleted_dir(home) / f"{meeting.id}.json").exists()


def test_a_copy_git_left_with_conflict_markers_is_removed_by_both_its_sides(two) -> None:
    first, second, meeting = two
    theirs = second.load(meeting.id)
    theirs.sections[0].notes = "Edited on the laptop before the deletion"
    second.save(theirs)
    both = conflicted(file_of(first, meeting).read_text(), file_of(first, meeting).read_text().replace("Edited on the laptop", "Changed"))
    deleted_for_good(first, meeting.id)
    file_of(first, meeting).write_text(both)

    reopened = machine(first.root, "aaaaaaaa")

    assert reopened.rows() == [] and not file_of(first, meeting).exists()
    assert not any("can't read it" in problem for problem in reopened.problems)


def test_a_conflict_copy_of_a_meeting_deleted_for_good_is_said_once_and_kept_a_week(two) -> None:
    first, _second, meeting = two
    old_file = deleted_for_good(first, meeting.id)
    (first.meetings_dir / f"{meeting.id}.sync-conflict-20261123-101500-ABCDEFG.json").write_bytes(old_file)

    reopened = machine(first.root, "aaaaaaaa")

    assert reopened.news == [
        f"Syncthing kept a copy of the meeting with Dana Lee on Mon 23 Nov 2026, which was deleted for good: it was removed, "
        f"not merged, and is kept for a week in {merged_copies_dir(first.root)}."
    ]
    assert [path.read_bytes() for path in merged_copies_dir(first.root).iterdir()] == [old_file]


def test_a_trash_that_cannot_be_emptied_leaves_no_tombstone(two, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _second, meeting = two
    move_to_trash(first, meeting.id)
    unlink = Path.unlink

    def refuse_in_the_trash(path: Path, missing_ok: bool = False) -> None:
        if path.parent.name == "trash":
            raise PermissionError(13, "Permission denied")
        unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse_in_the_trash)
    with pytest.raises(StoreError, match="so the trash is not empty"):
        empty_trash(first)

    assert [entry.id for entry in trashed(first.root)] == [meeting.id]
    assert list(deleted_dir(first.root).glob("*.json")) == []


def test_an_import_that_cannot_be_written_keeps_the_tombstone(two, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _second, meeting = two
    export = read_export(export_json([first.load(meeting.id)]), "export.json")
    deleted_for_good(first, meeting.id)
    tombstone = (deleted_dir(first.root) / f"{meeting.id}.json").read_bytes()

    def disk_full(meetings) -> None:
        raise StoreError("The disk is full.")

    monkeypatch.setattr(first, "put_many", disk_full)
    with pytest.raises(StoreError):
        import_meetings(first, export)

    assert (deleted_dir(first.root) / f"{meeting.id}.json").read_bytes() == tombstone


def test_a_tombstone_that_cannot_be_removed_stops_the_import_in_one_sentence(two, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _second, meeting = two
    export = read_export(export_json([first.load(meeting.id)]), "export.json")
    deleted_for_good(first, meeting.id)
    unlink = Path.unlink

    def refuse_in_deleted(path: Path, missing_ok: bool = False) -> None:
        if path.parent.name == "deleted":
            raise PermissionError(13, "Permission denied", str(path))
        unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse_in_deleted)
    with pytest.raises(StoreError, match="couldn't bring back a meeting deleted for good: .* so nothing was imported"):
        import_meetings(first, export)

    assert first.rows() == [] and not file_of(first, meeting).exists()
    assert (deleted_dir(first.root) / f"{meeting.id}.json").exists()


def test_a_temp_file_a_killed_deletion_left_is_removed_on_open(two) -> None:
    first, _second, meeting = two
    deleted_for_good(first, meeting.id)
    leftover = deleted_dir(first.root) / f".{meeting.id}.json.0123456789ab.tmp"
    leftover.write_text("{}")
    os.utime(leftover, (time.time() - 3600,) * 2)

    machine(first.root, "aaaaaaaa")

    assert not leftover.exists()


# --- the shell: doctor, export, import, git ---------------------------------------------------


def test_doctor_fix_says_it_removed_a_meeting_that_came_back_even_when_the_index_is_behind(two, capsys) -> None:
    first, _second, meeting = two
    file_of(first, meeting).write_bytes(deleted_for_good(first, meeting.id))

    assert main(["doctor", "--fix"]) == 0

    out = capsys.readouterr().out
    assert f"Fixed: Meeting {meeting.id[:8]} with Dana Lee was deleted for good on " in out and "was removed too" in out
    assert not file_of(first, meeting).exists()
    assert main(["doctor"]) == 0 and capsys.readouterr().out.startswith("All is well in ")


def test_export_import_and_a_rebuilt_index_take_no_notice_of_the_deleted_folder(two, tmp_path: Path, capsys) -> None:
    first, _second, meeting = two
    kept = a_meeting()
    first.save(kept)
    deleted_for_good(first, meeting.id)
    out = tmp_path / "all.json"

    assert main(["export", "--all", "--format", "json", "--out", str(out)]) == 0
    assert [held["id"] for held in json.loads(out.read_text())["meetings"]] == [kept.id]
    assert main(["import", str(out)]) == 0
    first.rebuild_index()
    assert [row.id for row in first.rows()] == [kept.id]
    capsys.readouterr()


def test_the_merge_driver_keeps_the_earlier_of_two_machines_tombstones(tmp_path: Path, capsys) -> None:
    earlier = {"id": "abc123", "deleted": "1795000000000.0000@aaaaaaaa"}
    later = {"id": "abc123", "deleted": "1795000600000.0000@bbbbbbbb"}
    for order in ((earlier, later), (later, earlier)):
        (tmp_path / "O").write_text("")
        for name, held in zip("AB", order):
            (tmp_path / name).write_text(json.dumps(held))

        assert main(["merge-driver", *(str(tmp_path / name) for name in "OAB")]) == 0

        assert json.loads((tmp_path / "A").read_text()) == earlier
    capsys.readouterr()


def test_the_deleted_folder_travels_with_git_and_merges_with_the_driver(two, capsys) -> None:
    first, _second, meeting = two
    deleted_for_good(first, meeting.id)
    subprocess.run(["git", "init", "-q", str(first.root)], check=True)
    assert main(["sync", "setup"]) == 0
    capsys.readouterr()

    ignored = subprocess.run(["git", "-C", str(first.root), "check-ignore", "-q", f"deleted/{meeting.id}.json"])
    attribute = subprocess.run(
        ["git", "-C", str(first.root), "check-attr", "merge", f"deleted/{meeting.id}.json"], capture_output=True, text=True
    ).stdout

    assert (first.root / ".gitignore").read_text() == GITIGNORE
    assert ignored.returncode == 1, "not ignored: the tombstone must reach the other machines"
    assert attribute.strip().endswith("merge: meetingdesk")
