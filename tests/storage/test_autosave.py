"""Autosave: only the newest copy is written, and a failing disk is said once and retried."""

from __future__ import annotations

import threading

from meetingdesk.models import Agenda, AgendaSection, meeting_from_agenda
from meetingdesk.storage.autosave import CLOCK_SAVE_SECONDS, Autosave
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.store import Store
from tests.builders import FakeClock

AGENDA = Agenda(name="quick", title="Quick review", sections=[AgendaSection(title="How it went", minutes=5)])


def test_only_the_newest_offered_copy_is_written(store: Store, clock: FakeClock) -> None:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    autosave = Autosave(store, clock)
    for text in ("first", "second", "third"):
        meeting.sections[0].notes = text
        autosave.offer(meeting.model_copy(deep=True))

    assert autosave.write() == "saved"
    assert autosave.write() is None, "nothing is left to write"
    assert store.load(meeting.id).sections[0].notes == "third"


def test_a_write_on_another_thread_never_lands_an_older_copy_after_a_newer_one(store: Store, clock: FakeClock) -> None:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    autosave = Autosave(store, clock)
    meeting.sections[0].notes = "older"
    autosave.offer(meeting.model_copy(deep=True))
    worker = threading.Thread(target=autosave.write)
    worker.start()
    meeting.sections[0].notes = "newer"
    autosave.offer(meeting.model_copy(deep=True))
    autosave.write()
    worker.join()

    assert store.load(meeting.id).sections[0].notes == "newer"


def test_a_failing_save_is_reported_once_kept_due_and_recovered(store: Store, clock: FakeClock, monkeypatch) -> None:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    autosave = Autosave(store, clock)
    real_save = store.save

    def full_disk(_meeting) -> None:
        raise StoreError("The disk is full.")

    monkeypatch.setattr(store, "save", full_disk)
    autosave.offer(meeting.model_copy(deep=True))
    assert autosave.write() == "failed"
    assert autosave.unsaved and autosave.problem == "The disk is full."
    assert autosave.due(clock_running=False), "a failed save is tried again at the next tick"
    autosave.offer(meeting.model_copy(deep=True))
    assert autosave.write() == "still failing"

    monkeypatch.setattr(store, "save", real_save)
    autosave.offer(meeting.model_copy(deep=True))
    assert autosave.write() == "saved again"
    assert not autosave.unsaved


def test_the_running_clock_is_saved_every_few_seconds_even_without_typing(store: Store, clock: FakeClock) -> None:
    autosave = Autosave(store, clock)
    autosave.offer(meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    assert not autosave.due(clock_running=True)
    clock.advance(seconds=CLOCK_SAVE_SECONDS)
    assert autosave.due(clock_running=True)
    assert not autosave.due(clock_running=False), "a paused clock has nothing new to save"
