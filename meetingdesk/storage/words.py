"""The words search knows a meeting by, cut the same way for what is indexed and what is typed.

A word is a run of letters and digits, in lower case, its accents removed ("Zoë's
migration" gives "zoe", "s", "migration"). The index stores each meeting's words
once, and keeps the list of every word it has seen, so a word typed in part can be
looked up among the words that start with it. Nothing here imports Textual.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meetingdesk.models import Meeting

_TOKEN = re.compile(r"[^\W_]+")
"""Letters and digits."""
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining accents that decomposition splits off Latin, Greek and Cyrillic letters."""


def words(text: str) -> list[str]:
    """The words of `text`, in order, repeats kept: lower case, accents removed."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _ACCENTS.sub("", unicodedata.normalize("NFKD", folded))
    return _TOKEN.findall(folded)


def words_of(meeting: Meeting) -> set[str]:
    """What search finds a meeting by: person, agenda, shared notes, goals, actions (never private notes)."""
    parts = [meeting.person, meeting.agenda_title]
    parts += [section.notes for section in meeting.sections]
    for priority in meeting.priorities:
        parts += [priority.text, priority.measure]
    parts += [action.text for action in meeting.actions]
    return set(words("\n".join(parts)))
