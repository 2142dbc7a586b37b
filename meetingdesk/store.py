"""Persistence: one JSON file per meeting, a TinyDB index for listing, and the app's one atomic write.

The data folder holds `meetings/<id>.json` (the truth) and `index/<YYYY-MM>.json`: a
cache of one row per meeting, split by the month the meeting took place, each shard a
TinyDB file. Shards are rebuilt from the files whenever they are missing, unreadable or
stale. A save writes the meeting's own file and touches the index only when the
meeting's listed facts changed, and then rewrites only that month's shard, so saving
costs about the same with 10 or 10,000 past meetings. Nothing here imports Textual.
"""

from __future__ import annotations

import errno
import heapq
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator, KeysView, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.locations import index_path, meetings_dir

if TYPE_CHECKING:  # pydantic loads with the models: listing meetings at start-up needs neither
    from meetingdesk.models import Meeting

FILE_MODE = 0o600
"""Permissions of every file MeetingDesk writes: review notes are for their owner only."""
FOLDER_MODE = 0o700
"""Permissions of every folder MeetingDesk creates."""
INDEX_FOLDER = "index"
"""The folder in the data folder that holds the index, one TinyDB file per month."""
INDEX_LOCK = "index.lock"
"""The lock file that keeps two MeetingDesk processes from writing the index at once."""
INDEX_TABLE = "meetings"
"""The TinyDB table inside each index shard that holds one row per meeting."""
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


@dataclass(slots=True)
class MeetingRow:
    """What the home screen lists about one meeting: one row of the index.

    A plain slotted dataclass, not a pydantic model: 10,000 of these stay in memory, and
    rows read back from the index (the store's own cache) need no validation.
    """

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
    created_at: datetime
    """When the meeting was set up (timezone-aware)."""
    started_at: datetime | None
    """When its clock first started."""
    ended_at: datetime | None
    """When the manager ended it."""
    status: str
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
ShardSignature = tuple[int, int, int]
"""A shard file's (inode, mtime_ns, size): atomic replaces change the inode, so another writer shows."""

_STATUSES = frozenset({"live", "ended"})
"""The values of models.MeetingStatus, spelled out so listing meetings needs no pydantic."""


def shard_name(when: datetime) -> str:
    """The index shard that lists a meeting held at `when`: its UTC month, as `YYYY-MM`."""
    when = when.astimezone(timezone.utc)
    return f"{when.year:04d}-{when.month:02d}"


def _stored_row(row: MeetingRow, stat: FileStat) -> dict[str, Any]:
    """The index document for `row`: the row's fields, times in ISO 8601, plus its file's mtime_ns and size."""
    return {
        "id": row.id,
        "person": row.person,
        "manager": row.manager,
        "agenda_name": row.agenda_name,
        "agenda_title": row.agenda_title,
        "created_at": row.created_at.isoformat(),
        "started_at": row.started_at.isoformat() if row.started_at is not None else None,
        "ended_at": row.ended_at.isoformat() if row.ended_at is not None else None,
        "status": row.status,
        "open_actions": row.open_actions,
        "actions": row.actions,
        "priorities": row.priorities,
        "mtime_ns": stat[0],
        "size": stat[1],
    }


def _row_from_document(document: dict[str, Any]) -> tuple[MeetingRow, FileStat]:
    """A row and its file's stat from one index document, with cheap shape checks instead of pydantic.

    The index is the store's own cache, written atomically; these checks only catch a
    hand-edited or foreign file. KeyError, TypeError or ValueError mean: read that shard's files again.
    Kept lean on purpose: it runs 10,000 times on every start.
    """
    parse = datetime.fromisoformat
    created = parse(document["created_at"])
    started, ended = document["started_at"], document["ended_at"]
    row = MeetingRow(
        document["id"],
        document["person"],
        document["manager"],
        document["agenda_name"],
        document["agenda_title"],
        created,
        None if started is None else parse(started),
        None if ended is None else parse(ended),
        document["status"],
        document["open_actions"],
        document["actions"],
        document["priorities"],
    )
    stat = (document["mtime_ns"], document["size"])
    if not (
        type(row.id) is str
        and type(row.person) is str
        and type(row.manager) is str
        and type(row.agenda_name) is str
        and type(row.agenda_title) is str
        and row.status in _STATUSES
        and type(row.open_actions) is int
        and type(row.actions) is int
        and type(row.priorities) is int
        and type(stat[0]) is int
        and type(stat[1]) is int
        and created.tzinfo is not None
        and (row.started_at is None or row.started_at.tzinfo is not None)
        and _MEETING_ID.fullmatch(row.id)
    ):
        raise ValueError("an index row of the wrong shape")
    return row, stat


