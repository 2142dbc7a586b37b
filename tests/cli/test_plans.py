"""A year of check-ins with a frozen clock, and the shell commands for what lives between meetings.

A review agrees two goals with quarterly milestones; three check-ins update them until one
is achieved and the other dropped. `goals`, `due`, the person view, the calendar file and
the email draft are read as a manager (or their calendar and mail client) reads them.
"""

from __future__ import annotations

import email
import json
from datetime import date, datetime, timedelta, timezone
from email.policy import default as default_policy
from pathlib import Path

import icalendar
import pytest
from textual.widgets import Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.cli import main
from meetingdesk.desk import Desk
from meetingdesk.goals import update_goal
from meetingdesk.models import Meeting, Milestone, Priority, meeting_from_agenda
from meetingdesk.screens.person import PersonScreen
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, FakeClock

REVIEW_DAY = datetime(2026, 1, 12, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(store: Store, monkeypatch: pytest.MonkeyPatch) -> Desk:
    """The desk every shell command gets, on a clock the test moves: the commands see the test's today."""
    clock = FakeClock(REVIEW_DAY)
    desk = Desk(store, clock)
    for module in ("plans", "meetings", "actions"):
        monkeypatch.setattr(f"meetingdesk.commands.{module}.open_desk", lambda *args, **kwargs: Desk(store, clock))
    return desk


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def meet(desk: Desk, person: str, when: datetime, change) -> Meeting:
    """A check-in with `person` on `when`: started (carrying what is open), changed by `change`, ended and saved."""
    desk.clock.now = when
    meeting = meeting_from_agenda(CHECK_IN, person, "Sam Rivera")
    desk.start(meeting)
    meeting.started_at = when
    change(meeting)
    desk.clock.now = when + timedelta(minutes=30)
    desk.end(meeting)
    desk.store.save(meeting)
    return meeting


def goal(meeting: Meeting, text: str) -> Priority:
    return next(goal for goal in meeting.priorities if goal.text == text)


LEAD = "Lead the Q3 planning review"
MENTOR = "Mentor two new engineers"


def a_year(desk: Desk) -> list[Meeting]:
    """The review and three quarterly check-ins with Dana Lee; one meeting with Ravi Patel, whose check-in slips."""

    def review(meeting: Meeting) -> None:
        meeting.priorities = [
            Priority(
                text=LEAD,
                measure="Plan signed off by leadership",
                due=date(2026, 9, 30),
                milestones=[Milestone(text="Draft plan", due=date(2026, 3, 31)), Milestone(text="Sign-off", due=date(2026, 9, 30))],
            ),
            Priority(text=MENTOR, measure="Both ship a feature alone", due=date(2026, 12, 31), milestones=[Milestone(text="Pairing plan", due=date(2026, 6, 30))]),
        ]
        meeting.cadence = "quarterly"
        meeting.next_check_in = date(2026, 4, 13)

    def first(meeting: Meeting) -> None:
        assert [g.text for g in meeting.priorities] == [LEAD, MENTOR], "the review's goals come into the first check-in"
        lead = goal(meeting, LEAD)
        update_goal(lead, "at risk", "Draft is late: waiting for finance numbers", desk.today(), met=[])
        update_goal(goal(meeting, MENTOR), "on track", "Pairing twice a week", desk.today(), met=[goal(meeting, MENTOR).milestones[0].id])
        meeting.next_check_in = date(2026, 7, 13)

    def second(meeting: Meeting) -> None:
        lead = goal(meeting, LEAD)
        update_goal(lead, "on track", "Draft plan shared", desk.today(), met=[lead.milestones[0].id])
        mentor = goal(meeting, MENTOR)
        update_goal(mentor, "off track", "One of them left the team", desk.today(), met=[m.id for m in mentor.milestones if m.done_on])
        meeting.next_check_in = date(2026, 10, 12)

    def third(meeting: Meeting) -> None:
        lead = goal(meeting, LEAD)
        update_goal(lead, "achieved", "Signed off on 30 Sep", desk.today(), met=[m.id for m in lead.milestones])
        mentor = goal(meeting, MENTOR)
        update_goal(mentor, "dropped", "", desk.today(), reason="Nobody left to mentor this year", met=[m.id for m in mentor.milestones if m.done_on])
        meeting.priorities.append(Priority(text="Present at the engineering all-hands", measure="Talk given", due=date(2027, 2, 1)))
        meeting.next_check_in = date(2027, 1, 11)

    meetings = [meet(desk, "Dana Lee", REVIEW_DAY, review)]
    meetings.append(meet(desk, "Ravi Patel", datetime(2026, 8, 3, 9, 0, tzinfo=timezone.utc), lambda m: setattr(m, "next_check_in", date(2026, 9, 1))))
    for day, change in ((datetime(2026, 4, 13, 10, 0, tzinfo=timezone.utc), first), (datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc), second), (datetime(2026, 10, 12, 10, 0, tzinfo=timezone.utc), third)):
        meetings.append(meet(desk, "Dana Lee", day, change))
    desk.clock.now = datetime(2026, 10, 20, 9, 0, tzinfo=timezone.utc)
    return meetings


