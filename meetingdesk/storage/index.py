"""The index: every meeting's row, actions, goals and words, in this machine's SQLite cache.

Kept current one meeting at a time: each save updates that meeting's rows in one
transaction and records its file's size and mtime, so nothing is read twice. A look
at the meetings folder (one scandir, nothing parsed) finds files changed behind the
index's back: new, changed and removed files are read or dropped. A missing, damaged
or older cache is rebuilt from the files. Nothing here imports Textual.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.locations import index_path
from meetingdesk.names import name_key
from meetingdesk.storage.cache import Cache, remove_old_caches
from meetingdesk.storage.files import FileStat, scan_meetings, walk_meetings
from meetingdesk.storage.plans import drop_goals, put_goals
from meetingdesk.storage.rows import ROW_COLUMNS, MeetingRow
from meetingdesk.storage.settle import Changes, finish
from meetingdesk.storage.words import words_of

if TYPE_CHECKING:
    import sqlite3

    from meetingdesk.models import Meeting

ReadMeeting = Callable[[str, Path], "Meeting | None"]
"""How the index reads a meeting file it must list: the meeting, or None when it can't be listed."""
Progress = Callable[[int, int], None]
"""Told (files read so far, files to read) while the index reads files."""
FolderStamp = tuple[int, int]
"""The meetings folder's (inode, mtime_ns): any file added, replaced or removed there changes it."""
BATCH = 200
"""Files read per transaction while catching up, so other readers see progress."""
DAWN = datetime.min.replace(tzinfo=timezone.utc)
"""Sorts before every meeting."""


