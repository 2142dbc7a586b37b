"""Reading and writing meeting files so that nothing another machine or process wrote is lost.

Every read and every write of a meeting file in the data folder comes here:

- a read untangles a file git left with conflict markers (both sides merged and written
  back), and when a sync tool replaced the file with another machine's version it
  merges back what this machine had saved (its last copy is kept in the state folder);
- a write stamps what changed, then writes straight over the file only if it is the one
  this machine last wrote or read (size, mtime and hash) and the meeting was loaded from
  it; otherwise it reads the file, merges the change into it and writes the merge.

Nothing here imports Textual.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.storage.conflicts import sides_of_conflict
from meetingdesk.storage.copies import Copies
from meetingdesk.storage.files import (
    DamagedFile,
    FileStat,
    NewerFile,
    StoreError,
    file_stat,
    parse_meeting,
    write_private_file,
)
from meetingdesk.storage.merge import adds_anything, merge_meetings, stamp, stamps_digest, stamps_in
from meetingdesk.storage.stamps import StampClock

if TYPE_CHECKING:
    from meetingdesk.models import Meeting


class ConflictedFile(StoreError):
    """A file with git's conflict markers whose two sides can't be read as meetings: left in place, never moved."""


@dataclass(frozen=True)
class _OnDisk:
    data: bytes
    stat: FileStat


def _on_disk(path: Path) -> _OnDisk | None:
    """The file's bytes and stat as one look, or None when there is no file."""
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            return _OnDisk(handle.read(), (info.st_mtime_ns, info.st_size))
    except (FileNotFoundError, NotADirectoryError):
        return None  # nothing there to merge with (the write then says what is wrong with the folder)
    except OSError as error:
        raise StoreError(f"MeetingDesk can't read {path} ({error.strerror or error}): check that you own it.") from error


def described(meeting: Meeting) -> str:
    """"the meeting with Dana Lee on Mon 23 Nov 2026": how a sentence names a meeting."""
    from meetingdesk.quickadd import format_date

    return f"the meeting with {meeting.person} on {format_date(meeting.when.date())}"


