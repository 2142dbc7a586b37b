"""A planned meeting prepared on two machines: every prep note and stretch assignment kept, none dropped."""

from __future__ import annotations

from datetime import date

from meetingdesk.models import Priority
from meetingdesk.storage.merge import EDITED_TWICE
from tests.storage.machines import a_meeting, machine


def test_prep_notes_and_stretch_outcomes_written_on_two_machines_all_survive(home) -> None:
    first = machine(home, "aaaaaaaa")
    meeting = a_meeting()
    meeting.status, meeting.started_at, meeting.planned_for = "planned", None, date(2026, 12, 4)
    meeting.priorities = [Priority(text="Present to the board", kind="stretch assignment", due=date(2027, 2, 1))]
    first.save(meeting)
    second = machine(home, "bbbbbbbb")

    mine, theirs = first.load(meeting.id), second.load(meeting.id)
    mine.sections[0].prep_notes = "Open with the launch."
    mine.sections[1].prep_notes = "Ask about the mentor."
    theirs.sections[1].prep_notes = "Bring the budget figures."
    theirs.priorities[0].outcome = "Went well; asked back next quarter"
    first.save(mine)
    second.save(theirs)

    merged = first.load(meeting.id)
    assert merged.status == "planned" and merged.planned_for == date(2026, 12, 4)
    assert merged.sections[0].prep_notes == "Open with the launch."
    both = merged.sections[1].prep_notes
    assert both.startswith(EDITED_TWICE) and "Ask about the mentor." in both and "Bring the budget figures." in both
    assert (merged.priorities[0].kind, merged.priorities[0].outcome) == ("stretch assignment", "Went well; asked back next quarter")
