"""What git and sync tools leave when two machines changed one file, read back as the copies they were.

git writes both sides into the file between conflict markers; Syncthing, Dropbox and
Nextcloud keep the other machine's file beside it under another name. Either way both
copies are still there: these functions find them, and the store merges them item by
item (storage/merge.py). A merged conflict copy is kept a week in this machine's
backup folder, never deleted on the spot. Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import os
import re
import time
from contextlib import suppress
from pathlib import Path

from meetingdesk.storage.files import FILE_MODE, StoreError, make_private_dir, name_aside

CONFLICT_COPY = re.compile(
    r"(?P<id>[A-Za-z0-9_-]+?)"
    r"(?P<mark>\.sync-conflict-[0-9A-Za-z-]+"  # Syncthing: <name>.sync-conflict-20260101-120000-ABCDEFG.json
    r"| \([^()]*conflict[^()]*\)(?: \(\d+\))?"  # Dropbox, Nextcloud: <name> (… conflicted copy 2026-01-01).json
    r"|_conflict-\d{8}-\d{6})"  # ownCloud and older Nextcloud: <name>_conflict-20260101-120000.json
    r"\.json",
    re.IGNORECASE,
)
"""The name a sync tool gives the other machine's copy of `<id>.json`."""
KEEP_MERGED_DAYS = 7
"""How long a conflict copy is kept in the backup folder after it was merged."""


def conflict_copy_of(name: str) -> str | None:
    """The meeting id whose conflict copy the file `name` is, or None when it is not one."""
    found = CONFLICT_COPY.fullmatch(name)
    return found["id"] if found else None


def sync_tool(name: str) -> str:
    """Which tool made the conflict copy `name`, as a manager would name it."""
    lowered = name.lower()
    if ".sync-conflict-" in lowered:
        return "Syncthing"
    if "'s conflicted copy" in lowered or "’s conflicted copy" in lowered:
        return "Dropbox"
    if "_conflict-" in lowered or "conflicted copy" in lowered or "(conflict" in lowered:
        return "Nextcloud"
    return "A sync tool"


MARKERS = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")


def sides_of_conflict(text: str) -> tuple[str, str] | None:
    """The two sides of a file git left with conflict markers (ours, theirs); None when it has none or they don't pair up."""
    ours: list[str] = []
    theirs: list[str] = []
    where: str | None = None
    seen = False
    for line in text.splitlines(keepends=True):
        marker = line[:7]
        if marker == "<<<<<<<" and where is None:
            where, seen = "ours", True
        elif marker == "|||||||" and where == "ours":
            where = "base"
        elif marker == "=======" and where in ("ours", "base"):
            where = "theirs"
        elif marker == ">>>>>>>" and where == "theirs":
            where = None
        elif marker in MARKERS:
            return None
        elif where is None:
            ours.append(line)
            theirs.append(line)
        elif where == "ours":
            ours.append(line)
        elif where == "theirs":
            theirs.append(line)
    if where is not None or not seen:
        return None
    return "".join(ours), "".join(theirs)


def keep_for_a_week(path: Path, folder: Path) -> Path:
    """Move a merged conflict copy to `folder` (this machine's backups), never over another; where it went."""
    target = name_aside(path, folder)
    try:
        make_private_dir(folder)
        try:
            os.replace(path, target)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            _copy_then_remove(path, target)  # the state folder is on another disk than the data folder
        os.chmod(target, FILE_MODE)
        os.utime(target)  # the week counts from the merge
    except OSError as error:
        raise StoreError(
            f"MeetingDesk merged {path} but couldn't move it to {folder} ({error.strerror or error}). "
            "Remove it by hand: everything in it is in the meeting now."
        ) from error
    return target


def _copy_then_remove(source: Path, target: Path) -> None:
    """Move a file across file systems: a copy, then the original removed."""
    from meetingdesk.storage.files import write_private_file

    write_private_file(target, source.read_bytes())
    os.unlink(source)


def remove_old_backups(folder: Path, now: float | None = None) -> int:
    """Delete the merged conflict copies kept longer than a week; how many went."""
    limit = (time.time() if now is None else now) - KEEP_MERGED_DAYS * 86400
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        with suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
    return removed
