"""The meetings of one data folder: save, load and list them, and keep the index honest.

The data folder holds `meetings/<id>.json`, the truth, one file per meeting, and only
what travels between machines. The index (storage/index.py) is this machine's cache of
them, rebuilt from those files. A save writes the meeting's own file (merged with it
when it changed underneath, storage/meeting_files.py) and that meeting's rows in the
index, so saving costs the same with 10 or 100,000 past meetings. Nothing here imports
Textual.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.ids import MEETING_ID
from meetingdesk.locations import (
    GITIGNORE,
    copies_path,
    deleted_dir,
    damaged_dir,
    exports_dir,
    meetings_dir,
    merged_copies_dir,
    people_dir,
    trash_dir,
)
from meetingdesk.storage.claims import remove_stale_claims
from meetingdesk.storage.conflicts import remove_old_backups
from meetingdesk.storage.copies import Copies
from meetingdesk.storage.files import (
    DamagedFile,
    StoreError,
    make_private_dir,
    move_aside,
    remove_leftovers,
    write_private_file,
)
from meetingdesk.storage.index import FolderStamp, MeetingIndex, Progress, folder_stamp, stamp_text
from meetingdesk.storage.meeting_files import MeetingFiles
from meetingdesk.storage.people import PeopleFolder
from meetingdesk.storage.rows import MeetingRow
from meetingdesk.storage.stamps import STAMPS, StampClock

if TYPE_CHECKING:  # pydantic loads with the models: listing meetings at start-up needs neither
    from meetingdesk.models import Meeting


class Store:
    """The meetings in one data folder: save, load, list, and keep the index honest."""

    def __init__(self, root: Path, stamps: StampClock = STAMPS) -> None:
        """A store for the data folder `root`, stamping changes with `stamps`; nothing touches the disk until `open()`."""
        self.root = Path(root)
        self.meetings_dir = meetings_dir(self.root)
        self.damaged_dir = damaged_dir(self.root)
        self.problems: list[str] = []
        """Sentences about files that could not be used (moved aside, too new, unreadable)."""
        self.warnings: list[str] = []
        """Sentences about the data folder worth knowing (readable by others)."""
        self.files = MeetingFiles(Copies(copies_path(self.root)), stamps, self._move_aside)
        """Every meeting file is read and written through this, so nothing another copy holds is lost."""
        self.index = MeetingIndex(self.root, self.meetings_dir, self._read_for_index)
        self.team = PeopleFolder(self.root, self.index.cache, self.problems, self.files.news, self.files.copies)
        """Each person's database (profile and evidence log) in people/."""
        self._opened = False
        self._looking = threading.Lock()
        self._log_read = 0

    @property
    def news(self) -> list[str]:
        """Sentences about what was merged (conflict copies, git conflicts, a replaced file), to say once."""
        return self.files.news

    # --- opening ---

    def open(self, *, check_files: bool = True, quick: bool = False, progress: Progress | None = None) -> None:
        """Create the data folder (0700) and meetings/ if missing, open the index, and catch it up with the files.

        A folder that exists keeps the mode its owner gave it (a warning says when others can
        read it); leftovers of a killed save and locks nobody holds are removed.

        With `check_files`, every meeting file's size and mtime are compared with the
        index's (one scandir); with `quick` too (the shell), only when something was
        added, replaced or removed in the meetings folder since the index last looked, so
        a command costs the same with 10 or 100,000 meetings. Without `check_files` (the
        app), nothing is read before the first frame: `check_files()` reads later, in a
        worker, and `needs_reading` says whether the lists are whole meanwhile. `progress`
        hears how far the reading has come when every file must be read (a new index).
        """
        try:
            make_private_dir(self.root)
        except OSError as error:
            blocker = next((part for part in (self.root, *self.root.parents) if part.exists() and not part.is_dir()), None)
            if blocker is not None:
                raise StoreError(
                    f"MeetingDesk can't use {self.root} as its data folder: {blocker} is a file, not a folder. "
                    "Set MEETINGDESK_HOME to a folder you own."
                ) from error
            raise StoreError(
                f"MeetingDesk can't create its data folder {self.root} ({error.strerror or error}). "
                "Check that the path is a folder you own, or set MEETINGDESK_HOME to another folder."
            ) from error
        with suppress(OSError):  # on read-only media the meetings are still read; saving says why it can't
            make_private_dir(self.meetings_dir)
        self._warn_if_shared()
        for folder in (self.root, self.meetings_dir, trash_dir(self.root), deleted_dir(self.root), exports_dir(self.root), people_dir(self.root)):
            remove_leftovers(folder)
        remove_stale_claims(self.root)
        remove_old_backups(merged_copies_dir(self.root))
        self._write_gitignore()
        self._opened = True
        self.index.open()
        self._log_read = self.index.log_end()
        if check_files and not (quick and not self.changed_underneath()):
            self.check_files(progress if self.index.needs_reading else None)
        elif check_files:
            self.team.catch_up(quick=True)  # one stat of people/ when nothing moved there

    def _write_gitignore(self) -> None:
        """Give the data folder its `.gitignore` (what stays on this machine) unless it has one."""
        path = self.root / ".gitignore"
        if not path.exists():
            with suppress(StoreError):  # read-only media: nothing to share from here anyway
                write_private_file(path, GITIGNORE)

    @property
    def needs_reading(self) -> bool:
        """True while the index is new and has not read the meeting files yet (the lists are empty)."""
        return self.index.needs_reading

    def changed_underneath(self) -> bool:
        """True when the meetings, the trash or the deleted folder changed since the last look, or the index was deleted
        (a few stats)."""
        self._require_open()
        if self.index.missing() or not self.index.up_to_date():
            return True
        return any(self.index.recorded(name) != stamp_text(folder_stamp(folder)) for name, folder in self._side_folders())

    def _side_folders(self) -> tuple[tuple[str, Path], ...]:
        """The folders beside meetings/ whose changes mean a look: the trash and the tombstones of what was deleted."""
        return (("trash", trash_dir(self.root)), ("deleted", deleted_dir(self.root)))

    def written_elsewhere(self) -> set[str]:
        """The meetings another process on this machine (a shell command, another window) saved or read in since the last call."""
        self._require_open()
        ids, self._log_read = self.index.written_by_others(self._log_read)
        return ids

    def check_files(self, progress: Progress | None = None) -> set[str]:
        """Merge conflict copies, settle meetings both listed and trashed, and read what changed (people's databases
        too); the ids of the meetings that changed.

        A deleted index is rebuilt. Two threads never look at once: the second waits.
        """
        self._require_open()
        from meetingdesk.storage.reconcile import reconcile

        with self._looking:
            before = {name: folder_stamp(folder) for name, folder in self._side_folders()}
            changed = reconcile(self)
            if self.index.missing():
                self.index.cache.start_over()
            changed |= self.index.catch_up(progress)
            for name, folder in self._side_folders():
                if folder_stamp(folder) == before[name]:
                    self.index.record(name, before[name])
            self.team.catch_up()
        return changed

    def rebuild_index(self, progress: Progress | None = None) -> None:
        """Rebuild the index from the meeting files, moving unreadable ones to damaged/."""
        self._require_open()
        with self._looking:
            self.index.rebuild(progress)
            self.team.catch_up()

    def _warn_if_shared(self) -> None:
        """Say so when other users on this machine can read the data folder; its mode is the owner's to set."""
        try:
            mode = stat.S_IMODE(os.stat(self.root).st_mode)
        except OSError:
            return
        if mode & 0o077:
            self.warnings.append(
                f"Your data folder {self.root} can be read by other users on this machine (mode {mode:o}). "
                f"To keep your notes private: chmod 700 {self.root}"
            )

    def _folder(self) -> FolderStamp | None:
        return folder_stamp(self.meetings_dir)

    def _require_open(self) -> None:
        if not self._opened:
            raise RuntimeError("Store.open() must be called before using the store.")

    # --- meeting files ---

    def _path(self, meeting_id: str) -> Path:
        if not MEETING_ID.fullmatch(meeting_id):
            raise StoreError(f"“{meeting_id}” is not a meeting id: ids are letters, digits, - and _.")
        return self.meetings_dir / f"{meeting_id}.json"

    def _read_for_index(self, meeting_id: str, path: Path) -> Meeting | None:
        """The meeting in `path`, or None after recording why it can't be listed."""
        try:
            meeting = self.files.read(meeting_id, path)
        except DamagedFile as error:
            try:
                self._move_aside(path, str(error))
            except StoreError as move_error:
                self.problems.append(str(move_error))
            return None
        except StoreError as error:
            self.problems.append(str(error))
            return None
        if meeting.id != meeting_id:
            self.problems.append(
                f"{path} holds meeting {meeting.id}, not {meeting_id} (perhaps a copy made by a sync tool), "
                f"so it is not listed. Compare it with {self._path(meeting.id)} and remove the one you don't need."
            )
            return None
        return meeting

    def _move_aside(self, path: Path, reason: str) -> Path:
        """Move an unreadable file to damaged/ and report it."""
        target = move_aside(path, self.damaged_dir, reason)
        self.problems.append(
            f"{reason}, so it was moved to {target}. Repair it in a text editor and move it back, "
            "or restore it from a backup."
        )
        return target

    # --- public operations ---

    def save(self, meeting: Meeting) -> Meeting:
        """Stamp what changed in `meeting`, write its file, and record it in the index in one transaction.

        If the file changed since `meeting` was loaded (another window, a sync, a pull), the
        change is merged into it and the merge is written: nothing in the file is lost.
        Returns what was written (`meeting` itself, its stamps updated, unless it merged).
        """
        self._require_open()
        path = self._path(meeting.id)
        from meetingdesk.models import utc_now

        meeting.updated_at = utc_now()
        before = self._folder()
        written, stat_ = self.files.write(meeting, path)
        try:
            self.index.saved(written, stat_, before, self._folder())
        except sqlite3.Error:
            # The file is saved; the folder's stamp was not recorded, so the next look reads it.
            pass
        return written

    def load(self, meeting_id: str) -> Meeting:
        """The meeting with this exact id; StoreError if its file is missing, damaged or too new.

        A file with git's conflict markers is merged (both sides) and written back first.
        """
        self._require_open()
        path = self._path(meeting_id)
        try:
            return self.files.read(meeting_id, path)
        except DamagedFile as error:
            before = self._folder()
            target = self._move_aside(path, str(error))
            self.index.drop(meeting_id, before, self._folder())
            raise StoreError(f"{error}, so it was moved to {target}. Repair it in a text editor and move it back.") from None

    def forget(self, meeting_id: str, before: FolderStamp | None = None) -> None:
        """Remove this meeting's row from the index; nothing happens if it is not listed.

        For a caller that has moved the meeting's file out of meetings/ (the trash), giving
        the folder's stamp from before the move: while the file is still there, the next
        look at the folder lists it again.
        """
        self._require_open()
        self._path(meeting_id)  # refuses a malformed id with a sentence
        self.index.drop(meeting_id, before, self._folder())

    def resolve_id(self, prefix: str) -> str:
        """The id of the one meeting whose id is `prefix` or starts with it."""
        self._require_open()
        wanted = prefix.strip().lower()
        if not wanted:
            raise StoreError("Give a meeting id (the first few characters are enough).")
        matches = self.index.ids_starting_with(wanted)
        if not matches:
            raise StoreError(f"No meeting has an id starting with “{prefix.strip()}”. List meetings to see their ids.")
        if len(matches) > 1:
            shown = ", ".join(f"{row.id[:10]} ({row.person}, {row.when:%Y-%m-%d})" for row in matches[:5])
            more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
            raise StoreError(
                f"“{prefix.strip()}” matches {len(matches)} meetings: {shown}{more}. Type more of the id."
            )
        return matches[0].id

    def rows(self, person: str | None = None, limit: int | None = None) -> list[MeetingRow]:
        """Listed meetings, newest first; only `person`'s (any letter case) when given; at most `limit`."""
        self._require_open()
        return self.index.rows(person, limit)

    def people(self) -> list[str]:
        """Everyone the manager has met, most recent first, each once (as last written)."""
        self._require_open()
        return self.index.people()

    def last_manager(self) -> str | None:
        """The manager of the most recent meeting, to prefill the next one."""
        self._require_open()
        return self.index.last_manager()

    def latest_unfinished(self) -> MeetingRow | None:
        """The newest meeting still live (not ended), to offer resuming it."""
        self._require_open()
        return self.index.latest_unfinished()

    def has(self, meeting_id: str) -> bool:
        """True if the meetings folder holds a file for this exact id, listed or not (too new, damaged)."""
        self._require_open()
        return self._path(meeting_id).is_file()

    def put_many(self, meetings: list[Meeting]) -> None:
        """Write each meeting's file as given (`updated_at` kept, unlike `save`; merged with a file there) and index them.

        For imports: every file is written first, then the index in one transaction. If the
        index write fails, the files are already safe and the next look at the folder lists them.
        """
        self._require_open()
        before = self._folder()
        written = [self.files.write(meeting, self._path(meeting.id)) for meeting in meetings]
        if written:
            self.index.put_many(written, before, self._folder())
