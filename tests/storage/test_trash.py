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


def test_move_to_trash_moves_the_file_whole_and_unlists_it(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    original = (store.root / "meetings" / f"{meeting.id}.json").read_bytes()

    path = move_to_trash(store, meeting.id)

    assert path == store.root / "trash" / f"{meeting.id}.json"
    assert path.read_bytes() == original
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


def test_trashing_twice_never_overwrites_the_earlier_copy(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    first = move_to_trash(store, meeting.id)
    meeting.sections[0].notes = "Second version"
    store.save(meeting)
    second = move_to_trash(store, meeting.id)

    assert first != second and first.exists() and second.exists()
    assert json.loads(first.read_text())["sections"][0]["notes"] == "Shipped the billing migration"
    assert json.loads(second.read_text())["sections"][0]["notes"] == "Second version"


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


def test_restore_refuses_to_overwrite_a_meeting_with_the_same_id(store: Store) -> None:
    meeting = ended_meeting()
    store.save(meeting)
    move_to_trash(store, meeting.id)
    meeting.sections[0].notes = "Written again since"
    store.save(meeting)

    with pytest.raises(StoreError, match="already in"):
        restore(store, meeting.id)

    assert store.load(meeting.id).sections[0].notes == "Written again since"
    assert len(trashed(store.root)) == 1, "the trashed copy stays in the trash"


def test_deleting_a_meeting_that_is_not_there_says_so(store: Store) -> None:
    with pytest.raises(StoreError, match="no meeting"):
        move_to_trash(store, "0123abcd")


def test_restoring_a_meeting_that_is_not_in_the_trash_says_so(store: Store) -> None:
    with pytest.raises(StoreError, match="no meeting 0123abcd in"):
        restore(store, "0123abcd")
