"""Meetings deleted for good: a tombstone per meeting in `<data folder>/deleted/`, so no sync brings one back.

Emptying the trash removes each meeting's file and every word in it. What stays is
`deleted/<id>.json`, holding the meeting's id and when it was deleted (a stamp from the
clock every edit is stamped with, later than every edit in the copy deleted) and
nothing else. The folder travels with the data folder (git, a sync tool): a copy that
another machine still has is removed at that machine's next look, and a copy a sync
brings back here is removed again. A copy changed after the deletion (an edit stamped
later, made on a machine that had not heard of it yet) is kept and its tombstone goes:
nothing newer is ever lost. Importing a meeting on purpose removes its tombstone too.
Nothing here imports Textual.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.dates import format_date
from meetingdesk.ids import MEETING_ID
from meetingdesk.locations import deleted_dir, meetings_dir, trash_dir
from meetingdesk.storage.conflicts import sides_of_conflict
from meetingdesk.storage.files import DamagedFile, NewerFile, error_reason, parse_meeting, write_private_file
from meetingdesk.storage.index import folder_stamp
from meetingdesk.storage.merge import stamps_in
from meetingdesk.storage.stamps import STAMP, stamp_millis

if TYPE_CHECKING:
    from meetingdesk.models import Meeting
    from meetingdesk.storage.store import Store

_DELETED = re.compile(r'"deleted"\s*:\s*"([^"]*)"')
"""A tombstone's stamp, found even in a file git left with both sides of a conflict."""


def bury(store: Store, meeting: Meeting) -> None:
    """Leave the tombstone of `meeting`, stamped later than every change in it. StoreError when it can't be written."""
    stamps = store.files.stamps
    stamps.observe(stamps_in(meeting.model_dump(mode="json")))
    data = json.dumps({"id": meeting.id, "deleted": stamps.now()}, indent=2) + "\n"
    write_private_file(deleted_dir(store.root) / f"{meeting.id}.json", data)


def unbury(root: Path, meeting_id: str) -> None:
    """Remove `meeting_id`'s tombstone, if it has one: the meeting is back on purpose."""
    (deleted_dir(root) / f"{meeting_id}.json").unlink(missing_ok=True)


def _stamp_in(path: Path) -> str | None:
    """The stamp of the deletion a tombstone file holds, or None when it holds none (or can't be read).

    Both machines emptied the same meeting: git may leave both sides, markers and all. The
    earliest counts, so an edit made after either deletion is still kept.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return min((stamp for stamp in _DELETED.findall(text) if STAMP.fullmatch(stamp)), default=None)


def is_tombstone(data: Any) -> bool:
    """True when parsed JSON is a tombstone (an id and the stamp of a deletion), not a meeting or settings."""
    return isinstance(data, dict) and isinstance(data.get("id"), str) and isinstance(data.get("deleted"), str) and "sections" not in data


def earlier_tombstone(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Of two machines' tombstones of one meeting, the earlier deletion (as when git leaves both sides); either order alike."""
    return min(a, b, key=lambda data: (data["deleted"], json.dumps(data, sort_keys=True)))


def tombstones(root: Path) -> dict[str, str]:
    """Every readable tombstone: meeting id → the stamp of its deletion (unreadable ones are left alone)."""
    found: dict[str, str] = {}
    try:
        names = [name for name in os.listdir(deleted_dir(root)) if name.endswith(".json") and not name.startswith(".")]
    except OSError:
        return found
    for name in names:
        meeting_id = name[: -len(".json")]
        stamp = _stamp_in(deleted_dir(root) / name) if MEETING_ID.fullmatch(meeting_id) else None
        if stamp is not None:
            found[meeting_id] = stamp
    return found


def deleted_stamp(root: Path, meeting_id: str) -> str | None:
    """When this meeting was deleted for good (the stamp its tombstone holds), or None when it was not."""
    return _stamp_in(deleted_dir(root) / f"{meeting_id}.json") if MEETING_ID.fullmatch(meeting_id) else None


def outlives(meeting: Meeting, stamp: str) -> bool:
    """True when this copy of a meeting was changed after its deletion for good (stamped `stamp`): it is kept."""
    return max(stamps_in(meeting.model_dump(mode="json")), default="") > stamp


def came_back(root: Path) -> list[str]:
    """The ids of meetings deleted for good whose file is in the meetings folder or the trash again."""
    return sorted(
        meeting_id
        for meeting_id in tombstones(root)
        if (meetings_dir(root) / f"{meeting_id}.json").exists() or (trash_dir(root) / f"{meeting_id}.json").exists()
    )


def settle_deleted(store: Store, meeting_id: str) -> bool:
    """A meeting deleted for good is here again (listed, in the trash, or both): remove every copy, unless one was
    changed after the deletion (then keep them all and drop the tombstone). True when something was done; what, in
    `store.news`. A file with git's conflict markers counts by both its sides; one that can't be read is left there."""
    stamp = deleted_stamp(store.root, meeting_id)
    if stamp is None:
        return False
    found: dict[Path, list[Meeting]] = {}
    for path in (meetings_dir(store.root) / f"{meeting_id}.json", trash_dir(store.root) / f"{meeting_id}.json"):
        try:
            found[path] = _copies_in(path)
        except FileNotFoundError:
            continue
        except (OSError, DamagedFile, NewerFile) as error:
            store.problems.append(
                f"Meeting {meeting_id} was deleted for good but {path} is back, and MeetingDesk can't read it ({error_reason(error)}), so it was left there."
            )
    copies = [copy for held in found.values() for copy in held]
    if not copies:
        return False
    when = _day(stamp)
    if any(outlives(copy, stamp) for copy in copies):
        unbury(store.root, meeting_id)
        store.news.append(
            f"Meeting {meeting_id[:8]} with {copies[0].person} was deleted for good on {when}, but another machine changed it "
            "after that: it is kept, with that change."
        )
        return True
    before = folder_stamp(meetings_dir(store.root))
    removed = False
    for path in found:
        try:
            path.unlink()
        except OSError as error:
            store.problems.append(f"Meeting {meeting_id} was deleted for good but {path} is back, and MeetingDesk couldn't remove it ({error.strerror or error}).")
            continue
        removed = True
        if path.parent == meetings_dir(store.root):
            store.files.copies.drop(meeting_id)
            store.forget(meeting_id, before)  # never listed, even before the look reads the folder again
    if removed:
        store.news.append(
            f"Meeting {meeting_id[:8]} with {copies[0].person} was deleted for good on {when}, so the copy a sync left here was removed too."
        )
    return removed


def _copies_in(path: Path) -> list[Meeting]:
    """The meeting in a file, or the two sides git left in it with conflict markers; raises as `parse_meeting` does."""
    data = path.read_bytes()
    try:
        return [parse_meeting(data, path)]
    except DamagedFile:
        sides = sides_of_conflict(data.decode("utf-8", "replace"))
        if sides is None:
            raise
        return [parse_meeting(side.encode("utf-8"), path) for side in sides]


def _day(stamp: str) -> str:
    millis = stamp_millis(stamp)
    if millis is None:
        return "an earlier day"
    return format_date(datetime.fromtimestamp(millis / 1000, timezone.utc).astimezone().date())
