"""People in the shell: `--with` and `--owner` take a first or last name, any case, or its start,
and a lowercase name never renames anyone."""

from __future__ import annotations

import json

import pytest

from meetingdesk import cli
from meetingdesk.models import ActionItem, meeting_from_agenda
from meetingdesk.storage.store import Store
from tests.cli.test_cli import AGENDA, make_meeting, run


@pytest.fixture
def people(store: Store) -> Store:
    """Meetings with Priya Raman (twice), Priya Shah and Ravi Patel; Priya Raman owns an action."""
    for day, person in enumerate(["Priya Raman", "Priya Shah", "Ravi Patel", "Priya Raman"]):
        store.save(make_meeting(person, day * 2))
    return store


@pytest.mark.parametrize("typed", ["raman", "RAMAN", "priya raman", "Priya  Raman", "priya r"])
def test_list_with_a_last_name_or_any_case_finds_the_person(capsys, people, typed) -> None:
    code, out, err = run(capsys, "list", "--with", typed, "--format", "json")
    assert code == 0, err
    assert [row["with"] for row in json.loads(out)] == ["Priya Raman", "Priya Raman"]


def test_list_with_a_first_name_two_people_share_says_whom_and_exits_2(capsys, people) -> None:
    code, out, err = run(capsys, "list", "--with", "priya")
    assert (code, out) == (2, "")
    assert err == 'meetingdesk: --with “priya” could be Priya Raman or Priya Shah: give more of the name, e.g. --with "Priya Raman".\n'


def test_list_with_a_unique_first_name_or_prefix(capsys, people) -> None:
    for typed in ("ravi", "Rav", "patel"):
        code, out, err = run(capsys, "list", "--with", typed)
        assert code == 0, err
        assert "Ravi Patel" in out and "Priya" not in out


def test_actions_with_and_owner_match_a_first_name_any_case(capsys, people) -> None:
    code, out, err = run(capsys, "actions", "--owner", "ravi", "--format", "json")
    assert code == 0, err
    owned = json.loads(out)
    assert owned and {action["owner"] for action in owned} == {"Ravi Patel"}
    code, out, err = run(capsys, "actions", "--with", "shah", "--format", "json")
    assert code == 0, err
    assert {action["with"] for action in json.loads(out)} == {"Priya Shah"}
    code, out, err = run(capsys, "actions", "--owner", "priya")
    assert code == 2 and "--owner “priya” could be Priya Raman or Priya Shah" in err


def test_new_with_a_lowercase_name_keeps_the_spelling_first_given(capsys, people, monkeypatch) -> None:
    started = []
    monkeypatch.setattr(cli, "run_app", lambda desk, **start: started.append(start["start_meeting"]) or 0)
    code, _out, err = run(capsys, "new", "--agenda", "career-discussion", "--with", "priya raman")
    assert code == 0, err
    assert started[0].person == "Priya Raman"
    code, _out, err = run(capsys, "new", "--agenda", "career-discussion", "--with", "ravi")
    assert started[1].person == "Ravi Patel"
    code, _out, err = run(capsys, "new", "--agenda", "career-discussion", "--with", "Zoë Brandt")
    assert started[2].person == "Zoë Brandt"
    code, out, err = run(capsys, "new", "--agenda", "career-discussion", "--with", "priya")
    assert code == 2 and "--with “priya” could be Priya Raman or Priya Shah" in err and len(started) == 3


def test_a_later_lowercase_meeting_renames_nobody(capsys, people) -> None:
    later = meeting_from_agenda(AGENDA, "priya raman", "Sam Rivera")
    later.actions = [ActionItem(text="Share the plan", owner="priya raman")]
    people.save(later)
    assert "priya raman" not in people.people() and "Priya Raman" in people.people()
    code, out, err = run(capsys, "actions", "--owner", "raman", "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)) == 5  # two in each meeting with Priya Raman, and this one
