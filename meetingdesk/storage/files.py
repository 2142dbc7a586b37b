"""The data folder's files: the one atomic writer, the one meeting-file reader, the one folder scan.

Every file MeetingDesk writes goes through `write_private_file` (temp file, fsync,
rename, fsync of the folder; 0600 in a 0700 folder whatever the umask). Every
meeting file is read through `read_meeting_file`, which checks it against the
schema. Every listing of a folder of meetings goes through `scan_meetings`. A file
that is not a meeting is moved aside by `move_aside`, never overwritten. Nothing
here imports Textual.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.errors import MeetingDeskError

if TYPE_CHECKING:  # pydantic loads with the models: listing meetings at start-up needs neither
    from meetingdesk.models import Meeting

FILE_MODE = 0o600
"""Permissions of every file MeetingDesk writes: review notes are for their owner only."""
FOLDER_MODE = 0o700
"""Permissions of every folder MeetingDesk creates."""

_TEMP_SUFFIX = ".tmp"

FileStat = tuple[int, int]
"""A meeting file's (mtime_ns, size): when either changes, the file changed."""


class StoreError(MeetingDeskError):
    """A problem with the data folder, told as a sentence a person can act on (it names the path)."""


class DamagedFile(StoreError):
    """A meeting file that is not valid JSON or is not a meeting."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        """The file and what is wrong with it, e.g. "…/meetings/ab12.json is not valid JSON"."""


class NewerFile(StoreError):
    """A meeting file written by a newer MeetingDesk (higher schema_version)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}. Upgrade MeetingDesk to open it; the file was left as it is.")
        self.reason = reason
        """The file and which format it has, without the advice."""


# --- The one atomic write -------------------------------------------------------------


