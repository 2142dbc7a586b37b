"""One small TinyDB database per person: their profile and their evidence log, in `people/<slug>.json`.

One file per person, so two machines editing different people never touch the same
file. TinyDB reads and writes through `AtomicStorage` (person_db.py), which writes with the one
atomic writer (temp file, fsync, rename; 0600 in a 0700 folder): a `kill -9` in the
middle of `meetingdesk log` leaves the old file or the new one, never half of each.
A lock per person keeps two processes from each reading, changing and writing the
same file at once. Nothing here imports Textual or pydantic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.locations import damaged_dir, locks_dir, people_dir
from meetingdesk.people import PERSON_FORMAT, Change, Entry, Profile, UnreadablePerson, person_slug
from meetingdesk.storage.cache import Cache
from meetingdesk.storage.files import (
    DamagedFile,
    NewerFile,
    StoreError,
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

    def __init__(self, root: Path, path: Path) -> None:
        self.root = Path(root)
        self.path = Path(path)

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

        return self._checked(AtomicStorage(self.path).read())

    @contextmanager
    def _changing(self) -> Iterator[TinyDB]:
        """The database, locked against other processes; what is changed in it is written once, at the end.

        If the block raises, nothing is written.
        """
        with holding_lock(locks_dir(self.root) / f"{self.path.stem}.person-lock"):
            from meetingdesk.storage.person_db import open_database

            db = open_database(self.path)
            yield db
            db.storage.flush()

    def create(self, profile: Profile) -> None:
        """Write a new database holding `profile` only; StoreError if one is already there."""
        with self._changing() as db:
            if self.path.exists():
                raise StoreError(f"{self.path} already exists: MeetingDesk never writes a new person over it.")
            db.storage.write({META: {"1": {"format": PERSON_FORMAT}}, PROFILE: {"1": profile_doc(profile, [])}, EVIDENCE: {}})

    def change(self, edit: Edit) -> PersonRecord:
        """Read and check the record, let `edit` say what to write, and write it in one atomic write.

        `edit` returns the entries to put (by id: added or replaced) and, when the profile
        changes, the new profile and the changes to its tracked fields. A damaged or newer
        file is never written over (DamagedFile, NewerFile). Returns the record as it now is.
        """
        with self._changing() as db:
            record = self._checked(db.storage.read())
            if record is None:
                raise StoreError(f"There is no person's database {self.path}: it may have been deleted or not synced yet.")
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
            return record

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


class PeopleFolder:
    """The data folder's people/: one database per person, listed through this machine's index.

    Files that can't be used are moved to damaged/ (or, when a newer MeetingDesk wrote
    them, left alone) and reported in `problems`; everyone else keeps working.
    """

    def __init__(self, root: Path, cache: Cache, problems: list[str]) -> None:
        self.root = Path(root)
        self.folder = people_dir(self.root)
        self.problems = problems
        """Sentences about databases that could not be used: the store's list, shown where the manager looks."""
        self.index = PeopleIndex(cache, self.folder, self._read_for_index)

    # --- looking at the folder ---

    def catch_up(self, quick: bool = False) -> bool:
        """Read the databases changed since the index last looked (with `quick`, only if the folder moved)."""
        if quick and self.index.up_to_date():
            return False
        return self.index.catch_up()

    def _read_for_index(self, file: str, path: Path) -> PersonRecord | None:
        try:
            return PersonBook(self.root, path).read()
        except DamagedFile as error:
            self._set_aside(path, str(error))
        except StoreError as error:
            self.problems.append(str(error))
        return None

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
        return PersonBook(self.root, self.path_of(file)) if file is not None else None

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

    def create(self, profile: Profile) -> PersonRecord:
        """A new database for `profile`, in a file named after them (never over another person's file)."""
        stem = person_slug(profile.name)
        taken = self.index.files()
        file, number = stem, 1
        while file in taken or self.path_of(file).exists():
            number += 1
            file = f"{stem}-{number}"
        book = PersonBook(self.root, self.path_of(file))
        before = folder_stamp(self.folder)
        book.create(profile)
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
        self.index.saved(book.path.stem, record, file_stat(book.path), before, folder_stamp(self.folder), changed if entries_only else None)
        return record