def _shard_text(documents: list[dict[str, Any]]) -> str:
    """One shard as TinyDB stores a table, `{"meetings": {"1": row, "2": row, ...}}`, so TinyDB can still open it.

    Built in one go rather than through TinyDB's `Table.insert`, which copies the whole
    table on every insert and would rewrite the file once per row.
    """
    table = {str(number): document for number, document in enumerate(documents, start=1)}
    return json.dumps({INDEX_TABLE: table}, ensure_ascii=False, separators=(",", ":"))


# --- The store ---------------------------------------------------------------------------


class Store:
    """The meetings in one data folder: save, load, list, and keep the index honest."""

    def __init__(self, root: Path) -> None:
        """A store for the data folder `root`; nothing touches the disk until `open()`."""
        self.root = Path(root)
        self.meetings_dir = meetings_dir(self.root)
        self.index_dir = self.root / INDEX_FOLDER
        """The index: one TinyDB file per month, `index/<YYYY-MM>.json`."""
        self.lock_path = self.root / INDEX_LOCK
        self.damaged_dir = self.root / "damaged"
        self.problems: list[str] = []
        """Sentences about files that could not be used (moved aside, too new, unreadable)."""
        self._legacy_index = index_path(self.root)
        self._lock: Any = None
        self._opened = False
        self._unchecked: dict[str, None] | None = None
        """Shards to write after the deferred look at the meeting files, or None when nothing is deferred."""
        # One copy of each row; the per-row dicts below are small and share the id strings.
        self._rows: dict[str, MeetingRow] = {}
        self._stats: dict[str, FileStat] = {}
        self._order: dict[str, tuple[float, str]] = {}
        """Each row's sort key, (when as a timestamp, id), computed once: comparing aware datetimes is slow."""
        self._shard_of: dict[str, str] = {}
        self._shard_signatures: dict[str, ShardSignature] = {}
        """Each shard file as this store last read or wrote it, to notice another process's writes."""

    # --- opening and the index ---

    def open(self, *, check_files: bool = True) -> None:
        """Create the data folder (0700) and meetings/, then load the index, rebuilding what is stale.

        With `check_files=False` the index is loaded as it is and the look at every meeting
        file (for files changed behind the store's back) waits for `check_files()`, so a
        screen can show the list first. A missing index is still rebuilt at once.
        """
        from filelock import FileLock

        try:
            _make_private_dir(self.root, tighten_existing=True)
            _make_private_dir(self.meetings_dir, tighten_existing=True)
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
        for folder in (self.root, self.meetings_dir):
            if not os.access(folder, os.W_OK | os.X_OK):
                raise StoreError(
                    f"MeetingDesk can't write to {folder}. Check that you own it "
                    "(chmod u+rwx), or set MEETINGDESK_HOME to another folder."
                )
        self._lock = FileLock(str(self.lock_path), mode=FILE_MODE, timeout=LOCK_TIMEOUT_SECONDS)
        self._opened = True
        with self._locked():
            if os.path.lexists(self._legacy_index):
                # An index.json from before the index was split by month: the files are the truth.
                self._rebuild_locked()
                with suppress(OSError):
                    os.unlink(self._legacy_index)
                with suppress(OSError):
                    os.unlink(self._legacy_index.with_name(self._legacy_index.name + ".lock"))
            else:
                dirty = self._load_index()
                if check_files or not self._rows:
                    self._refresh_locked(dirty)
                else:
                    self._unchecked = dirty

    def check_files(self) -> bool:
        """Finish an `open(check_files=False)`: list what changed on disk. True if the rows changed."""
        if self._unchecked is None:
            return False
        before = dict(self._stats)
        with self._locked():
            dirty, self._unchecked = self._unchecked, None
            self._refresh_locked(dirty)
        return self._stats != before

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
                f"Another MeetingDesk is still writing {self.index_dir}. Try again in a moment; "
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

    def _shard_path(self, shard: str) -> Path:
        return self.index_dir / f"{shard}.json"

    def _list_shards(self) -> dict[str, ShardSignature]:
        """Every shard file in index/ with its signature: one scandir, nothing parsed."""
        found: dict[str, ShardSignature] = {}
        try:
            entries = list(os.scandir(self.index_dir))
        except OSError:
            return found
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith(".json"):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found[name[: -len(".json")]] = (info.st_ino, info.st_mtime_ns, info.st_size)
        return found

    def _read_shard(self, shard: str) -> tuple[list[tuple[MeetingRow, FileStat]], ShardSignature | None] | None:
        """The rows in one shard file and its signature; None if it is unreadable, ([], None) if it is gone."""
        try:
            with open(self._shard_path(shard), "rb") as file:
                info = os.fstat(file.fileno())
                raw = file.read()
        except FileNotFoundError:
            return [], None
        except OSError:
            return None
        try:
            table = json.loads(raw)[INDEX_TABLE]
            rows = [_row_from_document(document) for document in table.values()]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return rows, (info.st_ino, info.st_mtime_ns, info.st_size)

    def _forget_rows(self) -> None:
        self._rows, self._stats, self._order, self._shard_of = {}, {}, {}, {}
        self._shard_signatures = {}

    def _load_index(self) -> dict[str, None]:
        """Read every shard into memory; returns the shards that need writing again (unreadable, duplicates).

        Rows a bad shard held are simply missing afterwards: `_refresh_locked` finds
        their files unlisted and reads them again.
        """
        self._forget_rows()
        dirty: dict[str, None] = {}
        self._take_shards(sorted(self._list_shards()), dirty)
        return dirty

    def _take_shards(self, shards: list[str], dirty: dict[str, None]) -> None:
        """Read `shards` into memory; an unreadable one is marked dirty, to be written again from the files."""
        for shard in shards:
            self._shard_signatures.pop(shard, None)
            found = self._read_shard(shard)
            if found is None:
                dirty[shard] = None
                continue
            rows, signature = found
            if signature is not None:
                self._shard_signatures[shard] = signature
            for row, stat in rows:
                self._load_row(shard, row, stat, dirty)

    def _load_row(self, shard: str, row: MeetingRow, stat: FileStat, dirty: dict[str, None]) -> None:
        """Take in one row read from `shard`; a row listed twice (a crash mid-move) keeps the right shard's copy."""
        earlier = self._shard_of.get(row.id)
        if earlier is not None and earlier != shard:
            dirty[earlier] = None
            dirty[shard] = None
            if shard_name(row.when) != shard:
                return
        meeting_id = row.id
        self._rows[meeting_id] = row
        self._stats[meeting_id] = stat
        self._order[meeting_id] = ((row.started_at or row.created_at).timestamp(), meeting_id)
        self._shard_of[meeting_id] = shard

    def _reload_if_changed(self, *, locked: bool) -> None:
        """Reread the shards another process replaced, added or removed since this store last read or wrote them."""
        current = self._list_shards()
        if current == self._shard_signatures:
            return
        changed = {
            shard
            for shard in current.keys() | self._shard_signatures.keys()
            if current.get(shard) != self._shard_signatures.get(shard)
        }
        for meeting_id in [meeting_id for meeting_id, shard in self._shard_of.items() if shard in changed]:
            self._remove_row(meeting_id)
        dirty: dict[str, None] = {}
        self._take_shards(sorted(changed), dirty)
        if dirty and locked:
            self._refresh_locked(dirty)

    def _scan(self) -> dict[str, tuple[FileStat, str]]:
        """Every meeting file by id with its stat and path: one scandir, no file is parsed."""
        found: dict[str, tuple[FileStat, str]] = {}
        try:
            entries = list(os.scandir(self.meetings_dir))
        except OSError as error:
            raise StoreError(
                f"MeetingDesk can't read {self.meetings_dir} ({error.strerror or error}): check that you own it."
            ) from error
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
            # A str, not a Path: only the few files that changed are ever opened.
            found[name[: -len(".json")]] = ((info.st_mtime_ns, info.st_size), entry.path)
        return found

    def _refresh_locked(self, dirty: dict[str, None]) -> None:
        """Bring the loaded index up to date with the files, parsing only new or changed ones, then write `dirty` shards."""
        files = self._scan()
        for meeting_id in [meeting_id for meeting_id in self._rows if meeting_id not in files]:
            self._drop_row(meeting_id, dirty)
        stats = self._stats
        changed = [meeting_id for meeting_id, (stat, _path) in files.items() if stats.get(meeting_id) != stat]
        for meeting_id in sorted(changed):
            stat, path = files[meeting_id]
            meeting = self._read_for_index(meeting_id, Path(path))
            if meeting is None:
                self._drop_row(meeting_id, dirty)
            else:
                self._put_row(MeetingRow.from_meeting(meeting), stat, dirty)
        self._write_shards(dirty)

    def _rebuild_locked(self) -> None:
        """Replace the index with rows read from every meeting file."""
        self._forget_rows()
        self._refresh_locked(dict.fromkeys(self._list_shards()))

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

    def _remove_row(self, meeting_id: str) -> str | None:
        """Forget one row in memory; the shard it was in, if any."""
        self._rows.pop(meeting_id, None)
        self._stats.pop(meeting_id, None)
        self._order.pop(meeting_id, None)
        return self._shard_of.pop(meeting_id, None)

    def _drop_row(self, meeting_id: str, dirty: dict[str, None]) -> None:
        shard = self._remove_row(meeting_id)
        if shard is not None:
            dirty[shard] = None

    def _put_row(self, row: MeetingRow, stat: FileStat, dirty: dict[str, None]) -> None:
        """Add or replace a row in memory, marking the shards to write: its new one first, then the one it left."""
        shard = shard_name(row.when)
        dirty[shard] = None
        previous = self._shard_of.get(row.id)
        if previous is not None and previous != shard:
            # Written after the new shard, so a crash in between lists the row twice, never not at all.
            dirty.pop(previous, None)
            dirty[previous] = None
        self._rows[row.id] = row
        self._stats[row.id] = stat
        self._order[row.id] = (row.when.timestamp(), row.id)
        self._shard_of[row.id] = shard

    def _write_shards(self, dirty: dict[str, None]) -> None:
        """Write each dirty shard whole from memory (one write each), or remove it if it lists nobody."""
        if not dirty:
            return
        try:
            self._write_dirty(dirty)
        except StoreError:
            # Each shard write is atomic, so the files hold a consistent, older index: use it.
            # A meeting file the failure left unlisted is found by the next open().
            self._load_index()
            raise

    def _write_dirty(self, dirty: dict[str, None]) -> None:
        members: dict[str, list[str]] = {shard: [] for shard in dirty}
        for meeting_id, shard in self._shard_of.items():
            if shard in members:
                members[shard].append(meeting_id)
        for shard, ids in members.items():
            path = self._shard_path(shard)
            if ids:
                ids.sort()
                write_private_file(
                    path, _shard_text([_stored_row(self._rows[meeting_id], self._stats[meeting_id]) for meeting_id in ids])
                )
                try:
                    info = os.stat(path)
                except OSError:
                    self._shard_signatures.pop(shard, None)
                else:
                    self._shard_signatures[shard] = (info.st_ino, info.st_mtime_ns, info.st_size)
            else:
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
                except OSError as error:
                    raise StoreError(
                        f"MeetingDesk couldn't remove the empty index file {path} ({error.strerror or error}): "
                        "check that you own it."
                    ) from error
                self._shard_signatures.pop(shard, None)

    def _change_index(self, change: Callable[[dict[str, None]], None]) -> None:
        """Under the lock, pick up other processes' writes, apply `change` and write the shards it touched."""
        with self._locked():
            self._reload_if_changed(locked=True)
            dirty: dict[str, None] = {}
            change(dirty)
            self._write_shards(dirty)

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
            from meetingdesk import models

            return models.meeting_from_data(raw)
        except models.UnreadableMeeting as error:
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
        if not self._opened:
            raise RuntimeError("Store.open() must be called before using the store.")

    def _stat(self, path: Path) -> FileStat:
        try:
            info = os.stat(path)
        except OSError as error:
            raise StoreError(f"MeetingDesk saved {path} but can't read it back ({error.strerror or error}).") from error
        return (info.st_mtime_ns, info.st_size)

    def save(self, meeting: Meeting) -> None:
        """Stamp `meeting.updated_at` and write its file; update its index row only if the row changed.

        A row change rewrites one month's shard of the index, not the whole index.
        """
        self._require_open()
        path = self._path(meeting.id)
        from meetingdesk.models import utc_now

        meeting.updated_at = utc_now()
        write_private_file(path, meeting.model_dump_json(indent=1))
        row = MeetingRow.from_meeting(meeting)
        if self._rows.get(meeting.id) == row:
            return
        stat = self._stat(path)

        def change(dirty: dict[str, None]) -> None:
            if self._rows.get(meeting.id) != row or self._stats.get(meeting.id) != stat:
                self._put_row(row, stat, dirty)

        self._change_index(change)

    def load(self, meeting_id: str) -> Meeting:
        """The meeting with this exact id; StoreError if its file is missing, damaged or too new."""
        self._require_open()
        path = self._path(meeting_id)
        try:
            return self._read_meeting(path)
        except _DamagedFile as error:
            target = self._move_aside(path, str(error))
            self._change_index(lambda dirty: self._drop_row(meeting_id, dirty))
            raise StoreError(f"{error}, so it was moved to {target}. Repair it in a text editor and move it back.") from None

    def forget(self, meeting_id: str) -> None:
        """Remove this meeting's row from the index; nothing happens if it is not listed.

        For a caller that has moved the meeting's file out of meetings/ (the trash): while
        the file is still there, the next `open()` lists it again.
        """
        self._require_open()
        self._path(meeting_id)  # refuses a malformed id with a sentence
        self._change_index(lambda dirty: self._drop_row(meeting_id, dirty))

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
            matches.sort(key=lambda row: self._order[row.id], reverse=True)
            shown = ", ".join(f"{row.id[:10]} ({row.person}, {row.when:%Y-%m-%d})" for row in matches[:5])
            more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
            raise StoreError(
                f"“{prefix.strip()}” matches {len(matches)} meetings: {shown}{more}. Type more of the id."
            )
        return matches[0].id

    def rows(self, person: str | None = None, limit: int | None = None) -> list[MeetingRow]:
        """Listed meetings, newest first; only `person`'s (any letter case) when given; at most `limit`."""
        self._require_open()
        self._reload_if_changed(locked=False)
        if person is None:
            ids: Sequence[str] | KeysView[str] = self._rows.keys()
        else:
            wanted = person.strip().casefold()
            ids = [meeting_id for meeting_id, row in self._rows.items() if row.person.strip().casefold() == wanted]
        return self._newest_first(ids, limit)

    def _newest_first(self, ids: Sequence[str] | KeysView[str], limit: int | None) -> list[MeetingRow]:
        """The rows of `ids`, newest first, by their precomputed keys; a partial sort when `limit` is given."""
        key = self._order.__getitem__
        if limit is None:
            chosen = sorted(ids, key=key, reverse=True)
        else:
            # Rows are loaded oldest shard first, so going backwards meets the newest early
            # and nlargest's heap rarely changes.
            chosen = heapq.nlargest(max(limit, 0), reversed(ids), key=key)
        rows = self._rows
        return [rows[meeting_id] for meeting_id in chosen]

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
        self._require_open()
        self._reload_if_changed(locked=False)
        live = [meeting_id for meeting_id, row in self._rows.items() if row.status == "live"]
        newest = self._newest_first(live, 1)
        return newest[0] if newest else None

    def has(self, meeting_id: str) -> bool:
        """True if the meetings folder holds a file for this exact id, listed or not (too new, damaged)."""
        self._require_open()
        return self._path(meeting_id).is_file()

    def put_many(self, meetings: list[Meeting]) -> None:
        """Write each meeting's file exactly as given (`updated_at` kept, unlike `save`) and index them.

        For imports: every file is written first, then each index shard they touch once,
        so importing 10,000 meetings does not rewrite the index 10,000 times. If the index
        write fails, the files are already safe and the next `open()` lists them.
        """
        self._require_open()
        written: list[tuple[MeetingRow, FileStat]] = []
        for meeting in meetings:
            path = self._path(meeting.id)
            write_private_file(path, meeting.model_dump_json(indent=1))
            written.append((MeetingRow.from_meeting(meeting), self._stat(path)))
        if not written:
            return

        def change(dirty: dict[str, None]) -> None:
            for row, stat in written:
                self._put_row(row, stat, dirty)

        self._change_index(change)
