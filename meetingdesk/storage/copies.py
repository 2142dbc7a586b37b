"""What this machine last wrote or read of each meeting file: its size, mtime, hash and contents.

Kept in the machine's state folder (never in the data folder), one SQLite database per
data folder. Two things need it. A save checks that the file is still the one this
machine last knew (size, mtime and hash) before writing over it; if another process or
a sync tool changed it, the save merges instead. And when a sync tool or a copy
replaced a meeting file with another machine's version, the copy kept here is merged
back in, so nothing this machine saved is lost. Nothing here imports Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import zlib
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meetingdesk.storage.files import FileStat, make_private_dir

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS copies "
    "(id TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, hash TEXT, stamps TEXT, document BLOB) WITHOUT ROWID"
)


def content_hash(data: bytes) -> str:
    """The hash a file's bytes are compared by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class KnownCopy:
    """A meeting file as this machine last wrote or read it."""

    stat: FileStat
    """The file's (mtime_ns, size) then."""
    hash: str
    """The hash of its bytes then."""
    stamps: str
    """A digest of its stamps (`sync`): a meeting saved with the same stamps was loaded from this copy."""
    packed: bytes
    """Its bytes, compressed."""

    @property
    def document(self) -> dict[str, Any]:
        """Its contents, parsed (ValueError or zlib.error when the record is damaged)."""
        return json.loads(zlib.decompress(self.packed))

    def is_file(self, stat: FileStat | None, data: bytes | None) -> bool:
        """True when the file on disk (its stat and bytes) is still this copy."""
        return stat == self.stat and data is not None and content_hash(data) == self.hash


class Copies:
    """The copies of one data folder's meetings this machine knows, by meeting id."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._memory: dict[str, tuple] | None = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._memory is not None:
            return None
        held = getattr(self._local, "connection", None)
        if held is not None:
            return held
        try:
            make_private_dir(self.path.parent)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            with suppress(OSError):
                os.chmod(self.path, 0o600)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute(_SCHEMA)
        except (OSError, sqlite3.Error):
            # No state folder to write (a read-only home): remember for this run only.
            self._memory = {}
            return None
        self._local.connection = connection
        return connection

    def get(self, meeting_id: str) -> KnownCopy | None:
        """The copy of this meeting this machine last wrote or read, if any."""
        try:
            connection = self._connection()
            if connection is None:
                found = self._memory.get(meeting_id) if self._memory is not None else None
            else:
                found = connection.execute(
                    "SELECT mtime_ns, size, hash, stamps, document FROM copies WHERE id = ?", (meeting_id,)
                ).fetchone()
        except sqlite3.Error:
            return None  # a lost hint: the save merges instead
        if found is None:
            return None
        mtime_ns, size, digest, stamps, packed = found
        return KnownCopy((mtime_ns, size), digest, stamps, packed)

    def put(self, meeting_id: str, stat: FileStat, data: bytes, stamps: str) -> None:
        """Remember the file this machine just wrote or read: its stat, its bytes, the digest of its stamps."""
        row = (*stat, content_hash(data), stamps, zlib.compress(data, 1))
        try:
            connection = self._connection()
            if connection is None:
                if self._memory is not None:
                    self._memory[meeting_id] = row
                return
            connection.execute("INSERT OR REPLACE INTO copies VALUES (?, ?, ?, ?, ?, ?)", (meeting_id, *row))
        except sqlite3.Error:
            pass  # only a hint: the next save merges with the file instead of trusting it

    def drop(self, meeting_id: str) -> None:
        """Forget a meeting's copy (it was moved to the trash or away)."""
        with suppress(sqlite3.Error):
            connection = self._connection()
            if connection is None:
                if self._memory is not None:
                    self._memory.pop(meeting_id, None)
                return
            connection.execute("DELETE FROM copies WHERE id = ?", (meeting_id,))
