"""Merging two copies of one person's database, so nothing either machine logged or changed is lost.

A person's file travels like a meeting file (git, rsync, a sync tool), and two machines can
log evidence about the same person between two syncs. Two copies join the same way in any
order: entries by id (the copy changed last wins, a deletion is a change), the profile's
history by id, and the profile field by field (with git's common ancestor, the side that
changed a field wins; without one, the side that changed it last). Nothing here touches
the disk or imports Textual.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from meetingdesk.names import name_key
from meetingdesk.people import PERSON_FORMAT, PROFILE_FIELDS, TRACKED_FIELDS, Change, Entry, Profile
from meetingdesk.storage.people import EVIDENCE, META, PROFILE, PersonRecord, check_record, profile_doc


def _key(document: dict) -> str:
    """A total order between two versions of the same thing, so a tie is broken the same way on every machine."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def _later_entry(one: Entry, other: Entry) -> Entry:
    return max(one, other, key=lambda entry: (entry.updated_at, _key(entry.to_doc())))


def _last_change(history: list[Change], field: str) -> tuple:
    return max(((change.at, change.id) for change in history if change.field == field), default=())


def _profile(one: PersonRecord, other: PersonRecord, base: PersonRecord | None) -> Profile:
    """The profile, field by field: the side that changed it since `base`, else the side that changed it last."""
    newer, older = sorted((one, other), key=lambda record: (record.profile.updated_at, _key(profile_doc(record.profile, []))))[::-1]
    values: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        mine, theirs = getattr(newer.profile, field), getattr(older.profile, field)
        if mine == theirs:
            values[field] = mine
        elif base is not None and mine == getattr(base.profile, field):
            values[field] = theirs
        elif base is not None and theirs == getattr(base.profile, field):
            values[field] = mine
        elif field in TRACKED_FIELDS and _last_change(older.history, field) > _last_change(newer.history, field):
            values[field] = theirs  # its own history says the older profile changed this field later
        else:
            values[field] = mine
    return replace(newer.profile, **values)


def merge_records(one: PersonRecord, other: PersonRecord, base: PersonRecord | None = None) -> PersonRecord:
    """Two copies of a person's record as one: every entry and every change either holds, the profile field by field."""
    entries = {entry.id: entry for entry in one.entries}
    for entry in other.entries:
        held = entries.get(entry.id)
        entries[entry.id] = entry if held is None else _later_entry(held, entry)
    history = {change.id: change for change in [*one.history, *other.history]}
    return PersonRecord(
        profile=_profile(one, other, base),
        history=sorted(history.values(), key=lambda change: (change.at, change.id)),
        entries=sorted(entries.values(), key=lambda entry: (entry.logged_at, entry.id)),
    )


def adds_anything(merged: PersonRecord, record: PersonRecord) -> bool:
    """True when `merged` holds something `record` does not (an entry, a change, a profile field)."""
    return tables(merged) != tables(record)


def tables(record: PersonRecord) -> dict[str, dict[str, Any]]:
    """The record as its database's tables hold it (entries oldest first, numbered from 1)."""
    entries = sorted(record.entries, key=lambda entry: (entry.logged_at, entry.id))
    return {
        META: {"1": {"format": PERSON_FORMAT}},
        PROFILE: {"1": profile_doc(record.profile, record.history)},
        EVIDENCE: {str(number): entry.to_doc() for number, entry in enumerate(entries, start=1)},
    }


def is_person_database(data: Any) -> bool:
    """True when parsed JSON looks like a person's database (its profile table), not a meeting or settings."""
    return isinstance(data, dict) and isinstance(data.get(PROFILE), dict) and isinstance(data.get(EVIDENCE, {}), dict)


def merge_databases(ours: Any, theirs: Any, base: Any = None) -> dict[str, dict[str, Any]]:
    """Two parsed copies of a person's database merged, as tables; ValueError (from check_record) when one can't be read."""
    one, other = check_record(ours), check_record(theirs)
    if one is None or other is None:
        raise ValueError("one of the two copies is an empty database")
    if name_key(one.profile.name) != name_key(other.profile.name):
        raise ValueError(f"the two copies are of different people ({one.profile.name}, {other.profile.name})")
    try:
        ancestor = check_record(base) if is_person_database(base) else None
    except ValueError:
        ancestor = None
    return tables(merge_records(one, other, ancestor))
