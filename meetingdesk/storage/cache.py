"""The index database: one SQLite file per data folder, in this machine's cache folder.

It is a cache: everything in it is rebuilt from the meeting files, so a missing,
damaged or older one is simply replaced. WAL mode lets the app's threads and other
MeetingDesk processes read while one writes. Each thread gets its own connection.
Nothing here imports Textual.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from meetingdesk.locations import OLD_CACHES
from meetingdesk.storage.files import StoreError, make_private_dir

CACHE_VERSION = 7
"""Bumped when the tables change; a cache of another version is thrown away and rebuilt."""
BUSY_SECONDS = 10
"""How long a write waits for another MeetingDesk process to finish its own."""

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    sort_key INTEGER NOT NULL UNIQUE,
    person TEXT NOT NULL,
    person_key TEXT NOT NULL,
    manager TEXT NOT NULL,
    agenda_name TEXT NOT NULL,
    agenda_title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    status TEXT NOT NULL,
    open_actions INTEGER NOT NULL,
    actions INTEGER NOT NULL,
    priorities INTEGER NOT NULL,
    planned_for TEXT,
    next_check_in TEXT,
    cadence TEXT,
    facts TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    stale_words INTEGER NOT NULL DEFAULT 0
);
-- Covers who is due for a check-in (storage/plans.py): that question reads this index, never the rows' notes.
CREATE INDEX meetings_by_person ON meetings (person_key, sort_key, status, cadence, planned_for, open_actions);
CREATE INDEX meetings_live ON meetings (sort_key) WHERE status = 'live';
CREATE INDEX meetings_stale ON meetings (id) WHERE stale_words = 1;
CREATE TABLE actions (
    action_id TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    sort_key INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    due TEXT,
    done_on TEXT,
    dropped_reason TEXT NOT NULL,
    agreed_on TEXT,
    carried_from TEXT,
    carried_count INTEGER NOT NULL,
    newest INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (action_id, meeting_id)
) WITHOUT ROWID;
CREATE INDEX actions_of_meeting ON actions (meeting_id);
CREATE INDEX actions_open ON actions (due) WHERE newest = 1 AND done_on IS NULL AND dropped_reason = '';
CREATE TABLE goals (
    goal_id TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    sort_key INTEGER NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    measure TEXT NOT NULL,
    due TEXT,
    status TEXT,
    data TEXT NOT NULL,
    newest INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (goal_id, meeting_id)
) WITHOUT ROWID;
CREATE INDEX goals_of_meeting ON goals (meeting_id);
CREATE INDEX goals_by_id ON goals (goal_id, sort_key);
CREATE VIRTUAL TABLE words USING fts5(text, tokenize = 'unicode61 remove_diacritics 0', detail = none);
CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE changed (seq INTEGER PRIMARY KEY AUTOINCREMENT, meeting_id TEXT NOT NULL, writer TEXT NOT NULL);
CREATE TABLE people (
    file TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    target_roles TEXT NOT NULL,
    cadence TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX people_by_key ON people (name_key);
CREATE TABLE evidence (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    day TEXT NOT NULL,
    theme TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX evidence_of_person ON evidence (file, day);
CREATE VIRTUAL TABLE evidence_words USING fts5(text, tokenize = 'unicode61 remove_diacritics 0', detail = none);
"""
"""The tables. `meetings.sort_key` orders meetings newest last and is also the rowid of the
meeting's entry in `words`, so a search walks its matches newest first and stops at a page.
`goals` holds every meeting's copy of each goal (its check-in there, whole, in `data`); `newest`
marks the copy that counts, as in `actions`. `words` holds each meeting's words as storage/words.py cuts them (the
tokenizer only splits them again at the spaces); `terms` lists every word ever indexed, to expand a word typed in part;
`changed` logs which meetings each write touched and which process wrote them, so a running app hears of other
processes' writes. `people` lists each person's database in the data folder's people/ (profile fields the lists
show, and the file's size and mtime); `evidence` their entries not deleted, and `evidence_words` each entry's words
under the entry's rowid."""


