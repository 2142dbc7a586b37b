"""Two machines, one record: two data folders kept together by git, by a whole-file copy, and by Syncthing.

Each machine is the installed command with its own data folder, cache, state and
runtime folders (so its own machine id), as on two computers. Meetings are made and
changed by separate MeetingDesk processes on each machine; then the folders are
brought together as the README says, and the shell must print the same on both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


from tests.e2e.conftest import MEETINGDESK, command_env

NEW_MEETING = """
import sys
from datetime import datetime
from meetingdesk.locations import data_dir
from meetingdesk.models import ActionItem, Agenda, AgendaSection, meeting_from_agenda
from meetingdesk.storage.store import Store

store = Store(data_dir())
store.open()
agenda = Agenda(name="check-in", title="Check-in", sections=[AgendaSection(title="News", minutes=10), AgendaSection(title="Wrap-up", minutes=5)])
meeting = meeting_from_agenda(agenda, sys.argv[1], "Sam Rivera")
meeting.started_at = datetime.fromisoformat(sys.argv[2])
meeting.status = "ended"
meeting.actions = [ActionItem(text=text, owner=sys.argv[1]) for text in sys.argv[3:]]
store.save(meeting)
print(meeting.id)
"""
"""Run by `python -c` on a machine: save an ended meeting with PERSON at START holding ACTIONS...; print its id."""

AMEND = """
import sys
from datetime import date
from meetingdesk.desk import Desk
from meetingdesk.locations import data_dir
from meetingdesk.models import ActionItem, Priority
from meetingdesk.storage.store import Store
from meetingdesk.storage.trash import empty_trash, move_to_trash

store = Store(data_dir())
store.open()
if sys.argv[2] == "trash":
    move_to_trash(store, sys.argv[1])
    raise SystemExit(0)
if sys.argv[2] == "empty trash":
    empty_trash(store)
    raise SystemExit(0)

def change(meeting):
    exec(sys.argv[2], {"m": meeting, "date": date, "ActionItem": ActionItem, "Priority": Priority})
    return sys.argv[3]

