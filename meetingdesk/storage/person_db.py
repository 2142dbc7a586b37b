"""TinyDB for one person's file: read whole, written whole and atomically, changes kept until one write at the end.

Loaded only when a person's database is read or changed (storage/people.py), so the app
starts without TinyDB. Nothing here imports Textual or pydantic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from meetingdesk.storage.files import DamagedFile, StoreError, write_private_file


class AtomicStorage(Storage):
    """TinyDB's storage for a person's file: read whole, written whole through `write_private_file`.

    Reading a file that is not JSON raises DamagedFile; a missing file reads as empty.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.raw: bytes | None = None
        """The file's bytes as last read (None before a read, or when there was no file)."""
        self.written: bytes | None = None
        """The bytes last written."""
        self.untangled = False
        """True when the last read found git's conflict markers and merged the two sides."""

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreError(f"MeetingDesk can't read {self.path} ({error.strerror or error}): check that you own it.") from error
        self.raw = data
        if not data.strip():
            raise DamagedFile(f"{self.path} is empty")
        try:
            raw = json.loads(data)
        except (ValueError, RecursionError):
            raw = self._untangle(data)
        if not isinstance(raw, dict) or not all(isinstance(table, dict) for table in raw.values()):
            raise DamagedFile(f"{self.path} is not a person's database")
        return raw

    def _untangle(self, data: bytes) -> dict[str, dict[str, Any]]:
        """A file git left with conflict markers: its two sides merged. DamagedFile when it has no markers;
        StoreError (never DamagedFile: the file stays where git can finish the merge) when its sides can't be read."""
        from meetingdesk.storage.conflicts import sides_of_conflict
        from meetingdesk.storage.person_merge import merge_databases

        sides = sides_of_conflict(data.decode("utf-8", "replace"))
        if sides is None:
            raise DamagedFile(f"{self.path} is not valid JSON")
        try:
            merged = merge_databases(*(json.loads(side) for side in sides))
        except (ValueError, RecursionError) as error:
            raise StoreError(
                f"{self.path} has git's conflict markers and MeetingDesk can't merge its two sides ({error}). "
                "It was left where it is: resolve it with `git checkout --ours` or `--theirs` and `git add`."
            ) from None
        self.untangled = True
        return merged

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = database_text(data)
        write_private_file(self.path, text)
        self.written = text.encode("utf-8")


def database_text(data: dict[str, dict[str, Any]]) -> str:
    """The database as JSON with one document per line: quick to write, and a line-wise merge sees each entry apart."""
    dump = json.JSONEncoder(ensure_ascii=False).encode
    tables = []
    for name, table in data.items():
        documents = ",\n".join(f"  {dump(str(key))}: {dump(document)}" for key, document in table.items())
        tables.append(f" {dump(name)}: {{\n{documents}\n }}" if documents else f" {dump(name)}: {{}}")
    return "{\n" + ",\n".join(tables) + "\n}\n"


class Transaction(CachingMiddleware):
    """Reads the file once, keeps TinyDB's changes in memory, and writes them in one atomic write on `flush`."""

    WRITE_CACHE_SIZE = 1 << 62


def open_database(path: Path) -> TinyDB:
    """The person's database at `path`, its changes held in memory until `db.storage.flush()` writes them at once."""
    return TinyDB(path, storage=Transaction(AtomicStorage))
