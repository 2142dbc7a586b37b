"""Meetings deleted for good: the small tombstone each one leaves in `<data folder>/deleted/`.

Emptying the trash removes a meeting's file, notes and all. What stays is
`deleted/<id>.json`: the meeting's id, when it was deleted for good and on which
machine, and nothing else. It travels with the data folder, so a machine, a git
history or a sync tool that still has the meeting can't bring it back: a copy found in
`meetings/` or `trash/` whose every change is older than the deletion is removed again
at the next look (storage/reconcile.py). A copy changed after the deletion (on a
machine that had not heard of it) outlives it: the copy stays and the tombstone goes,
so nothing newer is ever lost. Nothing here imports Textual.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.ids import MEETING_ID
from meetingdesk.locations import deleted_dir
from meetingdesk.storage.conflicts import conflict_copy_of, sides_of_conflict
from meetingdesk.storage.files import StoreError, write_private_file
from meetingdesk.storage.stamps import StampClock, stamp_millis

if TYPE_CHECKING:
    from meetingdesk.models import Meeting

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLI = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Tombstone:
    """A meeting deleted for good, as its tombstone (and any sync tool's copy of it) says."""

    id: str
    """The deleted meeting's id."""
    deleted_at: datetime
    """When it was deleted for good (UTC, to the millisecond): every change older than this is gone with it."""
    machine: str
    """The machine that deleted it (the id its stamps carry)."""
    paths: tuple[Path, ...] = ()
    """The files that hold it: `deleted/<id>.json`, and a sync tool's conflict copy of it, if any."""

    @property
    def millis(self) -> int:
        """`deleted_at` in milliseconds since 1970, as stamps count."""
        return (self.deleted_at - _EPOCH) // _MILLI


def is_tombstone(data: Any) -> bool:
    """True when parsed JSON is a tombstone (an id and a `deleted_at`), not a meeting or settings."""
    return isinstance(data, dict) and {"id", "deleted_at"} <= data.keys() and "sections" not in data


def later_tombstone(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Of two tombstones of one meeting (two machines each deleted it), the later one; the same whichever comes first."""
    return max(a, b, key=lambda data: (str(data.get("deleted_at", "")), str(data.get("machine", ""))))


def _parsed(data: bytes, path: Path) -> Tombstone | None:
    """The tombstone in a file's bytes (the later side of git's conflict markers too); None when it is not one."""
    try:
        held = json.loads(data)
    except (ValueError, RecursionError):
        sides = sides_of_conflict(data.decode("utf-8", "replace"))
        if sides is None:
            return None
        try:
            held = later_tombstone(*(json.loads(side) for side in sides))
        except (ValueError, RecursionError, TypeError, AttributeError):
            return None
    if not is_tombstone(held) or not isinstance(held["id"], str) or not MEETING_ID.fullmatch(held["id"]):
        return None
    try:
        when = datetime.fromisoformat(str(held["deleted_at"]))
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    return Tombstone(held["id"], when.astimezone(timezone.utc), str(held.get("machine", "")), (path,))


def deleted_ids(root: Path) -> dict[str, list[Path]]:
    """The ids that have a tombstone, each with its files: from the names alone, nothing read."""
    found: dict[str, list[Path]] = {}
    try:
        with os.scandir(deleted_dir(root)) as entries:
            names = [entry.name for entry in entries if entry.name.endswith(".json") and not entry.name.startswith(".")]
    except OSError:
        return found
    for name in sorted(names):
        meeting_id = conflict_copy_of(name) or name[: -len(".json")]
        found.setdefault(meeting_id, []).append(deleted_dir(root) / name)
    return found


def tombstone_of(root: Path, meeting_id: str, paths: list[Path] | None = None) -> Tombstone | None:
    """The tombstone of this meeting (the latest, when a sync tool left two), or None when it has none that can be read."""
    held: Tombstone | None = None
    files: list[Path] = []
    for path in paths if paths is not None else deleted_ids(root).get(meeting_id, []):
        try:
            found = _parsed(path.read_bytes(), path)
        except OSError:
            continue
        if found is None or found.id != meeting_id:
            continue
        files.append(path)
        if held is None or (found.deleted_at, found.machine) > (held.deleted_at, held.machine):
            held = found
    return None if held is None else Tombstone(held.id, held.deleted_at, held.machine, tuple(files))


def last_change(meeting: Meeting) -> int:
    """When anything in the meeting last changed, in milliseconds since 1970: its newest stamp.

    A meeting with no stamps at all (a file from before stamps, an old export) counts from
    `updated_at`, the only time it has.
    """
    from meetingdesk.storage.merge import stamps_in

    document = meeting.model_dump(mode="json")
    found = [millis for stamp in stamps_in(document) if (millis := stamp_millis(stamp)) is not None]
    for entry in (document.get("sync") or {}).get("texts", {}).values():
        found += [millis for stamp, _text in entry.get("versions") or [] if (millis := stamp_millis(stamp)) is not None]
    return max(found, default=(meeting.updated_at - _EPOCH) // _MILLI)


def outlives(meeting: Meeting, tombstone: Tombstone) -> bool:
    """True when a copy of the meeting was changed at or after its deletion for good: that copy wins, nothing newer lost."""
    return last_change(meeting) >= tombstone.millis


def leave_tombstone(root: Path, meeting: Meeting, clock: StampClock) -> Tombstone:
    """Write `deleted/<id>.json` for a meeting being deleted for good (0600, atomically): id, when, which machine; no notes.

    The deletion is stamped later than every change the meeting holds, even when another
    machine's clock ran ahead, so this copy is never taken for one changed after it.
    StoreError when it can't be written.
    """
    from meetingdesk.storage.merge import stamps_in

    clock.observe(stamps_in(meeting.model_dump(mode="json")))
    millis = max(stamp_millis(clock.now()) or 0, last_change(meeting) + 1)
    deleted_at = _EPOCH + millis * _MILLI
    path = deleted_dir(root) / f"{meeting.id}.json"
    body = {"id": meeting.id, "deleted_at": deleted_at.isoformat(timespec="milliseconds"), "machine": clock.machine}
    write_private_file(path, json.dumps(body, indent=1) + "\n")
    return Tombstone(meeting.id, deleted_at, clock.machine, (path,))


def forget(tombstone: Tombstone) -> dict[Path, bytes]:
    """Remove the tombstone's files (the meeting may live again); what they held, to put back if need be.

    StoreError when one can't be removed.
    """
    removed: dict[Path, bytes] = {}
    for path in tombstone.paths:
        try:
            held = path.read_bytes()
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise StoreError(
                f"MeetingDesk couldn't remove {path} ({error.strerror or error}), so meeting {tombstone.id} still counts "
                f"as deleted for good. Check that you own {path.parent}."
            ) from error
        removed[path] = held
    return removed


def put_back(removed: dict[Path, bytes]) -> None:
    """Write back tombstone files `forget` removed (what they were for did not happen); best effort."""
    for path, held in removed.items():
        with suppress(StoreError):
            write_private_file(path, held)
