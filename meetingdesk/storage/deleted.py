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
from typing import TYPE_CHECKING

from meetingdesk.dates import format_date
from meetingdesk.ids import MEETING_ID
from meetingdesk.locations import deleted_dir, meetings_dir, trash_dir
from meetingdesk.storage.files import DamagedFile, NewerFile, parse_meeting, write_private_file
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


def tombstones(root: Path) -> dict[str, str]:
    """Every readable tombstone: meeting id → the stamp of its deletion (unreadable ones are left alone)."""
    found: dict[str, str] = {}
    try:
        names = [name for name in os.listdir(deleted_dir(root)) if name.endswith(".json") and not name.startswith(".")]
    except OSError:
        return found
    for name in names:
        meeting_id = name[: -len(".json")]
        try:
            text = (deleted_dir(root) / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        # Both machines emptied the same meeting: git may leave both sides, markers and all. The earliest counts,
        # so an edit made after either deletion is still kept.
        stamps = [stamp for stamp in _DELETED.findall(text) if STAMP.fullmatch(stamp)]
        if MEETING_ID.fullmatch(meeting_id) and stamps:
            found[meeting_id] = min(stamps)
    return found


def came_back(root: Path) -> list[str]:
    """The ids of meetings deleted for good whose file is in the meetings folder or the trash again."""
    return sorted(
        meeting_id
        for meeting_id in tombstones(root)
        if (meetings_dir(root) / f"{meeting_id}.json").exists() or (trash_dir(root) / f"{meeting_id}.json").exists()
    )


def settle_deleted(store: Store, meeting_id: str) -> bool:
    """A meeting deleted for good is here again: remove it, unless it was changed after the deletion (then keep it
    and drop the tombstone). True when something was done; what, in `store.news`."""
    stamp = tombstones(store.root).get(meeting_id)
    if stamp is None:
        return False
    done = False
    for path in (meetings_dir(store.root) / f"{meeting_id}.json", trash_dir(store.root) / f"{meeting_id}.json"):
        try:
            meeting = parse_meeting(path.read_bytes(), path)
        except FileNotFoundError:
            continue
        except (OSError, DamagedFile, NewerFile) as error:
            why = getattr(error, "reason", None) or getattr(error, "strerror", None) or str(error)
            store.problems.append(f"Meeting {meeting_id} was deleted for good but {path} is back, and MeetingDesk can't read it ({why}), so it was left there.")
            continue
        when = _day(stamp)
        if max(stamps_in(meeting.model_dump(mode="json")), default="") > stamp:
            unbury(store.root, meeting_id)
            store.news.append(
                f"Meeting {meeting_id[:8]} with {meeting.person} was deleted for good on {when}, but another machine changed it "
                "after that: it is kept, with that change."
            )
            return True
        try:
            path.unlink()
        except OSError as error:
            store.problems.append(f"Meeting {meeting_id} was deleted for good but {path} is back, and MeetingDesk couldn't remove it ({error.strerror or error}).")
            continue
        if path.parent == meetings_dir(store.root):
            store.files.copies.drop(meeting_id)
        store.news.append(
            f"Meeting {meeting_id[:8]} with {meeting.person} was deleted for good on {when}, so the copy a sync left here was removed too."
        )
        done = True
    return done


def _day(stamp: str) -> str:
    millis = stamp_millis(stamp)
    if millis is None:
        return "an earlier day"
    return format_date(datetime.fromtimestamp(millis / 1000, timezone.utc).astimezone().date())
