"""Whole journeys through the installed `meetingdesk` command, in a real pseudo-terminal.

Each test types what a manager would type and asserts on the terminal's screen
and on what lands in the data folder.
"""

from __future__ import annotations

import base64
import json
import re
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from .conftest import (
    CTRL_F,
    CTRL_G,
    CTRL_L,
    CTRL_N,
    CTRL_O,
    CTRL_Q,
    CTRL_S,
    ENTER,
    ESCAPE,
    MEETINGDESK,
    TAB,
    command_env,
)

AGENDA = """\
# Quarterly check-in
A short conversation about the last quarter and the next one.

## How it went (2 min)
- What went well?

## What next (2 min)
- What do you want to try?

## Wrap-up (1 min)
- Agree the priorities and the actions
"""
TITLE = "Quarterly check-in"
OSC52 = re.compile(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)(?:\x07|\x1b\\)")


@pytest.fixture
def agenda_file(tmp_path: Path) -> Path:
    """A three-section agenda the manager wrote themselves, passed to --agenda by path."""
    path = tmp_path / "quarterly.md"
    path.write_text(AGENDA, encoding="utf-8")
    return path


def start_meeting(run, agenda_file: Path):
    """`meetingdesk new` with Dana Lee, waiting until the notes of the first section have the cursor."""
    terminal = run("new", "--agenda", str(agenda_file), "--with", "Dana Lee", "--manager", "Sam Rivera")
    terminal.wait_for(f"{TITLE} with Dana Lee")
    terminal.wait_for("1 of 3 · How it went")
    terminal.wait_for("Shared notes")
    return terminal


def meeting_files(home: Path) -> list[Path]:
    return sorted((home / "meetings").glob("*.json"))


def test_a_whole_meeting_ends_in_a_summary_copied_as_plain_text(run, agenda_file: Path, home: Path) -> None:
    terminal = start_meeting(run, agenda_file)

    terminal.send("Shipped the billing migration a week early.")
    terminal.wait_for("Shipped the billing migration a week early.")
    terminal.send(CTRL_N)
    terminal.wait_for("2 of 3 · What next")
    terminal.send("Wants to lead the planning review.")
    terminal.wait_for("Wants to lead the planning review.")

    terminal.send(CTRL_O)
    terminal.wait_for("Add action")
    terminal.send("Write the promotion case @Dana by 2026-12-15")
    terminal.wait_for("Will save: Write the promotion case — owner Dana Lee — due Tue 15 Dec")
    terminal.send(ENTER)
    terminal.wait_for("↳ Dana Lee · Tue 15 Dec 2026")

    terminal.send(CTRL_G)
    terminal.wait_for("Add goal")
    for field in ("Run the Q1 planning review", "Plan signed off"):
        terminal.send(field)
        terminal.wait_for(field)
        terminal.send(TAB)
        terminal.drain(0.3)  # focus moves once the key is handled, before the next keystroke
    terminal.send("2099-03-31")
    terminal.wait_for("Due Tue 31 Mar 2099")
    terminal.send(ENTER)
    terminal.wait_until(
        lambda: "Goal both of you agreed" not in terminal.text
        and "Run the Q1 planning review" in terminal.text
        and "None yet: ctrl+g adds one" not in terminal.text,
        "The goal being listed on the live screen, in place of the empty list's hint",
    )
    terminal.send(CTRL_S)
    terminal.wait_for("Next check-in with Dana Lee")
    terminal.send("in 2 weeks" + ENTER)
    terminal.wait_for("─ next check-in ")  # under the goals, once the dialog has closed

    terminal.send(CTRL_F)
    terminal.wait_for("Ready to close")
    terminal.send(CTRL_F)
    terminal.wait_for(f"Summary · {TITLE} with Dana Lee")
    terminal.wait_for("Run the Q1 planning review")
    terminal.wait_for("Write the promotion case — Dana Lee, by Tue 15 Dec 2026")
    terminal.wait_for("Shipped the billing migration a week early.")

    terminal.send("c")
    terminal.wait_for("Summary copied via terminal (OSC 52)")
    terminal.wait_until(lambda: OSC52.search(terminal.raw), "An OSC 52 clipboard sequence")
    copies = OSC52.findall(bytes(terminal.raw))
    assert len(copies) == 1
    copied = base64.b64decode(copies[0]).decode("utf-8")
    assert "Write the promotion case — Dana Lee, by Tue 15 Dec 2026" in copied
    assert "Run the Q1 planning review" in copied
    assert "Wants to lead the planning review." in copied
    assert "|" not in copied, copied
    assert not [line for line in copied.splitlines() if line.lstrip().startswith("#")], copied

    exported = list((home / "exports").glob("*.txt"))
    assert len(exported) == 1, exported
    assert stat.S_IMODE(exported[0].stat().st_mode) == 0o600
    assert exported[0].read_text(encoding="utf-8") == copied

    assert terminal.close() == 0


