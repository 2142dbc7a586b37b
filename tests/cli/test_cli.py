"""The shell commands: list, show, actions, export and import, as a script or a person sees them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, Priority, meeting_from_agenda
from meetingdesk.storage.store import Store
from meetingdesk.summary import summary_markdown, summary_text

PRIVATE = "ZEBRA-PRIVATE-7731"
"""A private note no output may show unless --include-private is given."""
AGENDA = Agenda(
    name="career",
    title="Career discussion",
    sections=[AgendaSection(title="Where you stand", minutes=10), AgendaSection(title="Where you go", minutes=20)],
)
START = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)
TODAY = date.today()


def make_meeting(person: str = "Dana Lee", day: int = 0, meeting_id: str | None = None) -> Meeting:
    """An ended meeting `day` days after START: shared and private notes, a priority, an overdue and a later action."""
    meeting = meeting_from_agenda(AGENDA, person, "Sam Rivera")
    if meeting_id:
        meeting.id = meeting_id
    meeting.created_at = meeting.started_at = START + timedelta(days=day)
    meeting.ended_at = meeting.started_at + timedelta(minutes=30)
    meeting.status = "ended"
    meeting.sections[0].notes = f"Growth into a lead role for {person}."
    meeting.sections[1].private_notes = f"{PRIVATE} worried about burnout"
    meeting.priorities = [Priority(text="Lead the Q1 launch", measure="launch shipped", due=date(2027, 3, 1))]
    meeting.actions = [
        ActionItem(text=f"Book a mentor for {person}", owner="Sam Rivera", due=TODAY + timedelta(days=30)),
        ActionItem(text=f"Draft the plan ({person})", owner=person, due=TODAY - timedelta(days=3)),
        ActionItem(text=f"Send the notes ({person})", owner="Sam Rivera"),
        ActionItem(text=f"Read the guide ({person})", owner=person, due=TODAY - timedelta(days=10), done_on=TODAY),
    ]
    return meeting


@pytest.fixture
def meetings(store: Store) -> list[Meeting]:
    """Two meetings with Dana (the second newer) and one with Ravi in between, saved in the data folder."""
    made = [make_meeting("Dana Lee", 0), make_meeting("Ravi Patel", 3), make_meeting("Dana Lee", 7)]
    for meeting in made:
        store.save(meeting)
    return made


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(capsys, argv: list[str], sentence: str) -> None:
    """The command exits 2 with one `meetingdesk: ` line on stderr that holds `sentence`, and no traceback."""
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("meetingdesk: ")
    assert sentence in err
    assert "Traceback" not in err


# --- list -----------------------------------------------------------------------------


def test_list_table_shows_newest_first(capsys, meetings):
    code, out, err = run(capsys, "list")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0].split() == ["ID", "DATE", "WITH", "AGENDA", "STATUS", "OPEN"]
    assert [line.split()[0] for line in lines[1:]] == [m.id[:8] for m in reversed(meetings)]
    assert lines[1].split() == [meetings[2].id[:8], "2026-11-09", "10:00", "Dana", "Lee", "Career", "discussion", "ended", "3"]


def test_list_filters_by_person_and_limits(capsys, meetings):
    _, out, _ = run(capsys, "list", "--with", "dana lee", "--limit", "1")
    assert [line.split()[0] for line in out.splitlines()[1:]] == [meetings[2].id[:8]]


def test_list_says_when_there_is_nothing(capsys, store):
    assert run(capsys, "profile", "--with", "Nobody Yet", "--role", "Engineer")[0] == 0
    code, out, _ = run(capsys, "list", "--with", "Nobody")
    assert code == 0
    assert out.startswith("No meetings with Nobody Yet yet.")


def test_list_json_holds_what_scripts_need_and_no_private_notes(capsys, meetings):
    code, out, _ = run(capsys, "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert PRIVATE not in out
    assert [row["id"] for row in rows] == [m.id for m in reversed(meetings)]
    first = rows[0]
    assert (first["with"], first["agenda"], first["agenda_title"], first["status"], first["open_actions"]) == (
        "Dana Lee",
        "career",
        "Career discussion",
        "ended",
        3,
    )
    assert datetime.fromisoformat(first["started_at"]) == meetings[2].started_at
    assert first["started_at"].endswith("+00:00")


def test_list_json_with_no_meetings_is_an_empty_list(capsys, store):
    assert run(capsys, "list", "--format", "json") == (0, "[]\n", "")


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_list_refuses_a_limit_below_one(capsys, store, limit):
    assert_refused(capsys, ["list", "--limit", limit], f"--limit must be a whole number of meetings, 1 or more, not “{limit}”.")


def test_list_refuses_an_unknown_format(capsys, store):
    assert_refused(capsys, ["list", "--format", "csv"], "--format must be table or json, not “csv”.")


# --- show -----------------------------------------------------------------------------


def test_show_text_is_exactly_what_copy_summary_copies(capsys, meetings):
    code, out, _ = run(capsys, "show", meetings[0].id[:8], "--format", "text")
    assert code == 0
    assert out == summary_text(meetings[0])
    assert PRIVATE not in out


def test_show_text_with_private_notes_on_request(capsys, meetings):
    _, out, _ = run(capsys, "show", meetings[0].id, "--format", "text", "--include-private")
    assert out == summary_text(meetings[0], include_private=True)
    assert PRIVATE in out


def test_show_markdown_is_the_default(capsys, meetings):
    code, out, _ = run(capsys, "show", meetings[1].id[:6])
    assert code == 0
    assert out == summary_markdown(meetings[1])
    assert "# Career discussion with Ravi Patel" in out
    assert PRIVATE not in out


def test_show_markdown_with_private_notes_on_request(capsys, meetings):
    _, out, _ = run(capsys, "show", meetings[1].id[:6], "--format", "markdown", "--include-private")
    assert out == summary_markdown(meetings[1], include_private=True)
    assert PRIVATE in out


def test_show_json_is_the_meeting_with_private_notes_emptied(capsys, meetings):
    code, out, _ = run(capsys, "show", meetings[2].id, "--format", "json")
    shown = Meeting.model_validate_json(out)
    assert code == 0
    assert PRIVATE not in out
    assert [s.private_notes for s in shown.sections] == ["", ""]
    expected = meetings[2].model_copy(deep=True)
    for section in expected.sections:
        section.private_notes = ""
    assert shown.model_dump(exclude={"sync"}) == expected.model_dump(exclude={"sync"})
    private = [(key, stamp) for key, (stamp, _digest) in shown.sync.items.items() if key.endswith("private_notes")]
    assert private and all(stamp == "" for _key, stamp in private), "nor their stamps"
    assert not [key for key in shown.sync.texts if key.endswith("private_notes")]


def test_show_json_with_private_notes_on_request(capsys, meetings):
    _, out, _ = run(capsys, "show", meetings[2].id, "--format", "json", "--include-private")
    assert PRIVATE in out
    assert Meeting.model_validate_json(out) == meetings[2]


def test_show_refuses_an_unknown_id(capsys, meetings):
    assert_refused(capsys, ["show", "zzzz"], "No meeting has an id starting with “zzzz”.")


def test_show_refuses_an_ambiguous_prefix(capsys, store):
    store.save(make_meeting("Dana Lee", 0, meeting_id="abc1" + "0" * 28))
    store.save(make_meeting("Ravi Patel", 1, meeting_id="abc2" + "0" * 28))
    assert_refused(capsys, ["show", "abc"], "“abc” matches 2 meetings")
    code, out, _ = run(capsys, "show", "abc2", "--format", "text")
    assert code == 0 and "Ravi Patel" in out


def test_show_refuses_an_unknown_format(capsys, meetings):
    assert_refused(capsys, ["show", meetings[0].id, "--format", "html"], "--format must be markdown, text, json or agenda, not “html”.")


def test_show_without_an_id_is_a_usage_error(capsys, store):
    assert main(["show"]) == 2
    assert "ID" in capsys.readouterr().err


# --- actions --------------------------------------------------------------------------


def test_actions_table_sorted_by_deadline_overdue_marked(capsys, meetings):
    code, out, _ = run(capsys, "actions", "--with", "Ravi Patel")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["DUE", "OWNER", "ACTION", "WITH", "MEETING", "STATUS"]
    ravi = meetings[1].id[:8]
    expected = [
        f"  {(TODAY - timedelta(days=10)).isoformat()}",
        f"! {(TODAY - timedelta(days=3)).isoformat()}",
        f"  {(TODAY + timedelta(days=30)).isoformat()}",
        "  no deadline",
    ]
    assert [line[: len(text)] for line, text in zip(lines[1:5], expected)] == expected
    # The one due ten days ago is done, so only the one due three days ago is overdue.
    assert "Read the guide (Ravi Patel)" in lines[1] and lines[1].endswith(TODAY.isoformat())
    assert "Draft the plan (Ravi Patel)" in lines[2] and ravi in lines[2] and lines[2].endswith("open")
    assert lines[5].startswith("! overdue")
    assert PRIVATE not in out


def test_actions_open_across_people(capsys, meetings):
    _, out, _ = run(capsys, "actions", "--open")
    rows = out.splitlines()[1:-1]
    assert len(rows) == 9
    assert not any("Read the guide" in row for row in rows)
    # Every open action with no deadline comes last.
    assert all(row.startswith("  no deadline") for row in rows[-3:])


def test_actions_json_rows(capsys, meetings):
    code, out, _ = run(capsys, "actions", "--with", "Dana Lee", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert PRIVATE not in out
    assert len(rows) == 8
    overdue = [row for row in rows if row["overdue"]]
    assert {row["meeting_id"] for row in overdue} == {meetings[0].id, meetings[2].id}
    assert all(row["text"].startswith("Draft the plan") and row["owner"] == "Dana Lee" for row in overdue)
    done = [row for row in rows if row["done_on"]]
    assert all(row["done_on"] == TODAY.isoformat() and not row["overdue"] for row in done)
    assert rows[-1]["due"] is None and rows[-1]["with"] == "Dana Lee"
    assert [row["due"] for row in rows if row["due"]] == sorted(row["due"] for row in rows if row["due"])


def test_actions_filter_by_owner(capsys, meetings):
    _, out, _ = run(capsys, "actions", "--owner", "sam rivera", "--format", "json")
    assert {row["owner"] for row in json.loads(out)} == {"Sam Rivera"}


def test_actions_says_when_there_are_none(capsys, store):
    assert run(capsys, "actions", "--open") == (0, "No open actions.\n", "")


def test_actions_refuses_an_unknown_format(capsys, store):
    assert_refused(capsys, ["actions", "--format", "yaml"], "--format must be table or json, not “yaml”.")


# --- export ---------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("output", "render"), [("markdown", summary_markdown), ("text", summary_text)])
def test_export_one_summary_leaves_private_notes_out(capsys, meetings, tmp_path, output, render):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "summary"
    code, out, _ = run(capsys, "export", meetings[0].id[:8], "--format", output, "--out", str(target))
    assert code == 0
    assert out == f"{target}\n"
    assert target.read_text() == render(meetings[0])
    assert PRIVATE not in target.read_text()
    assert mode(target) == 0o600


@pytest.mark.parametrize(("output", "render"), [("markdown", summary_markdown), ("text", summary_text)])
def test_export_one_summary_with_private_notes_on_request(capsys, meetings, tmp_path, output, render):
    target = tmp_path / "summary"
    run(capsys, "export", meetings[0].id, "--format", output, "--out", str(target), "--include-private")
    assert target.read_text() == render(meetings[0], include_private=True)
    assert PRIVATE in target.read_text()


@pytest.mark.parametrize(("output", "extension"), [("markdown", "md"), ("text", "txt")])
def test_export_all_summaries_writes_one_file_per_meeting(capsys, meetings, tmp_path, output, extension):
    folder = tmp_path / "summaries"
    code, out, _ = run(capsys, "export", "--all", "--format", output, "--out", str(folder))
    written = sorted(folder.iterdir())
    assert code == 0
    assert sorted(out.split()) == sorted(str(path) for path in written)
    assert [path.name for path in written] == [
        f"2026-11-02-dana-lee-career-discussion.{extension}",
        f"2026-11-05-ravi-patel-career-discussion.{extension}",
        f"2026-11-09-dana-lee-career-discussion.{extension}",
    ]
    assert all(mode(path) == 0o600 and PRIVATE not in path.read_text() for path in written)


def test_export_all_keeps_two_meetings_on_the_same_day_apart(capsys, store, tmp_path):
    first, second = make_meeting(day=0), make_meeting(day=0)
    store.save(first)
    store.save(second)
    run(capsys, "export", "--all", "--format", "text", "--out", str(tmp_path / "s"))
    assert len(list((tmp_path / "s").iterdir())) == 2


def test_export_json_leaves_private_notes_out(capsys, meetings, tmp_path):
    target = tmp_path / "all.json"
    code, out, _ = run(capsys, "export", "--all", "--format", "json", "--out", str(target))
    document = json.loads(target.read_text())
    assert code == 0
    assert out == f"{target}\n"
    assert mode(target) == 0o600
    assert document["meetingdesk_export"] == 1
    assert sorted(m["id"] for m in document["meetings"]) == sorted(m.id for m in meetings)
    assert PRIVATE not in target.read_text()


def test_export_json_with_private_notes_on_request(capsys, meetings, tmp_path):
    target = tmp_path / "one.json"
    run(capsys, "export", meetings[1].id[:8], "--format", "json", "--out", str(target), "--include-private")
    document = json.loads(target.read_text())
    assert [Meeting.model_validate(m) for m in document["meetings"]] == [meetings[1]]
    assert PRIVATE in target.read_text()


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (["export", "--all", "--format", "json"], "Say where to write with --out PATH"),
        (["export", "--format", "json", "--out", "x.json"], "Say what to export: a meeting ID, or --all"),
        (["export", "ID", "--all", "--format", "json", "--out", "x.json"], "Give either a meeting ID or --all, not both."),
        (["export", "--all", "--out", "x.json"], "Say which format to write with --format markdown|text|json|ics|eml."),
        (["export", "--all", "--format", "pdf", "--out", "x"], "--format must be markdown, text, json, ics or eml, not “pdf”."),
        (["export", "nope", "--format", "text", "--out", "x.txt"], "No meeting has an id starting with “nope”."),
    ],
)
def test_export_refuses_bad_arguments(capsys, meetings, argv, sentence):
    assert_refused(capsys, argv, sentence)


def test_export_to_a_path_that_cannot_be_written(capsys, meetings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert_refused(
        capsys,
        ["export", meetings[0].id, "--format", "text", "--out", str(blocker / "summary.txt")],
        f"MeetingDesk can't write to {blocker}: it is not a folder.",
    )
    assert_refused(
        capsys,
        ["export", "--all", "--format", "text", "--out", str(blocker)],
        f"{blocker} is a file: with --all, --out names a folder",
    )


# --- import ---------------------------------------------------------------------------


def test_export_then_import_into_an_empty_folder_restores_every_meeting(capsys, meetings, tmp_path, monkeypatch):
    exported = tmp_path / "all.json"
    run(capsys, "export", "--all", "--format", "json", "--out", str(exported), "--include-private")
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("MEETINGDESK_HOME", str(elsewhere))

    first = run(capsys, "import", str(exported))
    second = run(capsys, "import", str(exported))

    assert first == (0, "Imported 3 meetings, skipped 0 already here.\n", "")
    assert second == (0, "Imported 0 meetings, skipped 3 already here.\n", "")
    restored = Store(elsewhere)
    restored.open()
    assert len(list(restored.meetings_dir.iterdir())) == 3
    assert [row.id for row in restored.rows()] == [m.id for m in reversed(meetings)]
    assert [restored.load(m.id) for m in meetings] == meetings
    _, listed, _ = run(capsys, "list")
    assert meetings[0].id[:8] in listed


def test_import_of_an_export_without_private_notes_restores_the_rest(capsys, meetings, tmp_path, monkeypatch):
    exported = tmp_path / "all.json"
    run(capsys, "export", "--all", "--format", "json", "--out", str(exported))
    monkeypatch.setenv("MEETINGDESK_HOME", str(tmp_path / "elsewhere"))
    run(capsys, "import", str(exported))
    _, out, _ = run(capsys, "show", meetings[0].id, "--format", "json", "--include-private")
    restored = Meeting.model_validate_json(out)
    assert PRIVATE not in out
    assert restored.sections[0].notes == meetings[0].sections[0].notes
    assert restored.actions == meetings[0].actions


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        ("{broken", "is not valid JSON (line 1, column 2)"),
        ('{"hello": 1}', "is not a MeetingDesk export"),
        ('{"meetingdesk_export": 5, "meetings": []}', "was written by a newer MeetingDesk (export format 5"),
    ],
)
def test_import_refuses_what_is_not_an_export(capsys, store, tmp_path, content, sentence):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert_refused(capsys, ["import", str(bad)], f"{bad} {sentence}")
    assert list(store.meetings_dir.iterdir()) == []


def test_import_writes_nothing_when_one_meeting_is_bad(capsys, store, tmp_path):
    good = make_meeting().model_dump(mode="json")
    broken = make_meeting("Ravi Patel").model_dump(mode="json")
    broken["sections"] = []
    bad = tmp_path / "half.json"
    bad.write_text(json.dumps({"meetingdesk_export": 1, "meetings": [good, broken]}))

    assert_refused(capsys, ["import", str(bad)], f"Meeting 2 in {bad} can't be read (sections:")
    assert list(store.meetings_dir.iterdir()) == []


def test_import_refuses_a_missing_file_and_a_folder(capsys, store, tmp_path):
    assert_refused(capsys, ["import", str(tmp_path / "nope.json")], f"MeetingDesk can't read {tmp_path / 'nope.json'}")
    assert_refused(capsys, ["import", str(tmp_path)], f"{tmp_path} is a folder")


# --- start-up -------------------------------------------------------------------------


def test_shell_commands_never_load_textual(store, tmp_path):
    script = (
        "import sys\n"
        "from meetingdesk.cli import main\n"
        "for argv in (['list'], ['actions'], ['list', '--format', 'json']):\n"
        "    assert main(argv) == 0\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy(), cwd=Path(__file__).parent.parent
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_actions_open_skips_an_action_settled_in_a_later_meeting(capsys, store):
    older = make_meeting(day=0)
    newer = make_meeting(day=7)
    carried = older.actions[0].model_copy(update={"done_on": TODAY, "carried_from": older.id, "carry_decision": "done"})
    newer.actions = [carried]
    store.save(older)
    store.save(newer)
    assert main(["actions", "--open", "--format", "json"]) == 0
    texts = [row["text"] for row in json.loads(capsys.readouterr().out)]
    assert older.actions[0].text not in texts
    assert older.actions[1].text in texts
