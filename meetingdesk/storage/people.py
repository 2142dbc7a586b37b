"""One small TinyDB database per person: their profile and their evidence log, in `people/<slug>.json`.

One file per person, so two machines editing different people never touch the same
file. TinyDB reads and writes through `AtomicStorage` (person_db.py), which writes with the one
atomic writer (temp file, fsync, rename; 0600 in a 0700 folder): a `kill -9` in the
middle of `meetingdesk log` leaves the old file or the new one, never half of each.
A lock per person keeps two processes from each reading, changing and writing the
same file at once. Nothing here imports Textual or pydantic.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.locations import damaged_dir, locks_dir, merged_copies_dir, people_dir
from meetingdesk.people import PERSON_FORMAT, Change, Entry, Profile, UnreadablePerson, person_slug
from meetingdesk.storage.cache import Cache
from meetingdesk.storage.copies import Copies, KnownCopy
from meetingdesk.storage.files import (
    DamagedFile,
    NewerFile,
    StoreError,
    error_reason,
    file_stat,
    holding_lock,
    move_aside,
)
from meetingdesk.storage.index import folder_stamp
from meetingdesk.storage.people_index import PeopleIndex

if TYPE_CHECKING:  # TinyDB loads when a database is read or changed, not when the app starts
    from tinydb import TinyDB

PROFILE, EVIDENCE, META = "profile", "evidence", "meta"
"""The database's tables: the one profile document (with its history of changes), the entries, the format."""


@dataclass
class PersonRecord:
    """Everything one person's database holds, checked."""

    profile: Profile
    """Their profile."""
    history: list[Change] = field(default_factory=list)
    """Changes to role, target roles and aspirations, oldest first."""
    entries: list[Entry] = field(default_factory=list)
    """Every evidence entry, deleted ones included (see `people.live_entries`)."""


