"""Reading dates and one-line actions as the manager types them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetingdesk.quickadd import (
    ActionDraft,
    QuickAddError,
    describe_draft,
    format_date,
    parse_action,
    parse_deadline,
)

TODAY = date(2026, 11, 21)  # a Saturday
PERSON = "Dana Lee"
MANAGER = "Sam Ortiz"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-15", date(2026, 12, 15)),
        ("  2026-11-21 ", TODAY),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 22)),
        ("friday", date(2026, 11, 27)),
        ("FRI", date(2026, 11, 27)),
        ("saturday", date(2026, 11, 28)),  # strictly after today
        ("sun", date(2026, 11, 22)),
        ("next monday", date(2026, 11, 23)),
        ("next friday", date(2026, 11, 27)),
        ("next sunday", date(2026, 11, 29)),
        ("in 3 days", date(2026, 11, 24)),
        ("in 1 day", date(2026, 11, 22)),
        ("in two weeks", date(2026, 12, 5)),
        ("in a week", date(2026, 11, 28)),
        ("in ten days", date(2026, 12, 1)),
        ("next week", date(2026, 11, 23)),
        ("end of week", date(2026, 11, 27)),  # on a weekend: the coming Friday
        ("eow", date(2026, 11, 27)),
        ("end of month", date(2026, 11, 30)),
        ("the end of the month", date(2026, 11, 30)),
        ("eom", date(2026, 11, 30)),
        ("end of quarter", date(2026, 12, 31)),
        ("EOQ", date(2026, 12, 31)),
        ("end of year", date(2026, 12, 31)),
        ("15 dec", date(2026, 12, 15)),
        ("dec 15", date(2026, 12, 15)),
        ("15th of December", date(2026, 12, 15)),
        ("15 december 2026", date(2026, 12, 15)),
        ("December 15, 2026", date(2026, 12, 15)),
        ("1 jan", date(2027, 1, 1)),  # next occurrence when no year is given
        ("21 nov", TODAY),
        ("20 nov", date(2027, 11, 20)),
        ("29 feb", date(2028, 2, 29)),
        ("friday.", date(2026, 11, 27)),
    ],
)
def test_parse_deadline_reads_every_form(text: str, expected: date) -> None:
    assert parse_deadline(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 16), date(2026, 11, 20)),  # Monday: this Friday
        (date(2026, 11, 20), date(2026, 11, 20)),  # Friday: today
        (date(2026, 11, 22), date(2026, 11, 27)),  # Sunday: the Friday after
    ],
)
def test_end_of_week_is_the_coming_friday(today: date, expected: date) -> None:
    assert parse_deadline("end of week", today) == expected


def test_next_weekday_means_next_calendar_week() -> None:
    monday = date(2026, 11, 16)
    assert parse_deadline("friday", monday) == date(2026, 11, 20)
    assert parse_deadline("next friday", monday) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fridy", 'Couldn\'t read "fridy" as a date. Try 2026-12-15, friday, tomorrow'),
        ("2026-02-30", '"2026-02-30" isn\'t a real date: February 2026 has 28 days.'),
        ("2026-13-01", '"2026-13-01" isn\'t a real date: there is no month 13.'),
        ("31 apr", '"31 apr" isn\'t a real date: April 2026 has 30 days.'),
        ("30 feb 2028", '"30 feb 2028" isn\'t a real date: February 2028 has 29 days.'),
        ("2026-11-20", '"2026-11-20" is Fri 20 Nov 2026, which has already passed.'),
        ("1 jan 2026", '"1 jan 2026" is Thu 1 Jan 2026, which has already passed.'),
        ("in many days", 'Couldn\'t read "in many days" as a date.'),
        ("", "Give a date."),
        ("   ", "Give a date."),
    ],
)
def test_parse_deadline_refuses_with_a_sentence_naming_the_text(text: str, message: str) -> None:
    with pytest.raises(QuickAddError) as caught:
        parse_deadline(text, TODAY)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Write the promotion case @Dana by 2026-12-15",
            ActionDraft("Write the promotion case", "Dana Lee", date(2026, 12, 15)),
        ),
        ("Book the training @me by friday", ActionDraft("Book the training", "Sam Ortiz", date(2026, 11, 27))),
        ("@sam Share the rubric by eom", ActionDraft("Share the rubric", "Sam Ortiz", date(2026, 11, 30))),
        ("Send notes by next week @DanaLee", ActionDraft("Send notes", "Dana Lee", date(2026, 11, 23))),
        ("Send notes by friday @dana and file them", ActionDraft("Send notes and file them", "Dana Lee", date(2026, 11, 27))),
        ("Ask for budget @Priya by 15 dec", ActionDraft("Ask for budget", "Priya", date(2026, 12, 15))),
        ("Ask @SamOrtiz, by eom.", ActionDraft("Ask", "Sam Ortiz", date(2026, 11, 30))),
        ("Draft the plan by @Dana", ActionDraft("Draft the plan", "Dana Lee", None)),
        ("  Draft   the\tplan  ", ActionDraft("Draft the plan", "", None)),
        ("Pair with the team lead by default on reviews", ActionDraft("Pair with the team lead by default on reviews", "", None)),
        ("Stand by the rota by friday", ActionDraft("Stand by the rota", "", date(2026, 11, 27))),
        ("Email the mentor by email", ActionDraft("Email the mentor by email", "", None)),
        ("By friday, write it up", ActionDraft("By friday, write it up", "", None)),
        ("Ask dana@example.com for the deck", ActionDraft("Ask dana@example.com for the deck", "", None)),
    ],
)
def test_parse_action_reads_text_owner_and_deadline(line: str, expected: ActionDraft) -> None:
    assert parse_action(line, PERSON, MANAGER, TODAY) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Write the report by fridy", 'Couldn\'t read "fridy" as a date.'),
        ("Write the report @Dana by 2026-02-30", '"2026-02-30" isn\'t a real date'),
        ("Write the report by 2020-01-01", '"2020-01-01" is Wed 1 Jan 2020, which has already passed.'),
        ("Write the report by the end of the sprint", 'Couldn\'t read "the end of the sprint" as a date.'),
        ("@Dana by friday", "Say what will be done"),
        ("", "Say what will be done"),
        ("Intro @Dana to @Priya", 'Give one owner: "@Dana" and "@Priya" both look like owners.'),
    ],
)
def test_parse_action_refuses_with_a_sentence(line: str, message: str) -> None:
    with pytest.raises(QuickAddError) as caught:
        parse_action(line, PERSON, MANAGER, TODAY)
    assert str(caught.value).startswith(message)


def test_person_wins_when_both_share_a_first_name() -> None:
    draft = parse_action("Review goals @alex", "Alex Kim", "Alex Park", TODAY)
    assert draft.owner == "Alex Kim"
    assert parse_action("Review goals @AlexPark", "Alex Kim", "Alex Park", TODAY).owner == "Alex Park"


def test_describe_draft_is_the_preview_line() -> None:
    draft = parse_action("Write the promotion case @Dana by 2026-12-15", PERSON, MANAGER, TODAY)
    assert describe_draft(draft, TODAY) == (
        "Write the promotion case — owner Dana Lee — due Tue 15 Dec 2026 (in 24 days)"
    )
    assert describe_draft(ActionDraft("Draft the plan", "", None), TODAY) == (
        "Draft the plan — no owner yet — no deadline yet"
    )
    assert describe_draft(ActionDraft("Call", "Priya", TODAY), TODAY).endswith("due Sat 21 Nov 2026 (today) — on a weekend")
    assert describe_draft(ActionDraft("Call", "Priya", date(2026, 11, 23)), TODAY).endswith("due Mon 23 Nov 2026 (in 2 days)")


def test_format_date_is_english_whatever_the_locale() -> None:
    assert format_date(date(2026, 12, 15)) == "Tue 15 Dec 2026"
    assert format_date(date(2027, 1, 3)) == "Sun 3 Jan 2027"


@given(st.text())
def test_any_deadline_text_parses_or_gets_a_sentence(text: str) -> None:
    try:
        result = parse_deadline(text, TODAY)
    except QuickAddError as error:
        assert str(error).strip()
    else:
        assert result >= TODAY


date_ish = st.sampled_from(
    ["friday", "fridy", "2026-02-30", "in 3 days", "eom", "next", "15 dec", "the end", "0 jan", "in 99999 weeks"]
)
action_lines = st.one_of(
    st.text(),
    st.lists(
        st.one_of(st.text(max_size=8), st.sampled_from(["by", "@me", "@Dana", "@", "By", " "]), date_ish),
        max_size=8,
    ).map(" ".join),
)


@given(action_lines, st.text(max_size=20), st.text(max_size=20))
def test_any_action_line_parses_or_gets_a_sentence(line: str, person: str, manager: str) -> None:
    try:
        draft = parse_action(line, person, manager, TODAY)
    except QuickAddError as error:
        assert str(error).strip()
    else:
        assert draft.text and draft.text == draft.text.strip()
        assert draft.due is None or draft.due >= TODAY
