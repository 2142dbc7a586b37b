"""Never lose a word, never leak one (issue 4, promises 2 and 5).

Faults are injected into the atomic writer's own view of `os`, so the live screen's real
autosave path (snapshot, worker thread, atomic write) meets them; the screen and the
meeting file are then checked as a manager would check them.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

import meetingdesk.storage.files as files_module
from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.screens import LiveScreen, RecordScreen
from meetingdesk.storage.store import Store
from tests.builders import type_text

AGENDA = Agenda(
    name="quick",
    title="Quick review",
    sections=[AgendaSection(title="How it went", minutes=5), AgendaSection(title="What next", minutes=10)],
)


class FaultyOs:
    """The `os` module as the atomic writer sees it, with one function made to fail while `broken` is true."""

    def __init__(self, name: str, error: OSError) -> None:
        self._name = name
        self._error = error
        self.broken = True
        self.failures = 0

    def __getattr__(self, attribute: str):
        real = getattr(os, attribute)
        if attribute != self._name:
            return real

        def failing(*args, **kwargs):
            if self.broken:
                self.failures += 1
                raise self._error
            return real(*args, **kwargs)

        return failing


def meeting_file(store: Store, meeting: Meeting) -> Path:
    return store.root / "meetings" / f"{meeting.id}.json"


def notifications(app: MeetingDeskApp) -> str:
    """The text of every notification raised so far (title and message)."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def clock_bar(app: MeetingDeskApp) -> str:
    return str(app.screen.query_one("#clock", Static).render())


FAULTS = [
    # (id, os function, error, words the manager is told)
    ("disk full on write", "write", OSError(errno.ENOSPC, "No space left on device"), "The disk is full"),
    ("fsync fails", "fsync", OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ("replace fails", "replace", OSError(errno.ENOSPC, "No space left on device"), "The disk is full"),
    ("data folder unwritable", "open", OSError(errno.EACCES, "Permission denied"), "can't write to"),
]


@pytest.mark.parametrize(("function", "error", "told"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
async def test_a_failing_save_keeps_the_old_file_and_every_word_then_catches_up(
    store: Store, clock, monkeypatch, function: str, error: OSError, told: str
) -> None:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(160, 40)) as pilot:
        await type_text(pilot, "Before the fault.")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        path = meeting_file(store, meeting)
        before = path.read_bytes()
        assert Meeting.model_validate_json(before).sections[0].notes == "Before the fault."

        fault = FaultyOs(function, error)
        monkeypatch.setattr(files_module, "os", fault)
        await type_text(pilot, " During the fault")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert fault.failures, "the autosave tried to write"
        assert "Not saved" in clock_bar(app), "the clock bar says the notes are not saved"
        assert told in notifications(app), notifications(app)
        assert path.read_bytes() == before, "the previous copy is intact"
        assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")], "no temp file is left"

        await type_text(pilot, " and still typing.")
        assert app.screen.query_one("#notes", TextArea).text == "Before the fault. During the fault and still typing."
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        assert path.read_bytes() == before, "each retry fails cleanly too"

        fault.broken = False
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        on_disk = Meeting.model_validate_json(path.read_bytes())
        assert on_disk.sections[0].notes == "Before the fault. During the fault and still typing."
        assert "Not saved" not in clock_bar(app)
        assert "Saved again" in notifications(app)


async def test_meetings_folder_replaced_by_a_file_is_reported_and_recovered(store: Store, clock) -> None:
    """An unwritable data folder even for root: the meetings folder is moved away and a file put in its place."""
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(160, 40)) as pilot:
        await type_text(pilot, "Kept")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        folder = store.root / "meetings"
        aside = store.root / "meetings-aside"
        folder.rename(aside)
        folder.write_text("not a folder")
        await type_text(pilot, " safe")
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Not saved" in clock_bar(app)
        assert "not a folder" in notifications(app), notifications(app)
        assert Meeting.model_validate_json((aside / f"{meeting.id}.json").read_bytes()).sections[0].notes == "Kept"

        folder.unlink()
        aside.rename(folder)
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause(1.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Meeting.model_validate_json(meeting_file(store, meeting).read_bytes()).sections[0].notes == "Kept safe"
        assert "Not saved" not in clock_bar(app)


@pytest.fixture
def open_umask():
    """Run the test with umask 0o000, the worst case for file modes."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


async def test_every_file_and_folder_is_private_whatever_the_umask(home: Path, clock, monkeypatch, open_umask) -> None:
    import pyperclip

    monkeypatch.setattr(pyperclip, "copy", lambda text: (_ for _ in ()).throw(pyperclip.PyperclipException("none")))
    store = Store(home)
    store.open()
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: None)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "Private thoughts")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Book training @Dana by 2026-12-01")
        await pilot.press("enter", "ctrl+g")
        await type_text(pilot, "Lead planning")
        await pilot.press("enter")
        await pilot.pause(1.2)
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    assert list((home / "exports").glob("*.md")) and list((home / "exports").glob("*.txt"))
    wrong = []
    for folder, folders, files in os.walk(home):
        for name in folders:
            mode = stat.S_IMODE(os.stat(Path(folder, name)).st_mode)
            if mode != 0o700:
                wrong.append(f"{Path(folder, name)} is {mode:o}")
        for name in files:
            mode = stat.S_IMODE(os.stat(Path(folder, name)).st_mode)
            if mode != 0o600:
                wrong.append(f"{Path(folder, name)} is {mode:o}")
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert not wrong, wrong


async def test_a_crash_in_a_screen_handler_saves_first_and_prints_no_note(store: Store, clock, capfd, monkeypatch) -> None:
    def broken_next_section(self: LiveScreen) -> None:
        # The bug's own message and locals carry the notes, as a real bug's might.
        section_notes = self.meeting.sections[0].notes
        private = self.meeting.sections[0].private_notes
        raise ValueError(f"could not move on from {section_notes!r} {private!r}")

    monkeypatch.setattr(LiveScreen, "action_next_section", broken_next_section)
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    with pytest.raises(ValueError):
        async with app.run_test() as pilot:
            await type_text(pilot, "Salary is confidential")
            await pilot.press("tab")
            await type_text(pilot, "Worried about burnout")
            # No pause: the crash comes before the next autosave, so only the handler can save this.
            await pilot.press("ctrl+n")
            await pilot.pause()
    on_disk = Meeting.model_validate_json(meeting_file(store, meeting).read_bytes())
    assert on_disk.sections[0].notes == "Salary is confidential"
    assert on_disk.sections[0].private_notes == "Worried about burnout"
    printed = capfd.readouterr()
    both = printed.out + printed.err
    assert "ValueError" in both and "meetingdesk resume" in both
    assert "confidential" not in both and "burnout" not in both
    assert "Dana" not in both, "not even the person's name"
