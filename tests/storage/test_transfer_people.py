"""Export --all brings people and their evidence along; importing them twice duplicates nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.desk import Desk
from meetingdesk.storage.store import Store
from tests.builders import FakeClock
from tests.cli.test_cli import make_meeting


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def exported(store: Store, clock: FakeClock, capsys, tmp_path: Path) -> Path:
    """Dana (met, a profile with notes, three entries, one deleted) and Noor (a profile only), exported whole."""
    store.save(make_meeting("Dana Lee", 0))
    team = Desk(store, clock).team
    team.update_profile("Dana Lee", role="Engineer", target_roles="Tech lead", notes="Prefers written feedback")
    team.log("Dana Lee", "Led the incident review", "impact", date(2026, 3, 2))
    team.log("Dana Lee", "Mentored two starters", "leadership", date(2026, 5, 2))
    gone = team.log("Dana Lee", "Logged by mistake", "", date(2026, 6, 2))
    team.delete_entry("Dana Lee", gone.id)
    team.add_person("Noor Haddad", role="Analyst")
    target = tmp_path / "everything.json"
    code, _, err = run(capsys, "export", "--all", "--format", "json", "--out", str(target))
    assert code == 0, err
    return target


def fresh(tmp_path: Path, monkeypatch, name: str) -> Path:
    home = tmp_path / name
    monkeypatch.setenv("MEETINGDESK_HOME", str(home))
    return home


def test_export_all_holds_people_and_evidence_but_not_profile_notes_unless_asked(exported: Path, capsys, tmp_path: Path) -> None:
    document = json.loads(exported.read_text())
    people = {person["profile"]["name"]: person for person in document["people"]}
    assert set(people) == {"Dana Lee", "Noor Haddad"}
    dana = people["Dana Lee"]
    assert [entry["text"] for entry in dana["evidence"]] == ["Led the incident review", "Mentored two starters", "Logged by mistake"]
    assert dana["evidence"][2]["deleted_at"] is not None, "a deletion travels"
    assert dana["profile"]["notes"] == "" and "Prefers written feedback" not in exported.read_text()
    private = tmp_path / "private.json"
    run(capsys, "export", "--all", "--format", "json", "--include-private", "--out", str(private))
    assert "Prefers written feedback" in private.read_text()


def test_importing_into_another_data_folder_brings_people_and_twice_changes_nothing(
    exported: Path, capsys, tmp_path: Path, monkeypatch
) -> None:
    home = fresh(tmp_path, monkeypatch, "other")
    code, out, err = run(capsys, "import", str(exported))
    assert code == 0, err
    assert "People: 2 added, 0 updated, 3 evidence entries brought in." in out
    store = Store(home)
    store.open()
    team = Desk(store, FakeClock()).team
    assert [entry.text for entry in team.entries("Dana Lee")] == ["Led the incident review", "Mentored two starters"]
    assert team.profile("Dana Lee").target_roles == ("Tech lead",) and team.profile("Noor Haddad").role == "Analyst"
    before = {path.name: path.read_bytes() for path in (home / "people").iterdir()}

    code, out, err = run(capsys, "import", str(exported))
    assert code == 0, err
    assert "People: 0 added, 0 updated, 0 evidence entries brought in." in out
    assert {path.name: path.read_bytes() for path in (home / "people").iterdir()} == before
    code, out, _ = run(capsys, "log", "--with", "dana", "--format", "json")
    assert len(json.loads(out)) == 2


def test_importing_merges_with_what_is_logged_here_and_keeps_notes_the_export_left_out(
    exported: Path, capsys, tmp_path: Path, monkeypatch, clock: FakeClock
) -> None:
    home = fresh(tmp_path, monkeypatch, "other")
    store = Store(home)
    store.open()
    team = Desk(store, FakeClock()).team
    team.add_person("dana lee", notes="Local note kept")
    team.log("Dana Lee", "Logged on the laptop", "feedback", date(2026, 7, 1))
    code, out, err = run(capsys, "import", str(exported))
    assert code == 0, err
    assert "People: 1 added, 1 updated, 3 evidence entries brought in." in out
    again = Store(home)
    again.open()
    team = Desk(again, FakeClock()).team
    assert [entry.text for entry in team.entries("Dana Lee")] == [
        "Led the incident review",
        "Mentored two starters",
        "Logged on the laptop",
    ]
    assert len(list((home / "people").glob("*.json"))) == 2, "the same person, whatever the letter case"


def test_a_broken_person_in_an_export_is_refused_whole(exported: Path, capsys, tmp_path: Path, monkeypatch) -> None:
    document = json.loads(exported.read_text())
    document["people"][1]["evidence"] = [{"id": "x1", "text": "ok", "day": "someday"}]
    exported.write_text(json.dumps(document))
    home = fresh(tmp_path, monkeypatch, "other")
    code, out, err = run(capsys, "import", str(exported))
    assert code == 2 and out == ""
    assert "Person 2 in" in err and "day is not a date" in err and "nothing was imported" in err
    assert not (home / "people").exists() or not list((home / "people").iterdir())
    assert not list((home / "meetings").glob("*.json"))
