"""Where the development plan meets the people: one cadence per person, planned meetings in `due`, goals at risk on Team.

Issue 10 keeps a cadence on each meeting; issue 11 keeps one in each profile. The person's
profile is the one that counts, a meeting's close writes the cadence agreed there into it,
and a meeting already planned is the next check-in.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from meetingdesk.cli import main
from meetingdesk.desk import Desk
from meetingdesk.models import Priority, meeting_from_agenda
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, FakeClock

DAY = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(store: Store, monkeypatch: pytest.MonkeyPatch) -> Desk:
    clock = FakeClock(DAY)
    for module in ("plans", "meetings", "actions", "people"):
        monkeypatch.setattr(f"meetingdesk.commands.{module}.open_desk", lambda *args, **kwargs: Desk(store, clock))
    return Desk(store, clock)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def held(desk: Desk, person: str, cadence: str | None = None, goals: list[Priority] | None = None) -> None:
    meeting = meeting_from_agenda(CHECK_IN, person, "Sam Rivera")
    desk.start(meeting)
    meeting.started_at = desk.clock()
    if cadence:
        meeting.cadence = cadence
    meeting.priorities += goals or []
    desk.end(meeting)
    desk.store.save(meeting)


def test_the_cadence_agreed_at_the_close_becomes_the_persons_and_the_profile_wins_after(desk: Desk, capsys) -> None:
    held(desk, "Dana Lee", cadence="monthly")
    assert desk.team.profile("Dana Lee").cadence == "monthly"

    code, _out, err = run(capsys, "profile", "--with", "dana", "--cadence", "fortnightly")
    assert (code, err) == (0, "")
    assert desk.team.profile("Dana Lee").cadence == "every 2 weeks", "the shell reads a cadence the way the app does"

    code, out, _err = run(capsys, "due", "--format", "json")
    assert json.loads(out)[0]["next_check_in"] == "2026-03-16", "due goes by the profile's cadence: two weeks after"

    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    desk.start(meeting)
    assert meeting.cadence == "every 2 weeks", "the next meeting starts with the person's own cadence"


def test_a_cadence_not_on_the_list_is_one_sentence_and_exit_2_with_nothing_written(desk: Desk, capsys) -> None:
    code, out, err = run(capsys, "profile", "--with", "Dana Lee", "--cadence", "sometimes")
    assert code == 2 and out == ""
    assert "sometimes" in err and "monthly" in err and "Traceback" not in err
    assert "Dana Lee" not in desk.team.known()


def test_a_planned_meeting_is_the_next_check_in_not_the_last_meeting(desk: Desk, capsys) -> None:
    held(desk, "Dana Lee", cadence="quarterly")
    code, _out, err = run(capsys, "prepare", "--agenda", "performance-review", "--with", "Dana", "--on", "2026-03-20")
    assert (code, err) == (0, "")

    code, out, _err = run(capsys, "due", "--format", "json")
    due = json.loads(out)
    assert [(d["person"], d["last_meeting"], d["next_check_in"]) for d in due] == [("Dana Lee", "2026-03-02", "2026-03-20")]

    code, out, _err = run(capsys, "people", "--format", "json")
    assert json.loads(out)[0]["next_meeting"] == "2026-03-20"


def test_people_counts_the_goals_at_risk_from_their_latest_status(desk: Desk, capsys) -> None:
    held(desk, "Dana Lee", goals=[Priority(text="Ship the billing migration", status="at risk"), Priority(text="Mentor Ana")])
    held(desk, "Ravi Patel", goals=[Priority(text="Lead the on-call rota", status="on track")])
    desk.clock.now = DAY + timedelta(days=14)
    held(desk, "Dana Lee")  # carries both goals; neither reviewed this time: the latest status still counts

    code, out, _err = run(capsys, "people", "--format", "json")
    assert {p["name"]: p["goals_at_risk"] for p in json.loads(out)} == {"Dana Lee": 1, "Ravi Patel": 0}
    code, out, _err = run(capsys, "people")
    assert "AT RISK" in out.splitlines()[0]
    assert date(2026, 3, 16).isoformat() in out


def test_next_check_in_from_the_shell_skips_a_planned_meeting_and_keeps_the_cadence_as_the_persons(desk: Desk, capsys) -> None:
    held(desk, "Dana Lee", cadence="monthly")
    run(capsys, "prepare", "--agenda", "performance-review", "--with", "Dana", "--on", "2026-04-20")
    code, out, err = run(capsys, "next-check-in", "--with", "Dana", "--cadence", "weekly")
    assert (code, err) == (0, "")
    assert "Mon 9 Mar 2026 (weekly)" in out, "a week after the meeting held, not after the one only planned"
    assert desk.team.profile("Dana Lee").cadence == "weekly"
    planned = [row for row in desk.store.rows(person="Dana Lee") if row.status == "planned"]
    assert desk.store.load(planned[0].id).next_check_in is None, "the planned meeting is left as it was"


def test_a_stretch_assignment_is_a_goal_of_its_own_kind_in_goals_json(desk: Desk, capsys) -> None:
    stretch = Priority(text="Present the roadmap to the board", due=date(2026, 4, 15), kind="stretch assignment", outcome="Asked back next quarter")
    held(desk, "Dana Lee", goals=[stretch, Priority(text="Mentor Ana")])
    code, out, _err = run(capsys, "goals", "--with", "dana", "--format", "json")
    found = {goal["text"]: (goal["kind"], goal["outcome"], goal["due"]) for goal in json.loads(out)}
    assert found == {
        "Present the roadmap to the board": ("stretch assignment", "Asked back next quarter", "2026-04-15"),
        "Mentor Ana": ("goal", "", None),
    }
