"""Property tests (issue 4, promise 7): whatever text a meeting holds, it saves and loads back
equal, and the summaries render it without raising or letting a control sequence through.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.agendas import AgendaError, parse_agenda
from meetingdesk.models import ActionItem, Meeting, Priority, SectionRecord
from meetingdesk.quickadd import QuickAddError, parse_action
from meetingdesk.storage.store import Store
from meetingdesk.summary import summary_markdown, summary_text

# Any text Python can hold in a str that JSON can carry: every code point but lone surrogates.
ANY_TEXT = st.text(max_size=80)
# Printable text without control characters, for checks on what the summary shows.
SHOWN_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda text: text.strip()
)
DAYS = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))


def meetings(text: st.SearchStrategy[str]) -> st.SearchStrategy[Meeting]:
    sections = st.builds(
        SectionRecord,
        title=text,
        planned_seconds=st.integers(0, 8 * 3600),
        actual_seconds=st.floats(0, 8 * 3600, allow_nan=False),
        prompts=st.lists(text, max_size=3),
        notes=text,
        private_notes=text,
    )
    priorities = st.builds(Priority, text=text, measure=text, due=DAYS)
    actions = st.builds(ActionItem, text=text, owner=text, due=DAYS, done_on=DAYS)
    return st.builds(
        Meeting,
        person=text,
        manager=text,
        agenda_name=text,
        agenda_title=text,
        purpose=text,
        sections=st.lists(sections, min_size=1, max_size=3),
        priorities=st.lists(priorities, max_size=3),
        actions=st.lists(actions, max_size=3),
    )


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meeting=meetings(ANY_TEXT))
def test_any_meeting_saves_and_loads_back_equal(meeting: Meeting) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        store.open()
        store.save(meeting)
        assert store.load(meeting.id) == meeting
        reopened = Store(Path(folder))
        reopened.open()
        assert reopened.load(meeting.id) == meeting
        assert [row.person for row in reopened.rows()] == [meeting.person]


@settings(max_examples=200, deadline=None)
@given(meeting=meetings(ANY_TEXT), include_private=st.booleans())
def test_summaries_of_any_meeting_render_without_control_sequences(meeting: Meeting, include_private: bool) -> None:
    for render in (summary_text, summary_markdown):
        out = render(meeting, include_private=include_private)
        assert out.endswith("\n")
        assert "\x1b" not in out and "\x00" not in out and "\x07" not in out, "no text can drive the terminal"


@settings(max_examples=150, deadline=None)
@given(meeting=meetings(SHOWN_TEXT))
def test_the_email_summary_shows_every_name_priority_and_action(meeting: Meeting) -> None:
    out = summary_text(meeting)
    assert _collapsed(meeting.person) in out
    for priority in meeting.priorities:
        assert _collapsed(priority.text) in out
    for action in meeting.actions:
        assert _collapsed(action.text) in out and _collapsed(action.owner) in out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meeting=meetings(SHOWN_TEXT))
def test_private_notes_never_reach_a_summary_unless_asked(meeting: Meeting) -> None:
    marker = "PRIVATE-7f3a-MARKER"
    meeting.sections[0].private_notes = marker
    assert marker not in summary_text(meeting) and marker not in summary_markdown(meeting)
    assert marker in summary_text(meeting, include_private=True)


def _parse_or_explain(text: str) -> None:
    try:
        agenda = parse_agenda(text, "mine", "/tmp/mine.md")
    except AgendaError as error:
        assert "/tmp/mine.md" in str(error), "every error names the file"
    else:
        assert agenda.sections and all(section.minutes > 0 for section in agenda.sections)
        assert agenda.total_minutes < 8 * 60


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_the_agenda_parser_answers_any_text_with_an_agenda_or_an_agenda_error(text: str) -> None:
    _parse_or_explain(text)


AGENDA_LIKE = st.lists(
    st.one_of(
        st.builds(lambda t: f"# {t}", st.text(max_size=20)),
        st.builds(lambda t, m: f"## {t} ({m})", st.text(max_size=20), st.text("0123456789 minh.-+,", max_size=10)),
        st.builds(lambda t: f"- {t}", st.text(max_size=20)),
        st.text(max_size=30),
    ),
    max_size=8,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=AGENDA_LIKE)
def test_the_agenda_parser_answers_agenda_like_text_with_an_agenda_or_an_agenda_error(text: str) -> None:
    _parse_or_explain(text)


@settings(max_examples=300, deadline=None)
@given(
    line=st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda a, o, d: f"{a} @{o} by {d}",
            st.text(max_size=30),
            st.text(max_size=10),
            st.sampled_from(["friday", "2026-12-15", "fridy", "next week", "31/02", "in 3 weeks", "end of month", ""]),
        ),
    )
)
def test_quick_add_answers_any_line_with_a_draft_or_a_sentence(line: str) -> None:
    try:
        draft = parse_action(line, "Dana Lee", "Sam Rivera", date(2026, 11, 23))
    except QuickAddError as error:
        assert str(error).strip(), "the error is a sentence to show"
    else:
        assert draft.text.strip()
