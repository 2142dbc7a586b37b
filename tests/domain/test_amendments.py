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
    listed = [line for line in md.splitlines() if line.startswith("- Added the action") or line.startswith("- 4 earlier")]
    assert listed == [
        "- 4 earlier changes, then:",
        "- Added the action “Task 5”.",
        "- Added the action “Task 6”.",
        "- Added the action “Task 7”.",
        "- Added the action “Task 8”.",
    ], "the latest changes are named"


def test_changes_merged_from_two_machines_are_named_in_the_order_they_were_made() -> None:
    meeting = amended("Set the next check-in to Sun 10 Jan 2027.", "Set the next check-in to Wed 20 Jan 2027.", "Marked “Book it” done.")
    desktop, laptop = meeting.amendments[0::2], meeting.amendments[1::2]
    meeting.amendments = [*laptop, *desktop]  # how a merge of two copies may hold them

    text = summary_text(meeting)

    assert text.index("Sun 10 Jan") < text.index("Wed 20 Jan") < text.index("Marked “Book it” done.")