def test_a_meeting_kept_on_disk_is_listed_and_opens_after_a_restart(run, agenda_file: Path) -> None:
    terminal = start_meeting(run, agenda_file)
    terminal.send("Talked through the on-call rota.")
    terminal.wait_for("Talked through the on-call rota.")
    terminal.send(CTRL_F)
    terminal.wait_for("Before you close: a few things are missing")
    terminal.send(CTRL_F)
    terminal.wait_for(f"Summary · {TITLE} with Dana Lee")
    assert terminal.close() == 0

    terminal = run()
    # The whole row, not the first read that showed the status: a frame can arrive in pieces.
    terminal.wait_until(
        lambda: any("ended" in line and "Dana Lee" in line and TITLE in line for line in terminal.text.splitlines()),
        "The ended meeting listed with Dana Lee and its title",
    )

    terminal.send(ENTER)
    terminal.wait_for(f"Summary · {TITLE} with Dana Lee")
    terminal.wait_for("Talked through the on-call rota.")

    terminal.send(ESCAPE)
    terminal.wait_until(lambda: "Summary ·" not in terminal.text, "Going back to the meetings")
    terminal.wait_for("Open meeting")
    terminal.send("o")
    terminal.wait_for(f"Summary · {TITLE} with Dana Lee")
    assert terminal.close() == 0


def test_quitting_mid_meeting_keeps_it_live_with_its_notes(run, agenda_file: Path) -> None:
    terminal = start_meeting(run, agenda_file)
    terminal.send("First section: the launch went well.")
    terminal.wait_for("First section: the launch went well.")
    terminal.send(CTRL_N)
    terminal.wait_for("2 of 3 · What next")
    terminal.send("Second section: half typed when we stopped")
    terminal.wait_for("Second section: half typed when we stopped")
    terminal.send(CTRL_Q)
    assert terminal.wait_for_exit() == 0

    terminal = run()
    # The whole row, not the first read that showed the status: a frame can arrive in pieces.
    terminal.wait_until(
        lambda: any("live" in line and "Dana Lee" in line and TITLE in line for line in terminal.text.splitlines()),
        "The live meeting listed with Dana Lee and its title",
    )

    terminal.send(ENTER)
    terminal.wait_for("2 of 3 · What next")
    terminal.wait_for("Second section: half typed when we stopped")
    terminal.send(CTRL_L)
    terminal.wait_for("1 of 3 · How it went")
    terminal.wait_until(
        lambda: "First section: the launch went well." in terminal.text and "Second section: half typed when we stopped" not in terminal.text,
        "The first section's notes in place of the second's",
    )
    assert terminal.close() == 0


def test_a_killed_terminal_loses_nothing_already_autosaved(run, agenda_file: Path, home: Path) -> None:
    terminal = start_meeting(run, agenda_file)
    sentence = "She asked for a mentor outside the team."
    terminal.send(sentence)
    terminal.wait_for(sentence)

    def saved() -> bool:
        return any(sentence in path.read_text(encoding="utf-8") for path in meeting_files(home))

    # Autosave runs about a second after the last key; nothing else writes the notes while the app runs.
    terminal.wait_until(saved, "Autosaving the typed sentence", timeout=5)
    terminal.child.kill(signal.SIGKILL)
    terminal.wait_until(lambda: terminal.exited, "The killed command exiting")
    terminal.child.close()
    assert terminal.child.signalstatus == signal.SIGKILL

    files = meeting_files(home)
    assert len(files) == 1
    for path in home.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    meeting = json.loads(files[0].read_text(encoding="utf-8"))
    assert meeting["status"] == "live"
    assert meeting["sections"][0]["notes"] == sentence
    leftovers = [path for path in home.rglob("*") if (path.name.startswith(".") and path.name != ".gitignore") or path.name.endswith(".tmp")]
    assert leftovers == []

    resumed = run("resume")
    resumed.wait_for(f"{TITLE} with Dana Lee")
    resumed.wait_for(sentence)
    resumed.wait_for("1 of 3 · How it went")
    assert resumed.close() == 0


