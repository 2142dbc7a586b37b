"""Dates as a manager types and reads them: the one place that parses a date, and the one way one is shown.

`parse_deadline` turns "friday", "in 3 days", "by Q1", "mid-January", "15/12" or
"2026-12-15" into a date; `format_date` is the one way a date is shown anywhere in the
app. Numbers like 15/12 are read day first or month first (`day_first`, from the
settings or the locale: `locale_reads_day_first`). Our own grammar rather than a date
library: measured, dateparser adds about 110-160 ms to the first import and reads none
of "Q1", "end of Q2", "mid-January", "end of month" or "end of quarter" (README,
"Adding an action"). Anything typed either parses or raises `QuickAddError` with a
sentence the manager can act on. Nothing here imports Textual or touches the disk.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Mapping
from datetime import date, timedelta

from meetingdesk.errors import MeetingDeskError

DATE_FORMS_HINT = "Try 2026-12-15, friday, tomorrow, in 3 days, next week, end of month, 15/12, Q1 or mid-January."
"""The examples every date error ends with."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

_WEEKDAY_NUMBERS = {name: number for number, name in enumerate(WEEKDAYS)}
_WEEKDAY_NUMBERS.update({name[:3]: number for name, number in list(_WEEKDAY_NUMBERS.items())})
_WEEKDAY_NUMBERS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS.update({name[:3]: number for name, number in list(_MONTH_NUMBERS.items())})
_MONTH_NUMBERS["sept"] = 9
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
"""Numbers written as words in "in two weeks"."""
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Words that show a " by ..." clause was meant as a deadline, even when it does not parse.
_DATE_WORDS = (
    set(_WEEKDAY_NUMBERS)
    | set(_MONTH_NUMBERS)
    | {"today", "tomorrow", "tmrw", "next", "end", "week", "month", "quarter", "year", "mid"}
    | {"eod", "eow", "eom", "eoq", "eoy", "q1", "q2", "q3", "q4"}
)

