"""`meetingdesk prepare` and `show ID --format agenda`: a planned meeting, listed as planned, and an agenda that
never carries a note of any kind (tested for every output there is)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from meetingdesk.desk import Desk
from meetingdesk.models import Meeting
from meetingdesk.storage.store import Store
from tests.cli.test_bad_input import meetingdesk
from tests.cli.test_cli import make_meeting, run

PREP = "OCELOT-PREP-4411"
"""A prep note no output may show unless private notes are asked for."""
PRIVATE = "ZEBRA-PRIVATE-7731"
SHARED = "Growth into a lead role"
TODAY = date.today()


def planned(store: Store, capsys) -> Meeting:
    """Dana's review prepared for next week, a prep note in every section, a private note in one."""
    store.save(make_meeting("Dana Lee", 0))
    code, out, err = run(capsys, "prepare", "--agenda", "performance-review", "--with", "dana", "--on", "next week")
    assert code == 0, err
    meeting_id = out.split("[")[1].split("]")[0]
    meeting = store.load(store.resolve_id(meeting_id))
    for section in meeting.sections:
        section.prep_notes = f"{PREP} for {section.title}"
    meeting.sections[0].private_notes = PRIVATE
    store.save(meeting)
    return meeting


def test_prepare_plans_a_meeting_listed_as_planned_with_its_day(capsys, store) -> None:
    meeting = planned(store, capsys)
    assert meeting.status == "planned" and meeting.person == "Dana Lee"
    assert meeting.planned_for == TODAY + timedelta(days=7 - TODAY.weekday())
    code, out, _ = run(capsys, "list", "--format", "json")
    first = json.loads(out)[0]
    assert (first["id"], first["status"], first["planned_for"]) == (meeting.id, "planned", meeting.planned_for.isoformat())
    code, out, _ = run(capsys, "list")
    row = next(line for line in out.splitlines() if line.startswith(meeting.id[:8]))
    assert row.split() == [meeting.id[:8], meeting.planned_for.isoformat(), "Dana", "Lee", "Performance", "review", "planned", "0"]
    code, out, _ = run(capsys, "resume")
    assert code == 2, "a planned meeting is not an unfinished one"


def test_the_agenda_to_send_ahead_has_purpose_sections_minutes_open_actions_and_goals(capsys, store) -> None:
    meeting = planned(store, capsys)
    code, out, err = run(capsys, "show", meeting.id[:8], "--format", "agenda")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Performance review with Dana Lee"
    assert "A look back at the period's results" in out
    assert "- Opening: your view first (5 min)" in lines and "- Wrap-up (8 min)" in lines
    assert "Length: 58 min" in lines
    actions = lines[lines.index("Open actions to review") + 1 : lines.index("Goals to review")]
    assert any("Draft the plan (Dana Lee)" in line for line in actions)
    assert not any("Read the guide" in line for line in actions), "done actions are not reviewed"
    assert any("Lead the Q1 launch" in line for line in lines[lines.index("Goals to review") :])


def test_no_output_shows_prep_notes_unless_private_notes_are_asked_for(capsys, store, tmp_path: Path) -> None:
    meeting = planned(store, capsys)
    short = meeting.id[:8]
    outputs = {}
    for fmt in ("agenda", "text", "markdown", "json"):
        code, out, err = run(capsys, "show", short, "--format", fmt)
        assert code == 0, err
        outputs[f"show {fmt}"] = out
    for fmt in ("text", "markdown", "json"):
        target = tmp_path / f"export.{fmt}"
        code, _, err = run(capsys, "export", short, "--format", fmt, "--out", str(target))
        assert code == 0, err
        outputs[f"export {fmt}"] = target.read_text()
    target = tmp_path / "all.json"
    run(capsys, "export", "--all", "--format", "json", "--out", str(target))
    outputs["export --all json"] = target.read_text()
    for name, text in outputs.items():
        assert PREP not in text and PRIVATE not in text, name
    assert "Opening: your view first" in outputs["show agenda"]

    code, out, _ = run(capsys, "show", short, "--format", "text", "--include-private")
    assert PREP in out and PRIVATE in out and "Prep notes (not for sharing)" in out
    code, out, err = run(capsys, "show", short, "--format", "agenda", "--include-private")
    assert code == 2 and out == "" and "never holds private or prep notes" in err


def test_the_agenda_holds_no_shared_note_either(capsys, store) -> None:
    meeting = planned(store, capsys)
    meeting.sections[1].notes = SHARED
    store.save(meeting)
    code, out, _ = run(capsys, "show", meeting.id[:8], "--format", "agenda")
    assert SHARED not in out


def test_importing_an_export_without_private_notes_keeps_the_prep_notes_here(capsys, store, tmp_path: Path) -> None:
    meeting = planned(store, capsys)
    target = tmp_path / "export.json"
    run(capsys, "export", meeting.id[:8], "--format", "json", "--out", str(target))
    data = json.loads(target.read_text())
    data["meetings"][0]["updated_at"] = "2099-01-01T00:00:00+00:00"  # newer, so it replaces the copy here
    target.write_text(json.dumps(data))
    code, out, err = run(capsys, "import", str(target))
    assert code == 0, err
    assert store.load(meeting.id).sections[0].prep_notes == f"{PREP} for Opening: your view first"


BAD = [
    (("prepare", "--agenda", "nope", "--with", "Dana"), 'There is no agenda called "nope"'),
    (("prepare", "--agenda", "performance-review", "--with", "Dana", "--on", "last week"), "--on: Couldn't read \"last week\""),
    (("prepare", "--agenda", "performance-review", "--with", "Dana", "--on", "2020-01-01"), "already passed"),
    (("prepare", "--agenda", "performance-review", "--with", "  "), "--with needs the name"),
    (("prepare", "--with", "Dana"), "prepare needs an agenda and a person"),
    (("show", "abc", "--format", "pdf"), "--format must be markdown, text, json or agenda"),
]


@pytest.mark.parametrize(("args", "sentence"), BAD, ids=[" ".join(args) for args, _ in BAD])
def test_bad_input_is_one_sentence_and_plans_nothing(home: Path, args, sentence) -> None:
    result = meetingdesk(home, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("meetingdesk: ") and result.stderr.count("\n") == 1 and sentence in result.stderr
    assert not list((home / "meetings").glob("*.json")) if (home / "meetings").exists() else True


def test_the_brief_counts_evidence_from_the_last_review_on(store, clock) -> None:
    desk = Desk(store, clock)
    review = make_meeting("Dana Lee", 0)  # a "Career discussion" agenda: not a review
    store.save(review)
    desk.team.log("Dana Lee", "Before any review", "impact", date(2026, 1, 5))
    held = make_meeting("Dana Lee", 20)
    held.agenda_name, held.agenda_title = "performance-review", "Performance review"
    store.save(held)
    desk.team.log("Dana Lee", "On the review day", "impact", held.started_at.date())
    desk.team.log("Dana Lee", "After the review", "learning", held.started_at.date() + timedelta(days=3))
    brief = desk.brief("Dana Lee")
    assert brief.since == held.started_at.date()
    assert [(theme, [e.text for e in entries]) for theme, entries in brief.evidence] == [("learning", ["After the review"])]
    # Every goal still active, from every earlier meeting (each builder meeting agrees one of its own).
    assert [goal.id for goal in brief.goals] == [goal.id for meeting in (review, held) for goal in meeting.priorities]
    assert brief.last_summary.startswith("Performance review with Dana Lee") and PRIVATE not in brief.last_summary
