"""A section can keep its notes private by default: "(10 min, private)" in the agenda file."""

from __future__ import annotations

import pytest

from meetingdesk.agendas import AgendaError, parse_agenda
from meetingdesk.models import meeting_from_agenda


def test_private_after_the_minutes_marks_the_section_and_the_meeting_keeps_it() -> None:
    agenda = parse_agenda("# Review\n\n## Results (10 min)\n- a\n\n## Pay (5 Min, Private)\n- b\n", "review", "built-in")
    assert [(s.title, s.minutes, s.private) for s in agenda.sections] == [("Results", 10, False), ("Pay", 5, True)]
    assert [s.private for s in meeting_from_agenda(agenda, "Dana Lee", "Sam Rivera").sections] == [False, True]


def test_another_word_after_the_minutes_is_refused_naming_the_line_and_the_fix() -> None:
    with pytest.raises(AgendaError) as refused:
        parse_agenda("# Review\n\n## Pay (5 min, secret)\n- b\n", "review", "/tmp/review.md")
    assert str(refused.value) == (
        '/tmp/review.md, line 3: the time box of "Pay" says "secret"; only "private" may follow the minutes, '
        'as in "## Pay (10 min, private)".'
    )
