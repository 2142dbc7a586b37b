"""The trash: a deleted meeting moves aside whole, stays private, and comes back on restore."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone

import pytest

from meetingdesk.models import Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.store import Store
from meetingdesk.storage.trash import move_to_trash, restore, trashed

AGENDA = Agenda(name="quick", title="Quick review", sections=[AgendaSection(title="How it went", minutes=10)])


def ended_meeting(person: str = "Dana Lee") -> Meeting:
    meeting = meeting_from_agenda(AGENDA, person, "Sam Rivera")
    meeting.status = "ended"
    meeting.started_at = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
    meeting.sections[0].notes = "Shipped the billing migration"
    return meeting


def test_move_to_trash_moves_the_meeting_whole_stamped_with_when_and_unlists_it(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    when = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)

    path = move_to_trash(store, meeting.id, when)

    assert path == store.root / "trash" / f"{meeting.id}.json"
    in_trash = Meeting.model_validate_json(path.read_bytes())
    assert in_trash.trashed_at == when, "the tombstone a sync can't undo"
    assert in_trash.model_dump(exclude={"trashed_at", "sync", "updated_at"}) == meeting.model_dump(exclude={"trashed_at", "sync", "updated_at"})
    assert not (store.root / "meetings" / f"{meeting.id}.json").exists()
    assert store.rows() == []
    reopened = Store(store.root)
    reopened.open()
    assert reopened.rows() == [], "a fresh start (index rebuilt from the files) does not list it either"


def test_the_trash_is_private(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    old_umask = os.umask(0o022)
    try:
        path = move_to_trash(store, meeting.id)
    finally:
        os.umask(old_umask)
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600


def test_trashed_lists_who_what_when_and_when_deleted(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    move_to_trash(store, meeting.id)

    [entry] = trashed(store.root)

    assert (entry.id, entry.person, entry.agenda_title) == (meeting.id, "Dana Lee", "Quick review")
    assert entry.when == meeting.started_at
    assert entry.trashed_at >= before, "the deletion time is when it was trashed, not when it was last saved"


def test_trashed_is_empty_before_anything_is_deleted(store: Store) -> None:
    assert trashed(store.root) == []


def test_trashing_twice_merges_with_the_earlier_copy_and_loses_nothing(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    first = move_to_trash(store, meeting.id)
    meeting.sections[0].notes = "Second version"
    meeting.sections[0].private_notes = "Only in the second"
    store.save(meeting)
    second = move_to_trash(store, meeting.id)

    assert first == second and [path.name for path in second.parent.iterdir()] == [second.name]
    kept = json.loads(second.read_text())["sections"][0]
    assert (kept["notes"], kept["private_notes"]) == ("Second version", "Only in the second")


def test_restore_brings_the_meeting_back_into_the_list(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    move_to_trash(store, meeting.id)

    restored = restore(store, meeting.id)

    assert restored.sections[0].notes == "Shipped the billing migration"
    assert [row.id for row in store.rows()] == [meeting.id]
    assert store.load(meeting.id).sections[0].notes == "Shipped the billing migration"
    assert (store.root / "meetings" / f"{meeting.id}.json").stat().st_mode & 0o777 == 0o600
    assert trashed(store.root) == []


def test_restore_merges_with_a_copy_already_listed_and_never_overwrites_it(store: Store) -> None:
    meeting = ended_meeting()
    meeting.sections[0].private_notes = "Kept in the trash"
    store.save(meeting)
    move_to_trash(store, meeting.id)
    meeting.sections[0].notes = "Written again since"
    store.save(meeting)

    restore(store, meeting.id)

    restored = store.load(meeting.id)
    assert (restored.sections[0].notes, restored.sections[0].private_notes) == ("Written again since", "Kept in the trash")
    assert restored.trashed_at is None
    assert trashed(store.root) == []


def test_deleting_a_meeting_that_is_not_there_says_so(store: Store) -> None:
    with pytest.raises(StoreError, match="no meeting"):
        move_to_trash(store, "0123abcd")


def test_restoring_a_meeting_that_is_not_in_the_trash_says_so(store: Store) -> None:
    with pytest.raises(StoreError, match="no meeting 0123abcd in"):
        restore(store, "0123abcd")
