"""The index of people: each person's profile row and evidence entries, in this machine's SQLite cache.

Kept current the way the meetings are: a write by this process updates that person's
rows; a look at the people folder (one stat when nothing moved, else one scandir)
reads the databases changed behind the index's back. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.names import name_key
from meetingdesk.people import Entry
from meetingdesk.storage.cache import Cache
from meetingdesk.storage.conflicts import conflict_copy_of
from meetingdesk.storage.files import FileStat, walk_meetings
from meetingdesk.storage.index import FolderStamp, folder_stamp
from meetingdesk.storage.words import words

if TYPE_CHECKING:
    import sqlite3

    from meetingdesk.storage.people import PersonRecord

ReadPerson = Callable[[str, Path], "PersonRecord | None"]
"""How the index reads a person's database it must list: the record, or None when it can't be listed."""
ROLE_SEPARATOR = "\n"
"""Between target roles in the index's one text column."""


@dataclass(frozen=True)
class PersonRow:
    """One person with a database, as the lists show them."""

    name: str
    """Their full name, spelled as first given."""
    file: str
    """Their database's file name without `.json`."""
    email: str
    """Their email address ("" when not known)."""
    role: str
    """Their current role."""
    target_roles: tuple[str, ...]
    """The roles they aim for."""
    cadence: str
    """How often the two of you check in ("" when not said)."""


@dataclass(frozen=True)
class EvidenceHit:
    """An evidence entry found by search."""

    id: str
    """The entry's id."""
    person: str
    """Whose entry it is."""
    day: date
    """The day it happened."""
    theme: str
    """Its theme ("" for none)."""
    text: str
    """What happened."""


def _stamp_text(stamp: FolderStamp | None) -> str | None:
    return None if stamp is None else f"{stamp[0]}:{stamp[1]}"


class PeopleIndex:
    """What the lists and search ask about people, answered from the cache."""

    def __init__(self, cache: Cache, folder: Path, read: ReadPerson) -> None:
        self.cache = cache
        self.folder = Path(folder)
        self._read = read

    def up_to_date(self) -> bool:
        """True when nothing in the people folder changed since the index last looked (one stat)."""
        if self.cache.started_over:
            return False
        recorded = self.cache.connection().execute("SELECT value FROM meta WHERE key = 'people_folder'").fetchone()
        return recorded is not None and recorded[0] == _stamp_text(folder_stamp(self.folder))

    def catch_up(self) -> bool:
        """Read new and changed people's databases, drop removed ones; True if anything changed."""
        stamp = folder_stamp(self.folder)
        db = self.cache.connection()
        held = {file: (mtime, size) for file, mtime, size in db.execute("SELECT file, mtime_ns, size FROM people")}
        listed = {file: (stat, path) for file, stat, path in walk_meetings(self.folder) if not conflict_copy_of(f"{file}.json")}
        gone = [file for file in held if file not in listed]
        changed = [(file, stat, Path(path)) for file, (stat, path) in sorted(listed.items()) if held.get(file) != stat]
        read = [(file, stat, self._read(file, path)) for file, stat, path in changed]
        with self.cache.writing() as db:
            for file in gone:
                _drop(db, file)
            terms: set[str] = set()
            for file, stat, record in read:
                _drop(db, file)
                if record is not None:
                    terms |= _put(db, file, record, stat, record.entries)
            _add_terms(db, terms)
            if folder_stamp(self.folder) == stamp:
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('people_folder', ?)", (_stamp_text(stamp),))
        return bool(gone or changed)

    def saved(
        self,
        file: str,
        record: PersonRecord,
        stat: FileStat,
        before: FolderStamp | None,
        after: FolderStamp | None,
        entries: Iterable[Entry] | None = None,
    ) -> None:
        """Record a person's database just written by this process.

        With `entries`, only those entries changed: only their rows are rewritten, so logging one
        entry costs the same with ten entries or a thousand.
        """
        with self.cache.writing() as db:
            listed = db.execute("SELECT 1 FROM people WHERE file = ?", (file,)).fetchone() is not None
            if entries is None or not listed:
                _drop(db, file)
                entries = record.entries
            terms = _put(db, file, record, stat, entries)
            _add_terms(db, terms)
            # Our own write changed the folder: if nothing else had since the last look, the index is still current.
            if before is not None and after is not None:
                db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'people_folder' AND value = ?",
                    (_stamp_text(after), _stamp_text(before)),
                )

    def drop(self, file: str) -> None:
        """Stop listing a person's database this process just moved away."""
        with self.cache.writing() as db:
            _drop(db, file)

    # --- reading ---

    def rows(self) -> list[PersonRow]:
        """Everyone with a database, in alphabetical order of name."""
        sql = "SELECT name, file, email, role, target_roles, cadence FROM people ORDER BY name_key"
        return [
            PersonRow(name, file, email, role, tuple(filter(None, roles.split(ROLE_SEPARATOR))), cadence)
            for name, file, email, role, roles, cadence in self.cache.connection().execute(sql)
        ]

    def file_of(self, name: str) -> str | None:
        """The database file (without `.json`) of the person called `name` (any case or spacing)."""
        found = self.cache.connection().execute("SELECT file FROM people WHERE name_key = ?", (name_key(name),)).fetchone()
        return found[0] if found else None

    def files(self) -> set[str]:
        """Every database file listed (without `.json`)."""
        return {file for (file,) in self.cache.connection().execute("SELECT file FROM people")}

    def entry_counts(self) -> dict[str, int]:
        """How many entries each database file holds (deleted ones not counted)."""
        return dict(self.cache.connection().execute("SELECT file, count(*) FROM evidence GROUP BY file"))

    def search(self, expression: str, inside: Iterable[str] = (), limit: int | None = None) -> list[EvidenceHit]:
        """Entries whose words match the full-text `expression` and hold every piece of `inside`, newest day first."""
        clauses, parameters = [], []
        if expression:
            clauses.append("evidence_words MATCH ?")
            parameters.append(expression)
        for piece in inside:
            clauses.append("evidence_words.text LIKE ?")
            parameters.append(f"%{piece}%")
        if not clauses:
            return []
        sql = (
            "SELECT e.id, p.name, e.day, e.theme, e.text FROM evidence_words JOIN evidence AS e ON e.rowid = evidence_words.rowid "
            f"JOIN people AS p ON p.file = e.file WHERE {' AND '.join(clauses)} ORDER BY e.day DESC, e.rowid DESC"
        )
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        return [
            EvidenceHit(entry_id, person, date.fromisoformat(day), theme, text)
            for entry_id, person, day, theme, text in self.cache.connection().execute(sql, parameters)
        ]


