"""The time table in the shell and in Copy summary: out of the email text unless --with-time or the
setting asks for it; always in the Markdown record."""

from __future__ import annotations

import pytest

from meetingdesk.app import MeetingDeskApp
from meetingdesk.settings import Settings
from meetingdesk.storage.settings import write_settings
from meetingdesk.storage.store import Store
from tests.cli.test_cli import make_meeting, run


@pytest.fixture
def meeting(store: Store):
    meeting = make_meeting("Dana Lee")
    meeting.sections[0].actual_seconds = 25
    store.save(meeting)
    return meeting


def test_show_text_leaves_the_time_out_unless_with_time(capsys, meeting) -> None:
    _, out, _ = run(capsys, "show", meeting.id[:8], "--format", "text")
    assert "Time" not in out.splitlines() and "planned" not in out
    _, out, _ = run(capsys, "show", meeting.id[:8], "--format", "text", "--with-time")
    assert "\nTime\nWhere you stand: 10 min planned, <1 min taken\n" in out
    _, out, _ = run(capsys, "show", meeting.id[:8])
    assert "## Time" in out and "| Where you stand | 10 min | <1 min |" in out


def test_the_setting_puts_the_time_in_the_email_text(capsys, meeting, store) -> None:
    write_settings(store.root, Settings(time_in_email=True))
    _, out, _ = run(capsys, "show", meeting.id[:8], "--format", "text")
    assert "\nTime\nWhere you stand: 10 min planned, <1 min taken\n" in out


def test_export_text_with_time(capsys, meeting, tmp_path) -> None:
    plain, timed = tmp_path / "plain.txt", tmp_path / "timed.txt"
    assert run(capsys, "export", meeting.id[:8], "--format", "text", "--out", str(plain))[0] == 0
    assert run(capsys, "export", meeting.id[:8], "--format", "text", "--out", str(timed), "--with-time")[0] == 0
    assert "planned" not in plain.read_text()
    assert "Total: 30 min planned, <1 min taken" in timed.read_text()


@pytest.mark.parametrize("in_email", [False, True])
async def test_copy_summary_follows_the_setting(store: Store, clock, meeting, monkeypatch, in_email) -> None:
    import pyperclip

    monkeypatch.setattr(pyperclip, "copy", lambda text: (_ for _ in ()).throw(pyperclip.PyperclipException("none")))
    if in_email:
        write_settings(store.root, Settings(time_in_email=True))
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert len(copied) == 1
    assert ("Where you stand: 10 min planned, <1 min taken" in copied[0]) is in_email