def test_a_follow_up_carries_the_open_action_and_settles_it(run, agenda_file: Path, home: Path) -> None:
    first = start_meeting(run, agenda_file)
    first.send(CTRL_O)
    first.wait_for("enter saves")
    first.drain(0.3)
    first.send("Share the budget @me by 2026-12-15")
    first.wait_for("Will save")
    first.send(ENTER)
    first.wait_for("Share the budget")
    first.send(CTRL_F)
    first.wait_for("Before you close")
    first.send(CTRL_F)
    first.wait_for("Copy summary")
    assert first.close() == 0

    second = start_meeting(run, agenda_file)
    second.wait_for("from last time: d done")
    second.send("\t")
    second.drain()
    second.send("\t")
    second.drain()
    second.send("\t")
    second.drain()
    second.send("d")
    second.wait_for("from last time: done")
    assert second.close() == 0
    newest = max(meeting_files(home), key=lambda path: path.stat().st_mtime_ns)
    action = json.loads(newest.read_text(encoding="utf-8"))["actions"][0]
    assert action["text"] == "Share the budget"
    assert action["carry_decision"] == "done" and action["done_on"]


@pytest.mark.parametrize(
    ("agenda", "expected"),
    [
        ("nosuch", ['There is no agenda called "nosuch"', "career-discussion", "performance-review"]),
        ("broken.md", ["broken.md", "line"]),
    ],
)
def test_a_bad_agenda_from_the_shell_is_one_sentence_and_status_2(
    agenda: str, expected: list[str], home: Path, tmp_path: Path
) -> None:
    (tmp_path / "broken.md").write_text("# Broken\n\n## No time box here\n- A prompt\n", encoding="utf-8")
    completed = subprocess.run(
        [str(MEETINGDESK), "new", "--agenda", agenda, "--with", "X"],
        env=command_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert completed.stderr.startswith("meetingdesk: ")
    assert len(completed.stderr.strip().splitlines()) == 1, completed.stderr
    for words in expected:
        assert words in completed.stderr
    assert meeting_files(home) == []


def test_the_command_palette_runs_meeting_commands_by_their_names(run, agenda_file: Path) -> None:
    terminal = start_meeting(run, agenda_file)
    for name, shows in (("Next section", "2 of 3 · What next"), ("Pause timer", "PAUSED"), ("End meeting", "Before you close")):
        terminal.send("\x10")  # ctrl+p
        terminal.wait_for("Search for commands")
        terminal.drain(0.3)
        terminal.send(name)
        terminal.wait_for(name)
        terminal.drain(0.3)
        terminal.send(ENTER)
        terminal.wait_for(shows)
        terminal.drain(0.3)
    terminal.send(ESCAPE)
    terminal.wait_for("Shared notes")
    assert terminal.close() == 0


def test_a_second_process_opens_the_live_meeting_read_only(run, agenda_file: Path, home: Path) -> None:
    first = start_meeting(run, agenda_file)
    first.send("Typed in the first window.")
    first.wait_until(
        lambda: any("Typed in the first window." in path.read_text(encoding="utf-8") for path in meeting_files(home)),
        "Autosaving in the first window",
        timeout=5,
    )
    second = run("resume")
    second.wait_for("READ-ONLY: running in another window")
    second.send("ignored")
    first.send(" And more.")
    second.wait_for("Typed in the first window. And more.", timeout=8)
    assert "ignored" not in second.text
    assert second.close() == 0
    assert first.close() == 0
    (path,) = meeting_files(home)
    assert json.loads(path.read_text(encoding="utf-8"))["sections"][0]["notes"] == "Typed in the first window. And more."