def _put(db: sqlite3.Connection, file: str, record: PersonRecord, stat: FileStat, entries: Iterable[Entry]) -> set[str]:
    """Write the person's row and these entries' rows (deleted entries are removed); the words indexed."""
    profile = record.profile
    db.execute(
        "INSERT OR REPLACE INTO people (file, name, name_key, email, role, target_roles, cadence, mtime_ns, size) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (file, profile.name, name_key(profile.name), profile.email, profile.role,
         ROLE_SEPARATOR.join(profile.target_roles), profile.cadence, *stat),
    )  # fmt: skip
    terms: set[str] = set()
    for entry in entries:
        held = db.execute("SELECT rowid FROM evidence WHERE id = ?", (entry.id,)).fetchone()
        if held is not None:
            db.execute("DELETE FROM evidence_words WHERE rowid = ?", held)
            db.execute("DELETE FROM evidence WHERE rowid = ?", held)
        if entry.deleted:
            continue
        cursor = db.execute(
            "INSERT INTO evidence (id, file, day, theme, text) VALUES (?, ?, ?, ?, ?)",
            (entry.id, file, entry.day.isoformat(), entry.theme, entry.text),
        )
        found = set(words(f"{profile.name} {entry.theme} {entry.text}"))
        db.execute("INSERT INTO evidence_words (rowid, text) VALUES (?, ?)", (cursor.lastrowid, " ".join(found)))
        terms |= found
    return terms


def _drop(db: sqlite3.Connection, file: str) -> None:
    db.execute("DELETE FROM evidence_words WHERE rowid IN (SELECT rowid FROM evidence WHERE file = ?)", (file,))
    db.execute("DELETE FROM evidence WHERE file = ?", (file,))
    db.execute("DELETE FROM people WHERE file = ?", (file,))


def _add_terms(db: sqlite3.Connection, terms: set[str]) -> None:
    if terms:
        db.executemany("INSERT OR IGNORE INTO terms (term) VALUES (?)", ((term,) for term in terms))
