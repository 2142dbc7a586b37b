"""Finding meetings by the words said in them, and what is still open across people, from the index.

Search matches every word typed as the start of a word in the meeting (person,
agenda, shared notes, goals, actions: never private notes), any letter case and
accents ignored: "migr" finds "Migration". A word typed with a leading `*` matches
inside words too ("*gration"), which reads every meeting's words and so is only done
when asked. Words are cut as storage/words.py cuts them. Results come newest first, a page at a time, whatever the history's size.
Nothing here imports Textual.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from meetingdesk.names import name_key
from meetingdesk.storage.index import MeetingIndex
from meetingdesk.storage.rows import ROW_COLUMNS, MeetingRow
from meetingdesk.storage.words import words

COUNT_UP_TO = 1000
"""Search counts its matches up to this; past it, the screen says "more than 1,000"."""
WIDEST = 64
"""A word typed in part that starts more indexed words than this is asked as a prefix query instead."""


@dataclass(frozen=True)
class ActionRow:
    """One action, as the newest meeting holding it has it."""

    id: str
    """The action's id, the same in every meeting it was carried through."""
    text: str
    """What will be done."""
    owner: str
    """Who does it ("" when nobody was named)."""
    due: date | None
    """The deadline, or None."""
    meeting_id: str
    """The newest meeting holding the action: enter opens it."""
    person: str
    """The person that meeting was with."""
    meeting_date: date
    """The day of that meeting."""
    agreed_on: date
    """The day it was first agreed (the meeting's day when not recorded), for its age."""
    carried_count: int
    """How many later meetings it has been carried through while open."""
    done_on: date | None = None
    """The day it was marked done, or None."""
    dropped_reason: str = ""
    """Why it was dropped ("" unless dropped)."""

    @property
    def status(self) -> str:
        """"open", "done" or "dropped", by models.action_status's rule (not imported: it loads pydantic)."""
        if self.done_on is not None:
            return "done"
        return "dropped" if self.dropped_reason else "open"

    @property
    def is_open(self) -> bool:
        """True until it is done or dropped."""
        return self.status == "open"

    def age_days(self, today: date) -> int:
        """Whole days since the action was agreed (never negative)."""
        return max(0, (today - self.agreed_on).days)

    def is_overdue(self, today: date) -> bool:
        """True when it is still open and its deadline has passed."""
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True)
class Query:
    """What was typed in the search box, as the index can ask it."""

    starts: tuple[str, ...]
    """Words every meeting found has a word starting with."""
    inside: tuple[str, ...]
    """Pieces every meeting found has inside one of its words (typed with a leading `*`)."""

    @classmethod
    def parse(cls, text: str) -> Query:
        starts: list[str] = []
        inside: list[str] = []
        for typed in text.split():
            if typed.startswith("*"):
                inside += words(typed.lstrip("*"))
            else:
                starts += words(typed)
        return cls(tuple(dict.fromkeys(starts)), tuple(dict.fromkeys(inside)))

    @property
    def empty(self) -> bool:
        return not self.starts and not self.inside

    def expression(self, db: sqlite3.Connection) -> str | None:
        """The full-text MATCH expression for the words typed ("" when none), or None if nothing can match.

        A word typed in part becomes the words that start with it, from the list of every
        word indexed: a handful of whole words, which the index walks newest first and
        stops at a page, where a prefix query would read every match first.
        """
        expressions = []
        for start in self.starts:
            found = [
                term
                for (term,) in db.execute(
                    "SELECT term FROM terms WHERE term >= ? AND term < ? LIMIT ?", (start, start + "\U0010ffff", WIDEST + 1)
                )
            ]
            if not found:
                return None
            expressions.append(f'"{start}"*' if len(found) > WIDEST else "(" + " OR ".join(f'"{term}"' for term in found) + ")")
        return " AND ".join(expressions)

    def where(self, db: sqlite3.Connection, person: str | None) -> tuple[str, list] | None:
        """The WHERE clause over `words` joined with `meetings AS m`, and its parameters; None if nothing can match."""
        expression = self.expression(db)
        if expression is None:
            return None
        clauses: list[str] = []
        parameters: list = []
        if expression:
            clauses.append("words MATCH ?")
            parameters.append(expression)
        for piece in self.inside:
            clauses.append("words.text LIKE ?")
            parameters.append(f"%{piece}%")
        if person is not None:
            clauses.append("m.person_key = ?")
            parameters.append(name_key(person))
        return " AND ".join(clauses), parameters