def test_a_year_of_check_ins_leaves_a_history_every_output_shows(desk: Desk, capsys) -> None:
    meetings = a_year(desk)

    code, out, err = run(capsys, "goals", "--with", "dana", "--all", "--format", "json")
    assert code == 0, err
    goals = {entry["text"]: entry for entry in json.loads(out)}
    lead, mentor = goals[LEAD], goals[MENTOR]
    assert set(lead) >= {"id", "text", "measure", "due", "status", "progress", "milestones", "history"}
    assert (lead["status"], lead["progress"], lead["due"]) == ("achieved", "Signed off on 30 Sep", "2026-09-30")
    assert [(h["date"], h["status"]) for h in lead["history"]] == [
        ("2026-01-12", "on track"),
        ("2026-04-13", "at risk"),
        ("2026-07-13", "on track"),
        ("2026-10-12", "achieved"),
    ]
    assert lead["history"][1]["progress"] == "Draft is late: waiting for finance numbers"
    assert [set(h) >= {"meeting_id", "date", "status", "progress"} for h in lead["history"]] == [True] * 4
    assert [h["meeting_id"] for h in lead["history"]] == [m.id for m in meetings if m.person == "Dana Lee"]
    assert lead["milestones"] == [
        {"text": "Draft plan", "due": "2026-03-31", "done": True, "done_on": "2026-07-13"},
        {"text": "Sign-off", "due": "2026-09-30", "done": True, "done_on": "2026-10-12"},
    ]
    assert [h["status"] for h in mentor["history"]] == ["on track", "on track", "off track", "dropped"]
    assert (mentor["status"], mentor["dropped_reason"]) == ("dropped", "Nobody left to mentor this year")

    code, out, _ = run(capsys, "goals", "--with", "Dana Lee", "--format", "json")
    assert [entry["text"] for entry in json.loads(out)] == ["Present at the engineering all-hands"], "only active goals without --all"
    code, out, _ = run(capsys, "goals", "--with", "lee", "--all")
    assert "on track → at risk → on track → achieved" in out and "on track → on track → off track → dropped" in out

    code, out, _ = run(capsys, "due", "--format", "json")
    assert json.loads(out) == [
        {
            "person": "Ravi Patel",
            "last_meeting": "2026-08-03",
            "next_check_in": "2026-09-01",
            "overdue": True,
            "open_actions": 0,
            "cadence": None,
            "last_meeting_id": meetings[1].id,
        },
        {
            "person": "Dana Lee",
            "last_meeting": "2026-10-12",
            "next_check_in": "2027-01-11",
            "overdue": False,
            "open_actions": 0,
            "cadence": "quarterly",
            "last_meeting_id": meetings[-1].id,
        },
    ]
    code, out, _ = run(capsys, "due")
    assert out.splitlines()[1].split()[:4] == ["!", "2026-09-01", "Ravi", "Patel"], "the overdue person is marked"
    assert "! overdue" in out


