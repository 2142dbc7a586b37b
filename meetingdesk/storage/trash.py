"""The trash: deleted meetings wait in `<data folder>/trash/` until the manager restores them.

Deleting never destroys a review record on the spot: the meeting, whole and still
readable by its owner only, moves into the trash folder with the time it was trashed
stamped in it (`trashed_at`), and its row leaves the index. That stamp is the
tombstone: a machine that still has the meeting listed can't bring it back by a sync,
because a meeting found both listed and in the trash stays where its latest move put it
(storage/reconcile.py). Emptying the trash leaves a tombstone of its own, without the
notes (storage/deleted.py). Restoring saves it back through the store. Nothing here imports
Textual.
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from meetingdesk.locations import meetings_dir, trash_dir
from meetingdesk.models import Meeting, utc_now
from meetingdesk.storage.conflicts import conflict_copy_of
from meetingdesk.storage.files import DamagedFile, NewerFile, StoreError, read_meeting_file, scan_meetings
from meetingdesk.storage.index import folder_stamp
from meetingdesk.storage.store import Store


@dataclass(frozen=True)
class TrashedMeeting:
    """One meeting in the trash, as the trash screen lists it."""

    id: str
    """The meeting's id."""
    person: str
    """The person the manager met."""
    agenda_title: str
    """The agenda's title at the time of the meeting."""
    when: datetime
    """When the meeting took place: its start, or its set-up time if it never started."""
    trashed_at: datetime
    """When it was moved to the trash (as stamped in it; the file's modification time for older files)."""
    path: Path
    """The file in the trash folder."""


def move_to_trash(store: Store, meeting_id: str, when: datetime | None = None) -> Path:
    """Move the meeting into the trash folder stamped `trashed_at` (now by default), drop its index row; where it went.

    A copy of the same meeting already in the trash (deleted before) is merged with it,
    never overwritten. StoreError when the meeting is not listed or can't be moved.
    """
    if not store.has(meeting_id):
        raise StoreError(
            f"There is no meeting {meeting_id} in {meetings_dir(store.root)}: it may already be in the trash."
        )
    source = meetings_dir(store.root) / f"{meeting_id}.json"
    target = trash_dir(store.root) / f"{meeting_id}.json"
    meeting = store.load(meeting_id)
    meeting.trashed_at = when or utc_now()
    before = folder_stamp(source.parent)
    store.files.write(meeting, target, remember=False)
    try:
        os.unlink(source)
    except OSError as error:
        target.unlink(missing_ok=True)
        raise StoreError(
            f"MeetingDesk couldn't move {source} to {target.parent} ({error.strerror or error}). "
            "Check that you own both folders; the meeting was left where it was."
        ) from error
    store.files.copies.drop(meeting_id)
    store.forget(meeting_id, before)
    return target


def trashed(root: Path) -> list[TrashedMeeting]:
    """Every readable meeting in the trash, most recently trashed first; unreadable files are left alone."""
    found: list[TrashedMeeting] = []
    for (mtime_ns, _size), name in scan_meetings(trash_dir(root)).values():
        path = Path(name)
        if conflict_copy_of(path.name):
            continue  # merged into its meeting at the next look
        try:
            meeting = _read(path)
        except StoreError:
            continue
        trashed_at = meeting.trashed_at or datetime.fromtimestamp(mtime_ns / 1e9, timezone.utc)
        found.append(
            TrashedMeeting(
                id=meeting.id,
                person=meeting.person,
                agenda_title=meeting.agenda_title,
                when=meeting.when,
                trashed_at=trashed_at,
                path=path,
            )
        )
    found.sort(key=lambda item: (item.trashed_at, item.id), reverse=True)
    return found


def restore(store: Store, meeting_id: str) -> Meeting:
    """Save the trashed meeting back into the meetings folder (and the index), then remove it from the trash.

    Every copy of it in the trash is merged in, and so is a copy already listed (a sync
    brought one back): restoring never overwrites a meeting.
    """
    entries = [item for item in trashed(store.root) if item.id == meeting_id]
    if not entries:
        raise StoreError(f"There is no meeting {meeting_id} in {trash_dir(store.root)}: it may have been restored already.")
    from meetingdesk.storage.merge import merge_meetings

    try:
        meeting = merge_meetings(*(_read(entry.path) for entry in entries))
    except ValueError as error:
        raise StoreError(f"{error}, so it was left in the trash.") from None
    meeting.trashed_at = None
    meeting = store.save(meeting)
    for entry in entries:
        try:
            entry.path.unlink()
        except OSError as error:
            raise StoreError(
                f"The meeting was restored, but MeetingDesk couldn't remove {entry.path} from the trash "
                f"({error.strerror or error}). Delete that file by hand."
            ) from error
    return meeting


def empty_trash(store: Store) -> int:
    """Delete for good every meeting the trash lists (files it can't read stay); returns how many went.

    Each leaves a tombstone first (storage/deleted.py), so a copy on another machine can't
    come back. StoreError when one can't be removed: those before it are gone, the rest stay.
    """
    from meetingdesk.storage.deleted import bury, unbury

    root = store.root
    removed = 0
    for entry in trashed(root):
        try:
            bury(store, _read(entry.path))
            entry.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            with suppress(OSError):  # still in the trash, so not deleted for good
                unbury(root, entry.id)
            raise StoreError(
                f"MeetingDesk couldn't delete {entry.path} ({error.strerror or error}), so the trash is not empty "
                f"({removed} deleted). Check that you own {trash_dir(root)}."
            ) from error
        removed += 1
    return removed


def _read(path: Path) -> Meeting:
    try:
        return read_meeting_file(path)
    except DamagedFile as error:
        raise StoreError(f"{error.reason}, so it can't be restored. Repair it in a text editor.") from None
    except NewerFile as error:
        raise StoreError(f"{error.reason}, so it can't be restored. Upgrade MeetingDesk to restore it.") from None