def folder_stamp(folder: Path) -> FolderStamp | None:
    """The folder's (inode, mtime_ns), or None when it can't be read."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns)


def stamp_text(stamp: FolderStamp | None) -> str | None:
    """A folder stamp as the index records it."""
    return None if stamp is None else f"{stamp[0]}:{stamp[1]}"


class MeetingIndex:
    """What the lists, the search and the shell ask about meetings, answered from the cache."""

    def __init__(self, root: Path, meetings_dir: Path, read: ReadMeeting) -> None:
        self.root = Path(root)
        self.meetings_dir = meetings_dir
        self.cache = Cache(index_path(self.root))
        self._read = read
        self.writer = secrets.token_hex(4)
        """Who this index is in the log of changes: what it wrote itself is not news to it."""

    def _changes(self) -> Changes:
        return Changes(writer=self.writer)

    def log_end(self) -> int:
        """Where the log of changes ends now."""
        return self.cache.connection().execute("SELECT coalesce(max(seq), 0) FROM changed").fetchone()[0]

    def written_by_others(self, since: int) -> tuple[set[str], int]:
        """The meetings other processes (a shell command, another window) wrote into the index after `since`, and the log's end."""
        db = self.cache.connection()
        end = self.log_end()
        since = 0 if end < since else since  # the index was rebuilt: its log starts again
        ids = {meeting_id for (meeting_id,) in db.execute("SELECT meeting_id FROM changed WHERE seq > ? AND writer != ?", (since, self.writer))}
        return ids, end

    # --- opening and catching up ---

    def open(self) -> None:
        """Open the cache (an empty one if it was missing or damaged) and remove an older version's caches."""
        self.cache.open()
        remove_old_caches(self.root)

    @property
    def needs_reading(self) -> bool:
        """True when the cache was just made: every meeting file must be read before the lists are whole."""
        return self.cache.started_over

    def up_to_date(self) -> bool:
        """True when nothing in the meetings folder changed since the index last looked (one stat)."""
        if self.cache.started_over:
            return False
        return self.recorded("folder") == stamp_text(folder_stamp(self.meetings_dir))

    def missing(self) -> bool:
        """True when the index's file was deleted while it was open (it must be rebuilt)."""
        return self.cache.memory is None and not os.path.exists(self.cache.path)

    def recorded(self, key: str) -> str | None:
        """A folder's stamp as recorded at the last look (`folder`: the meetings folder)."""
        found = self.cache.connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if found is None else found[0]

    def record(self, key: str, stamp: FolderStamp | None) -> None:
        """Record a folder's stamp as seen now."""
        with self.cache.writing() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, stamp_text(stamp)))

    def catch_up(self, progress: Progress | None = None) -> set[str]:
        """Read new and changed meeting files, drop removed ones; the ids of the rows that changed.

        The folder's listing goes into a temporary table and is compared there, so looking
        at 100,000 files keeps none of them in Python's memory.
        """
        stamp = folder_stamp(self.meetings_dir)
        db = self.cache.connection()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS listed (id TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER) WITHOUT ROWID")
        db.execute("BEGIN")
        try:
            db.execute("DELETE FROM temp.listed")
            db.executemany(
                "INSERT OR REPLACE INTO temp.listed VALUES (?, ?, ?)",
                ((meeting_id, *stat) for meeting_id, stat, _path in walk_meetings(self.meetings_dir)),
            )
        finally:
            db.execute("COMMIT")
        changed = [
            meeting_id
            for (meeting_id,) in db.execute(
                "SELECT l.id FROM temp.listed AS l LEFT JOIN meetings AS m ON m.id = l.id "
                "WHERE m.id IS NULL OR m.mtime_ns != l.mtime_ns OR m.size != l.size ORDER BY l.id"
            )
        ]
        gone = [meeting_id for (meeting_id,) in db.execute("SELECT id FROM meetings WHERE id NOT IN (SELECT id FROM temp.listed)")]
        if gone:
            with self.cache.writing() as db:
                changes = self._changes()
                for meeting_id in gone:
                    self._drop(db, meeting_id, changes)
                finish(db, changes)
        for start in range(0, len(changed), BATCH):
            batch = []
            for meeting_id in changed[start : start + BATCH]:
                path = self.meetings_dir / f"{meeting_id}.json"
                stat = _stat(path)
                batch.append((meeting_id, stat, self._read(meeting_id, path) if stat is not None else None))
            # The search table takes rows in time order twice as fast as in random order.
            batch.sort(key=lambda item: item[2].when if item[2] is not None else DAWN)
            with self.cache.writing() as db:
                changes = self._changes()
                for meeting_id, stat, meeting in batch:
                    if meeting is None or stat is None:
                        self._drop(db, meeting_id, changes)
                    else:
                        self._put(db, meeting, stat, changes)
                finish(db, changes)
            if progress is not None:
                progress(min(start + BATCH, len(changed)), len(changed))
        if folder_stamp(self.meetings_dir) == stamp:
            # The folder is as it was listed: the index now says what it holds. (If it moved meanwhile,
            # the stamp stays old and the next look reads the folder again.)
            self.record("folder", stamp)
        self.cache.started_over = False
        return {*gone, *changed}

    def rebuild(self, progress: Progress | None = None) -> set[str]:
        """Start the cache over and read every meeting file; the ids read."""
        self.cache.start_over()
        return self.catch_up(progress)

    def refresh_words(self) -> None:
        """Read again the meetings saved for their notes only since their words were indexed (the live one)."""
        db = self.cache.connection()
        for (meeting_id,) in db.execute("SELECT id FROM meetings WHERE stale_words = 1").fetchall():
            path = self.meetings_dir / f"{meeting_id}.json"
            try:
                info = os.stat(path)
            except OSError:
                continue  # gone: the next look at the folder drops it
            meeting = self._read(meeting_id, path)
            if meeting is not None:
                with self.cache.writing() as db:
                    changes = self._changes()
                    self._put(db, meeting, (info.st_mtime_ns, info.st_size), changes)
                    finish(db, changes)

    def count_files(self) -> int:
        """How many meeting files there are, for "Reading N meetings…" (none is parsed)."""
        return len(scan_meetings(self.meetings_dir))

    # --- keeping it current ---

    def saved(self, meeting: Meeting, stat: FileStat, before: FolderStamp | None, after: FolderStamp | None) -> None:
        """Record a meeting just written by this process, in one transaction.

        When only its notes or clock changed, the row keeps its facts and only the file's
        stat is recorded (its words are read again before the next search).
        """
        facts = _facts(meeting)
        with self.cache.writing() as db:
            held = db.execute("SELECT facts FROM meetings WHERE id = ?", (meeting.id,)).fetchone()
            if held is not None and held[0] == facts:
                db.execute(
                    "UPDATE meetings SET mtime_ns = ?, size = ?, stale_words = 1 WHERE id = ?", (*stat, meeting.id)
                )
                finish(db, Changes(meetings={meeting.id}, writer=self.writer))
            else:
                changes = self._changes()
                self._put(db, meeting, stat, changes, facts)
                finish(db, changes)
            self._follow_folder(db, before, after)

    def put_many(self, written: list[tuple[Meeting, FileStat]], before: FolderStamp | None, after: FolderStamp | None) -> None:
        """Record meetings just written by this process (an import), in one transaction."""
        with self.cache.writing() as db:
            changes = self._changes()
            for meeting, stat in written:
                self._put(db, meeting, stat, changes)
            finish(db, changes)
            self._follow_folder(db, before, after)

    def drop(self, meeting_id: str, before: FolderStamp | None = None, after: FolderStamp | None = None) -> None:
        """Stop listing a meeting whose file this process just moved away."""
        with self.cache.writing() as db:
            changes = self._changes()
            self._drop(db, meeting_id, changes)
            finish(db, changes)
            self._follow_folder(db, before, after)

    def _follow_folder(self, db: sqlite3.Connection, before: FolderStamp | None, after: FolderStamp | None) -> None:
        # Our own write changed the folder: if nothing else had changed it since the last look, the index
        # is still current. If something else had, the stamps differ and the next look reads the folder.
        if before is not None and after is not None:
            db.execute(
                "UPDATE meta SET value = ? WHERE key = 'folder' AND value = ?", (stamp_text(after), stamp_text(before))
            )

    def _put(self, db: sqlite3.Connection, meeting: Meeting, stat: FileStat, changes: Changes, facts: str | None = None) -> None:
        """Write every row of `meeting`: its listing, its words, its actions and goals.

        Notes in `changes` what `finish` (storage/settle.py) must settle once per transaction.
        """
        held = db.execute("SELECT sort_key FROM meetings WHERE id = ?", (meeting.id,)).fetchone()
        key = _free_sort_key(db, meeting)
        row = MeetingRow.from_meeting(meeting)
        db.execute(
            "INSERT INTO meetings (id, sort_key, person, person_key, manager, agenda_name, agenda_title, created_at, "
            "started_at, ended_at, status, open_actions, actions, priorities, planned_for, next_check_in, cadence, facts, "
            "mtime_ns, size, stale_words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) "
            "ON CONFLICT (id) DO UPDATE SET "
            "sort_key = excluded.sort_key, person = excluded.person, person_key = excluded.person_key, "
            "manager = excluded.manager, agenda_name = excluded.agenda_name, agenda_title = excluded.agenda_title, "
            "created_at = excluded.created_at, started_at = excluded.started_at, ended_at = excluded.ended_at, "
            "status = excluded.status, open_actions = excluded.open_actions, actions = excluded.actions, "
            "priorities = excluded.priorities, planned_for = excluded.planned_for, next_check_in = excluded.next_check_in, "
            "cadence = excluded.cadence, facts = excluded.facts, mtime_ns = excluded.mtime_ns, "
            "size = excluded.size, stale_words = 0",
            (
                row.id,
                key,
                row.person,
                name_key(row.person),
                row.manager,
                row.agenda_name,
                row.agenda_title,
                row.created_at.isoformat(),
                _iso(row.started_at),
                _iso(row.ended_at),
                row.status,
                row.open_actions,
                row.actions,
                row.priorities,
                _iso(row.planned_for),
                _iso(meeting.next_check_in),
                meeting.cadence,
                facts or _facts(meeting),
                *stat,
            ),
        )
        if held is not None:
            db.execute("DELETE FROM words WHERE rowid = ?", (held[0],))
        found = words_of(meeting)
        db.execute("INSERT INTO words (rowid, text) VALUES (?, ?)", (key, " ".join(found)))
        changes.terms |= found
        touched = {action_id for (action_id,) in db.execute("SELECT action_id FROM actions WHERE meeting_id = ?", (meeting.id,))}
        db.execute("DELETE FROM actions WHERE meeting_id = ?", (meeting.id,))
        db.executemany(
            "INSERT OR REPLACE INTO actions (action_id, meeting_id, sort_key, position, text, owner, owner_key, due, "
            "done_on, dropped_reason, agreed_on, carried_from, carried_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    action.id,
                    meeting.id,
                    key,
                    position,
                    action.text,
                    action.owner,
                    name_key(action.owner),
                    _iso(action.due),
                    _iso(action.done_on),
                    action.dropped_reason,
                    _iso(action.agreed_on),
                    action.carried_from,
                    action.carried_count,
                )
                for position, action in enumerate(meeting.actions)
            ],
        )
        changes.goals |= put_goals(db, meeting, key)
        changes.actions |= touched | {action.id for action in meeting.actions}
        changes.meetings.add(meeting.id)

    def _drop(self, db: sqlite3.Connection, meeting_id: str, changes: Changes) -> None:
        """Remove every row of the meeting, noting in `changes` what `finish` (storage/settle.py) must settle."""
        held = db.execute("SELECT sort_key FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if held is None:
            return
        db.execute("DELETE FROM words WHERE rowid = ?", (held[0],))
        db.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
        touched = {action_id for (action_id,) in db.execute("SELECT action_id FROM actions WHERE meeting_id = ?", (meeting_id,))}
        db.execute("DELETE FROM actions WHERE meeting_id = ?", (meeting_id,))
        changes.goals |= drop_goals(db, meeting_id)
        changes.actions |= touched
        changes.meetings.add(meeting_id)

    # --- reading ---

    def _rows(self, where: str = "", parameters: tuple = (), limit: int | None = None) -> list[MeetingRow]:
        sql = f"SELECT {ROW_COLUMNS} FROM meetings {where} ORDER BY sort_key DESC"
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        return [MeetingRow.from_sql(values) for values in self.cache.connection().execute(sql, parameters)]

    def row(self, meeting_id: str) -> MeetingRow | None:
        """The row listing this meeting."""
        found = self._rows("WHERE id = ?", (meeting_id,))
        return found[0] if found else None

    def rows(self, person: str | None = None, limit: int | None = None) -> list[MeetingRow]:
        """Listed meetings, newest first; only `person`'s (any spacing or case) when given; at most `limit`."""
        clauses, parameters = [], []
        if person is not None:
            clauses.append("person_key = ?")
            parameters.append(name_key(person))
        return self._rows(f"WHERE {' AND '.join(clauses)}" if clauses else "", tuple(parameters), limit)

    def count(self) -> int:
        """How many meetings are listed."""
        return self.cache.connection().execute("SELECT count(*) FROM meetings").fetchone()[0]

    def ids_starting_with(self, prefix: str) -> list[MeetingRow]:
        """The rows whose id is `prefix` or starts with it (give it in lower case), newest first."""
        exact = self.row(prefix)
        if exact is not None:
            return [exact]
        # Ids are hex or similar: a range on the primary key finds a prefix without reading every row.
        return self._rows("WHERE id >= ? AND id < ?", (prefix, prefix + "\U0010ffff"))

    def latest_unfinished(self) -> MeetingRow | None:
        """The newest meeting still live (not ended)."""
        found = self._rows("WHERE status = 'live'", limit=1)
        return found[0] if found else None

    def people(self) -> list[str]:
        """Everyone met, most recent first, each once, spelled as in their first meeting (a later
        "dana lee" does not rename Dana Lee)."""
        db = self.cache.connection()
        sql = (
            "SELECT (SELECT person FROM meetings AS first WHERE first.person_key = met.person_key ORDER BY sort_key LIMIT 1) "
            "FROM (SELECT person_key, max(sort_key) AS latest FROM meetings GROUP BY person_key) AS met ORDER BY latest DESC"
        )
        return [person for (person,) in db.execute(sql)]

    def last_manager(self) -> str | None:
        """The manager of the newest meeting."""
        found = self.cache.connection().execute("SELECT manager FROM meetings ORDER BY sort_key DESC LIMIT 1").fetchone()
        return found[0] if found else None


def _facts(meeting: Meeting) -> str:
    """A digest of everything the index lists about a meeting but its words."""
    listed = meeting.model_dump_json(
        include={
            "person", "manager", "agenda_name", "agenda_title", "created_at", "started_at", "ended_at", "status",
            "planned_for", "actions", "priorities", "next_check_in", "cadence",
        }
    )
    return hashlib.blake2b(listed.encode("utf-8"), digest_size=16).hexdigest()


def _free_sort_key(db: sqlite3.Connection, meeting: Meeting) -> int:
    """The meeting's time in microseconds, moved on by one while another meeting holds it."""
    key = int(meeting.when.timestamp() * 1_000_000)
    while True:
        holder = db.execute("SELECT id FROM meetings WHERE sort_key = ?", (key,)).fetchone()
        if holder is None or holder[0] == meeting.id:
            return key
        key += 1


def _stat(path: Path) -> FileStat | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()