def write_private_file(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` atomically, readable by its owner only.

    Creates the parent folder (0700) when needed, writes a 0600 temp file beside the
    target, fsyncs it, renames it over the target and fsyncs the folder. On failure
    the old file is left intact, no temp file is left behind, and StoreError says why.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    folder = path.parent
    temp: Path | None = None
    try:
        make_private_dir(folder)
        fd, temp = _create_temp_file(folder, path.name)
        try:
            # Locked while written, so `remove_leftovers` in another process never takes it for a leftover.
            _lock(fd)
            # The mode given to os.open is filtered by the umask; fchmod is not.
            os.fchmod(fd, FILE_MODE)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        temp = None
    except OSError as error:
        raise StoreError(_write_failure_sentence(error, path)) from error
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)
    _fsync_folder(folder)


def _create_temp_file(folder: Path, name: str) -> tuple[int, Path]:
    """A new, exclusively created 0600 temp file in `folder` (hidden, so scans skip it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    attempts = 0
    while True:
        temp = folder / f".{name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}"
        try:
            return os.open(temp, flags, FILE_MODE), temp
        except FileExistsError:
            # A clash of 48 random bits means something else is wrong; don't spin forever.
            attempts += 1
            if attempts >= 8:
                raise


_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{12}\.tmp")
"""The name `_create_temp_file` gives a temp file: hidden, the target's name, 48 random bits."""
LEFTOVER_SECONDS = 60
"""A temp file older than this that nobody is writing was left by a process that died mid-save."""


def leftovers(folder: Path) -> list[Path]:
    """The temp files in `folder` that look left by a killed save (named as this app names them, over a minute old)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    now = time.time()
    found = []
    for entry in entries:
        with suppress(OSError):
            if _TEMP_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                if now - entry.stat(follow_symlinks=False).st_mtime >= LEFTOVER_SECONDS:
                    found.append(Path(entry.path))
    return found


def remove_leftovers(folder: Path) -> int:
    """Remove the temp files a killed save left in `folder` (each a full copy of a meeting); how many.

    Only files named as this app names them, older than a minute, and not locked by a
    save still writing them. Nothing is raised: a folder that can't be read or changed
    (read-only media) keeps its leftovers.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not _TEMP_NAME.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat(follow_symlinks=False).st_mtime < LEFTOVER_SECONDS:
                continue
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if _lock(fd, wait=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _lock(fd: int, *, wait: bool = True) -> bool:
    """Take the operating system's lock on an open file; False if another process holds it (and not `wait`)."""
    try:
        import fcntl
    except ImportError:  # no flock here (Windows): age alone tells a leftover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks: age alone tells a leftover
    return True


@contextmanager
def holding_lock(path: Path) -> Iterator[None]:
    """Hold the operating system's lock on the file `path` (made 0600 when missing) for the block.

    Waits while another process holds it; the lock dies with the process. Where no lock can be
    taken (read-only media), the block runs anyway: a write in it then says why it fails.
    """
    try:
        make_private_dir(path.parent)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except OSError:
        yield
        return
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems can't open a folder, so this is best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create `folder` with mode 0700 whatever the umask (missing parents as the umask says).

    A folder that exists is left as it is: its mode is its owner's choice. Raises OSError.
    """
    if folder.is_dir():
        return
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return
    # mkdir's mode is filtered by the umask; chmod makes it exactly 0700.
    os.chmod(folder, FOLDER_MODE)


def _write_failure_sentence(error: OSError, path: Path) -> str:
    """What went wrong writing `path`, in words a person can act on."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"The disk is full: MeetingDesk couldn't save {path}. "
            "Free some space and save again; the previous copy is unchanged."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"MeetingDesk can't write to {path.parent}: check that the folder exists, that you own it "
            "and that the disk is not read-only. The previous copy of the file is unchanged."
        )
    if error.errno in (errno.ENOTDIR, errno.EEXIST) and not path.parent.is_dir():
        return f"MeetingDesk can't write to {path.parent}: it is not a folder. Move that file away or choose another data folder."
    reason = error.strerror or str(error)
    return f"MeetingDesk couldn't save {path}: {reason}. The previous copy is unchanged."


# --- The one reader -------------------------------------------------------------------


def read_meeting_file(path: Path) -> Meeting:
    """The meeting in `path`, checked against the schema.

    Raises DamagedFile (not JSON, not a meeting), NewerFile (written by a newer
    MeetingDesk) or StoreError (missing, unreadable), each naming the path.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise StoreError(f"There is no meeting file {path}: it may have been deleted or not synced yet.") from None
    except OSError as error:
        raise StoreError(f"MeetingDesk can't read {path} ({error.strerror or error}): check that you own it.") from error
    return parse_meeting(data, path)


def parse_meeting(data: bytes, path: Path) -> Meeting:
    """The meeting in `data`, the bytes of the file `path` (named in errors); DamagedFile or NewerFile as above."""
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        raise DamagedFile(f"{path} is not valid JSON") from None
    from meetingdesk import models

    try:
        return models.meeting_from_data(raw)
    except models.UnreadableMeeting as error:
        if error.newer:
            raise NewerFile(f"{path} {error.reason}") from None
        raise DamagedFile(f"{path} {error.reason}") from None


# --- The one scan ---------------------------------------------------------------------


def walk_meetings(folder: Path) -> Iterator[tuple[str, FileStat, str]]:
    """Every meeting file in `folder` as (id, stat, path), one at a time: one scandir, nothing parsed.

    Hidden files (temp files, editors' swap files) and anything but regular `.json`
    files are skipped. Raises StoreError when the folder exists but can't be read;
    a missing folder holds nothing. Nothing is kept in memory, whatever the folder's size.
    """
    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"MeetingDesk can't read {folder} ({error.strerror or error}): check that you own it.") from error
    with entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(".json"):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            yield name[: -len(".json")], (info.st_mtime_ns, info.st_size), entry.path


def scan_meetings(folder: Path) -> dict[str, tuple[FileStat, str]]:
    """Every meeting file in `folder` by id, with its stat and path (see `walk_meetings`)."""
    return {meeting_id: (stat, path) for meeting_id, stat, path in walk_meetings(folder)}


def file_stat(path: Path) -> FileStat:
    """The (mtime_ns, size) of a file just written; StoreError if it can't be read back."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise StoreError(f"MeetingDesk saved {path} but can't read it back ({error.strerror or error}).") from error
    return (info.st_mtime_ns, info.st_size)


# --- Files that can't be used -----------------------------------------------------------


def name_aside(path: Path, folder: Path) -> Path:
    """`folder/<name>.<UTC time>` for a file set aside now, never the name of a file already there."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{path.name}.{stamp}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{path.name}.{stamp}-{counter}"
    return target


def move_aside(path: Path, damaged_dir: Path, reason: str) -> Path:
    """Move an unreadable file to `damaged_dir/<name>.<UTC time>`, never over another file.

    `reason` completes a sentence about the file ("… is not valid JSON"). Returns where the
    file went; StoreError, naming both places, when it can't be moved.
    """
    target = name_aside(path, damaged_dir)
    try:
        make_private_dir(damaged_dir)
        os.rename(path, target)
    except OSError as error:
        raise StoreError(
            f"{reason}, and MeetingDesk couldn't move it to {damaged_dir} ({error.strerror or error}). Move it away by hand."
        ) from error
    with suppress(OSError):
        os.chmod(target, FILE_MODE)
    return target


def error_reason(error: Exception) -> str:
    """What went wrong, in the words a manager can use: a damaged file's reason, the OS's message, else the error."""
    return getattr(error, "reason", None) or getattr(error, "strerror", None) or str(error)
