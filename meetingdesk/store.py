"""Persistence: one JSON file per meeting, a TinyDB index for listing, and the app's one atomic write.

The data folder holds `meetings/<id>.json` (the truth) and `index.json` (a cache of one
row per meeting, rebuilt from the files whenever it is missing, unreadable or stale).
A save writes the meeting's own file and touches the index only when the meeting's
listed facts changed, so autosave costs the same with 10 or 10,000 past meetings.
Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import AwareDatetime, BaseModel, ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage

from meetingdesk.locations import index_path, meetings_dir
from meetingdesk.models import Meeting, MeetingStatus, UnreadableMeeting, meeting_from_data, utc_now

FILE_MODE = 0o600
"""Permissions of every file MeetingDesk writes: review notes are for their owner only."""
FOLDER_MODE = 0o700
"""Permissions of every folder MeetingDesk creates."""
INDEX_TABLE = "meetings"
"""The TinyDB table inside `index.json` that holds one row per meeting."""
LOCK_TIMEOUT_SECONDS = 10
"""How long a save waits for another MeetingDesk process to finish writing the index."""

_MEETING_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
_TEMP_SUFFIX = ".tmp"


class StoreError(Exception):
    """A problem with the data folder, told as a sentence a person can act on (it names the path)."""


class _DamagedFile(StoreError):
    """A meeting file that is not valid JSON or is not a meeting."""


class _NewerFile(StoreError):
    """A meeting file written by a newer MeetingDesk (higher schema_version)."""


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
        _make_private_dir(folder)
        fd, temp = _create_temp_file(folder, path.name)
        try:
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


def _make_private_dir(folder: Path, *, tighten_existing: bool = False) -> None:
    """Create `folder` with mode 0700 whatever the umask; with `tighten_existing`, fix an existing one we own."""
    if folder.is_dir():
        if tighten_existing and folder.stat().st_uid == os.getuid():
            os.chmod(folder, FOLDER_MODE)
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


# --- The index --------------------------------------------------------------------------


class MeetingRow(BaseModel):
    """What the home screen lists about one meeting: one row of the index."""

    id: str
    """The meeting's id, also its file name without `.json`."""
    person: str
    """The person the manager met."""
    manager: str
    """The manager who ran the meeting."""
    agenda_name: str
    """The agenda's short name."""
    agenda_title: str
    """The agenda's title at the time of the meeting."""
    created_at: AwareDatetime
    """When the meeting was set up."""
    started_at: AwareDatetime | None = None
    """When its clock first started."""
    ended_at: AwareDatetime | None = None
    """When the manager ended it."""
    status: MeetingStatus
    """"live" until ended, then "ended"."""
    open_actions: int
    """How many actions are not yet done."""
    actions: int
    """How many actions were agreed."""
    priorities: int
    """How many priorities were agreed."""

    @property
    def when(self) -> datetime:
        """When the meeting took place: its start, or its set-up time if it never started."""
        return self.started_at or self.created_at

    @classmethod
    def from_meeting(cls, meeting: Meeting) -> MeetingRow:
        """The row that lists `meeting`."""
        return cls(
            id=meeting.id,
            person=meeting.person,
            manager=meeting.manager,
            agenda_name=meeting.agenda_name,
            agenda_title=meeting.agenda_title,
            created_at=meeting.created_at,
            started_at=meeting.started_at,
            ended_at=meeting.ended_at,
            status=meeting.status,
            open_actions=len(meeting.open_actions),
            actions=len(meeting.actions),
            priorities=len(meeting.priorities),
        )


FileStat = tuple[int, int]
"""A meeting file's (mtime_ns, size), stored in its index row to tell when the file changed."""


