"""Moving a meeting to another machine first without and then with private notes: the second import
brings the private notes in, it is not a conflict."""

from __future__ import annotations

from meetingdesk.storage.store import Store
from tests.cli.test_cli import PRIVATE, make_meeting, run


def test_importing_the_private_export_of_a_meeting_already_here_brings_the_notes_in(capsys, store, tmp_path, monkeypatch) -> None:
    meeting = make_meeting("Dana Lee")
    store.save(meeting)
    shared, private = tmp_path / "shared.json", tmp_path / "private.json"
    assert run(capsys, "export", meeting.id[:8], "--format", "json", "--out", str(shared))[0] == 0
    assert run(capsys, "export", meeting.id[:8], "--format", "json", "--out", str(private), "--include-private")[0] == 0

    laptop = tmp_path / "laptop"
    monkeypatch.setenv("MEETINGDESK_HOME", str(laptop))
    assert run(capsys, "import", str(shared)) == (0, "Imported 1 meeting, skipped 0 already here.\n", "")
    code, out, err = run(capsys, "import", str(private))
    assert (code, err) == (0, "")
    assert out == "Imported 1 meeting, skipped 0 already here. 1 of those imported brought private notes into a meeting already here.\n"
    there = Store(laptop)
    there.open()
    assert PRIVATE in there.load(meeting.id).sections[1].private_notes
    _, out, _ = run(capsys, "show", meeting.id[:8], "--include-private")
    assert PRIVATE in out
