"""The index: one row per meeting for listing, a cache rebuilt from the meeting files.

It lives in `index/<YYYY-MM>.json`, one TinyDB-format file per month the meetings
took place, so a change rewrites one month's file. Rows are rebuilt from the files
whenever a shard is missing, unreadable or stale. The store talks to it through
`open`, `check_files`, `rebuild`, `put`, `drop` and the read methods; nothing else
knows its format. Nothing here imports Textual.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterator, KeysView, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.names import name_key
from meetingdesk.storage.files import FILE_MODE, FileStat, StoreError, scan_meetings, write_private_file
from meetingdesk.storage.rows import MeetingRow
from meetingdesk.storage.shards import ShardSignature, list_shards, read_shard, shard_name, shard_text, stored_row

if TYPE_CHECKING:
    from meetingdesk.models import Meeting

INDEX_FOLDER = "index"
"""The folder in the data folder that holds the index, one TinyDB-format file per month."""
INDEX_LOCK = "index.lock"
"""The lock file that keeps two MeetingDesk processes from writing the index at once."""
LOCK_TIMEOUT_SECONDS = 10
"""How long a save waits for another MeetingDesk process to finish writing the index."""

ReadMeeting = Callable[[str, Path], "Meeting | None"]
"""How the index reads a meeting file it must list: the meeting, or None when it can't be listed."""


class MeetingIndex:
    """The rows of every meeting in one data folder, kept in memory and in the month shards."""

    def __init__(self, root: Path, meetings_dir: Path, read: ReadMeeting) -> None:
        """The index of the data folder `root`; `read` parses a meeting file the index must (re)list."""
        self.root = Path(root)
        self.meetings_dir = meetings_dir
        self.index_dir = self.root / INDEX_FOLDER
        self.lock_path = self.root / INDEX_LOCK
        self._read = read
        self._lock: Any = None
        self._unchecked: dict[str, None] | None = None
        """Shards to write after the deferred look at the meeting files, or None when nothing is deferred."""
        # One copy of each row; the per-row dicts below are small and share the id strings.
        self._rows: dict[str, MeetingRow] = {}
        self._stats: dict[str, FileStat] = {}
        self._order: dict[str, tuple[float, str]] = {}
        """Each row's sort key, (when as a timestamp, id), computed once: comparing aware datetimes is slow."""
        self._shard_of: dict[str, str] = {}
        self._shard_signatures: dict[str, ShardSignature] = {}
        """Each shard file as this index last read or wrote it, to notice another process's writes."""

    # --- the interface the store uses ---

    def open(self, *, check_files: bool) -> None:
        """Load the shards; with `check_files`, also list what changed in the meetings folder.

        Without it, the look at every meeting file waits for `check_files()`; an empty
        index is still rebuilt at once.
        """
        from filelock import FileLock

        self._lock = FileLock(str(self.lock_path), mode=FILE_MODE, timeout=LOCK_TIMEOUT_SECONDS)
        with self._locked():
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

    def rebuild(self) -> None:
        """Replace every row with one read from the meeting files."""
        with self._locked():
            self._forget_rows()
            self._refresh_locked(dict.fromkeys(list_shards(self.index_dir)))

    def row(self, meeting_id: str) -> MeetingRow | None:
        """The row listing this meeting, as last loaded."""
        return self._rows.get(meeting_id)

    def put(self, listed: list[tuple[MeetingRow, FileStat]]) -> None:
        """List (or list again) these rows, writing each shard they touch once."""

        def change(dirty: dict[str, None]) -> None:
            for row, stat in listed:
                if self._rows.get(row.id) != row or self._stats.get(row.id) != stat:
                    self._put_row(row, stat, dirty)

        self._change_index(change)

    def drop(self, meeting_id: str) -> None:
        """Stop listing this meeting."""
        self._change_index(lambda dirty: self._drop_row(meeting_id, dirty))

    def rows(self, person: str | None = None, limit: int | None = None) -> list[MeetingRow]:
        """Listed meetings, newest first; only `person`'s (any letter case) when given; at most `limit`."""
        self._reload_if_changed(locked=False)
        if person is None:
            ids: Sequence[str] | KeysView[str] = self._rows.keys()
        else:
            wanted = name_key(person)
            ids = [meeting_id for meeting_id, row in self._rows.items() if name_key(row.person) == wanted]
        return self._newest_first(ids, limit)

    def ids_starting_with(self, prefix: str) -> list[MeetingRow]:
        """The rows whose id is `prefix` or starts with it (lower case), newest first."""
        self._reload_if_changed(locked=False)
        if prefix in self._rows:
            return [self._rows[prefix]]
        return self._newest_first([meeting_id for meeting_id in self._rows if meeting_id.lower().startswith(prefix)], None)

    def latest_unfinished(self) -> MeetingRow | None:
        """The newest meeting still live (not ended)."""
        self._reload_if_changed(locked=False)
        live = [meeting_id for meeting_id, row in self._rows.items() if row.status == "live"]
        newest = self._newest_first(live, 1)
        return newest[0] if newest else None

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

    # --- the shards ---

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
        self._take_shards(sorted(list_shards(self.index_dir)), dirty)
        return dirty

    def _take_shards(self, shards: list[str], dirty: dict[str, None]) -> None:
        """Read `shards` into memory; an unreadable one is marked dirty, to be written again from the files."""
        for shard in shards:
            self._shard_signatures.pop(shard, None)
            found = read_shard(self._shard_path(shard))
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
        self._order[meeting_id] = (row.when.timestamp(), meeting_id)
        self._shard_of[meeting_id] = shard

    def _reload_if_changed(self, *, locked: bool) -> None:
        """Reread the shards another process replaced, added or removed since this store last read or wrote them."""
        current = list_shards(self.index_dir)
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

    def _refresh_locked(self, dirty: dict[str, None]) -> None:
        """Bring the loaded index up to date with the files, parsing only new or changed ones, then write `dirty` shards."""
        files = scan_meetings(self.meetings_dir)
        for meeting_id in [meeting_id for meeting_id in self._rows if meeting_id not in files]:
            self._drop_row(meeting_id, dirty)
        stats = self._stats
        changed = [meeting_id for meeting_id, (stat, _path) in files.items() if stats.get(meeting_id) != stat]
        for meeting_id in sorted(changed):
            stat, path = files[meeting_id]
            meeting = self._read(meeting_id, Path(path))
            if meeting is None:
                self._drop_row(meeting_id, dirty)
            else:
                self._put_row(MeetingRow.from_meeting(meeting), stat, dirty)
        self._write_shards(dirty)

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
                    path, shard_text([stored_row(self._rows[meeting_id], self._stats[meeting_id]) for meeting_id in ids])
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

