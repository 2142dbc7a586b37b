"""Reading the day something happened: today or before, never a day to come."""

from __future__ import annotations

from datetime import date

import pytest

from meetingdesk.dates import QuickAddError, parse_past_day

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-03-15", date(2026, 3, 15)),
        ("15 mar", date(2026, 3, 15)),
        ("Mar 15", date(2026, 3, 15)),
        ("1 dec", date(2025, 12, 1)),
        ("23 nov", TODAY),
        ("29 feb", date(2024, 2, 29)),
        ("15th of march 2025", date(2025, 3, 15)),
        ("15/3", date(2026, 3, 15)),
        ("today", TODAY),
        ("yesterday", date(2026, 11, 22)),
        ("3 days ago", date(2026, 11, 20)),
        ("two weeks ago", date(2026, 11, 9)),
        ("a month ago", date(2026, 10, 23)),
        ("13 months ago", date(2025, 10, 23)),
    ],
)
def test_a_past_day_is_read_looking_back(typed: str, day: date) -> None:
    assert parse_past_day(typed, TODAY) == day


def test_month_first_when_the_manager_reads_dates_that_way() -> None:
    assert parse_past_day("3/15", TODAY, day_first=False) == date(2026, 3, 15)
    assert parse_past_day("4/3", TODAY, day_first=False) == date(2026, 4, 3)
    assert parse_past_day("4/3", TODAY) == date(2026, 3, 4)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("tomorrow", "Couldn't read \"tomorrow\" as a date. Try 2026-03-15"),
        ("2027-01-01", "is Fri 1 Jan 2027, which is still to come"),
        ("31 feb", "isn't a real date"),
        ("99999 months ago", "too long ago"),
        ("", "Give a date."),
        ("lately", "Couldn't read \"lately\""),
    ],
)
def test_a_day_to_come_or_unreadable_is_one_sentence(typed: str, words: str) -> None:
    with pytest.raises(QuickAddError) as refused:
        parse_past_day(typed, TODAY)
    assert words in str(refused.value)