class Cache:
    """The index database of one data folder: connections, the schema, and starting over."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.started_over = False
        """True when this open found no usable database and made an empty one: every row must be read again."""
        self._local = threading.local()
        self._generation = 0
        self.memory: str | None = None
        """The in-memory database's name when the cache folder can't be written, else None."""

    def open(self) -> None:
        """Open (or create) the database; a damaged one or one of another version is replaced by an empty one.

        Where the cache folder can't be written (a read-only home), the index lives in memory
        for this run: everything still works, it is only read from the files each time.
        """
        try:
            make_private_dir(self.path.parent)
            self._prepare()
        except OSError:
            self._in_memory()
        except sqlite3.OperationalError as error:
            if "readonly" in str(error) or "unable to open" in str(error):
                self._in_memory()
            else:
                self.start_over()
        except sqlite3.DatabaseError:
            self.start_over()

    def _in_memory(self) -> None:
        self._close_this_thread()
        self._generation += 1
        self.memory = f"file:meetingdesk-index-{id(self)}?mode=memory&cache=shared"
        self._prepare()

    def start_over(self) -> None:
        """Throw the database away and make an empty one (it is only a cache)."""
        self._close_this_thread()
        self._generation += 1
        if self.memory is not None:
            self.memory = f"file:meetingdesk-index-{id(self)}-{self._generation}?mode=memory&cache=shared"
        for suffix in ("", "-wal", "-shm", "-journal"):
            with suppress(OSError):
                os.unlink(f"{self.path}{suffix}")
        try:
            self._prepare()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"MeetingDesk can't use its index {self.path} ({error}). Delete that file and start again.") from error
        self.started_over = True

    def _prepare(self) -> None:
        connection = self.connection()
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == CACHE_VERSION:
            return
        if version != 0 or connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise sqlite3.DatabaseError(f"an index of version {version}")
        with self.writing() as db:
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process may have just made it
                # executescript() would commit first: run each statement inside the transaction.
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {CACHE_VERSION}")
        self.started_over = True

    def connection(self) -> sqlite3.Connection:
        """This thread's connection to the database."""
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == self._generation:
            return held[1]
        fresh = False
        if self.memory is not None:
            connection = sqlite3.connect(self.memory, uri=True, isolation_level=None, check_same_thread=False)
        else:
            if not os.path.exists(self.path):
                # Deleted while open (the cache folder cleaned): a new, empty one for every thread.
                with suppress(OSError):
                    make_private_dir(self.path.parent)
                fresh = True
                self._generation += 1
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
            with suppress(OSError):
                os.chmod(self.path, 0o600)
        connection.execute("PRAGMA journal_mode = WAL")
        # The files are the truth: after a power cut the index may miss its last change, and the
        # next look at the files puts it back. NORMAL skips an fsync per change.
        connection.execute("PRAGMA synchronous = NORMAL")
        self._local.held = (self._generation, connection)
        if fresh:
            self._prepare()  # the schema, and `started_over`: every row is read again at the next look
        return connection

    def _close_this_thread(self) -> None:
        held = getattr(self._local, "held", None)
        if held is not None:
            with suppress(sqlite3.Error):
                held[1].close()
            self._local.held = None

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: other processes wait (up to BUSY_SECONDS) until it commits."""
        connection = self.connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(
                f"Another MeetingDesk is still writing the index {self.path}. Try again in a moment ({error})."
            ) from error
        try:
            yield connection
        except BaseException:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def old_caches(root: Path) -> list[Path]:
    """What an earlier MeetingDesk kept inside the data folder `root` (index, search cache, locks) and is still there."""
    return [root / name for name in OLD_CACHES if (root / name).exists() or (root / name).is_symlink()]


def remove_old_caches(root: Path) -> list[Path]:
    """Remove an earlier MeetingDesk's caches and locks from the data folder, touching nothing else; what went."""
    removed = []
    for old in old_caches(root):
        with suppress(OSError):
            if old.is_dir() and not old.is_symlink():
                for child in old.iterdir():
                    if child.suffix in (".json", ".lock") or child.name.startswith("."):
                        child.unlink()
                old.rmdir()
            elif old.is_file():
                old.unlink()
            removed.append(old)
    return removed
