"""The deadline forms managers type beyond the basics: periods, quarters, mid-month, numbers in the
locale's order, "in 2 weeks" without "by", owners of several words, and weekends said out loud."""

from __future__ import annotations

from datetime import date

import pytest

from meetingdesk.dates import locale_reads_day_first
from meetingdesk.quickadd import ActionDraft, QuickAddError, describe_draft, parse_action, parse_deadline

TODAY = date(2026, 11, 21)  # a Saturday
PERSON, MANAGER = "Dana Lee", "Sam Ortiz"
KNOWN = ["Priya Raman", "Marta Lopez Garcia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next month", date(2026, 12, 31)),  # a month or a quarter as a deadline: its last day
        ("end of next month", date(2026, 12, 31)),
        ("next quarter", date(2027, 3, 31)),
        ("next year", date(2027, 12, 31)),
        ("Q1", date(2027, 3, 31)),  # this year's Q1 is over: next year's
        ("q4", date(2026, 12, 31)),
        ("end of Q2", date(2027, 6, 30)),
        ("the end of q3 2027", date(2027, 9, 30)),
        ("Jan", date(2027, 1, 31)),
        ("nov", date(2026, 11, 30)),  # this month is not over yet
        ("end of January", date(2027, 1, 31)),
        ("december 2027", date(2027, 12, 31)),
        ("mid-January", date(2027, 1, 15)),
        ("mid jan", date(2027, 1, 15)),
        ("mid-dec 2026", date(2026, 12, 15)),
        ("mid-November", date(2027, 11, 15)),  # the 15th of this month has passed
        ("15/12", date(2026, 12, 15)),
        ("15.12.2026", date(2026, 12, 15)),
        ("12/15/2026", date(2026, 12, 15)),  # only month first makes a date of it
        ("12/15/26", date(2026, 12, 15)),
        ("3/4", date(2027, 4, 3)),  # day first
        ("2026/12/15", date(2026, 12, 15)),
        ("in 2 months", date(2027, 1, 21)),
        ("in a month", date(2026, 12, 21)),
        ("within two weeks", date(2026, 12, 5)),
    ],
)
def test_periods_quarters_mid_month_and_numbers_are_deadlines(text: str, expected: date) -> None:
    assert parse_deadline(text, TODAY) == expected


def test_a_quarter_of_this_year_while_it_runs() -> None:
    assert parse_deadline("by Q1".removeprefix("by "), date(2026, 2, 10)) == date(2026, 3, 31)
    assert parse_deadline("q2", date(2026, 2, 10)) == date(2026, 6, 30)


def test_numbers_are_read_in_the_order_asked_for() -> None:
    assert parse_deadline("3/4", TODAY, day_first=False) == date(2027, 3, 4)
    assert parse_deadline("15/12", TODAY, day_first=False) == date(2026, 12, 15)  # only day first makes a date
    assert parse_deadline("12/15/2026", TODAY, day_first=False) == date(2026, 12, 15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13/13", '"13/13" isn\'t a real date: there is no month 13.'),
        ("31/02/2027", '"31/02/2027" isn\'t a real date: February 2027 has 28 days.'),
        ("q2 2026", '"q2 2026" is Tue 30 Jun 2026, which has already passed.'),
        ("mid-blah", 'Couldn\'t read "mid-blah" as a date.'),
    ],
)
def test_new_forms_that_cannot_be_a_deadline_say_why(text: str, message: str) -> None:
    with pytest.raises(QuickAddError) as caught:
        parse_deadline(text, TODAY)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("environ", "day_first"),
    [
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "en_GB.UTF-8"}, True),
        ({"LANG": "de_DE.UTF-8"}, True),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"LC_TIME": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, False),
        ({"LANG": "ja_JP.UTF-8"}, False),
        ({"LANG": "C.UTF-8"}, True),
        ({}, True),
    ],
)
def test_the_locale_says_whether_the_day_comes_first(environ: dict[str, str], day_first: bool) -> None:
    assert locale_reads_day_first(environ) is day_first


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Send the deck @Priya in 2 weeks", ActionDraft("Send the deck", "Priya Raman", date(2026, 12, 5))),
        ("Send the deck in 2 weeks @priya", ActionDraft("Send the deck", "Priya Raman", date(2026, 12, 5))),
        ("Book the room within a month", ActionDraft("Book the room", "", date(2026, 12, 21))),
        ("Check in with HR @Marta Lopez by Q1", ActionDraft("Check in with HR", "Marta Lopez Garcia", date(2027, 3, 31))),
        ("Review @Priya's draft by end of Q2", ActionDraft("Review draft", "Priya Raman", date(2027, 6, 30))),
        ("@Dana Lee send the notes by mid-January", ActionDraft("send the notes", "Dana Lee", date(2027, 1, 15))),
        ("Update the CV @me by 15/12", ActionDraft("Update the CV", "Sam Ortiz", date(2026, 12, 15))),
        ("Update the CV @me by 12/15/2026", ActionDraft("Update the CV", "Sam Ortiz", date(2026, 12, 15))),
        ("Ask @Raman about it by Jan", ActionDraft("Ask about it", "Priya Raman", date(2027, 1, 31))),
        ("Plan the offsite @lee by next month", ActionDraft("Plan the offsite", "Dana Lee", date(2026, 12, 31))),
        ("Ask @Jo about it", ActionDraft("Ask about it", "Jo", None)),  # nobody called Jo: kept as written
    ],
)
def test_actions_take_the_new_deadlines_and_owners_of_several_words(line: str, expected: ActionDraft) -> None:
    assert parse_action(line, PERSON, MANAGER, TODAY, known=KNOWN) == expected


def test_an_owner_is_kept_as_written_when_nobody_is_known_by_it() -> None:
    assert parse_action("Send the deck @Priya's in 2 weeks", PERSON, MANAGER, TODAY).owner == "Priya"


def test_an_owner_several_known_people_share_is_refused_naming_them() -> None:
    with pytest.raises(QuickAddError) as caught:
        parse_action("Send the deck @Priya by friday", PERSON, MANAGER, TODAY, known=["Priya Raman", "Priya Shah"])
    assert str(caught.value) == "“@Priya” could be Priya Raman or Priya Shah: write more of the name, e.g. @Priya Raman."
    draft = parse_action("Send the deck @Priya Shah by friday", PERSON, MANAGER, TODAY, known=["Priya Raman", "Priya Shah"])
    assert (draft.text, draft.owner) == ("Send the deck", "Priya Shah")


def test_month_first_numbers_in_an_action_follow_the_setting() -> None:
    assert parse_action("Ship it by 3/4", PERSON, MANAGER, TODAY, day_first=False).due == date(2027, 3, 4)
    assert parse_action("Ship it by 3/4", PERSON, MANAGER, TODAY).due == date(2027, 4, 3)


def test_a_deadline_on_a_weekend_says_so_in_the_preview() -> None:
    draft = parse_action("Ship it @me by 2026-12-05", PERSON, MANAGER, TODAY)
    assert describe_draft(draft, TODAY) == "Ship it — owner Sam Ortiz — due Sat 5 Dec 2026 (in 14 days) — on a weekend"
    weekday = parse_action("Ship it @me by 2026-12-07", PERSON, MANAGER, TODAY)
    assert "weekend" not in describe_draft(weekday, TODAY)
