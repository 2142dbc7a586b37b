"""People in an export: each person's profile, its history and their evidence log, and bringing them in again.

`export --all --format json` adds `"people": [...]` to the export, one document per
person as their database holds it (the profile's notes emptied unless private notes
are asked for). An import checks every person before anything is written, then merges
each into the database of the same person here: entries and changes by id (the copy
changed last wins), so importing the same file twice adds nothing. Nothing here
imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from meetingdesk.errors import MeetingDeskError
from meetingdesk.names import name_key
from meetingdesk.people import Change, Entry, Profile, UnreadablePerson, merge_entries
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.people import PeopleFolder, PersonRecord


class PeopleTransferError(MeetingDeskError):
    """A person in an export that can't be imported, told as one sentence that names the file."""


def person_document(record: PersonRecord, include_private: bool = False) -> dict[str, Any]:
    """One person as an export holds them: profile, history, every entry (deleted ones too, so a deletion travels)."""
    profile = record.profile if include_private else replace(record.profile, notes="")
    return {
        "profile": profile.to_doc(),
        "history": [change.to_doc() for change in record.history],
        "evidence": [entry.to_doc() for entry in record.entries],
    }


def read_people(raw: Any, source: str) -> list[PersonRecord]:
    """The people of an export, each checked; PeopleTransferError names the first one that is wrong."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise PeopleTransferError(f"{source} has a “people” entry that is not a list, so nothing was imported.")
    people: list[PersonRecord] = []
    for number, document in enumerate(raw, start=1):
        try:
            if not isinstance(document, dict):
                raise UnreadablePerson("is not a record")
            history, evidence = document.get("history", []), document.get("evidence", [])
            if not isinstance(history, list) or not isinstance(evidence, list):
                raise UnreadablePerson("has a history or evidence that is not a list")
            people.append(
                PersonRecord(
                    profile=Profile.from_doc(document.get("profile")),
                    history=[Change.from_doc(change) for change in history],
                    entries=[Entry.from_doc(entry) for entry in evidence],
                )
            )
        except UnreadablePerson as error:
            raise PeopleTransferError(f"Person {number} in {source} {error.reason}, so nothing was imported.") from None
    return people


@dataclass
class PeopleReport:
    """What bringing people in did."""

    added: int = 0
    """People who had no database here."""
    updated: int = 0
    """People whose database here gained or changed something."""
    entries: int = 0
    """Evidence entries added or replaced by a later copy."""
    problems: list[str] | None = None
    """Sentences about databases here that could not be merged into (left alone)."""

    def sentence(self) -> str:
        """E.g. "People: 1 added, 2 updated, 14 evidence entries brought in."."""
        return f"People: {self.added} added, {self.updated} updated, {self.entries} evidence entr{'y' if self.entries == 1 else 'ies'} brought in."


def import_people(folder: PeopleFolder, people: list[PersonRecord], include_private: bool) -> PeopleReport:
    """Merge each person into the database of the same person here (made when they have none)."""
    report = PeopleReport(problems=[])
    for incoming in people:
        name = incoming.profile.name
        try:
            here = folder.read(name)
        except StoreError as error:
            report.problems.append(f"{error} {name} was not imported.")
            continue
        if here is None:
            folder.create(incoming.profile)
            report.added += 1
        counted: list[int] = []

        def merge(record: PersonRecord) -> tuple[list[Entry], Profile | None, list[Change]]:
            merged, changed = merge_entries(record.entries, incoming.entries)
            counted.append(changed)
            held = {entry.id: entry for entry in record.entries}
            entries = [entry for entry in merged if held.get(entry.id) != entry]
            known = {change.id for change in record.history}
            changes = [change for change in incoming.history if change.id not in known]
            profile = _newer_profile(record.profile, incoming.profile, include_private)
            if profile is None and changes:
                profile = record.profile  # the history grows; the profile stays as it is here
            return entries, profile, changes

        try:
            before = folder.read(name)
            folder.change(name, merge)
        except StoreError as error:
            report.problems.append(f"{error} {name} was not imported.")
            continue
        report.entries += counted[0] if counted else 0
        if here is not None and folder.read(name) != before:
            report.updated += 1
    return report


def _newer_profile(here: Profile, incoming: Profile, include_private: bool) -> Profile | None:
    """The incoming profile when it was changed later than the one here (keeping notes it left out), else None."""
    if incoming.updated_at <= here.updated_at or name_key(incoming.name) != name_key(here.name):
        return None
    if not include_private and not incoming.notes:
        incoming = replace(incoming, notes=here.notes)
    return replace(incoming, name=here.name)