async def test_the_person_view_shows_each_goal_as_a_timeline(desk: Desk, store: Store) -> None:
    a_year(desk)
    app = MeetingDeskApp(store, clock=desk.clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        app.push_screen(PersonScreen("Dana Lee"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#priorities", Static).render())
        assert "Next check-in: Mon 11 Jan 2027 (quarterly)" in str(app.screen.query_one("#check-in", Static).render())
    active = shown.index("◆ Present at the engineering all-hands")
    achieved = shown.index(f"✓ {LEAD} — achieved")
    dropped = shown.index(f"✗ {MENTOR} — dropped")
    assert active < achieved < dropped, "active goals first"
    timeline = shown[achieved:dropped]
    assert "milestones: ✓ Draft plan (met Mon 13 Jul 2026) · ✓ Sign-off (met Mon 12 Oct 2026)" in timeline
    assert [line.split("●")[1].strip() for line in timeline.splitlines() if "●" in line] == [
        "on track",
        "at risk — Draft is late: waiting for finance numbers",
        "on track — Draft plan shared · milestone met: Draft plan",
        "achieved — Signed off on 30 Sep · milestone met: Sign-off",
    ]
    assert "dropped: Nobody left to mentor this year" in shown[dropped:]


def test_the_calendar_file_parses_and_keeps_its_uid_when_the_date_moves(desk: Desk, capsys, tmp_path: Path) -> None:
    meetings = a_year(desk)
    last = meetings[-1]
    code, out, err = run(capsys, "export", last.id[:8], "--format", "ics", "--out", str(tmp_path))
    assert code == 0, err
    first_file = Path(out.strip())
    event = icalendar.Calendar.from_ical(first_file.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2027, 1, 11, 10, 0, tzinfo=timezone.utc)
    assert "Dana Lee" in str(event["summary"])
    assert "Present at the engineering all-hands" in str(event["description"])

    desk.clock.advance(minutes=60)
    code, out, err = run(capsys, "next-check-in", "--with", "dana", "--on", "2027-01-18")
    assert (code, out) == (0, "Next check-in with Dana Lee: Mon 18 Jan 2027 (quarterly).\n"), err
    code, out, _ = run(capsys, "export", last.id[:8], "--format", "ics", "--out", str(tmp_path / "again.ics"))
    moved = icalendar.Calendar.from_ical((tmp_path / "again.ics").read_bytes()).walk("VEVENT")[0]
    assert str(moved["uid"]) == str(event["uid"]), "the same event, updated, not a second one"
    assert moved.decoded("dtstart").date() == date(2027, 1, 18)
    assert int(moved["sequence"]) > int(event["sequence"])
    assert desk.store.load(last.id).amendments[-1].what == "Next check-in: Mon 18 Jan 2027."


def test_the_email_draft_parses_as_an_unsent_message_without_private_notes(desk: Desk, capsys, tmp_path: Path) -> None:
    last = a_year(desk)[-1]
    last.sections[0].private_notes = "PRIVATE-worried-about-workload"
    desk.store.save(last)
    target = tmp_path / "draft.eml"
    code, out, err = run(capsys, "export", last.id, "--format", "eml", "--out", str(target), "--to", "Dana Lee <dana@example.com>")
    assert code == 0, err
    message = email.message_from_bytes(target.read_bytes(), policy=default_policy)
    assert message["Subject"] == "Summary: Check-in with Dana Lee, Mon 12 Oct 2026"
    assert message["To"] == "Dana Lee <dana@example.com>"
    assert message["X-Unsent"] == "1"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("Hi Dana,\n")
    assert f"- {LEAD} — measure: Plan signed off by leadership — by Wed 30 Sep 2026 — achieved (was on track; milestone “Sign-off” met)" in body
    assert "Next check-in: Mon 11 Jan 2027" in body
    assert "PRIVATE-worried-about-workload" not in target.read_bytes().decode("utf-8", "replace")


def test_a_summary_exported_from_the_shell_brings_its_calendar_file_along(desk: Desk, capsys, tmp_path: Path) -> None:
    last = a_year(desk)[-1]
    code, out, _ = run(capsys, "export", last.id, "--format", "markdown", "--out", str(tmp_path))
    written = [Path(line) for line in out.splitlines()]
    assert [path.suffix for path in written] == [".md", ".ics"]
    assert written[0].read_text().endswith("Next check-in: Mon 11 Jan 2027\n")
    assert icalendar.Calendar.from_ical(written[1].read_bytes()).walk("VEVENT")


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (("next-check-in", "--with", "Dana", "--cadence", "daily"), "“daily” is not a check-in cadence: use weekly, every 2 weeks, monthly, quarterly or none."),
        (("next-check-in", "--with", "Dana", "--on", "someday"), "Couldn't read \"someday\" as a date."),
        (("next-check-in", "--with", "Dana"), "Say when with --on DATE"),
        (("next-check-in", "--with", "Nobody", "--on", "friday"), "--with “Nobody” is no one you have met or logged for yet"),
        (("goals", "--status", "great"), "“great” is not a goal status: use on track, at risk, off track, achieved or dropped."),
        (("goals", "--format", "xml"), "--format must be table or json, not “xml”."),
        (("due", "--format", "csv"), "--format must be table or json, not “csv”."),
        (("export", "--all", "--format", "ics", "--out", "."), "--format ics writes one meeting: give its ID instead of --all."),
        (("export", "MEETING", "--format", "eml", "--out", ".", "--to", "dana at example"), "--to “dana at example” is not an email address"),
        (("export", "MEETING", "--format", "eml", "--out", ".", "--include-private"), "An email draft never holds private notes"),
        (("export", "MEETING", "--format", "ics", "--out", "."), "has no next check-in: set one first"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2_with_nothing_written(desk: Desk, capsys, tmp_path: Path, monkeypatch, argv, sentence) -> None:
    meeting = meet(desk, "Dana Lee", REVIEW_DAY, lambda m: None)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    code, out, err = run(capsys, *[meeting.id if word == "MEETING" else word for word in argv])
    assert (code, out) == (2, "")
    assert err.startswith("meetingdesk: ") and err.count("\n") == 1, err
    assert sentence in err
    assert list(here.iterdir()) == []
    assert desk.store.load(meeting.id).amendments == [], "nothing changed"