Desk(store).amend(store.load(sys.argv[1]), change)
"""
"""Run by `python -c` on a machine: amend meeting ID with a Python statement on `m`, as the record screen does
(or `trash` it, or `empty trash` as the trash screen does)."""


class Machine:
    """One computer: its data folder and its own cache, state and runtime folders."""

    def __init__(self, base: Path, name: str, data: Path) -> None:
        self.data = data
        (base / name / "runtime").mkdir(parents=True, mode=0o700)
        self.env = {
            **command_env(data),
            "HOME": str(base / name),
            "XDG_CACHE_HOME": str(base / name / "cache"),
            "XDG_STATE_HOME": str(base / name / "state"),
            "XDG_CONFIG_HOME": str(base / name / "config"),
            "XDG_RUNTIME_DIR": str(base / name / "runtime"),
            "GIT_AUTHOR_NAME": "Sam Rivera",
            "GIT_AUTHOR_EMAIL": "sam@example.com",
            "GIT_COMMITTER_NAME": "Sam Rivera",
            "GIT_COMMITTER_EMAIL": "sam@example.com",
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def run(self, *command: str, cwd: Path | None = None) -> str:
        """Run a command on this machine (a shell line a person would type); its output. Fails the test on an error."""
        done = subprocess.run(command, env=self.env, cwd=cwd or self.data, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def meetingdesk(self, *args: str) -> str:
        return self.run(str(MEETINGDESK), *args, cwd=self.data.parent)

    def new_meeting(self, person: str, start: str, *actions: str) -> str:
        return self.run(sys.executable, "-c", NEW_MEETING, person, start, *actions, cwd=self.data.parent).strip()

    def amend(self, meeting_id: str, statement: str, what: str = "") -> None:
        self.run(sys.executable, "-c", AMEND, meeting_id, statement, what or statement, cwd=self.data.parent)

    def git(self, *args: str) -> str:
        return self.run("git", *args)

    def everything(self, *meeting_ids: str) -> dict[str, str]:
        """What the shell prints about the data folder: the list, every action, and each meeting in full."""
        shown = {"list": self.meetingdesk("list"), "actions": self.meetingdesk("actions"), "list json": self.meetingdesk("list", "--format", "json")}
        for meeting_id in meeting_ids:
            shown[meeting_id] = self.meetingdesk("show", meeting_id, "--include-private")
        return shown


def changes_on_both_sides(one: Machine, other: Machine, shared: str) -> tuple[str, str]:
    """A new meeting on each machine, and different changes to the same meeting on each; the two new ids."""
    only_one = one.new_meeting("Bo Chen", "2026-11-24T09:00:00+00:00", "Send the offer letter")
    only_other = other.new_meeting("Ana Lima", "2026-11-24T15:00:00+00:00", "Plan the offsite")
    one.amend(shared, "m.actions[0].done_on = date(2026, 11, 25)", "Marked “Write the case” done.")
    one.amend(shared, "m.sections[0].notes = 'Ready for the lead role.'", "Edited the shared notes of “News”.")
    other.amend(shared, "m.actions.append(ActionItem(text='Pair with Ana', owner='Dana Lee'))", "Added the action “Pair with Ana”.")
    other.amend(shared, "m.sections[1].notes = 'Next check-in in two weeks.'", "Edited the shared notes of “Wrap-up”.")
    other.amend(shared, "m.sections[0].private_notes = 'Ask about the course budget.'", "Edited private notes.")
    return only_one, only_other


def assert_both_changes_present(machine: Machine, shared: str) -> None:
    shown = machine.meetingdesk("show", shared, "--include-private")
    for text in ("Ready for the lead role.", "Next check-in in two weeks.", "Pair with Ana", "Ask about the course budget."):
        assert text in shown, f"{text!r} missing from:\n{shown}"
    actions = machine.meetingdesk("actions")
    assert "Write the case" in actions and "2026-11-25" in actions, actions


def test_two_clones_pull_both_ways_with_no_conflict_and_show_the_same(tmp_path: Path) -> None:
    remote = tmp_path / "records.git"
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(remote)], check=True)
    desktop = Machine(tmp_path, "desktop", tmp_path / "desktop" / "meetingdesk")
    laptop = Machine(tmp_path, "laptop", tmp_path / "laptop" / "meetingdesk")

    # The desktop starts the records, as the README says.
    desktop.data.mkdir(parents=True)
    desktop.git("init", "-q", "--initial-branch=main")
    desktop.meetingdesk("sync", "setup")
    shared = desktop.new_meeting("Dana Lee", "2026-11-23T14:00:00+00:00", "Write the case", "Book the course")
    desktop.meetingdesk("log", "--with", "Dana Lee", "--theme", "deliverables", "Shipped the importer")
    desktop.git("add", "-A")
    desktop.git("commit", "-q", "-m", "MeetingDesk records")
    desktop.git("remote", "add", "origin", str(remote))
    desktop.git("push", "-q", "-u", "origin", "main")
    # The laptop clones them, sets up the merge driver and tightens the cloned files' modes.
    laptop.run("git", "clone", "-q", str(remote), str(laptop.data), cwd=tmp_path)
    laptop.meetingdesk("sync", "setup")
    laptop.meetingdesk("doctor", "--fix")
    assert laptop.git("status", "--porcelain") == "", "starting MeetingDesk changes nothing git tracks"

    only_desktop, only_laptop = changes_on_both_sides(desktop, laptop, shared)
    # Evidence logged on both machines: about the same person, and about someone each machine logs for the first time.
    desktop.meetingdesk("log", "--with", "Dana Lee", "--theme", "impact", "Led the incident review")
    laptop.meetingdesk("log", "--with", "Dana Lee", "--theme", "leadership", "Mentored Ana on the release")
    for machine, text in ((desktop, "Wrote the hiring rubric"), (laptop, "Closed the offer")):
        machine.meetingdesk("profile", "--with", "Cy Diaz", "--role", "Designer")
        machine.meetingdesk("log", "--with", "Cy Diaz", text)
    for machine in (desktop, laptop):
        machine.git("add", "-A")
        machine.git("commit", "-q", "-m", "This week's meetings")
    desktop.git("push", "-q")
    laptop.git("pull", "-q", "--no-rebase", "--no-edit")
    laptop.git("push", "-q")
    desktop.git("pull", "-q", "--no-rebase", "--no-edit")

    for machine in (desktop, laptop):
        assert machine.git("status", "--porcelain") == "", "no conflict, and nothing left to commit"
        assert "<<<<<<<" not in (machine.data / "meetings" / f"{shared}.json").read_text()
        assert_both_changes_present(machine, shared)
        dana, cy = machine.meetingdesk("log", "--with", "Dana Lee"), machine.meetingdesk("log", "--with", "Cy Diaz")
        for text in ("Shipped the importer", "Led the incident review", "Mentored Ana on the release"):
            assert text in dana, f"{text!r} missing from:\n{dana}"
        assert "Wrote the hiring rubric" in cy and "Closed the offer" in cy, cy
        assert not (machine.data / "damaged").exists()
    ids = (shared, only_desktop, only_laptop)
    assert desktop.everything(*ids) == laptop.everything(*ids)
    assert laptop.git("status", "--porcelain") == desktop.git("status", "--porcelain") == ""


def rsync(source: Path, target: Path) -> None:
    """What `rsync -a source/ target/` does: each file whose size or mtime differ is copied whole over the other."""
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        there = target / relative
        if path.is_dir():
            there.mkdir(exist_ok=True, parents=True)
            continue
        if there.exists() and (there.stat().st_size, there.stat().st_mtime_ns) == (path.stat().st_size, path.stat().st_mtime_ns):
            continue
        temp = there.with_name(f".{there.name}.rsync")
        shutil.copy2(path, temp)
        os.replace(temp, there)


def test_two_folders_copied_whole_both_ways_lose_nothing_and_stay_deleted(tmp_path: Path) -> None:
    desktop = Machine(tmp_path, "desktop", tmp_path / "desktop" / "meetingdesk")
    laptop = Machine(tmp_path, "laptop", tmp_path / "laptop" / "meetingdesk")
    shared = desktop.new_meeting("Dana Lee", "2026-11-23T14:00:00+00:00", "Write the case", "Book the course")
    old = desktop.new_meeting("Cy Diaz", "2026-11-02T10:00:00+00:00", "Read the design doc")
    desktop.meetingdesk("log", "--with", "Dana Lee", "Shipped the importer")
    rsync(desktop.data, laptop.data.parent / laptop.data.name)

    only_desktop, only_laptop = changes_on_both_sides(desktop, laptop, shared)
    desktop.meetingdesk("log", "--with", "Dana Lee", "Led the incident review")
    laptop.meetingdesk("log", "--with", "Dana Lee", "Mentored Ana on the release")
    desktop.amend(old, "trash")
    laptop.amend(old, "m.sections[0].notes = 'Still listed on the laptop'")

    rsync(desktop.data, laptop.data)  # the desktop's copy replaces the laptop's changed files
    laptop.meetingdesk("list")  # the laptop puts back what it had saved, and keeps the trashed meeting trashed
    rsync(laptop.data, desktop.data)
    desktop.meetingdesk("list")

    for machine in (desktop, laptop):
        assert_both_changes_present(machine, shared)
        evidence = machine.meetingdesk("log", "--with", "Dana Lee")
        for text in ("Shipped the importer", "Led the incident review", "Mentored Ana on the release"):
            assert text in evidence, f"{text!r} missing from:\n{evidence}"
        assert "Cy Diaz" not in machine.meetingdesk("list"), "deleted stays deleted"
        assert not (machine.data / "meetings" / f"{old}.json").exists()
        assert "Still listed on the laptop" in (machine.data / "trash" / f"{old}.json").read_text()
    ids = (shared, only_desktop, only_laptop)
    assert desktop.everything(*ids) == laptop.everything(*ids)

    # Deleted for good on the desktop; the laptop still has it in its trash. A copy never deletes files.
    desktop.amend(old, "empty trash")
    rsync(desktop.data, laptop.data)
    said = subprocess.run([str(MEETINGDESK), "list"], env=laptop.env, capture_output=True, text=True)
    assert "was deleted for good on" in said.stderr and "so the copy a sync left here was removed too" in said.stderr
    rsync(laptop.data, desktop.data)
    for machine in (desktop, laptop):
        assert not (machine.data / "trash" / f"{old}.json").exists() and not (machine.data / "meetings" / f"{old}.json").exists()
        assert (machine.data / "deleted" / f"{old}.json").exists()
    assert desktop.everything(*ids) == laptop.everything(*ids)


def test_a_syncthing_conflict_copy_is_merged_on_both_machines_which_then_show_the_same(tmp_path: Path) -> None:
    desktop = Machine(tmp_path, "desktop", tmp_path / "desktop" / "meetingdesk")
    laptop = Machine(tmp_path, "laptop", tmp_path / "laptop" / "meetingdesk")
    shared = desktop.new_meeting("Dana Lee", "2026-11-23T14:00:00+00:00", "Write the case", "Book the course")
    rsync(desktop.data, laptop.data)

    only_desktop, only_laptop = changes_on_both_sides(desktop, laptop, shared)

    # Syncthing saw the meeting changed on both: the desktop's file wins its name, the laptop's
    # becomes a conflict copy beside it, and both machines end up with both files and every new one.
    name = f"{shared}.json"
    copy = f"{shared}.sync-conflict-20261125-101500-LAPTOP7.json"
    laptops_version = (laptop.data / "meetings" / name).read_bytes()
    for machine in (desktop, laptop):
        (machine.data / "meetings" / copy).write_bytes(laptops_version)
    shutil.copy2(desktop.data / "meetings" / name, laptop.data / "meetings" / name)
    shutil.copy2(desktop.data / "meetings" / f"{only_desktop}.json", laptop.data / "meetings")
    shutil.copy2(laptop.data / "meetings" / f"{only_laptop}.json", desktop.data / "meetings")

    for machine in (desktop, laptop):
        said = subprocess.run([str(MEETINGDESK), "list"], env=machine.env, capture_output=True, text=True)
        assert "Syncthing kept a second copy of the meeting with Dana Lee" in said.stderr
        assert not (machine.data / "meetings" / copy).exists()
        assert_both_changes_present(machine, shared)
    ids = (shared, only_desktop, only_laptop)
    assert desktop.everything(*ids) == laptop.everything(*ids)