def _index_signature(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime_ns, size) of the index file, or None if it is missing; atomic replaces change the inode."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class _CachedAtomicStorage(Storage):
    """TinyDB storage that parses `index.json` once, keeps it in memory and writes it atomically.

    TinyDB's JSONStorage rereads the file on every query and overwrites it in place,
    so a crash mid-write would leave half an index. Writes can be held back with
    `batch()` so that many row changes cost one write.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.signature: tuple[int, int, int] | None = None
        """The index file as last read or written by this storage, to notice other writers."""
        self._document: dict[str, dict[str, Any]] | None = None
        self._held = False
        self._dirty = False

    def load(self) -> bool:
        """Read and parse the file into memory; False (and an empty index) if it is missing or unreadable."""
        self._document = {}
        try:
            with open(self.path, "rb") as file:
                info = os.fstat(file.fileno())
                self.signature = (info.st_ino, info.st_mtime_ns, info.st_size)
                raw = file.read()
        except OSError:
            self.signature = None
            return False
        try:
            document = json.loads(raw)
        except ValueError:
            return False
        if not isinstance(document, dict) or not all(isinstance(table, dict) for table in document.values()):
            return False
        self._document = document
        return True

    def start_empty(self) -> None:
        """Begin from an empty index without reading the file (for a rebuild)."""
        self._document = {}
        self.signature = _index_signature(self.path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The parsed index, from memory after the first read."""
        if self._document is None:
            self.load()
        return self._document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Keep `data` in memory and write it atomically, unless a batch is holding writes back."""
        self._document = data
        if self._held:
            self._dirty = True
            return
        self._flush()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold every write until the block ends, then write once."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
        if self._dirty:
            self._flush()

    def _flush(self) -> None:
        self._dirty = False
        text = json.dumps(self._document, ensure_ascii=False, separators=(",", ":"))
        write_private_file(self.path, text)
        self.signature = _index_signature(self.path)


# --- The store ---------------------------------------------------------------------------


class Store:
    """The meetings in one data folder: save, load, list, and keep the index honest."""

    def __init__(self, root: Path) -> None:
        """A store for the data folder `root`; nothing touches the disk until `open()`."""
        self.root = Path(root)
        self.meetings_dir = meetings_dir(self.root)
        self.index_path = index_path(self.root)
        self.lock_path = self.index_path.with_name(self.index_path.name + ".lock")
        self.damaged_dir = self.root / "damaged"
        self.problems: list[str] = []
        """Sentences about files that could not be used (moved aside, too new, unreadable)."""
        self._lock: Any = None
        self._db: TinyDB | None = None
        self._storage: _CachedAtomicStorage | None = None
        self._rows: dict[str, MeetingRow] = {}
        self._stats: dict[str, FileStat] = {}
        self._doc_ids: dict[str, int] = {}

    # --- opening and the index ---

    def open(self) -> None:
        """Create the data folder (0700) and meetings/, then load the index, rebuilding what is stale."""
        from filelock import FileLock

        try:
            _make_private_dir(self.root, tighten_existing=True)
            _make_private_dir(self.meetings_dir, tighten_existing=True)
        except OSError as error:
            raise StoreError(
                f"MeetingDesk can't create its data folder {self.root} ({error.strerror or error}). "
                "Check that the path is a folder you own, or set MEETINGDESK_HOME to another folder."
            ) from error
        for folder in (self.root, self.meetings_dir):
            if not os.access(folder, os.W_OK | os.X_OK):
                raise StoreError(
                    f"MeetingDesk can't write to {folder}. Check that you own it "
                    "(chmod u+rwx), or set MEETINGDESK_HOME to another folder."
                )
        self._lock = FileLock(str(self.lock_path), mode=FILE_MODE, timeout=LOCK_TIMEOUT_SECONDS)
        with self._locked():
            if self._load_index():
                self._refresh_locked()
            else:
                self._rebuild_locked()

    def rebuild_index(self) -> None:
        """Rebuild the index from the meeting files, moving unreadable ones to damaged/."""
        self._require_open()
        with self._locked():
            self._rebuild_locked()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the index lock, so two MeetingDesk processes never write the index at once."""
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(
                f"Another MeetingDesk is still writing {self.index_path}. Try again in a moment; "
                f"if no other MeetingDesk is running, delete {self.lock_path}."
            ) from None
        except OSError as error:
            raise StoreError(
                f"MeetingDesk can't write to {self.root} ({error.strerror or error}): check that you own it."
            ) from error
        try:
            yield
        finally:
            self._lock.release()

    def _new_db(self) -> tuple[TinyDB, _CachedAtomicStorage]:
        db = TinyDB(self.index_path, storage=_CachedAtomicStorage)
        return db, db.storage  # type: ignore[return-value]

    def _load_index(self) -> bool:
        """Read index.json into memory; False, with nothing changed, if it is missing or unreadable."""
        db, storage = self._new_db()
        if not storage.load():
            return False
        rows: dict[str, MeetingRow] = {}
        stats: dict[str, FileStat] = {}
        doc_ids: dict[str, int] = {}
        try:
            for document in db.table(INDEX_TABLE).all():
                row = MeetingRow.model_validate(document)
                if row.id in rows:
                    return False
                rows[row.id] = row
                stats[row.id] = (int(document["mtime_ns"]), int(document["size"]))
                doc_ids[row.id] = document.doc_id
        except (ValidationError, KeyError, TypeError, ValueError):
            return False
        self._db, self._storage = db, storage
        self._rows, self._stats, self._doc_ids = rows, stats, doc_ids
        return True

    def _reload_if_changed(self, *, locked: bool) -> None:
        """Reread the index if another process replaced it since this store last read or wrote it."""
        assert self._storage is not None
        signature = _index_signature(self.index_path)
        if signature is None or signature == self._storage.signature:
            # A vanished index is written again, whole, from memory by the next change.
            return
        if not self._load_index() and locked:
            self._rebuild_locked()

    def _scan(self) -> dict[str, tuple[FileStat, Path]]:
        """Every meeting file by id with its stat: one scandir, no file is parsed."""
        found: dict[str, tuple[FileStat, Path]] = {}
        try:
            entries = list(os.scandir(self.meetings_dir))
        except OSError as error:
            raise StoreError(
                f"MeetingDesk can't read {self.meetings_dir} ({error.strerror or error}): check that you own it."
            ) from error
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith(".json"):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[entry.name[: -len(".json")]] = ((info.st_mtime_ns, info.st_size), Path(entry.path))
        return found

    def _refresh_locked(self) -> None:
        """Bring the loaded index up to date with the files: parse only the new or changed ones."""
        assert self._db is not None and self._storage is not None
        files = self._scan()
        gone = [meeting_id for meeting_id in self._rows if meeting_id not in files]
        changed = [
            meeting_id for meeting_id, (stat, _path) in files.items() if self._stats.get(meeting_id) != stat
        ]
        if not gone and not changed:
            return
        table = self._db.table(INDEX_TABLE)
        try:
            with self._storage.batch():
                for meeting_id in gone:
                    self._drop_row(meeting_id)
                for meeting_id in changed:
                    stat, path = files[meeting_id]
                    meeting = self._read_for_index(meeting_id, path)
                    if meeting is None:
                        self._drop_row(meeting_id)
                    else:
                        self._put_row(table, MeetingRow.from_meeting(meeting), stat)
        except StoreError:
            self._load_index()
            raise

    def _rebuild_locked(self) -> None:
        """Replace the index with rows read from every meeting file."""
        db, storage = self._new_db()
        storage.start_empty()
        rows: dict[str, MeetingRow] = {}
        stats: dict[str, FileStat] = {}
        for meeting_id, (stat, path) in sorted(self._scan().items()):
            meeting = self._read_for_index(meeting_id, path)
            if meeting is not None:
                rows[meeting_id] = MeetingRow.from_meeting(meeting)
                stats[meeting_id] = stat
        ids = list(rows)
        doc_ids = db.table(INDEX_TABLE).insert_multiple(
            _stored_row(rows[meeting_id], stats[meeting_id]) for meeting_id in ids
        )
        self._db, self._storage = db, storage
        self._rows, self._stats = rows, stats
        self._doc_ids = dict(zip(ids, doc_ids))

    def _read_for_index(self, meeting_id: str, path: Path) -> Meeting | None:
        """The meeting in `path`, or None after recording why it can't be listed."""
        try:
            meeting = self._read_meeting(path)
        except _DamagedFile as error:
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

    def _drop_row(self, meeting_id: str) -> None:
        assert self._db is not None
        doc_id = self._doc_ids.pop(meeting_id, None)
        self._rows.pop(meeting_id, None)
        self._stats.pop(meeting_id, None)
        if doc_id is not None:
            self._db.table(INDEX_TABLE).remove(doc_ids=[doc_id])

    def _put_row(self, table: Any, row: MeetingRow, stat: FileStat) -> None:
        stored = _stored_row(row, stat)
        doc_id = self._doc_ids.get(row.id)
        if doc_id is None:
            self._doc_ids[row.id] = table.insert(stored)
        else:
            table.update(stored, doc_ids=[doc_id])
        self._rows[row.id] = row
        self._stats[row.id] = stat

    # --- meeting files ---

    def _path(self, meeting_id: str) -> Path:
        if not _MEETING_ID.fullmatch(meeting_id):
            raise StoreError(f"“{meeting_id}” is not a meeting id: ids are letters, digits, - and _.")
        return self.meetings_dir / f"{meeting_id}.json"

    def _read_meeting(self, path: Path) -> Meeting:
        """Parse one meeting file; _DamagedFile or _NewerFile say why it can't be used."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(
                f"There is no meeting file {path}: it may have been deleted or not synced yet."
            ) from None
        except OSError as error:
            raise StoreError(
                f"MeetingDesk can't read {path} ({error.strerror or error}): check that you own it."
            ) from error
        try:
            raw = json.loads(data)
        except ValueError:
            raise _DamagedFile(f"{path} is not valid JSON") from None
        try:
            return meeting_from_data(raw)
        except UnreadableMeeting as error:
            if error.newer:
                raise _NewerFile(
                    f"{path} {error.reason}. Upgrade MeetingDesk to open it; the file was left as it is."
                ) from None
            raise _DamagedFile(f"{path} {error.reason}") from None

    def _move_aside(self, path: Path, reason: str) -> Path:
        """Move an unreadable file to damaged/<name>.<UTC time>, never over another file, and report it."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.damaged_dir / f"{path.name}.{stamp}"
        counter = 1
        while target.exists():
            counter += 1
            target = self.damaged_dir / f"{path.name}.{stamp}-{counter}"
        try:
            _make_private_dir(self.damaged_dir)
            os.rename(path, target)
        except OSError as error:
            raise StoreError(
                f"{reason}, and MeetingDesk couldn't move it to {self.damaged_dir} "
                f"({error.strerror or error}). Move it away by hand."
            ) from error
        with suppress(OSError):
            os.chmod(target, FILE_MODE)
        self.problems.append(
            f"{reason}, so it was moved to {target}. Repair it in a text editor and move it back, "
            "or restore it from a backup."
        )
        return target

    # --- public operations ---

    def _require_open(self) -> None:
        if self._db is None:
            raise RuntimeError("Store.open() must be called before using the store.")

    def save(self, meeting: Meeting) -> None:
        """Stamp `meeting.updated_at` and write its file; update its index row only if the row changed."""
        self._require_open()
        path = self._path(meeting.id)
        meeting.updated_at = utc_now()
        write_private_file(path, meeting.model_dump_json(indent=1))
        row = MeetingRow.from_meeting(meeting)
        if self._rows.get(meeting.id) == row:
            return
        try:
            info = os.stat(path)
        except OSError as error:
            raise StoreError(f"MeetingDesk saved {path} but can't read it back ({error.strerror or error}).") from error
        stat = (info.st_mtime_ns, info.st_size)
        with self._locked():
            self._reload_if_changed(locked=True)
            if self._rows.get(meeting.id) == row and self._stats.get(meeting.id) == stat:
                return
            assert self._db is not None
            try:
                self._put_row(self._db.table(INDEX_TABLE), row, stat)
            except StoreError:
                # The index on disk is intact; forget the half-made change and use it.
                self._load_index()
                raise

    def load(self, meeting_id: str) -> Meeting:
        """The meeting with this exact id; StoreError if its file is missing, damaged or too new."""
        self._require_open()
        path = self._path(meeting_id)
        try:
            return self._read_meeting(path)
        except _DamagedFile as error:
            target = self._move_aside(path, str(error))
            with self._locked():
                self._reload_if_changed(locked=True)
                self._drop_row(meeting_id)
            raise StoreError(f"{error}, so it was moved to {target}. Repair it in a text editor and move it back.") from None

    def resolve_id(self, prefix: str) -> str:
        """The id of the one meeting whose id is `prefix` or starts with it."""
        self._require_open()
        self._reload_if_changed(locked=False)
        wanted = prefix.strip().lower()
        if not wanted:
            raise StoreError("Give a meeting id (the first few characters are enough).")
        if wanted in self._rows:
            return wanted
        matches = [row for row in self._rows.values() if row.id.lower().startswith(wanted)]
        if not matches:
            raise StoreError(f"No meeting has an id starting with “{prefix.strip()}”. List meetings to see their ids.")
        if len(matches) > 1:
            matches.sort(key=lambda row: row.when, reverse=True)
            shown = ", ".join(f"{row.id[:10]} ({row.person}, {row.when:%Y-%m-%d})" for row in matches[:5])
            more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
            raise StoreError(
                f"“{prefix.strip()}” matches {len(matches)} meetings: {shown}{more}. Type more of the id."
            )
        return matches[0].id

    def rows(self, person: str | None = None, limit: int | None = None) -> list[MeetingRow]:
        """Listed meetings, newest first; only `person`'s (any letter case) when given."""
        self._require_open()
        self._reload_if_changed(locked=False)
        rows = list(self._rows.values())
        if person is not None:
            wanted = person.strip().casefold()
            rows = [row for row in rows if row.person.strip().casefold() == wanted]
        rows.sort(key=lambda row: (row.when, row.id), reverse=True)
        return rows if limit is None else rows[:limit]

    def people(self) -> list[str]:
        """Everyone the manager has met, most recent first, each once (as last written)."""
        seen: set[str] = set()
        people: list[str] = []
        for row in self.rows():
            key = row.person.strip().casefold()
            if key not in seen:
                seen.add(key)
                people.append(row.person)
        return people

    def last_manager(self) -> str | None:
        """The manager of the most recent meeting, to prefill the next one."""
        newest = self.rows(limit=1)
        return newest[0].manager if newest else None

    def latest_unfinished(self) -> MeetingRow | None:
        """The newest meeting still live (not ended), to offer resuming it."""
        return next((row for row in self.rows() if row.status == "live"), None)

    def has(self, meeting_id: str) -> bool:
        """True if the meetings folder holds a file for this exact id, listed or not (too new, damaged)."""
        self._require_open()
        return self._path(meeting_id).is_file()

    def put_many(self, meetings: list[Meeting]) -> None:
        """Write each meeting's file exactly as given (`updated_at` kept, unlike `save`) and index them.

        For imports: every file is written first, then the index once, so importing
        10,000 meetings does not rewrite the index 10,000 times. If the index write
        fails, the files are already safe and the next `open()` lists them.
        """
        self._require_open()
        written: list[tuple[MeetingRow, FileStat]] = []
        for meeting in meetings:
            path = self._path(meeting.id)
            write_private_file(path, meeting.model_dump_json(indent=1))
            try:
                info = os.stat(path)
            except OSError as error:
                raise StoreError(
                    f"MeetingDesk saved {path} but can't read it back ({error.strerror or error})."
                ) from error
            written.append((MeetingRow.from_meeting(meeting), (info.st_mtime_ns, info.st_size)))
        if not written:
            return
        with self._locked():
            self._reload_if_changed(locked=True)
            assert self._db is not None and self._storage is not None
            table = self._db.table(INDEX_TABLE)
            try:
                with self._storage.batch():
                    for row, stat in written:
                        self._put_row(table, row, stat)
            except StoreError:
                self._load_index()
                raise


def _stored_row(row: MeetingRow, stat: FileStat) -> dict[str, Any]:
    """The index document for `row`: the row plus its file's mtime_ns and size."""
    document = row.model_dump(mode="json")
    document["mtime_ns"], document["size"] = stat
    return document
