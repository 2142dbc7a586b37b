"""Quick-add: the one-line action typed by the manager, read into text, owner and deadline.

`parse_action` turns "Write the promotion case @Dana by 2026-12-15" into an
`ActionDraft`; `describe_draft` is the preview shown before it is saved. Dates are
read by meetingdesk/dates.py, the one place that parses them (its names are
re-exported here for the screens that show dates). Anything typed either parses or
raises `QuickAddError` with a sentence the manager can act on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from meetingdesk.dates import (
    DATE_FORMS_HINT,
    NUMBER_WORDS,
    QuickAddError,
    format_date,
    how_far,
    looks_like_a_date,
    parse_deadline,
    weekend_note,
)
from meetingdesk.names import find_people, name_key, tidy_name

__all__ = ["DATE_FORMS_HINT", "ActionDraft", "QuickAddError", "describe_draft", "format_date", "parse_action", "parse_deadline"]


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
_NEXT_WORD = re.compile(r" ([^\s@]+)")
_BY = re.compile(r"(?<=\s)by\s", re.IGNORECASE)
_DANGLING_BY = re.compile(r"(?<=\s)by\s$", re.IGNORECASE)
_IN_SPAN = re.compile(
    rf"(?<=\s)(?:in|within) (?:\d{{1,5}}|{'|'.join(NUMBER_WORDS)}) (?:days?|weeks?|months?)[.,;!]?\s*$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
OWNER_WORDS = 4
"""The most words an `@owner` may run to ("@Marta Lopez Garcia")."""


def parse_action(
    line: str, person: str, manager: str, today: date, *, known: Sequence[str] = (), day_first: bool = True
) -> ActionDraft:
    """Read a one-line action: `Write the promotion case @Dana by 2026-12-15`.

    Owner: `@name` anywhere; `@me` is the manager. The name may run over several words
    when a participant or someone in `known` is called that way (`@Marta Lopez`), and
    `@Priya's` is Priya. A participant's full name, first or last name, or full name
    written without spaces (any case) becomes that participant's name (the person wins
    if both share it); else, a known person's (every one it could be is named when
    several share it); any other word is kept as written. Only one `@owner` per action.

    Deadline: a " by " clause running to the end of the line (or up to an `@owner`
    that follows it). The rule that keeps ordinary English safe:
    - the final " by " clause is the deadline when it reads as a date;
    - when it does not, but starts like a date (a digit, a month or weekday name or
      a near miss such as "fridy", "next", "end", "in 3"), the line is refused with
      a sentence naming that text;
    - otherwise it is ordinary text ("Pair with the lead by default on reviews"),
      and the last earlier " by " clause that reads as a date is the deadline, if any.
    Without a " by " deadline, "in 2 weeks" or "within a month" ending the line (or
    just before the `@owner`) is the deadline: "Send the deck @Priya in 2 weeks".
    A "by" directly before the `@owner` ("Write it by @Dana") just introduces the owner
    and is dropped. A line that starts with "By" has no deadline clause. Numbers like
    15/12 are read day first when `day_first`, else month first.

    Whitespace is collapsed. Raises `QuickAddError` for anything it cannot read.
    """
    line = " ".join(str(line).split())
    owners = list(_OWNER.finditer(line))
    if len(owners) > 1:
        names = " and ".join(f'"@{match[1]}"' for match in owners)
        every = "both" if len(owners) == 2 else "all"
        raise QuickAddError(f"Give one owner: {names} {every} look like owners. Write the others without @.")
    owner = ""
    removed: list[tuple[int, int]] = []  # spans of the line that are not the action's text
    stop = len(line)  # where a deadline clause before the owner has to end
    if owners:
        participants = [name for name in (person, manager) if tidy_name(name)]
        owner_span, owner = _owner(line, owners[0], participants, [*participants, *known], manager)
        removed.append(owner_span)
        stop = owner_span[0]
        if dangling := _DANGLING_BY.search(line[:stop]):
            removed.append((dangling.start(), stop))
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
            due = parse_deadline(remainder, today, day_first)
        except QuickAddError:
            if position == 0 and looks_like_a_date(remainder):
                raise
            continue
        removed.append((start, end))
        break
    if due is None:
        for end in dict.fromkeys((len(line), stop)):
            span = _IN_SPAN.search(line[:end])
            if span and not any(start <= span.start() < stop_ for start, stop_ in removed):
                due = parse_deadline(span[0], today, day_first)
                removed.append((span.start(), end))
                break

    text = line
    for start, end in sorted(removed, reverse=True):
        text = text[:start] + " " + text[end:]
    text = " ".join(text.split())
    text = re.sub(r"\s+([,;:.!?])", r"\1", text).strip(" ,;:-–—")
    if not text:
        raise QuickAddError('Say what will be done, e.g. "Write the promotion case @Dana by 2026-12-15".')
    return ActionDraft(text=text, owner=owner, due=due)


def _bare(word: str) -> str:
    """A word of an `@owner` without its possessive or trailing punctuation: "Priya's," → "Priya"."""
    return _POSSESSIVE.sub("", word.rstrip(".,;:!?'’-")).rstrip(".'’-")


def _owner(
    line: str, match: re.Match[str], participants: list[str], known: list[str], manager: str
) -> tuple[tuple[int, int], str]:
    """Where the `@owner` is in the line (one word or, for a name someone is known by, several) and who it is."""
    words, end = [_bare(match[1])], match.end()
    following, at = [], match.end()
    while len(following) < OWNER_WORDS - 1 and (word := _NEXT_WORD.match(line, at)):
        following.append(word)
        at = word.end()
    for count in range(len(following), 0, -1):
        longer = [words[0], *(_bare(word[1]) for word in following[:count])]
        if all(longer) and find_people(" ".join(longer), known, whole_words=True):
            words, last = longer, following[count - 1]
            end = last.start(1) + len(last[1].rstrip(".,;:!?"))
            break
    typed = " ".join(words)
    if name_key(typed) == "me":
        return (match.start(), end), tidy_name(manager) or typed
    for among in (participants, known):
        found = find_people(typed, among, whole_words=True)
        if len(found) == 1 or (found and among is participants):
            return (match.start(), end), found[0]
        if found:
            names = ", ".join(found[:-1]) + f" or {found[-1]}"
            raise QuickAddError(f"“@{typed}” could be {names}: write more of the name, e.g. @{found[0]}.")
    return (match.start(), end), typed


def describe_draft(draft: ActionDraft, today: date) -> str:
    """The one-line preview shown before saving:
    `Write the promotion case — owner Dana Lee — due Tue 15 Dec 2026 (in 24 days)`, and
    `— on a weekend` after a deadline that falls on a Saturday or a Sunday.
    """
    owner = f"owner {draft.owner}" if draft.owner else "no owner yet"
    due = "no deadline yet"
    if draft.due:
        due = f"due {format_date(draft.due)} ({how_far(draft.due, today)}){weekend_note(draft.due)}"
    return f"{draft.text} — {owner} — {due}"
