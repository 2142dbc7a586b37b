"""The trash: deleted meetings wait in `<data folder>/trash/` until the manager restores them.

Deleting never destroys a review record on the spot: the meeting's file moves,
whole and still readable by its owner only, into the trash folder, and its row
leaves the index. Restoring saves it back through the store. Nothing here
imports Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from meetingdesk.locations import meetings_dir, trash_dir
from meetingdesk.models import Meeting
from meetingdesk.storage.files import (
    FILE_MODE,
    DamagedFile,
    NewerFile,
    StoreError,
    make_private_dir,
    read_meeting_file,
    scan_meetings,
)
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
    """When it was moved to the trash (the file's modification time, UTC)."""
    path: Path
    """The file in the trash folder."""


def move_to_trash(store: Store, meeting_id: str) -> Path:
    """Move the meeting's file into the trash folder, drop its index row, and return where it went.

    The file keeps its contents and its 0600 mode; a file of the same name already in
    the trash (the same meeting deleted before) is never overwritten.
    """
    if not store.has(meeting_id):
        raise StoreError(
            f"There is no meeting {meeting_id} in {meetings_dir(store.root)}: it may already be in the trash."
        )
    source = meetings_dir(store.root) / f"{meeting_id}.json"
    folder = trash_dir(store.root)
    before = folder_stamp(source.parent)
    try:
        make_private_dir(folder)
        target = _free_name(folder, meeting_id)
        os.rename(source, target)
        os.chmod(target, FILE_MODE)
        # The file's mtime is the time it was trashed: the trash screen lists it.
        os.utime(target)
    except OSError as error:
        raise StoreError(
            f"MeetingDesk couldn't move {source} to {folder} ({error.strerror or error}). "
            "Check that you own both folders; the meeting was left where it was."
        ) from error
    store.forget(meeting_id, before)
    return target


def trashed(root: Path) -> list[TrashedMeeting]:
    """Every readable meeting in the trash, most recently trashed first; unreadable files are left alone."""
    found: list[TrashedMeeting] = []
    for (mtime_ns, _size), name in scan_meetings(trash_dir(root)).values():
        path = Path(name)
        try:
            meeting = _read(path)
        except StoreError:
            continue
        trashed_at = datetime.fromtimestamp(mtime_ns / 1e9, timezone.utc)
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

    Refuses, with a StoreError, when the meetings folder already holds a meeting with
    that id: restoring must never overwrite a meeting.
    """
    # Deleted twice (restored in between): the latest copy is the one to bring back.
    entry = next((item for item in trashed(store.root) if item.id == meeting_id), None)
    if entry is None:
        raise StoreError(f"There is no meeting {meeting_id} in {trash_dir(store.root)}: it may have been restored already.")
    if store.has(meeting_id):
        raise StoreError(
            f"A meeting with the id {meeting_id} is already in {meetings_dir(store.root)}, so restoring would "
            f"overwrite it. Move that file away first if the copy in the trash is the one to keep."
        )
    meeting = _read(entry.path)
    store.save(meeting)
    try:
        entry.path.unlink()
    except OSError as error:
        raise StoreError(
            f"The meeting was restored, but MeetingDesk couldn't remove {entry.path} from the trash "
            f"({error.strerror or error}). Delete that file by hand."
        ) from error
    return meeting


def empty_trash(root: Path) -> int:
    """Delete for good every meeting the trash lists (files it can't read stay); returns how many went.

    StoreError when one can't be removed: those before it are gone, the rest stay.
    """
    removed = 0
    for entry in trashed(root):
        try:
            entry.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
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


def _free_name(folder: Path, meeting_id: str) -> Path:
    """`<id>.json` in `folder`, or `<id>-2.json`, `<id>-3.json`… when taken."""
    target = folder / f"{meeting_id}.json"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{meeting_id}-{counter}.json"
    return target
