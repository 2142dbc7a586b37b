"""The close check points at what to fix, and reminds of prompts not covered without counting them as problems."""

from __future__ import annotations

from datetime import date

from meetingdesk.models import ActionItem, CloseProblem, Priority, meeting_from_agenda
from tests.screens.test_meeting_flow import AGENDA


def test_each_problem_names_the_item_to_fix_in_screen_order() -> None:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.actions = [ActionItem(text="Book it", owner="Dana Lee", due=date(2026, 12, 1)), ActionItem(text="Share it", owner="Sam Rivera")]
    problems = meeting.close_problems()
    assert [(p.place, p.index) for p in problems] == [("priorities", None), ("actions", 1), ("priorities", None)]
    assert meeting.close_check() == [p.text for p in problems]
    meeting.priorities = [Priority(text="Plan it", measure="Done", due=date(2027, 1, 1)), Priority(text="Lead planning")]
    meeting.next_check_in = date(2026, 12, 7)
    assert meeting.close_problems() == [
        CloseProblem("“Lead planning” has no measure or date: add it, or confirm it was agreed without.", "priorities", 1),
        CloseProblem("“Share it” has no deadline: add “by <date>”.", "actions", 1),
    ], "Fix them lands on the goal missing its measure"


def test_unticked_prompts_are_listed_by_section_and_are_no_problem() -> None:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.priorities = [Priority(text="Lead planning", measure="Plan signed off", due=date(2027, 3, 31))]
    meeting.next_check_in = date(2026, 12, 7)
    meeting.sections[0].prompts_done = [1]
    assert meeting.unticked_prompts() == [
        ("How it went", "What went well?"),
        ("What next", "What matters most next quarter?"),
        ("Wrap-up", "Read back the actions"),
    ]
    assert meeting.close_check() == []
