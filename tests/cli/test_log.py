"""`meetingdesk log`, `people` and `profile` as a script or a person uses them: add, list, filter, refuse."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from meetingdesk.desk import Desk
from meetingdesk.storage.store import Store
from tests.cli.test_bad_input import meetingdesk
from tests.cli.test_cli import make_meeting, run

TODAY = date.today()


@pytest.fixture
def team(store: Store) -> Store:
    """Priya Raman and Priya Shah met in meetings; Ravi Patel has a profile only."""
    store.save(make_meeting("Priya Raman", 0))
    store.save(make_meeting("Priya Shah", 2))
    Desk(store).team.add_person("Ravi Patel", role="Engineer", target_roles="Tech lead")
    return store


def entries(capsys, *args: str) -> list[dict]:
    code, out, err = run(capsys, "log", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_log_adds_a_dated_entry_and_lists_it(capsys, team) -> None:
    code, out, err = run(capsys, "log", "--with", "raman", "--theme", "imp", "Led", "the", "incident", "review")
    assert (code, err) == (0, "")
    assert out.startswith(f"Logged for Priya Raman on {TODAY.isoformat()} (impact): Led the incident review [")
    listed = entries(capsys, "--with", "Priya Raman")
    assert [(e["date"], e["theme"], e["text"]) for e in listed] == [(TODAY.isoformat(), "impact", "Led the incident review")]
    assert set(listed[0]) == {"date", "theme", "text", "id"} and len(listed[0]["id"]) == 32
    code, out, _ = run(capsys, "log", "--with", "PRIYA RAMAN")
    assert out.splitlines()[0].split() == ["DATE", "THEME", "TEXT", "ID"]
    assert "Led the incident review" in out and listed[0]["id"][:8] in out


@pytest.mark.parametrize("typed", ["Ravi Patel", "ravi", "PATEL", "rav", "ravi  patel"])
def test_with_takes_a_full_first_or_last_name_or_its_start(capsys, team, typed) -> None:
    code, out, err = run(capsys, "log", "--with", typed, "Paired on the parser")
    assert code == 0, err
    assert "Logged for Ravi Patel" in out


def test_since_and_theme_narrow_the_listing(capsys, team) -> None:
    run(capsys, "log", "--with", "ravi", "--on", "2026-01-10", "--theme", "learning", "Finished the course")
    run(capsys, "log", "--with", "ravi", "--on", "2026-06-01", "--theme", "impact", "Cut the build time")
    run(capsys, "log", "--with", "ravi", "--on", "yesterday", "No theme here")
    assert [e["text"] for e in entries(capsys, "--with", "ravi")] == ["Finished the course", "Cut the build time", "No theme here"]
    assert [e["text"] for e in entries(capsys, "--with", "ravi", "--since", "2026-03-01")] == ["Cut the build time", "No theme here"]
    assert [e["text"] for e in entries(capsys, "--with", "ravi", "--theme", "learn")] == ["Finished the course"]
    assert [e["theme"] for e in entries(capsys, "--with", "ravi", "--since", "yesterday")] == [None]


def test_an_empty_log_says_how_to_add(capsys, team) -> None:
    code, out, _ = run(capsys, "log", "--with", "ravi")
    assert code == 0 and 'Nothing logged for Ravi Patel. Add an entry with: meetingdesk log --with "Ravi Patel" TEXT' in out


BAD = [
    (("log", "--with", "priya", "x"), "--with “priya” could be Priya Shah or Priya Raman"),
    (("log", "--with", "Pria Raman", "x"), "--with “Pria Raman” is no one you have met or logged for: did you mean Priya Raman"),
    (("log", "--with", "Quentin", "x"), "is no one you have met or logged for yet: add them with meetingdesk profile --with"),
    (("log", "--with", "ravi", "--theme", "wins", "x"), "--theme “wins” is not a theme: use deliverables, collaboration"),
    (("log", "--with", "ravi", "--theme", "le", "x"), "--theme “le” could be leadership or learning"),
    (("log", "--with", "ravi", "  "), "The entry is empty"),
    (("log", "--with", "ravi", "--on", "someday", "x"), "--on: Couldn't read \"someday\" as a date"),
    (("log", "--with", "ravi", "--on", "2999-01-01", "x"), "which is still to come"),
    (("log", "--with", "ravi", "--since", "soon"), "--since: Couldn't read \"soon\""),
    (("log", "--with", "ravi", "--format", "xml"), "--format must be table or json, not “xml”"),
    (("log", "--with", "ravi", "--since", "yesterday", "x"), "--since and --format list the log"),
    (("log", "--with", "ravi", "--on", "yesterday"), "--on dates a new entry"),
    (("log", "x"), "log needs a person"),
    (("people", "--format", "csv"), "--format must be table or json"),
    (("profile", "--with", "nobody"), "is no one you have met or logged for"),
]


@pytest.mark.parametrize(("args", "sentence"), BAD, ids=[" ".join(args) for args, _ in BAD])
def test_bad_input_is_one_sentence_exit_2_and_nothing_written(home: Path, team, args, sentence) -> None:
    before = {path: path.read_bytes() for path in (home / "people").iterdir()}
    result = meetingdesk(home, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("meetingdesk: ") and result.stderr.count("\n") == 1, result.stderr
    assert sentence in result.stderr
    assert result.stdout == ""
    assert {path: path.read_bytes() for path in (home / "people").iterdir()} == before


def test_people_lists_the_talent_landscape(capsys, team) -> None:
    run(capsys, "log", "--with", "ravi", "Shipped the parser")
    code, out, err = run(capsys, "people", "--format", "json")
    assert code == 0, err
    by_name = {person["name"]: person for person in json.loads(out)}
    assert list(by_name) == ["Priya Raman", "Priya Shah", "Ravi Patel"]
    ravi, raman = by_name["Ravi Patel"], by_name["Priya Raman"]
    assert (ravi["role"], ravi["target_roles"], ravi["evidence"], ravi["last_meeting"]) == ("Engineer", ["Tech lead"], 1, None)
    assert raman["last_meeting"] == "2026-11-02" and raman["overdue_actions"] == 1 and raman["open_actions"] == 3
    code, out, _ = run(capsys, "people")
    lines = out.splitlines()
    assert lines[0].split("  ")[0] == "NAME" and "ROLE → TARGET" in lines[0]
    assert any(line.startswith("Ravi Patel") and "Engineer → Tech lead" in line for line in lines)


def test_profile_adds_a_person_sets_fields_and_shows_how_they_changed(capsys, team) -> None:
    code, out, err = run(capsys, "profile", "--with", "Noor Haddad", "--role", "Analyst", "--email", "noor@example.com")
    assert code == 0, err
    assert "Noor Haddad" in out and "Role: Analyst" in out
    run(capsys, "profile", "--with", "noor", "--role", "Senior analyst", "--target-role", "Data lead; Manager")
    code, out, _ = run(capsys, "profile", "--with", "haddad", "--format", "json")
    shown = json.loads(out)
    assert shown["role"] == "Senior analyst" and shown["target_roles"] == ["Data lead", "Manager"]
    assert [(c["field"], c["value"]) for c in shown["history"]] == [
        ("role", "Analyst"),
        ("role", "Senior analyst"),
        ("target_roles", "Data lead; Manager"),
    ]
    code, out, _ = run(capsys, "log", "--with", "noor", "Cleaned the churn data")
    assert code == 0 and "Logged for Noor Haddad" in out


def test_the_log_command_loads_neither_textual_nor_pydantic(home: Path, team) -> None:
    import os
    import subprocess
    import sys

    run_in = {**os.environ}  # this machine's index already lists the meetings, as after the first command
    code = (
        "import sys; from meetingdesk.cli import main; main(['log', '--with', 'ravi', 'Fast entry']); "
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('textual', 'pydantic', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=run_in)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