def check_record(data: dict[str, dict[str, Any]] | None) -> PersonRecord | None:
    """The record in a database's tables, or None for an empty database; UnreadablePerson says what is wrong."""
    if not data:
        return None
    meta = list(data.get(META, {}).values())
    version = meta[0].get("format") if meta and isinstance(meta[0], dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > PERSON_FORMAT:
        raise UnreadablePerson(
            f"was saved by a newer MeetingDesk (format {version}; this one reads up to {PERSON_FORMAT})", newer=True
        )
    profiles = list(data.get(PROFILE, {}).values())
    if len(profiles) != 1:
        raise UnreadablePerson("holds no profile" if not profiles else "holds more than one profile")
    history = profiles[0].get("history", []) if isinstance(profiles[0], dict) else None
    if not isinstance(history, list):
        raise UnreadablePerson("holds a profile whose history is not a list")
    return PersonRecord(
        profile=Profile.from_doc(profiles[0]),
        history=[Change.from_doc(doc) for doc in history],
        entries=[Entry.from_doc(doc) for doc in data.get(EVIDENCE, {}).values()],
    )


def profile_doc(profile: Profile, history: list[Change]) -> dict:
    """The profile document: the profile's fields and its history of changes."""
    return {**profile.to_doc(), "history": [change.to_doc() for change in history]}


class PersonBook:
    """One person's database: read it whole, or change it (entries, the profile) in one atomic write."""

    def __init__(self, root: Path, path: Path, last: LastCopy | None = None) -> None:
        self.root = Path(root)
        self.path = Path(path)
        self.last = last
        """This machine's last copy of the file, merged back in when another copy replaced it (see `PeopleFolder`)."""
        self.seen: bytes | None = None
        """The file's bytes as this book last read or wrote them."""
        self.news: list[str] = []
        """Sentences about merges done while reading or changing the file."""
        self._storage = None

    def _checked(self, data: dict[str, dict[str, Any]] | None) -> PersonRecord | None:
        try:
            return check_record(data)
        except UnreadablePerson as error:
            if error.newer:
                raise NewerFile(f"{self.path} {error.reason}") from None
            raise DamagedFile(f"{self.path} {error.reason}") from None

    def read(self) -> PersonRecord | None:
        """Everything in the database, or None when it does not exist yet.

        Raises DamagedFile (not a person's database), NewerFile or StoreError, each naming the file.
        """
        from meetingdesk.storage.person_db import AtomicStorage

        storage = AtomicStorage(self.path)
        record = self._checked(storage.read())
        if record is not None and (storage.untangled or self._mine(storage.raw) is not None):
            return self.change(lambda record: ([], None, []))  # writes the merge, under the lock
        self.seen = storage.raw
        return record

    def _mine(self, raw: bytes | None) -> PersonRecord | None:
        """This machine's last copy of the file, when the file on disk (`raw`) is no longer that copy."""
        return self.last.replaced(self.path, raw) if self.last is not None and raw is not None else None

    @contextmanager
    def _changing(self) -> Iterator[TinyDB]:
        """The database, locked against other processes; what is changed in it is written once, at the end.

        If the block raises, nothing is written.
        """
        with holding_lock(locks_dir(self.root) / f"{self.path.stem}.person-lock"):
            from meetingdesk.storage.person_db import open_database

            db = open_database(self.path)
            self._storage = db.storage.storage
            yield db
            db.storage.flush()

    def create(self, profile: Profile) -> None:
        """Write a new database holding `profile` only; StoreError if one is already there."""
        with self._changing() as db:
            if self.path.exists():
                raise StoreError(f"{self.path} already exists: MeetingDesk never writes a new person over it.")
            db.storage.write({META: {"1": {"format": PERSON_FORMAT}}, PROFILE: {"1": profile_doc(profile, [])}, EVIDENCE: {}})
        self.seen = self._storage.written

    def change(self, edit: Edit, extra: PersonRecord | None = None) -> PersonRecord:
        """Read and check the record (with `extra`, another copy of it, merged in), let `edit` say what to write, and
        write it in one atomic write.

        `edit` returns the entries to put (by id: added or replaced) and, when the profile
        changes, the new profile and the changes to its tracked fields. A damaged or newer
        file is never written over (DamagedFile, NewerFile). Returns the record as it now is.
        """
        with self._changing() as db:
            record = self._checked(db.storage.read())
            if record is None:
                raise StoreError(f"There is no person's database {self.path}: it may have been deleted or not synced yet.")
            record = self._merged_in(db, record, [extra] if extra is not None else [])
            entries, profile, changes = edit(record)
            _put_entries(db, entries)
            if profile is not None:
                record.profile, record.history = profile, record.history + changes
                profiles = db.table(PROFILE)
                profiles.truncate()
                profiles.insert(profile_doc(record.profile, record.history))
            held = {entry.id: position for position, entry in enumerate(record.entries)}
            for entry in entries:
                if entry.id in held:
                    record.entries[held[entry.id]] = entry
                else:
                    record.entries.append(entry)
        storage = self._storage
        self.seen = storage.written if storage.written is not None else storage.raw
        return record

    def _merged_in(self, db: TinyDB, record: PersonRecord, extra: list[PersonRecord]) -> PersonRecord:
        """The record with the other side of a git conflict, this machine's last copy and `extra` merged in, written when
        that adds anything; each merge told in `news`."""
        from meetingdesk.storage.person_merge import adds_anything, merge_records, tables

        storage = self._storage
        mine = self._mine(storage.raw)
        others = [*extra, *([mine] if mine is not None else [])]
        if not others and not storage.untangled:
            return record  # the common case (`log`, an edit): nothing to merge
        merged = record
        for other in others:
            merged = merge_records(merged, other)
        adds = adds_anything(merged, record)
        name = merged.profile.name
        if storage.untangled:
            self.news.append(
                f"{self.path} had git's conflict markers: MeetingDesk merged both sides of {name}'s profile and evidence "
                "log into it, nothing lost. `git add` it to finish the merge."
            )
        elif mine is not None and adds:
            self.news.append(
                f"Another copy replaced {name}'s profile and evidence log ({self.path.name}); what was saved on this "
                "machine was merged back in, nothing lost."
            )
        if storage.untangled or adds:
            db.storage.write(tables(merged))
        return merged

    def put(self, *entries: Entry) -> PersonRecord:
        """Add or replace these entries (by id) in one atomic write: what `meetingdesk log` does."""
        return self.change(lambda record: (list(entries), None, []))


def _put_entries(db: TinyDB, entries: list[Entry]) -> None:
    """Replace the stored entries with these ids and add the others: one pass over the table each, however many."""
    if not entries:
        return
    evidence = db.table(EVIDENCE)
    held = {document.get("id"): document.doc_id for document in evidence.all()}
    replacing = {entry.id: entry.to_doc() for entry in entries if entry.id in held}

    def replace(document: dict) -> None:
        new = replacing[document["id"]]
        document.clear()
        document.update(new)

    if replacing:
        evidence.update(replace, doc_ids=[held[entry_id] for entry_id in replacing])
    adding = [entry.to_doc() for entry in entries if entry.id not in held]
    if adding:
        evidence.insert_multiple(adding)


Edit = Callable[[PersonRecord], tuple[list[Entry], "Profile | None", list[Change]]]
"""What `PersonBook.change` asks of its caller: entries to put, the new profile (or None) and its changes."""


class LastCopy:
    """This machine's last copy of one person's database, kept in the state folder (storage/copies.py), looked up once."""

    def __init__(self, copies: Copies, file: str) -> None:
        self.copies = copies
        self.key = f"person:{file}"
        self._held: KnownCopy | None = None
        self._looked = False
        self._record: PersonRecord | None = None

    def _get(self) -> KnownCopy | None:
        if not self._looked:
            self._held, self._looked = self.copies.get(self.key), True
        return self._held

    def replaced(self, path: Path, data: bytes) -> PersonRecord | None:
        """This machine's last copy, when the file at `path` (read as `data`) is no longer it; else None."""
        held = self._get()
        if held is None:
            return None
        try:
            if held.is_file(file_stat(path), data):
                return None
        except StoreError:
            return None
        if self._record is None:
            try:
                self._record = check_record(held.document)
            except (ValueError, zlib.error):  # a damaged record is only a lost hint
                self.copies.drop(self.key)
                self._held = None
        return self._record

    def keep(self, path: Path, data: bytes) -> None:
        """Remember `data`, just read or written at `path`, as this machine's copy (unless it already is)."""
        try:
            stat = file_stat(path)
        except StoreError:
            return
        held = self._get()
        if held is None or not held.is_file(stat, data):
            self.copies.put(self.key, stat, data, "")
            self._looked, self._record = False, None


class PeopleFolder:
    """The data folder's people/: one database per person, listed through this machine's index.

    Files that can't be used are moved to damaged/ (or, when a newer MeetingDesk wrote
    them, left alone) and reported in `problems`; everyone else keeps working.
    """

    def __init__(self, root: Path, cache: Cache, problems: list[str], news: list[str], copies: Copies) -> None:
        self.root = Path(root)
        self.folder = people_dir(self.root)
        self.problems = problems
        """Sentences about databases that could not be used: the store's list, shown where the manager looks."""
        self.news = news
        """Sentences about merges (a git conflict, a conflict copy, a replaced file): the store's list, said once."""
        self.copies = copies
        """What this machine last wrote or read of each database, so a file another copy replaced is merged, not lost."""
        self.index = PeopleIndex(cache, self.folder, self._read_for_index)

    def _book(self, path: Path) -> PersonBook:
        """The database at `path`, knowing this machine's last copy of it."""
        return PersonBook(self.root, path, LastCopy(self.copies, path.stem))

    def _remember(self, book: PersonBook) -> None:
        """Keep what `book` last read or wrote as this machine's copy, and pass on what it merged."""
        self.news.extend(book.news)
        book.news.clear()
        if book.last is not None and book.seen is not None:
            book.last.keep(book.path, book.seen)

    # --- looking at the folder ---

    def catch_up(self, quick: bool = False) -> bool:
        """Merge conflict copies, then read the databases changed since the index last looked (with `quick`, only if
        the folder moved)."""
        if quick and self.index.up_to_date():
            return False
        self._merge_conflict_copies()
        return self.index.catch_up()

    def _read_for_index(self, file: str, path: Path) -> PersonRecord | None:
        book = self._book(path)
        try:
            return book.read()
        except DamagedFile as error:
            self._set_aside(path, str(error))
        except StoreError as error:
            self.problems.append(str(error))
        finally:
            self._remember(book)
        return None

    def _merge_conflict_copies(self) -> None:
        """Merge each copy a sync tool left beside a person's database into it; the copy is kept a week in the backups."""
        from meetingdesk.storage.conflicts import conflict_copy_of, keep_for_a_week, sync_tool
        from meetingdesk.storage.person_db import AtomicStorage

        for path in sorted(self.folder.glob("*.json")):
            file = conflict_copy_of(path.name)
            if file is None:
                continue
            try:
                copy = check_record(AtomicStorage(path).read())
                if copy is None:
                    raise StoreError(f"{path} is empty")
                book = self._book(self.path_of(file))
                if not book.path.exists():
                    book.create(copy.profile)
                book.change(lambda record: ([], None, []), extra=copy)
                self._remember(book)
                kept = keep_for_a_week(path, merged_copies_dir(self.root))
            except (StoreError, ValueError) as error:
                self.problems.append(f"{sync_tool(path.name)} left {path} beside a person's log, but MeetingDesk can't merge it ({error_reason(error)}), so it was left there.")
                continue
            self.news.append(
                f"{sync_tool(path.name)} kept a second copy of {copy.profile.name}'s profile and evidence log; MeetingDesk "
                f"merged it in, nothing lost. The copy is kept for a week in {kept.parent}."
            )

    def _set_aside(self, path: Path, reason: str) -> Path | None:
        try:
            target = move_aside(path, damaged_dir(self.root), reason)
        except StoreError as error:
            self.problems.append(str(error))
            return None
        self.problems.append(
            f"{reason}, so it was moved to {target}. The other people and their logs are unaffected; repair it in a "
            "text editor and move it back, or import it again from an export."
        )
        return target

    def _damaged(self, book: PersonBook, error: DamagedFile) -> StoreError:
        """Set a damaged database aside, stop listing it, and say so (the error to raise)."""
        target = self._set_aside(book.path, str(error))
        self.index.drop(book.path.stem)
        where = f"moved to {target}" if target else "left where it is"
        return StoreError(f"{error}, so it was {where}; nothing was written. Repair it or import it again from an export.")

    # --- one person ---

    def path_of(self, file: str) -> Path:
        """The database file called `file` (without `.json`)."""
        return self.folder / f"{file}.json"

    def book(self, name: str) -> PersonBook | None:
        """The database of the person called `name` (any case or spacing), or None when they have none."""
        file = self.index.file_of(name)
        return self._book(self.path_of(file)) if file is not None else None

    def read(self, name: str) -> PersonRecord | None:
        """Everything in `name`'s database, or None when they have none.

        A damaged database is moved aside and reported; StoreError then says so.
        """
        book = self.book(name)
        if book is None:
            return None
        try:
            return book.read()
        except DamagedFile as error:
            raise self._damaged(book, error) from None
        finally:
            self._remember(book)

    def create(self, profile: Profile) -> PersonRecord:
        """A new database for `profile`, in a file named after them (never over another person's file)."""
        stem = person_slug(profile.name)
        taken = self.index.files()
        file, number = stem, 1
        while file in taken or self.path_of(file).exists():
            number += 1
            file = f"{stem}-{number}"
        book = self._book(self.path_of(file))
        before = folder_stamp(self.folder)
        book.create(profile)
        self._remember(book)
        record = PersonRecord(profile=profile)
        self.index.saved(file, record, file_stat(book.path), before, folder_stamp(self.folder))
        return record

    def change(self, name: str, edit: Edit, entries_only: bool = False) -> PersonRecord:
        """Change `name`'s database through `edit` (see `PersonBook.change`) and keep the index current.

        With `entries_only`, only the entries `edit` returned are indexed again.
        """
        book = self.book(name)
        if book is None:
            raise StoreError(f"{name} has no database in {self.folder} yet.")
        changed: list[Entry] = []

        def remember(record: PersonRecord):
            entries, profile, changes = edit(record)
            changed.extend(entries)
            return entries, profile, changes

        before = folder_stamp(self.folder)
        try:
            record = book.change(remember)
        except DamagedFile as error:
            raise self._damaged(book, error) from None
        finally:
            self._remember(book)
        self.index.saved(book.path.stem, record, file_stat(book.path), before, folder_stamp(self.folder), changed if entries_only else None)
        return record