_YEAR = r"(?:,? (\d{4}))?"
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", re.ASCII)
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?", re.ASCII)
_IN_N = re.compile(r"(?:in|within) (\d{1,5}|[a-z]+) (day|days|week|weeks|month|months)", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?" + _YEAR, re.ASCII)
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?" + _YEAR, re.ASCII)
_END_OF = re.compile(r"end of (?:the |this )?(week|month|quarter|year)")
_NEXT = re.compile(r"(?:end of )?(?:the )?next (month|quarter|year)")
_QUARTER = re.compile(r"(?:end of |the end of )?q([1-4])" + _YEAR, re.ASCII)
_MONTH = re.compile(r"(?:end of |the end of )?([a-z]+)\.?" + _YEAR, re.ASCII)
_MID = re.compile(r"mid[- ]?([a-z]+)\.?" + _YEAR, re.ASCII)
_SHORT_END = {"eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}

MONTH_FIRST_TERRITORIES = frozenset(
    {"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM", "CA", "JP", "CN", "KR", "TW", "HU", "MN"}
)
"""Where 12/15 is read month first: the United States and its territories, and the year-first
countries (Japan, China, Korea, Hungary…), whose short dates put the month first too."""


class QuickAddError(MeetingDeskError, ValueError):
    """Something typed could not be read; the message says what and how to fix it."""


def locale_reads_day_first(environ: Mapping[str, str]) -> bool:
    """True when the locale in `environ` writes 15/12 for 15 December (LC_ALL, then LC_TIME, then LANG).

    Month first in MONTH_FIRST_TERRITORIES (`en_US.UTF-8`); day first elsewhere, and
    when no locale is set or it is C or POSIX, as most of the world writes dates.
    """
    name = next((environ[key] for key in ("LC_ALL", "LC_TIME", "LANG") if environ.get(key)), "")
    territory = re.match(r"[A-Za-z]+_([A-Za-z]{2})", name)
    return not (territory and territory[1].upper() in MONTH_FIRST_TERRITORIES)


def parse_deadline(text: str, today: date, day_first: bool = True) -> date:
    """The date `text` names, counted from `today`. Case and surrounding spaces do not matter.

    Forms:
    - `2026-12-15`, `2026/12/15`; `15 dec`, `dec 15`, `15th of december 2026`: without a
      year, the next time that day comes round (today included).
    - `15/12`, `15.12.2026`, `12/15/26`: day first when `day_first`, else month first; when
      only the other order makes a real date, that one.
    - `today`, `tomorrow`.
    - `friday`, `fri`: the next Friday strictly after today.
    - `next friday`: Friday of next calendar week (weeks start on Monday), so on a
      Monday "next friday" is 11 days away.
    - `in 3 days`, `in two weeks`, `within a month`, `in 2 months` (numbers or a/one...twelve).
    - `next week`: Monday of next week.
    - `end of week` / `eow`: the coming Friday, today if today is Friday. On a weekend
      this week's working days are over, so it means the Friday after.
    - `end of month` / `eom`, `end of quarter` / `eoq`, `end of year` / `eoy`: the last day.
    - A month or a quarter means its last day: `next month`, `next quarter`, `next year`;
      `jan`, `end of January`, `january 2027`: the next January not yet over; `q1`,
      `end of q2`, `q3 2027`: that quarter of this year, or of next year once it is over.
    - `mid-January`, `mid jan`: the 15th, the next time it comes round.

    Dates before today are refused. Raises `QuickAddError` with a sentence naming the text.
    """
    shown = " ".join(str(text).split())
    spoken = shown.lower().rstrip(".,;!")
    if spoken.startswith("the "):
        spoken = spoken[4:]
    if not spoken:
        raise QuickAddError(f"Give a date. {DATE_FORMS_HINT}")
    try:
        found = _read_date(spoken, shown, today, day_first)
    except OverflowError:
        raise QuickAddError(f'"{shown}" is too far away to be a deadline. {DATE_FORMS_HINT}') from None
    if found is None:
        raise QuickAddError(f"Couldn't read \"{shown}\" as a date. {DATE_FORMS_HINT}")
    if found < today:
        raise QuickAddError(
            f'"{shown}" is {format_date(found)}, which has already passed. Give today or a later date.'
        )
    return found


def _read_date(spoken: str, shown: str, today: date, day_first: bool) -> date | None:
    """The date in lower-cased, space-collapsed `spoken`, or None when it names none.

    `shown` is the text as typed, for error messages.
    """
    if match := _ISO.fullmatch(spoken):
        return _real_date(int(match[1]), int(match[2]), int(match[3]), shown)
    if match := _NUMERIC.fullmatch(spoken):
        return _numeric(match, today, day_first, shown)
    if spoken in ("today", "end of day", "end of today", "eod"):
        return today
    if spoken in ("tomorrow", "tmrw"):
        return today + timedelta(days=1)
    if spoken in _WEEKDAY_NUMBERS:
        ahead = (_WEEKDAY_NUMBERS[spoken] - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if spoken.startswith("next ") and spoken[5:] in _WEEKDAY_NUMBERS:
        return _monday_of_next_week(today) + timedelta(days=_WEEKDAY_NUMBERS[spoken[5:]])
    if spoken == "next week":
        return _monday_of_next_week(today)
    if match := _IN_N.fullmatch(spoken):
        count = int(match[1]) if match[1].isdigit() else NUMBER_WORDS.get(match[1])
        if count is None:
            return None
        if match[2].startswith("month"):
            return months_later(today, count)
        return today + timedelta(days=count * 7 if match[2].startswith("week") else count)
    period = _SHORT_END.get(spoken)
    if period is None and (match := _END_OF.fullmatch(spoken)):
        period = match[1]
    if period is not None:
        return _end_of(period, today)
    if match := _NEXT.fullmatch(spoken):
        return _end_of(match[1], _end_of(match[1], today) + timedelta(days=1))
    if match := _QUARTER.fullmatch(spoken):
        return _quarter_end(int(match[1]), match[2], today, shown)
    if match := _MID.fullmatch(spoken):
        return _day_in_month(15, match[1], match[2], today, shown)
    if match := _DAY_MONTH.fullmatch(spoken):
        return _day_in_month(int(match[1]), match[2], match[3], today, shown)
    if match := _MONTH_DAY.fullmatch(spoken):
        return _day_in_month(int(match[2]), match[1], match[3], today, shown)
    if (match := _MONTH.fullmatch(spoken)) and match[1] in _MONTH_NUMBERS:
        return _month_end(_MONTH_NUMBERS[match[1]], match[2], today, shown)
    return None


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    """date(year, month, day), or a QuickAddError saying why that day does not exist."""
    if not 1 <= month <= 12:
        raise QuickAddError(f"\"{shown}\" isn't a real date: there is no month {month}. {DATE_FORMS_HINT}")
    if not 1 <= year <= 9999:
        raise QuickAddError(f"\"{shown}\" isn't a real date: the year is out of range. {DATE_FORMS_HINT}")
    if day < 1:
        raise QuickAddError(f"\"{shown}\" isn't a real date: days start at 1. {DATE_FORMS_HINT}")
    days_in_month = calendar.monthrange(year, month)[1]
    if day > days_in_month:
        raise QuickAddError(
            f"\"{shown}\" isn't a real date: {MONTHS[month - 1].title()} {year} has {days_in_month} days. "
            f"{DATE_FORMS_HINT}"
        )
    return date(year, month, day)


def _numeric(match: re.Match[str], today: date, day_first: bool, shown: str, pick=None) -> date | None:
    """15/12, 12/15/2026: in the order the locale reads, or the other when only that makes a date.

    Without a year, `pick(day, month, today)` chooses the year (the next time the day comes round).
    """
    first, second, year_text = int(match[1]), int(match[2]), match[3]
    year = None if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    orders = [(first, second), (second, first)] if day_first else [(second, first), (first, second)]
    for day, month in orders:
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]:  # 2000 was a leap year
            if year is not None:
                return date(year, month, day)
            return (pick or _next_day_of)(day, month, today)
    day, month = orders[0]
    return _real_date(year or today.year, month, day, shown)  # raises, saying why


def _next_day_of(day: int, month: int, today: date) -> date | None:
    """The next `day` of `month` from today on: 29 Feb may be years away; any other day comes round within a year."""
    for year in range(today.year, min(today.year + 9, 10000)):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    return None


def _last_day_of(day: int, month: int, today: date) -> date | None:
    """The last `day` of `month` up to today: 29 Feb may be years back; any other day came round within a year."""
    for year in range(today.year, max(today.year - 9, 0), -1):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) <= today:
            return date(year, month, day)
    return None


PAST_FORMS_HINT = "Try 2026-03-15, 15 mar, 15/3, yesterday, 3 days ago or 2 weeks ago."
"""The examples every error about a past day ends with."""
_AGO = re.compile(r"(\d{1,5}|[a-z]+) (day|days|week|weeks|month|months) ago", re.ASCII)


def parse_past_day(text: str, today: date, day_first: bool = True) -> date:
    """The day `text` names, today or before: when evidence happened, or where a listing starts.

    Forms: `2026-03-15`; `15 mar`, `mar 15`, `15th of march 2026`, `15/3` (without a year,
    the last time that day came round, today included); `today`, `yesterday`; `3 days
    ago`, `two weeks ago`, `a month ago`. A day after today is refused. Raises
    `QuickAddError` with a sentence naming the text.
    """
    shown = " ".join(str(text).split())
    spoken = shown.lower().rstrip(".,;!")
    found: date | None = None
    if not spoken:
        raise QuickAddError(f"Give a date. {PAST_FORMS_HINT}")
    if spoken == "today":
        found = today
    elif spoken == "yesterday":
        found = today - timedelta(days=1)
    elif match := _AGO.fullmatch(spoken):
        count = int(match[1]) if match[1].isdigit() else NUMBER_WORDS.get(match[1])
        if count is not None:
            try:
                found = months_later(today, -count) if match[2].startswith("month") else today - timedelta(
                    days=count * 7 if match[2].startswith("week") else count
                )
            except (OverflowError, ValueError):
                raise QuickAddError(f'"{shown}" is too long ago to be a date. {PAST_FORMS_HINT}') from None
    elif match := _ISO.fullmatch(spoken):
        found = _real_date(int(match[1]), int(match[2]), int(match[3]), shown)
    elif match := _NUMERIC.fullmatch(spoken):
        found = _numeric(match, today, day_first, shown, pick=_last_day_of)
    elif match := _DAY_MONTH.fullmatch(spoken) or _MONTH_DAY.fullmatch(spoken):
        day, month_word = (match[1], match[2]) if match.re is _DAY_MONTH else (match[2], match[1])
        month = _MONTH_NUMBERS.get(month_word)
        if month is not None:
            if match[3] is not None:
                found = _real_date(int(match[3]), month, int(day), shown)
            elif not 1 <= int(day) <= calendar.monthrange(2000, month)[1]:
                found = _real_date(today.year, month, int(day), shown)  # raises, saying why
            else:
                found = _last_day_of(int(day), month, today)
    if found is None:
        raise QuickAddError(f"Couldn't read \"{shown}\" as a date. {PAST_FORMS_HINT}")
    if found > today:
        raise QuickAddError(f'"{shown}" is {format_date(found)}, which is still to come. Give today or an earlier date.')
    return found


def _day_in_month(day: int, month_word: str, year_text: str | None, today: date, shown: str) -> date | None:
    """"15 dec" and friends: with a year that exact day, without it the next one from today on."""
    month = _MONTH_NUMBERS.get(month_word)
    if month is None:
        return None
    if year_text is not None:
        return _real_date(int(year_text), month, day, shown)
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return _real_date(today.year, month, day, shown)  # raises, saying why
    return _next_day_of(day, month, today)


def _month_end(month: int, year_text: str | None, today: date, shown: str) -> date:
    """The last day of `month`: of the year given, else of the next such month not yet over."""
    if year_text is not None:
        year = int(year_text)
        _real_date(year, month, 1, shown)  # refuses year 0
        return date(year, month, calendar.monthrange(year, month)[1])
    year = today.year if month >= today.month else today.year + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(quarter: int, year_text: str | None, today: date, shown: str) -> date:
    """The last day of quarter 1-4: of the year given, else this year's, or next year's once it is over."""
    last = _month_end(quarter * 3, year_text, today, shown)
    return last if year_text is not None or last >= today else last.replace(year=last.year + 1)


def check_in_after(day: date, cadence: str | None) -> date | None:
    """The next check-in `cadence` puts after `day`; None for no cadence.

    A month later keeps the day of the month where the month has it (31 Jan → 28 Feb); a
    day that falls on a weekend moves to the Monday after.
    """
    if cadence in (None, "none"):
        return None
    if cadence == "weekly":
        later = date.fromordinal(day.toordinal() + 7)
    elif cadence == "every 2 weeks":
        later = date.fromordinal(day.toordinal() + 14)
    else:
        later = months_later(day, 1 if cadence == "monthly" else 3)
    return later + timedelta(days=7 - later.weekday()) if later.weekday() >= 5 else later


def months_later(today: date, count: int) -> date:
    """The same day `count` months on, or that month's last day when it is shorter."""
    month_index = today.month - 1 + count
    year, month = today.year + month_index // 12, month_index % 12 + 1
    if not 1 <= year <= 9999:
        raise OverflowError
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _monday_of_next_week(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _end_of(period: str, today: date) -> date:
    """The last day of the week (its Friday), month, quarter or year that `today` is in."""
    if period == "week":
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if period == "year":
        return date(today.year, 12, 31)
    month = today.month if period == "month" else (today.month - 1) // 3 * 3 + 3
    return date(today.year, month, calendar.monthrange(today.year, month)[1])


def looks_like_a_date(remainder: str) -> bool:
    """True when a " by ..." clause starts the way a deadline would."""
    words = remainder.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    first = words[0].rstrip(".,;!")
    if any(character.isdigit() for character in first):
        return True
    if first in ("in", "within"):
        return len(words) > 1 and (words[1].isdigit() or words[1] in NUMBER_WORDS)
    if first in _DATE_WORDS or first.startswith("mid-"):
        return True
    # Near misses of longer words only: "fridy", "tomorow"; not "monthly" or "email".
    return len(first) >= 4 and bool(difflib.get_close_matches(first, _DATE_WORDS, n=1, cutoff=0.85))


def how_far(day: date, today: date) -> str:
    """"today", "tomorrow", "in 24 days", "3 days ago"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def weekend_note(day: date) -> str:
    """" — on a weekend" after a deadline on a Saturday or a Sunday, which is easy to miss; else ""."""
    return " — on a weekend" if day.weekday() >= 5 else ""


def format_date(d: date) -> str:
    """The one date format used everywhere in the app: "Tue 15 Dec 2026" (English, whatever the locale)."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"
