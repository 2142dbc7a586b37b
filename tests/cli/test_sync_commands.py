"""The shell commands for a shared data folder: merge-driver, sync setup, schema and doctor."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from datetime import date, datetime, timezone
from pathlib import Path

import jsonschema
import pytest

from meetingdesk.cli import main
from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.storage.stamps import StampClock
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import export_json

AGENDA = Agenda(name="check-in", title="Check-in", sections=[AgendaSection(title="News", minutes=10)])


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def saved_meeting(store: Store) -> Meeting:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.started_at = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
    meeting.actions = [ActionItem(text="Write the case", owner="Dana Lee")]
    store.save(meeting)
    return meeting


# --- merge-driver ----------------------------------------------------------------------------


def test_the_merge_driver_writes_both_sides_changes_into_ours(store: Store, tmp_path: Path, capsys) -> None:
    meeting = saved_meeting(store)
    path = store.meetings_dir / f"{meeting.id}.json"
    base = path.read_bytes()
    laptop = Store(store.root, StampClock("bbbbbbbb"))
    laptop.open()
    theirs = laptop.load(meeting.id)
    theirs.actions[0].done_on = date(2026, 11, 24)
    laptop.save(theirs)
    theirs_bytes = path.read_bytes()
    path.write_bytes(base)
    ours = store.load(meeting.id)
    ours.actions.append(ActionItem(text="Book the course", owner="Sam Rivera"))
    store.save(ours)
    files = {"O": base, "A": path.read_bytes(), "B": theirs_bytes}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)

    code, out, err = run(capsys, "merge-driver", str(tmp_path / "O"), str(tmp_path / "A"), str(tmp_path / "B"))

    assert (code, out, err) == (0, "", "")
    merged = Meeting.model_validate_json((tmp_path / "A").read_bytes())
    assert [(a.text, a.done_on) for a in merged.actions] == [("Write the case", date(2026, 11, 24)), ("Book the course", None)]


def test_the_merge_driver_leaves_a_conflict_to_git_when_a_side_is_not_a_meeting(tmp_path: Path, capsys) -> None:
    for name in "OAB":
        (tmp_path / name).write_text('{"sections": "no"}' if name != "O" else "{}")

    code, _out, err = run(capsys, "merge-driver", *(str(tmp_path / name) for name in "OAB"))

    assert code == 1
    assert err.startswith("meetingdesk merge-driver: ") and "Git leaves this file for you to merge." in err
    assert (tmp_path / "A").read_text() == '{"sections": "no"}'


def test_the_merge_driver_refuses_two_different_meetings(store: Store, tmp_path: Path, capsys) -> None:
    first, second = saved_meeting(store), saved_meeting(store)
    for name, meeting in (("O", first), ("A", first), ("B", second)):
        (tmp_path / name).write_bytes((store.meetings_dir / f"{meeting.id}.json").read_bytes())
    before = (tmp_path / "A").read_bytes()

    code, _out, err = run(capsys, "merge-driver", *(str(tmp_path / name) for name in "OAB"))

    assert code == 1 and "two different meetings" in err and err.count("..") == 0
    assert (tmp_path / "A").read_bytes() == before, "left for git, untouched"


def test_the_merge_driver_says_which_file_it_cannot_read(tmp_path: Path, capsys) -> None:
    (tmp_path / "A").write_text("{}")
    code, _out, err = run(capsys, "merge-driver", str(tmp_path / "O"), str(tmp_path / "A"), str(tmp_path / "gone"))

    assert code == 1
    assert err == f"meetingdesk merge-driver: can't read {tmp_path / 'gone'} (No such file or directory). Git leaves this file for you to merge.\n"


def test_the_merge_driver_merges_a_persons_evidence_logged_on_both_machines(store: Store, tmp_path: Path, capsys) -> None:
    from meetingdesk.team import Team

    path = store.root / "people" / "dana-lee.json"
    Team(store).log("Dana Lee", "Shipped the importer", "deliverables")
    base = path.read_bytes()
    Team(store).log("Dana Lee", "Mentored Ana", "leadership")
    theirs = path.read_bytes()
    path.write_bytes(base)
    Team(Store(store.root)).log("Dana Lee", "Led the incident review", "impact")  # a fresh look: the file went back
    for name, data in (("O", base), ("A", path.read_bytes()), ("B", theirs)):
        (tmp_path / name).write_bytes(data)

    assert run(capsys, "merge-driver", *(str(tmp_path / name) for name in "OAB")) == (0, "", "")
    (tmp_path / "A").replace(path)
    assert sorted(entry.text for entry in Team(Store(store.root)).entries("Dana Lee")) == [
        "Led the incident review",
        "Mentored Ana",
        "Shipped the importer",
    ]


def test_the_merge_driver_merges_settings_key_by_key(tmp_path: Path, capsys) -> None:
    (tmp_path / "O").write_text(json.dumps({"manager_name": "Sam", "date_order": "locale"}))
    (tmp_path / "A").write_text(json.dumps({"manager_name": "Sam Rivera", "date_order": "locale"}))
    (tmp_path / "B").write_text(json.dumps({"manager_name": "Sam", "date_order": "day-first", "time_in_email": True}))

    assert run(capsys, "merge-driver", *(str(tmp_path / name) for name in "OAB"))[0] == 0

    assert json.loads((tmp_path / "A").read_text()) == {"manager_name": "Sam Rivera", "date_order": "day-first", "time_in_email": True}


# --- sync setup ------------------------------------------------------------------------------


def test_sync_setup_writes_gitattributes_and_the_git_config_line(store: Store, home: Path, capsys) -> None:
    subprocess.run(["git", "init", "-q", str(home)], check=True)

    code, out, _ = run(capsys, "sync", "setup")

    assert code == 0
    assert (home / ".gitattributes").read_text().splitlines() == [
        "meetings/*.json merge=meetingdesk",
        "trash/*.json merge=meetingdesk",
        "deleted/*.json merge=meetingdesk",
        "settings.json merge=meetingdesk",
        "people/*.json merge=meetingdesk",
    ]
    driver = subprocess.run(["git", "-C", str(home), "config", "merge.meetingdesk.driver"], capture_output=True, text=True).stdout
    assert driver.strip().endswith("-m meetingdesk merge-driver %O %A %B")
    assert "run `meetingdesk sync setup` once in every clone" in out
    assert run(capsys, "sync", "setup")[0] == 0
    assert len((home / ".gitattributes").read_text().splitlines()) == 5, "running it again adds nothing"


def test_sync_setup_outside_a_git_repository_says_what_to_do(store: Store, capsys) -> None:
    code, out, err = run(capsys, "sync", "setup")
    assert (code, out) == (2, "")
    assert err.startswith("meetingdesk: ") and "is not inside a git repository: run `git init` there" in err
    assert len(err.strip().splitlines()) == 1


# --- schema ----------------------------------------------------------------------------------


def test_the_schema_is_valid_and_every_meeting_file_and_export_fits_it(store: Store, capsys) -> None:
    meeting = saved_meeting(store)
    code, out, _ = run(capsys, "schema")
    meeting_schema = json.loads(out)
    _, out, _ = run(capsys, "schema", "export")
    export_schema = json.loads(out)

    assert code == 0
    jsonschema.Draft202012Validator.check_schema(meeting_schema)
    jsonschema.Draft202012Validator.check_schema(export_schema)
    on_disk = json.loads((store.meetings_dir / f"{meeting.id}.json").read_text())
    jsonschema.validate(on_disk, meeting_schema)
    jsonschema.validate(json.loads(export_json([store.load(meeting.id)])), export_schema)
    assert meeting_schema["properties"]["person"]["description"] == "The person the manager is meeting."
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**on_disk, "sections": "not a list"}, meeting_schema)


def test_schema_of_something_else_is_refused_in_one_sentence(capsys) -> None:
    code, out, err = run(capsys, "schema", "agenda")
    assert (code, out) == (2, "")
    assert "use meeting or export, not “agenda”" in err


# --- doctor ----------------------------------------------------------------------------------


def test_doctor_finds_without_changing_then_fixes_and_says_what_it_fixed(store: Store, home: Path, capsys) -> None:
    meeting = saved_meeting(store)
    path = home / "meetings" / f"{meeting.id}.json"
    (home / "meetings" / f"{meeting.id}.sync-conflict-20261124-101500-ABCDEFG.json").write_bytes(path.read_bytes())
    leftover = home / "meetings" / f".{meeting.id}.json.0123456789ab.tmp"
    leftover.write_text("half a meeting")
    os.utime(leftover, (time.time() - 3600,) * 2)
    (home / "index").mkdir()
    os.chmod(path, 0o644)
    (home / ".gitignore").unlink()
    before = sorted(str(p.relative_to(home)) for p in home.rglob("*"))

    code, out, _ = run(capsys, "doctor")

    assert code == 1
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == before, "looking changes nothing"
    found = out.splitlines()
    assert any("can be read by other users" in line for line in found)
    assert any("sync-conflict" in line and "not merged yet" in line for line in found)
    assert any("temp file left by a killed save" in line for line in found)
    assert any("older MeetingDesk's caches" in line for line in found)
    assert any("no .gitignore" in line for line in found)
    assert all(line.startswith(("Found: ", "Run meetingdesk doctor --fix")) for line in found)

    code, out, _ = run(capsys, "doctor", "--fix")

    assert code == 0
    assert all(line.startswith("Fixed: ") for line in out.splitlines())
    assert "merged it in" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and not leftover.exists() and not (home / "index").exists()
    assert sorted(p.name for p in (home / "meetings").iterdir()) == [f"{meeting.id}.json"]
    assert run(capsys, "doctor")[1].startswith("All is well in ")


def test_doctor_untangles_git_conflict_markers_and_settles_a_meeting_in_both_places(store: Store, home: Path, capsys) -> None:
    from meetingdesk.storage.trash import move_to_trash

    meeting = saved_meeting(store)
    path = home / "meetings" / f"{meeting.id}.json"
    text = path.read_text()
    move_to_trash(store, meeting.id)
    path.write_text(text)  # an old copy synced back
    other = saved_meeting(store)
    other_path = home / "meetings" / f"{other.id}.json"
    lines = other_path.read_text().splitlines(keepends=True)
    other_path.write_text("".join(lines[:3] + ["<<<<<<< HEAD\n", lines[3], "=======\n", lines[3], ">>>>>>> theirs\n"] + lines[4:]))

    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert f"Meeting {meeting.id} is both listed and in the trash." in out
    assert "has git's conflict markers" in out

    code, out, _ = run(capsys, "doctor", "--fix")
    assert code == 0, out
    assert not path.exists() and (home / "trash" / f"{meeting.id}.json").exists()
    assert "<<<<<<<" not in other_path.read_text()


def test_doctor_notices_a_merge_driver_that_points_at_a_python_that_is_gone(store: Store, home: Path, capsys) -> None:
    subprocess.run(["git", "init", "-q", str(home)], check=True)
    run(capsys, "sync", "setup")
    subprocess.run(["git", "-C", str(home), "config", "merge.meetingdesk.driver", "/gone/venv/bin/python -m meetingdesk merge-driver %O %A %B"], check=True)

    code, out, _ = run(capsys, "doctor")
    assert code == 1 and "runs a program that is gone (/gone/venv/bin/python" in out

    assert run(capsys, "doctor", "--fix")[0] == 0
    driver = subprocess.run(["git", "-C", str(home), "config", "merge.meetingdesk.driver"], capture_output=True, text=True).stdout
    assert not driver.startswith("/gone/")


def test_doctor_merges_a_persons_conflict_copy_and_tightens_their_files_mode(store: Store, home: Path, capsys) -> None:
    from meetingdesk.team import Team

    path = home / "people" / "dana-lee.json"
    Team(store).log("Dana Lee", "Shipped the importer")
    copy = path.with_name("dana-lee.sync-conflict-20261124-101500-ABCDEFG.json")
    copy.write_bytes(path.read_bytes())
    Team(store).log("Dana Lee", "Led the incident review")
    os.chmod(path, 0o644)

    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "dana-lee.sync-conflict-20261124-101500-ABCDEFG.json is a sync tool's conflict copy of a person's log" in out
    assert "can be read by other users" in out and copy.exists(), "examining changes nothing"

    assert run(capsys, "doctor", "--fix")[0] == 0
    assert not copy.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run(capsys, "doctor")[0] == 0
