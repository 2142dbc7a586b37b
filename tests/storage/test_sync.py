"""Two copies of a data folder: what a save, a pull, a sync tool or a copy leaves on disk, with nothing lost.

Each "machine" is a Store with its own stamp clock (its own machine id), as two
computers are; most tests share one data folder between them, as two processes do.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from meetingdesk.locations import locks_dir, merged_copies_dir
from meetingdesk.models import ActionItem, Priority
from meetingdesk.storage.conflicts import conflict_copy_of, remove_old_backups, sides_of_conflict
from meetingdesk.storage.merge import EDITED_TWICE
from meetingdesk.storage.trash import move_to_trash, restore, trashed
from tests.storage.machines import a_meeting, conflicted, file_of, machine, write_notes

# --- saves never overwrite what they did not read --------------------------------------


def test_a_save_from_a_copy_loaded_before_another_change_merges_with_it(two) -> None:
    first, second, meeting = two
    stale = first.load(meeting.id)
    other = second.load(meeting.id)
    other.actions[0].done_on = date(2026, 11, 24)
    other.actions.append(ActionItem(text="Pair with Ana", owner="Dana Lee"))
    second.save(other)

    stale.sections[0].notes = "Typed on the first machine"
    written = first.save(stale)

    on_disk = first.load(meeting.id)
    assert on_disk.sections[0].notes == "Typed on the first machine"
    assert [(a.text, a.done_on) for a in on_disk.actions] == [
        ("Write the case", date(2026, 11, 24)),
        ("Book the course", None),
        ("Pair with Ana", None),
    ]
    assert written == on_disk, "the save hands back what it wrote, so the screen shows it"


def test_the_same_item_changed_twice_keeps_the_later_change_and_a_deletion_beats_an_older_edit(two) -> None:
    first, second, meeting = two
    mine, theirs = first.load(meeting.id), second.load(meeting.id)
    mine.actions[1].owner = "Ana Lima"  # edited first...
    first.save(mine)
    theirs.actions = theirs.actions[:1]  # ...then deleted on the other machine
    theirs.priorities[0].text = "Lead the whole migration"
    second.save(theirs)

    merged = first.load(meeting.id)
    assert [action.text for action in merged.actions] == ["Write the case"]
    assert merged.priorities[0].text == "Lead the whole migration"


def test_notes_edited_on_two_machines_keep_both_texts_marked_and_an_edit_settles_them(two) -> None:
    first, second, meeting = two
    mine, theirs = first.load(meeting.id), second.load(meeting.id)
    mine.sections[0].notes = "Ready for the lead role."
    theirs.sections[0].notes = "Wants a mentor first."
    first.save(mine)
    second.save(theirs)

    both = first.load(meeting.id).sections[0].notes
    assert both.startswith(EDITED_TWICE)
    assert "Ready for the lead role." in both and "Wants a mentor first." in both

    write_notes(first, meeting.id, "Ready for the lead role, with a mentor.")
    assert second.load(meeting.id).sections[0].notes == "Ready for the lead role, with a mentor."


def test_a_note_edited_after_reading_the_other_machines_edit_simply_replaces_it(two) -> None:
    first, second, meeting = two
    write_notes(second, meeting.id, "Draft")
    write_notes(first, meeting.id, "Draft, then finished")
    assert second.load(meeting.id).sections[0].notes == "Draft, then finished"


def test_updated_at_does_not_decide_a_merge(two) -> None:
    first, second, meeting = two
    mine, theirs = first.load(meeting.id), second.load(meeting.id)
    mine.actions[0].done_on = date(2026, 11, 24)
    first.save(mine)
    theirs.updated_at = datetime(2099, 1, 1, tzinfo=timezone.utc)  # a copy claiming to be newer changes nothing
    second.save(theirs)
    assert first.load(meeting.id).actions[0].done_on == date(2026, 11, 24)


# --- git ----------------------------------------------------------------------------------


def test_a_file_with_git_conflict_markers_is_merged_never_moved_to_damaged(two) -> None:
    first, second, meeting = two
    mine, theirs = first.load(meeting.id), second.load(meeting.id)
    mine.actions[0].done_on = date(2026, 11, 24)
    theirs.actions.append(ActionItem(text="Pair with Ana", owner="Dana Lee"))
    first.save(mine)
    ours_text = file_of(first, meeting).read_text()
    second.save(theirs)
    theirs_text = json.dumps(json.loads(file_of(first, meeting).read_text()) | {}, indent=1)
    file_of(first, meeting).write_text(conflicted(ours_text, theirs_text))

    reopened = machine(first.root, "aaaaaaaa")

    merged = reopened.load(meeting.id)
    assert [(a.text, a.done_on) for a in merged.actions][0] == ("Write the case", date(2026, 11, 24))
    assert "Pair with Ana" in [a.text for a in merged.actions]
    assert not (first.root / "damaged").exists()
    assert "<<<<<<<" not in file_of(first, meeting).read_text()
    assert any("conflict markers" in sentence and "git add" in sentence for sentence in reopened.news)


def test_conflict_markers_that_cannot_be_read_are_left_in_place_and_reported(home: Path) -> None:
    store = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    store.save(meeting)
    file_of(store, meeting).write_text("<<<<<<< HEAD\nnot json\n=======\nnor this\n>>>>>>> other\n")

    reopened = machine(home, "aaaaaaaa")

    assert file_of(store, meeting).exists() and not (home / "damaged").exists()
    assert any("conflict markers" in problem and "git checkout --ours" in problem for problem in reopened.problems)


def test_sides_of_a_conflict_include_diff3_style_and_refuse_unpaired_markers() -> None:
    assert sides_of_conflict("a\n<<<<<<< x\nb\n||||||| base\nc\n=======\nd\n>>>>>>> y\ne\n") == ("a\nb\ne\n", "a\nd\ne\n")
    assert sides_of_conflict("a\n<<<<<<< x\nb\n") is None
    assert sides_of_conflict("plain text\n") is None


# --- file sync tools ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "{id}.sync-conflict-20261124-101500-ABCDEFG.json",  # Syncthing
        "{id} (Sam Rivera's conflicted copy 2026-11-24).json",  # Dropbox
        "{id} (conflicted copy 2026-11-24 101500).json",  # Nextcloud
        "{id}_conflict-20261124-101500.json",  # ownCloud, older Nextcloud
    ],
)
def test_every_sync_tools_conflict_copy_is_merged_removed_and_kept_a_week(two, name: str) -> None:
    first, second, meeting = two
    mine, theirs = first.load(meeting.id), second.load(meeting.id)
    theirs.actions[1].done_on = date(2026, 11, 24)
    second.save(theirs)
    other_machines_file = file_of(first, meeting).read_bytes()
    mine.priorities.append(Priority(text="Present at the all-hands"))
    first.save(mine)
    copy = first.meetings_dir / name.format(id=meeting.id)
    copy.write_bytes(other_machines_file)
    assert conflict_copy_of(copy.name) == meeting.id

    reopened = machine(first.root, "aaaaaaaa")

    merged = reopened.load(meeting.id)
    assert merged.actions[1].done_on == date(2026, 11, 24)
    assert [p.text for p in merged.priorities] == ["Lead the migration", "Present at the all-hands"]
    assert not copy.exists()
    assert [entry.name.startswith(copy.name) for entry in merged_copies_dir(first.root).iterdir()] == [True]
    assert any("merged it in" in sentence for sentence in reopened.news)
    assert [row.id for row in reopened.rows()] == [meeting.id], "listed once"


def test_merged_conflict_copies_are_kept_a_week_then_removed(home: Path) -> None:
    folder = merged_copies_dir(home)
    folder.mkdir(parents=True)
    old, recent = folder / "old.json.20261101T000000Z", folder / "recent.json.20261123T000000Z"
    for path in (old, recent):
        path.write_text("{}")
    os.utime(old, (time.time() - 8 * 86400,) * 2)

    assert remove_old_backups(folder) == 1
    assert [path.name for path in folder.iterdir()] == [recent.name]


def test_a_file_replaced_by_another_machines_copy_gets_this_machines_changes_back(home: Path, tmp_path: Path) -> None:
    here = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    here.save(meeting)
    laptop_folder = tmp_path / "laptop"
    shutil.copytree(home / "meetings", laptop_folder / "meetings")
    laptop = machine(laptop_folder, "bbbbbbbb")
    on_laptop = laptop.load(meeting.id)
    on_laptop.actions[0].done_on = date(2026, 11, 24)
    laptop.save(on_laptop)
    mine = here.load(meeting.id)
    mine.actions.append(ActionItem(text="Pair with Ana", owner="Dana Lee"))
    here.save(mine)

    # A whole-file copy (rsync, cp) puts the laptop's file over this machine's.
    shutil.copy2(laptop_folder / "meetings" / f"{meeting.id}.json", file_of(here, meeting))
    reopened = machine(home, "aaaaaaaa")

    merged = reopened.load(meeting.id)
    assert merged.actions[0].done_on == date(2026, 11, 24)
    assert [a.text for a in merged.actions][-1] == "Pair with Ana"
    assert any("merged back in" in sentence for sentence in reopened.news)


# --- deleted stays deleted ------------------------------------------------------------------


def test_a_meeting_trashed_here_does_not_come_back_when_a_sync_brings_its_old_file(two) -> None:
    first, second, meeting = two
    old_file = file_of(first, meeting).read_bytes()
    move_to_trash(first, meeting.id)
    file_of(first, meeting).write_bytes(old_file)  # the other machine still had it, and synced it back

    reopened = machine(first.root, "aaaaaaaa")

    assert reopened.rows() == []
    assert [entry.id for entry in trashed(first.root)] == [meeting.id]
    assert not file_of(first, meeting).exists()
    assert any("both listed and in the trash" in sentence and "stays in the trash" in sentence for sentence in reopened.news)


def test_an_edit_synced_from_a_machine_that_still_lists_it_lands_in_the_trash_copy(two) -> None:
    first, second, meeting = two
    theirs = second.load(meeting.id)
    move_to_trash(first, meeting.id)
    theirs.sections[1].notes = "Written on the laptop"
    second.save(theirs)  # the laptop did not know: its file comes back

    machine(first.root, "aaaaaaaa")
    restored = restore(first, meeting.id)

    assert restored.sections[1].notes == "Written on the laptop"
    assert [row.id for row in first.rows()] == [meeting.id]


def test_a_restore_newer_than_the_trashing_lists_it_again(two) -> None:
    first, second, meeting = two
    trashed_copy = move_to_trash(first, meeting.id).read_bytes()
    restore(first, meeting.id)
    (first.root / "trash").mkdir(exist_ok=True)
    (first.root / "trash" / f"{meeting.id}.json").write_bytes(trashed_copy)  # an old trash copy synced back

    reopened = machine(first.root, "aaaaaaaa")

    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert trashed(first.root) == []


# --- the file format ------------------------------------------------------------------------


def test_fields_from_a_newer_meetingdesk_are_kept_on_load_and_save(home: Path) -> None:
    store = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    store.save(meeting)
    data = json.loads(file_of(store, meeting).read_text())
    data["next_check_in"] = "2026-12-07"
    data["actions"][0]["confidence"] = {"level": "high"}
    file_of(store, meeting).write_text(json.dumps(data))

    loaded = store.load(meeting.id)
    loaded.sections[0].notes = "Changed here"
    store.save(loaded)

    kept = json.loads(file_of(store, meeting).read_text())
    assert kept["next_check_in"] == "2026-12-07"
    assert kept["actions"][0]["confidence"] == {"level": "high"}


def test_a_version_1_file_loads_and_two_machines_give_its_items_the_same_ids(home: Path, tmp_path: Path) -> None:
    old = {
        "schema_version": 1,
        "id": "0123456789abcdef0123456789abcdef",
        "person": "Dana Lee",
        "manager": "Sam Rivera",
        "agenda_name": "check-in",
        "agenda_title": "Check-in",
        "created_at": "2025-03-01T10:00:00Z",
        "updated_at": "2025-03-01T11:00:00Z",
        "status": "ended",
        "sections": [{"title": "News", "planned_seconds": 600, "notes": "All good"}, {"title": "Wrap-up", "planned_seconds": 300}],
        "amendments": [{"at": "2025-03-02T09:00:00Z", "what": "Marked “Write the case” done."}],
    }
    loaded = []
    for folder in (home, tmp_path / "laptop"):
        (folder / "meetings").mkdir(parents=True)
        (folder / "meetings" / f"{old['id']}.json").write_text(json.dumps(old))
        loaded.append(machine(folder, "aaaaaaaa").load(old["id"]))

    assert [section.id for section in loaded[0].sections] == ["s1", "s2"]
    assert loaded[0].amendments[0].id == loaded[1].amendments[0].id
    assert loaded[0].sections[0].notes == "All good"
    assert loaded[0].schema_version == 2


def test_the_data_folder_holds_only_what_travels_and_a_gitignore(home: Path) -> None:
    from meetingdesk.storage.claims import MeetingClaim

    store = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    store.save(meeting)
    claim = MeetingClaim(home, meeting.id)
    assert claim.take()
    try:
        assert sorted(path.name for path in home.iterdir()) == [".gitignore", "meetings"]
        assert home not in locks_dir(home).parents
        assert "exports/" in (home / ".gitignore").read_text()
    finally:
        claim.release()
