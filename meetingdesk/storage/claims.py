"""Which MeetingDesk window is running a live meeting, so a second one opens it read-only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.locations import locks_dir
from meetingdesk.storage.files import FILE_MODE, make_private_dir

if TYPE_CHECKING:  # filelock loads only when a lock is taken: shell commands that take none don't pay for it
    from filelock import FileLock


class MeetingClaim:
    """An operating-system lock on one meeting, held while its live screen is open.

    The lock dies with the process, so a crash or a `kill -9` never leaves a meeting
    stuck read-only.
    """

    def __init__(self, root: Path, meeting_id: str) -> None:
        self.path = locks_dir(root) / f"{meeting_id}.lock"
        self._lock: FileLock | None = None

    def take(self) -> bool:
        """True when this window now runs the meeting; False when another window already does."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path), timeout=0, mode=FILE_MODE, is_singleton=False)
        try:
            make_private_dir(self.path.parent)
            lock.acquire()
        except Timeout:
            return False
        except OSError:
            # A folder we can't lock in (read-only media): run the meeting rather than refuse it.
            return True
        self._lock = lock
        return True

    def release(self) -> None:
        """Let another window run the meeting."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def remove_stale_claims(root: Path) -> int:
    """Remove the lock files of meetings no window is running (their holders closed or died); how many.

    Each is locked before it goes, so a window running its meeting keeps it; a window that
    opened a lock file just as it went sees it gone and locks a new one.
    """
    removed = 0
    try:
        paths = [path for path in locks_dir(root).iterdir() if path.suffix == ".lock"]
    except OSError:
        return 0
    if paths:
        from filelock import FileLock, Timeout
    for path in paths:
        lock = FileLock(str(path), timeout=0, is_singleton=False)
        try:
            lock.acquire()
        except (Timeout, OSError):
            continue
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
        finally:
            lock.release()
    return removed