class MeetingFiles:
    """The meeting files of one data folder, read and written with nothing lost."""

    def __init__(self, copies: Copies, stamps: StampClock, set_aside: Callable[[Path, str], Path]) -> None:
        self.copies = copies
        """What this machine last wrote or read of each meeting."""
        self.stamps = stamps
        """The clock every change is stamped with."""
        self.news: list[str] = []
        """Sentences about merges done, for the home screen and the shell to say once."""
        self._set_aside = set_aside
        # One read-merge-write at a time in this process: two threads merging the same file would
        # each write a merge without the other's change.
        self._lock = threading.RLock()

    # --- reading ---

    def read(self, meeting_id: str, path: Path, *, remember: bool = True) -> Meeting:
        """The meeting in `path`, with what this machine wrote merged back if another copy replaced the file.

        Raises DamagedFile (not JSON, not a meeting), NewerFile, ConflictedFile (conflict
        markers that can't be untangled) or StoreError (missing, unreadable).
        """
        with self._lock:
            return self._read(meeting_id, path, remember)

    def _read(self, meeting_id: str, path: Path, remember: bool) -> Meeting:
        found = _on_disk(path)
        if found is None:
            raise StoreError(f"There is no meeting file {path}: it may have been deleted or not synced yet.")
        try:
            meeting = parse_meeting(found.data, path)
        except DamagedFile:
            sides = sides_of_conflict(found.data.decode("utf-8", "replace"))
            if sides is None:
                raise
            return self._untangle(meeting_id, path, sides, remember)
        self.stamps.observe(stamps_in(meeting.model_dump(mode="json")))
        known = self.copies.get(meeting_id) if remember else None
        if known is None or known.is_file(found.stat, found.data):
            return meeting
        return self._bring_back(meeting_id, path, meeting, found)

    def _untangle(self, meeting_id: str, path: Path, sides: tuple[str, str], remember: bool) -> Meeting:
        """Merge the two sides of a git conflict (and this machine's last copy) and write the merge over the file."""
        try:
            copies = [parse_meeting(side.encode("utf-8"), path) for side in sides]
        except DamagedFile:
            raise ConflictedFile(
                f"{path} has git's conflict markers and MeetingDesk can't read its two sides as meetings. "
                f"It was left where it is: resolve it with `git checkout --ours` or `--theirs` and `git add`, "
                "then open MeetingDesk again."
            ) from None
        mine = self._known_meeting(meeting_id) if remember else None
        merged = self._merge(*copies, *([mine] if mine else []), path=path)
        self._put(meeting_id, path, merged, remember)
        self.news.append(
            f"{path} had git's conflict markers: MeetingDesk merged both sides of {described(merged)} into it, "
            "nothing lost. `git add` it to finish the merge."
        )
        return merged

    def _bring_back(self, meeting_id: str, path: Path, meeting: Meeting, found: _OnDisk) -> Meeting:
        """Another copy replaced the file: merge back what this machine last had, and write it if that adds anything."""
        mine = self._known_meeting(meeting_id)
        if mine is None or mine.id != meeting.id:
            return meeting
        merged = self._merge(meeting, mine, path=path)
        if not adds_anything(merged, meeting):
            # The new file already holds everything this machine had: it is the copy to compare with now.
            self.copies.put(meeting_id, found.stat, found.data, stamps_digest(meeting.model_dump(mode="json")["sync"]))
            return meeting
        try:
            self._put(meeting_id, path, merged, remember=True)
        except StoreError:
            return merged  # read-only media: show everything, write it when a save can
        self.news.append(
            f"Another copy replaced {described(merged)} ({path.name}); the changes saved on this machine "
            "were merged back in, nothing lost."
        )
        return merged

    def _known_meeting(self, meeting_id: str) -> Meeting | None:
        """This machine's last copy of the meeting, or None when there is none it can read."""
        from meetingdesk.models import UnreadableMeeting, meeting_from_data

        known = self.copies.get(meeting_id)
        if known is None:
            return None
        try:
            return meeting_from_data(known.document)
        except (UnreadableMeeting, ValueError, zlib.error):  # a damaged record is only a lost hint
            self.copies.drop(meeting_id)
            return None

    def _merge(self, *meetings: Meeting, path: Path) -> Meeting:
        try:
            return merge_meetings(*meetings)
        except ValueError as error:
            raise StoreError(f"{error}, so {path} was left as it is. Please report this as a bug.") from None

    # --- writing ---

    def write(self, meeting: Meeting, path: Path, *, remember: bool = True) -> tuple[Meeting, FileStat]:
        """Stamp what changed in `meeting` and write it to `path`, merged with the file if the file is not the one it came from.

        `meeting.sync` is updated in place with its new stamps (the caller's copy then
        knows what it saved). Returns what was written (the merge when there was one)
        and the file's stat. StoreError when the file can't be written or a newer
        MeetingDesk wrote it.
        """
        with self._lock:
            return self._write(meeting, path, remember)

    def _write(self, meeting: Meeting, path: Path, remember: bool) -> tuple[Meeting, FileStat]:
        document = meeting.model_dump(mode="json")
        loaded = stamps_digest(document["sync"])
        stamp(document, self.stamps)
        from meetingdesk.merge_state import SyncInfo

        meeting.sync = SyncInfo.model_validate(document["sync"])
        written = meeting
        found = _on_disk(path)
        if found is not None:
            known = self.copies.get(meeting.id) if remember else None
            if known is None or known.stamps != loaded or not known.is_file(found.stat, found.data):
                written = self._merged_with_file(meeting, path, found)
        return written, self._put(meeting.id, path, written, remember)

    def _merged_with_file(self, meeting: Meeting, path: Path, found: _OnDisk) -> Meeting:
        """`meeting` merged with the file at `path`, which changed since `meeting` was loaded."""
        try:
            there = parse_meeting(found.data, path)
        except NewerFile as error:
            raise StoreError(f"{error.reason}. Upgrade MeetingDesk to save this meeting; nothing was written.") from None
        except DamagedFile as error:
            sides = sides_of_conflict(found.data.decode("utf-8", "replace"))
            try:
                if sides is not None:
                    return self._merge(*(parse_meeting(side.encode("utf-8"), path) for side in sides), meeting, path=path)
            except DamagedFile:
                pass
            self._set_aside(path, str(error))  # never written over: moved to damaged/ and reported
            return meeting
        return self._merge(there, meeting, path=path)

    def _put(self, meeting_id: str, path: Path, meeting: Meeting, remember: bool) -> FileStat:
        payload = meeting.model_dump_json(indent=1).encode("utf-8")
        write_private_file(path, payload)
        stat = file_stat(path)
        if remember:
            self.copies.put(meeting_id, stat, payload, stamps_digest(meeting.sync.model_dump(mode="json")))
        return stat
