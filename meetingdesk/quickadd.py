"""Quick-add: the one place that reads dates and one-line actions typed by the manager.

`parse_deadline` turns "friday", "in 3 days" or "2026-12-15" into a date;
`parse_action` turns "Write the promotion case @Dana by 2026-12-15" into an
`ActionDraft`; `format_date` is the one way a date is shown anywhere in the app.
Anything typed either parses or raises `QuickAddError` with a sentence the
manager can act on.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from meetingdesk.errors import MeetingDeskError

DATE_FORMS_HINT = "Try 2026-12-15, friday, tomorrow, in 3 days, next week, end of month or end of quarter."
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
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Words that show a " by ..." clause was meant as a deadline, even when it does not parse.
_DATE_WORDS = (
    set(_WEEKDAY_NUMBERS)
    | set(_MONTH_NUMBERS)
    | {"today", "tomorrow", "tmrw", "next", "end", "week", "month", "quarter", "year"}
    | {"eod", "eow", "eom", "eoq", "eoy"}
)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_IN_N = re.compile(r"in (\d{1,5}|[a-z]+) (day|days|week|weeks)", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?:,? (\d{4}))?", re.ASCII)
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", re.ASCII)
_END_OF = re.compile(r"end of (?:the |this )?(week|month|quarter|year)")
_SHORT_END = {"eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}


class QuickAddError(MeetingDeskError, ValueError):
    """Something typed could not be read; the message says what and how to fix it."""


def parse_deadline(text: str, today: date) -> date:
    """The date `text` names, counted from `today`. Case and surrounding spaces do not matter.

    Forms:
    - `2026-12-15`; `15 dec`, `dec 15`, `15th of december 2026`: without a year, the
      next time that day comes round (today included).
    - `today`, `tomorrow`.
    - `friday`, `fri`: the next Friday strictly after today.
    - `next friday`: Friday of next calendar week (weeks start on Monday), so on a
      Monday "next friday" is 11 days away.
    - `in 3 days`, `in two weeks`, `in a week` (numbers or a/one...ten).
    - `next week`: Monday of next week.
    - `end of week` / `eow`: the coming Friday, today if today is Friday. On a weekend
      this week's working days are over, so it means the Friday after.
    - `end of month` / `eom`, `end of quarter` / `eoq`, `end of year` / `eoy`: the last day.

    Dates before today are refused. Raises `QuickAddError` with a sentence naming the text.
    """
    shown = " ".join(str(text).split())
    spoken = shown.lower().rstrip(".,;!")
    if spoken.startswith("the "):
        spoken = spoken[4:]
    if not spoken:
        raise QuickAddError(f"Give a date. {DATE_FORMS_HINT}")
    try:
        found = _read_date(spoken, shown, today)
    except OverflowError:
        raise QuickAddError(f'"{shown}" is too far away to be a deadline. {DATE_FORMS_HINT}') from None
    if found is None:
        raise QuickAddError(f"Couldn't read \"{shown}\" as a date. {DATE_FORMS_HINT}")
    if found < today:
        raise QuickAddError(
            f'"{shown}" is {format_date(found)}, which has already passed. Give today or a later date.'
        )
    return found


PAST_FORMS_HINT = "Try 2026-03-15, 15 mar, yesterday, 3 days ago or 2 weeks ago."
"""The examples every error about a past day ends with."""
_AGO = re.compile(r"(\d{1,5}|[a-z]+) (day|days|week|weeks|month|months) ago", re.ASCII)


def parse_past_day(text: str, today: date) -> date:
    """The day `text` names, today or before: when evidence happened, or where a listing starts.

    Forms: `2026-03-15`; `15 mar`, `mar 15`, `15th of march 2026` (without a year, the
    last time that day came round, today included); `today`, `yesterday`; `3 days ago`,
    `two weeks ago`, `a month ago`. A day after today is refused. Raises `QuickAddError`
    with a sentence naming the text.
    """
    shown = " ".join(str(text).split())
    spoken = shown.lower().rstrip(".,;!")
    if not spoken:
        raise QuickAddError(f"Give a date. {PAST_FORMS_HINT}")
    found: date | None = None
    if spoken == "yesterday":
        found = today - timedelta(days=1)
    elif match := _AGO.fullmatch(spoken):
        count = _NUMBER_WORDS.get(match[1]) if not match[1].isdigit() else int(match[1])
        if count is not None:
            try:
                found = _months_before(today, count) if match[2].startswith("month") else today - timedelta(
                    days=count * 7 if match[2].startswith("week") else count
                )
            except (OverflowError, ValueError):
                raise QuickAddError(f'"{shown}" is too long ago to be a date. {PAST_FORMS_HINT}') from None
    elif (match := _DAY_MONTH.fullmatch(spoken) or _MONTH_DAY.fullmatch(spoken)) and match[3] is None:
        day_text, month_word = (match[1], match[2]) if match.re is _DAY_MONTH else (match[2], match[1])
        found = _last_day_in_month(int(day_text), month_word, today, shown)
    elif spoken == "today" or _ISO.fullmatch(spoken) or _DAY_MONTH.fullmatch(spoken) or _MONTH_DAY.fullmatch(spoken):
        found = _read_date(spoken, shown, today)
    if found is None:
        raise QuickAddError(f"Couldn't read \"{shown}\" as a date. {PAST_FORMS_HINT}")
    if found > today:
        raise QuickAddError(f'"{shown}" is {format_date(found)}, which is still to come. Give today or an earlier date.')
    return found


def _last_day_in_month(day: int, month_word: str, today: date, shown: str) -> date | None:
    """"15 mar" looking back: the last time that day came round, today included."""
    month = _MONTH_NUMBERS.get(month_word)
    if month is None:
        return None
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000 was a leap year
        return _real_date(today.year, month, day, shown)  # raises, saying why
    # 29 Feb may be years back; any other day came round within a year.
    for year in range(today.year, max(today.year - 9, 0), -1):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) <= today:
            return date(year, month, day)
    return None


def _months_before(today: date, count: int) -> date:
    """The same day `count` months before `today` (the month's last day when it is shorter)."""
    month_index = today.year * 12 + today.month - 1 - count
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _read_date(spoken: str, shown: str, today: date) -> date | None:
    """The date in lower-cased, space-collapsed `spoken`, or None when it names none.

    `shown` is the text as typed, for error messages.
    """
    if match := _ISO.fullmatch(spoken):
        return _real_date(int(match[1]), int(match[2]), int(match[3]), shown)
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
        count = _NUMBER_WORDS.get(match[1]) if not match[1].isdigit() else int(match[1])
        if count is None:
            return None
        days = count * 7 if match[2].startswith("week") else count
        return today + timedelta(days=days)
    period = _SHORT_END.get(spoken)
    if period is None and (match := _END_OF.fullmatch(spoken)):
        period = match[1]
    if period is not None:
        return _end_of(period, today)
    if match := _DAY_MONTH.fullmatch(spoken):
        return _day_in_month(int(match[1]), match[2], match[3], today, shown)
    if match := _MONTH_DAY.fullmatch(spoken):
        return _day_in_month(int(match[2]), match[1], match[3], today, shown)
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


def _day_in_month(day: int, month_word: str, year_text: str | None, today: date, shown: str) -> date | None:
    """"15 dec" and friends: with a year that exact day, without it the next one from today on."""
    month = _MONTH_NUMBERS.get(month_word)
    if month is None:
        return None
    if year_text is not None:
        return _real_date(int(year_text), month, day, shown)
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000 was a leap year
        return _real_date(today.year, month, day, shown)  # raises, saying why
    # 29 Feb may be years away; any other day comes round within a year.
    for year in range(today.year, min(today.year + 9, 10000)):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= today:
            return date(year, month, day)
    return None


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


@dataclass(frozen=True)
class ActionDraft:
    """An action as read from one typed line, before it is saved as an `ActionItem`."""

    text: str
    """What will be done."""
    owner: str
    """Who does it: a participant's full name, a name as written, or "" when none was given."""
    due: date | None
    """The deadline, or None when none was given."""


_OWNER = re.compile(r"(?<!\S)@(\w[\w.'’-]*)")
_BY = re.compile(r"(?<=\s)by\s", re.IGNORECASE)
_DANGLING_BY = re.compile(r"(?<=\s)by\s$", re.IGNORECASE)


def parse_action(line: str, person: str, manager: str, today: date) -> ActionDraft:
    """Read a one-line action: `Write the promotion case @Dana by 2026-12-15`.

    Owner: `@word` anywhere. `@me` is the manager; a first name, or a full name
    written without spaces (any case), of the person or the manager becomes that
    participant's full name (the person wins if both share it); any other word is
    kept as written. Only one `@owner` per action.

    Deadline: a " by " clause running to the end of the line (or up to an `@owner`
    that follows it). The rule that keeps ordinary English safe:
    - the final " by " clause is the deadline when it reads as a date;
    - when it does not, but starts like a date (a digit, a month or weekday name or
      a near miss such as "fridy", "next", "end", "in 3"), the line is refused with
      a sentence naming that text;
    - otherwise it is ordinary text ("Pair with the lead by default on reviews"),
      and the last earlier " by " clause that reads as a date is the deadline, if any.
    A "by" directly before the `@owner` ("Write it by @Dana") just introduces the owner
    and is dropped. A line that starts with "By" has no deadline clause.

    Whitespace is collapsed. Raises `QuickAddError` for anything it cannot read.
    """
    line = " ".join(str(line).split())
    owners = list(_OWNER.finditer(line))
    if len(owners) > 1:
        names = " and ".join(f'"@{match[1]}"' for match in owners)
        every = "both" if len(owners) == 2 else "all"
        raise QuickAddError(f"Give one owner: {names} {every} look like owners. Write the others without @.")
    owner_match = owners[0] if owners else None
    owner = _resolve_owner(owner_match[1], person, manager) if owner_match else ""

    removed: list[tuple[int, int]] = []  # spans of the line that are not the action's text
    stop = len(line)  # where a deadline clause before the owner has to end
    if owner_match:
        removed.append(owner_match.span())
        stop = owner_match.start()
        if dangling := _DANGLING_BY.search(line[: owner_match.start()]):
            removed.append((dangling.start(), owner_match.start()))
            stop = dangling.start()

    clauses = []
    for by in _BY.finditer(line):
        end = stop if by.end() <= stop else len(line)
        if by.start() < end:
            clauses.append((by.start(), end, line[by.end() : end].strip()))
    due: date | None = None
    for position, (start, end, remainder) in enumerate(reversed(clauses)):
        if not remainder:
            continue
        try:
            due = parse_deadline(remainder, today)
        except QuickAddError:
            if position == 0 and _looks_like_a_date(remainder):
                raise
            continue
        removed.append((start, end))
        break

    text = line
    for start, end in sorted(removed, reverse=True):
        text = text[:start] + " " + text[end:]
    text = " ".join(text.split())
    text = re.sub(r"\s+([,;:.!?])", r"\1", text).strip(" ,;:-–—")
    if not text:
        raise QuickAddError('Say what will be done, e.g. "Write the promotion case @Dana by 2026-12-15".')
    return ActionDraft(text=text, owner=owner, due=due)


def _resolve_owner(word: str, person: str, manager: str) -> str:
    """The full name `@word` stands for, or the word as written."""
    word = word.rstrip(".'’-")
    key = word.lower()
    if key == "me":
        return manager.strip() or word
    for full_name in (person, manager):
        parts = full_name.split()
        if parts and key in (parts[0].lower(), "".join(parts).lower()):
            return " ".join(parts)
    return word


def _looks_like_a_date(remainder: str) -> bool:
    """True when a " by ..." clause starts the way a deadline would."""
    words = remainder.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    first = words[0].rstrip(".,;!")
    if any(character.isdigit() for character in first):
        return True
    if first == "in":
        return len(words) > 1 and (words[1].isdigit() or words[1] in _NUMBER_WORDS)
    if first in _DATE_WORDS:
        return True
    # Near misses of longer words only: "fridy", "tomorow"; not "monthly" or "email".
    return len(first) >= 4 and bool(difflib.get_close_matches(first, _DATE_WORDS, n=1, cutoff=0.85))


def describe_draft(draft: ActionDraft, today: date) -> str:
    """The one-line preview shown before saving:
    `Write the promotion case — owner Dana Lee — due Tue 15 Dec 2026 (in 24 days)`.
    """
    owner = f"owner {draft.owner}" if draft.owner else "no owner yet"
    due = f"due {format_date(draft.due)} ({_how_far(draft.due, today)})" if draft.due else "no deadline yet"
    return f"{draft.text} — {owner} — {due}"


def _how_far(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def format_date(d: date) -> str:
    """The one date format used everywhere in the app: "Tue 15 Dec 2026" (English, whatever the locale)."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"
