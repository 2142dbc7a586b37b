"""Every action says whether it is open, done or dropped, and why it was dropped, in every output."""

from __future__ import annotations

import json
from datetime import date

import pytest

from meetingdesk.models import ActionItem
from meetingdesk.storage.store import Store
from tests.cli.test_cli import make_meeting, run

DROPPED = ActionItem(text="Book the conference", owner="Dana Lee", due=date(2030, 1, 10), dropped_reason="budget frozen")
DONE = ActionItem(text="Send the slides", owner="Dana Lee", done_on=date(2026, 11, 5))
OPEN = ActionItem(text="Draft the plan", owner="Dana Lee", due=date(2030, 1, 5))


@pytest.fixture
def meeting(store: Store):
    meeting = make_meeting("Dana Lee")
    meeting.actions = [OPEN, DONE, DROPPED]
    store.save(meeting)
    return meeting


def test_the_actions_table_says_dropped_with_the_reason_and_open_leaves_it_out(capsys, meeting) -> None:
    code, out, err = run(capsys, "actions")
    assert code == 0, err
    rows = {line.split("  ")[-1].strip(): line for line in out.splitlines()[1:]}
    assert list(rows) == ["open", "dropped: budget frozen", "done 2026-11-05"]
    assert "Book the conference" in rows["dropped: budget frozen"]
    code, out, _ = run(capsys, "actions", "--open")
    assert "Book the conference" not in out and "Send the slides" not in out and "Draft the plan" in out


def test_the_actions_json_has_status_and_dropped_reason(capsys, meeting) -> None:
    code, out, _ = run(capsys, "actions", "--format", "json")
    assert code == 0
    found = {row["text"]: (row["status"], row["dropped_reason"]) for row in json.loads(out)}
    assert found == {
        "Draft the plan": ("open", ""),
        "Send the slides": ("done", ""),
        "Book the conference": ("dropped", "budget frozen"),
    }


def test_show_and_export_json_give_every_action_its_status(capsys, meeting, tmp_path) -> None:
    code, out, _ = run(capsys, "show", meeting.id[:8], "--format", "json")
    assert code == 0
    assert [(a["status"], a["dropped_reason"]) for a in json.loads(out)["actions"]] == [
        ("open", ""),
        ("done", ""),
        ("dropped", "budget frozen"),
    ]
    target = tmp_path / "export.json"
    assert run(capsys, "export", meeting.id[:8], "--format", "json", "--out", str(target))[0] == 0
    exported = json.loads(target.read_text())["meetings"][0]["actions"]
    assert [a["status"] for a in exported] == ["open", "done", "dropped"]


@pytest.mark.parametrize("output", ["markdown", "text"])
def test_show_says_which_action_was_dropped_and_why(capsys, meeting, output) -> None:
    code, out, _ = run(capsys, "show", meeting.id[:8], "--format", output)
    assert code == 0
    line = next(line for line in out.splitlines() if "Book the conference" in line)
    assert line.endswith("dropped: budget frozen")
