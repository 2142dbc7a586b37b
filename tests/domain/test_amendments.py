""""Amended on …" names what changed, the same change once with how often, at most a few lines."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from meetingdesk.models import Amendment, Meeting
from meetingdesk.summary import summary_markdown, summary_text
from tests.domain.test_summary_time import rebalanced_meeting

AT = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


def amended(*whats: str) -> Meeting:
    meeting = rebalanced_meeting()
    meeting.amendments = [Amendment(at=AT + timedelta(hours=n), what=what) for n, what in enumerate(whats)]
    return meeting


def test_the_same_change_made_again_is_named_once_with_how_often() -> None:
    text = summary_text(amended("Edited the shared notes of “News”.", "Marked “Book it” done.", "Edited the shared notes of “News”."))
    assert (
        "Amended on Tue 24 Nov 2026 (3 changes since the meeting):\n\n"
        "- Edited the shared notes of “News”. (2 times)\n- Marked “Book it” done.\n"
    ) in text


def test_a_long_list_of_changes_is_cut_to_five_lines() -> None:
    meeting = amended(*(f"Added the action “Task {n}”." for n in range(1, 9)))
    md = summary_markdown(meeting)
    assert "(8 changes since the meeting):" in md
    listed = [line for line in md.splitlines() if line.startswith("- Added the action") or line.startswith("- and ")]
    assert listed == [
        "- Added the action “Task 1”.",
        "- Added the action “Task 2”.",
        "- Added the action “Task 3”.",
        "- Added the action “Task 4”.",
        "- and 4 other changes",
    ]
