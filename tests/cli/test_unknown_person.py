"""A name that fits no one: every command that reads about a person says whom it may mean and exits 2;
the commands that start or plan a meeting refuse a likely typo instead of making a second person;
the email draft goes to the person's address; the manager's name is asked even when the shell came first."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from meetingdesk.desk import Desk
from meetingdesk.storage.store import Store
from tests.cli.test_cli import make_meeting, run


@pytest.fixture
def met(store: Store) -> Store:
    """Meetings held with Dana Lee and Ravi Patel, run by Sam Rivera."""
    store.save(make_meeting("Dana Lee", 0))
    store.save(make_meeting("Ravi Patel", 3))
    return store


@pytest.mark.parametrize(
    "argv",
    [
        ("goals", "--with", "Danna"),
        ("goals", "--with", "Danna", "--format", "json"),
        ("list", "--with", "Danna"),
        ("actions", "--with", "Danna"),
        ("log", "--with", "Danna"),
        ("profile", "--with", "Danna"),
        ("next-check-in", "--with", "Danna", "--on", "friday"),
    ],
)
def test_reading_about_someone_unknown_names_the_near_match_and_exits_2(capsys, met, argv) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == "meetingdesk: --with “Danna” is no one you have met or logged for: did you mean Dana Lee?\n"


def test_an_unknown_owner_names_the_owners_it_looks_like(capsys, met) -> None:
    code, out, err = run(capsys, "actions", "--owner", "Sam Rivers")
    assert (code, out) == (2, "")
    assert err == "meetingdesk: --owner “Sam Rivers” is no one who owns an action: did you mean Sam Rivera?\n"
    code, out, err = run(capsys, "actions", "--owner", "Quentin")
    assert code == 2 and "is no one who owns an action yet" in err


@pytest.mark.parametrize("command", [("prepare", "--agenda", "development-check-in"), ("new", "--agenda", "development-check-in")])
def test_a_likely_typo_does_not_start_or_plan_a_meeting_with_a_second_person(capsys, met, command) -> None:
    code, out, err = run(capsys, *command, "--with", "danna")
    assert (code, out) == (2, "")
    assert err == (
        "meetingdesk: --with “danna” is no one you have met or logged for: did you mean Dana Lee? "
        'If “danna” is someone new, add them first: meetingdesk profile --with "danna" --role "their role".\n'
    )
    assert [row.person for row in met.rows()] == ["Ravi Patel", "Dana Lee"]


def test_the_way_the_refusal_names_adds_someone_new_who_can_then_be_met(capsys, met) -> None:
    assert run(capsys, "profile", "--with", "danna", "--role", "their role")[0] == 0
    code, out, err = run(capsys, "prepare", "--agenda", "development-check-in", "--with", "danna")
    assert code == 0, err
    assert "with danna on" in out
    code, out, _ = run(capsys, "people", "--format", "json")
    assert sorted(person["name"] for person in json.loads(out)) == ["Dana Lee", "Ravi Patel", "danna"]


@pytest.mark.parametrize("name", ["Quentin Blake", "Sam Lee", "Dana Smith", "Ravi Lee"])
def test_someone_whose_name_is_no_typo_of_anyone_is_planned_as_someone_new(capsys, met, name) -> None:
    code, out, err = run(capsys, "prepare", "--agenda", "development-check-in", "--with", name)
    assert code == 0, err
    assert f"with {name} on" in out, "sharing a first or last name with someone known is not a typo"


def test_the_email_draft_goes_to_the_address_in_the_profile_unless_to_is_given(capsys, met, tmp_path: Path) -> None:
    meeting_id = met.rows(person="Dana Lee")[0].id
    draft = tmp_path / "draft.eml"

    def to_line(*extra: str) -> str | None:
        code, _, err = run(capsys, "export", meeting_id, "--format", "eml", "--out", str(draft), *extra)
        assert code == 0, err
        return email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)["To"]

    assert to_line() is None
    assert run(capsys, "profile", "--with", "dana", "--email", "dana@example.com")[0] == 0
    assert to_line() == "Dana Lee <dana@example.com>"
    assert to_line("--to", "lead@example.com") == "lead@example.com"


def test_an_address_that_is_not_one_is_refused_and_nothing_is_written(capsys, met) -> None:
    code, out, err = run(capsys, "profile", "--with", "dana", "--email", "dana at example")
    assert (code, out) == (2, "")
    assert "“dana at example” is not an email address" in err
    code, out, _ = run(capsys, "profile", "--with", "dana", "--format", "json")
    assert json.loads(out)["email"] is None


def test_planning_from_the_shell_before_saying_who_you_are_asks_your_name_later(capsys, store, monkeypatch) -> None:
    monkeypatch.setattr("meetingdesk.desk.account_full_name", lambda: "")
    code, out, err = run(capsys, "prepare", "--agenda", "development-check-in", "--with", "Dana Lee")
    assert code == 0
    assert "meetingdesk asks your name when you next open it" in err
    desk = Desk(store)
    assert desk.manager_name_to_ask() == "", "the placeholder name is not taken as the manager's"
    desk.keep_manager_name("Sam Rivera")
    planned = store.load(store.rows()[0].id)
    assert desk.start_planned(planned).manager == "Sam Rivera"


def test_a_manager_named_on_prepare_is_kept(capsys, store, monkeypatch) -> None:
    monkeypatch.setattr("meetingdesk.desk.account_full_name", lambda: "")
    code, _, err = run(capsys, "prepare", "--agenda", "development-check-in", "--with", "Dana Lee", "--manager", "Sam Rivera")
    assert code == 0 and err == ""
    assert Desk(store).settings.manager_name == "Sam Rivera"
