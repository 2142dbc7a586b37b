"""Putting a data folder back together after a sync: conflict copies merged, what was deleted for good removed
again, no meeting both listed and in the trash.

Run by the store whenever the meetings, the trash or the deleted folder changed since it last
looked (at start, and every second in the running app). What it did is told in
`store.files.news`; what it could not do, in `store.problems`. Nothing here imports
Textual.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.locations import meetings_dir, merged_copies_dir, trash_dir
from meetingdesk.storage.conflicts import conflict_copy_of, keep_for_a_week, sync_tool
from meetingdesk.storage.deleted import came_back, deleted_stamp, outlives, settle_deleted
from meetingdesk.storage.files import DamagedFile, NewerFile, StoreError, error_reason, parse_meeting
from meetingdesk.storage.meeting_files import ConflictedFile, described
from meetingdesk.storage.merge import merge_meetings

if TYPE_CHECKING:
    from meetingdesk.models import Meeting
    from meetingdesk.storage.store import Store


def _names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries if entry.name.endswith(".json") and not entry.name.startswith(".")]
    except OSError:
        return []


def conflict_copies(root: Path) -> list[Path]:
    """Every conflict copy a sync tool left in the meetings or the trash folder."""
    return [folder / name for folder in (meetings_dir(root), trash_dir(root)) for name in _names(folder) if conflict_copy_of(name)]


def listed_and_trashed(root: Path) -> list[str]:
    """The ids of meetings that are both in the meetings folder and in the trash."""
    listed = {name[: -len(".json")] for name in _names(meetings_dir(root))}
    return sorted(listed & {name[: -len(".json")] for name in _names(trash_dir(root))})


def reconcile(store: Store) -> set[str]:
    """Merge every conflict copy into its meeting, remove again what was deleted for good (storage/deleted.py) and
    settle every meeting found in both places; the ids changed."""
    changed: set[str] = set()
    for path in conflict_copies(store.root):
        meeting_id = merge_conflict_copy(store, path)
        if meeting_id is not None:
            changed.add(meeting_id)
    for meeting_id in came_back(store.root):
        if settle_deleted(store, meeting_id):
            changed.add(meeting_id)
    for meeting_id in listed_and_trashed(store.root):
        if settle_both_places(store, meeting_id):
            changed.add(meeting_id)
    return changed


def merge_conflict_copy(store: Store, path: Path) -> str | None:
    """Merge the conflict copy `path` into the meeting it copies and keep it a week in the backups; the id, or None.

    A copy of a meeting deleted for good, not changed since, is not merged (it would bring
    the meeting back): it goes straight to the backups.
    """
    meeting_id = conflict_copy_of(path.name)
    assert meeting_id is not None
    try:
        copy = parse_meeting(path.read_bytes(), path)
    except (OSError, DamagedFile, NewerFile) as error:
        store.problems.append(f"{sync_tool(path.name)} left {path} beside a meeting, but MeetingDesk can't read it ({error_reason(error)}), so it was left there.")
        return None
    if copy.id != meeting_id:
        store.problems.append(f"{path} looks like a copy of meeting {meeting_id} but holds meeting {copy.id}, so it was left there.")
        return None
    deleted = deleted_stamp(store.root, meeting_id)
    if deleted is not None and not outlives(copy, deleted):
        return _set_aside_deleted_copy(store, path, copy)
    original = path.parent / f"{meeting_id}.json"
    listed = path.parent == meetings_dir(store.root)
    try:
        merged = merge_meetings(store.files.read(meeting_id, original, remember=listed), copy) if original.exists() else copy
        store.files.write(merged, original, remember=listed)
        kept = keep_for_a_week(path, merged_copies_dir(store.root))
    except (StoreError, ValueError) as error:
        store.problems.append(str(error))
        return None
    store.files.news.append(
        f"{sync_tool(path.name)} kept a second copy of {described(merged)}; MeetingDesk merged it in, nothing lost. "
        f"The copy is kept for a week in {kept.parent}."
    )
    return meeting_id


def _set_aside_deleted_copy(store: Store, path: Path, copy: Meeting) -> str | None:
    """A conflict copy of a meeting deleted for good: kept a week in the backups like a merged one, never merged."""
    try:
        kept = keep_for_a_week(path, merged_copies_dir(store.root))
    except StoreError as error:
        store.problems.append(str(error))
        return None
    store.files.news.append(
        f"{sync_tool(path.name)} kept a copy of {described(copy)}, which was deleted for good: it was removed, "
        f"not merged, and is kept for a week in {kept.parent}."
    )
    return copy.id


def settle_both_places(store: Store, meeting_id: str) -> bool:
    """A meeting listed and in the trash at once (a sync from another machine): merge the two and keep it where its last move put it."""
    listed_path = meetings_dir(store.root) / f"{meeting_id}.json"
    trashed_path = trash_dir(store.root) / f"{meeting_id}.json"
    try:
        merged = merge_meetings(store.files.read(meeting_id, listed_path), store.files.read(meeting_id, trashed_path, remember=False))
        if merged.trashed_at is not None:
            store.files.write(merged, trashed_path, remember=False)
            os.unlink(listed_path)
            store.files.copies.drop(meeting_id)
            where = "it stays in the trash, where it was moved last"
        else:
            store.files.write(merged, listed_path)
            os.unlink(trashed_path)
            where = "it stays in the list, where it was restored last"
    except (StoreError, ConflictedFile, ValueError, OSError) as error:
        store.problems.append(f"Meeting {meeting_id} is both listed and in the trash, and MeetingDesk couldn't settle it: {error_reason(error)}")
        return False
    store.files.news.append(f"The {described(merged).removeprefix('the ')} was both listed and in the trash after a sync: {where}, nothing in it lost.")
    return True