class Search:
    """Questions across every meeting, answered by the index."""

    def __init__(self, index: MeetingIndex) -> None:
        self.index = index

    def meetings(self, text: str, person: str | None = None, limit: int | None = None) -> list[MeetingRow]:
        """The meetings (only `person`'s when given) holding every word of `text`, newest first."""
        query = Query.parse(text)
        if query.empty:
            return []
        self.index.refresh_words()
        db = self.index.cache.connection()
        clause = query.where(db, person)
        if clause is None:
            return []
        where, parameters = clause
        columns = ", ".join(f"m.{column.strip()}" for column in ROW_COLUMNS.split(","))
        sql = f"SELECT {columns} FROM words JOIN meetings AS m ON m.sort_key = words.rowid WHERE {where} ORDER BY words.rowid DESC"
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        return [MeetingRow.from_sql(values) for values in db.execute(sql, parameters)]

    def count(self, text: str, person: str | None = None, most: int = COUNT_UP_TO) -> int:
        """How many meetings `meetings()` would list, counting no further than `most` + 1."""
        query = Query.parse(text)
        if query.empty:
            return 0
        self.index.refresh_words()
        db = self.index.cache.connection()
        clause = query.where(db, person)
        if clause is None:
            return 0
        where, parameters = clause
        # Counting stops past `most`: an exact count reads every match, a page reads only a page.
        sql = f"SELECT count(*) FROM (SELECT 1 FROM words JOIN meetings AS m ON m.sort_key = words.rowid WHERE {where} LIMIT {int(most) + 1})"
        return db.execute(sql, parameters).fetchone()[0]

    def actions(self, owner: str | None = None, person: str | None = None, open_only: bool = True) -> list[ActionRow]:
        """Every action once (as its newest meeting has it), soonest deadline first, none last.

        Only open ones unless `open_only` is False; only `owner`'s, or only those from
        meetings with `person`, when given (any case). An action done or dropped in a
        later meeting is not open, even if an older copy is.
        """
        sql = (
            "SELECT a.action_id, a.text, a.owner, a.due, a.meeting_id, m.person, m.started_at, m.created_at, "
            "a.agreed_on, a.carried_count, a.done_on, a.dropped_reason FROM actions AS a "
            "JOIN meetings AS m ON m.id = a.meeting_id WHERE a.newest = 1"
        )
        parameters: list = []
        if open_only:
            sql += " AND a.done_on IS NULL AND a.dropped_reason = ''"
        if owner is not None:
            sql += " AND a.owner_key = ?"
            parameters.append(name_key(owner))
        if person is not None:
            sql += " AND m.person_key = ?"
            parameters.append(name_key(person))
        sql += " ORDER BY a.due IS NULL, a.due, m.sort_key, a.position"
        found = []
        for action_id, text, who, due, meeting_id, with_person, started, created, agreed, carried, done, dropped in (
            self.index.cache.connection().execute(sql, parameters)
        ):
            day = datetime.fromisoformat(started or created).astimezone().date()
            found.append(
                ActionRow(
                    id=action_id,
                    text=text,
                    owner=who,
                    due=_date(due),
                    meeting_id=meeting_id,
                    person=with_person,
                    meeting_date=day,
                    agreed_on=_date(agreed) or day,
                    carried_count=carried,
                    done_on=_date(done),
                    dropped_reason=dropped,
                )
            )
        return found

    def owners(self, open_only: bool = True) -> list[str]:
        """Everyone who owns an open action (any action unless `open_only`), each once, in alphabetical
        order, spelled as first written."""
        still_open = " AND done_on IS NULL AND dropped_reason = ''" if open_only else ""
        sql = (
            # SQLite takes a bare column from the row min() picks: the owner as first written.
            f"SELECT owner, min(sort_key) FROM actions WHERE newest = 1 AND owner_key != ''{still_open} GROUP BY owner_key"
        )
        return sorted((owner for owner, _first in self.index.cache.connection().execute(sql)), key=str.casefold)

    def meeting_days(self) -> dict[str, tuple[date | None, date | None]]:
        """For each person met (by name key): the day of their latest meeting held and of the next one planned."""
        sql = (
            "SELECT person_key, max(CASE WHEN status != 'planned' THEN sort_key END), "
            "min(CASE WHEN status = 'planned' THEN planned_for END) FROM meetings GROUP BY person_key"
        )
        return {
            key: (None if latest is None else datetime.fromtimestamp(latest / 1_000_000).astimezone().date(), _date(planned))
            for key, latest, planned in self.index.cache.connection().execute(sql)
        }


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
