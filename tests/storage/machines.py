"""Two machines for the storage tests: stores on one data folder, each stamping as its own machine."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, Priority, meeting_from_agenda
from meetingdesk.storage.stamps import StampClock
from meetingdesk.storage.store import Store

AGENDA = Agenda(
    name="check-in",
    title="Check-in",
    sections=[AgendaSection(title="News", minutes=10, prompts=["Anything blocking?"]), AgendaSection(title="Wrap-up", minutes=5)],
)


def machine(root: Path, name: str) -> Store:
    """A store on `root` stamping as the machine `name` (8 letters) would."""
    store = Store(root, StampClock(name))
    store.open()
    return store


def a_meeting() -> Meeting:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.started_at = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
    meeting.status = "ended"
    meeting.actions = [ActionItem(text="Write the case", owner="Dana Lee"), ActionItem(text="Book the course", owner="Sam Rivera")]
    meeting.priorities = [Priority(text="Lead the migration")]
    return meeting


def write_notes(store: Store, meeting_id: str, text: str) -> None:
    """Load the meeting, write `text` as its first section's notes, save: one machine editing after reading."""
    meeting = store.load(meeting_id)
    meeting.sections[0].notes = text
    store.save(meeting)


def file_of(store: Store, meeting: Meeting) -> Path:
    return store.meetings_dir / f"{meeting.id}.json"


def conflicted(ours: str, theirs: str) -> str:
    """What git writes when both sides changed the same lines: conflict markers around each side's hunk."""
    lines_ours, lines_theirs = ours.splitlines(keepends=True), theirs.splitlines(keepends=True)
    start = next(i for i, (a, b) in enumerate(zip(lines_ours, lines_theirs)) if a != b)
    end = next(i for i, (a, b) in enumerate(zip(reversed(lines_ours), reversed(lines_theirs))) if a != b)
    return "".join(
        lines_ours[:start]
        + ["<<<<<<< HEAD\n"]
        + lines_ours[start : len(lines_ours) - end]
        + ["=======\n"]
        + lines_theirs[start : len(lines_theirs) - end]
        + [">>>>>>> origin/main\n"]
        + lines_ours[len(lines_ours) - end :]
    )
