"""Goals across meetings and who is due for a check-in, from the index.

Every meeting's copy of a goal is one row of the `goals` table, the goal whole in its
`data`; the copy in the newest meeting holding the goal is marked `newest`, so the
active goals of a person are one indexed query whatever the history's size, and a
goal's history is its rows in meeting order. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from meetingdesk.names import name_key

if TYPE_CHECKING:
    import sqlite3

    from meetingdesk.goals import GoalPlan
    from meetingdesk.models import Meeting, Priority
    from meetingdesk.storage.index import MeetingIndex

def _active(alias: str) -> str:
    """The SQL saying the goal row `alias` is not achieved or dropped."""
    return f"({alias}.status IS NULL OR {alias}.status NOT IN ('achieved', 'dropped'))"


# --- writing, inside the index's transactions --------------------------------------------------


def put_goals(db: sqlite3.Connection, meeting: Meeting, sort_key: int) -> set[str]:
    """Write the rows of `meeting`'s goals (replacing its old ones); the ids of every goal touched."""
    touched = drop_goals(db, meeting.id)
    db.executemany(
        "INSERT OR REPLACE INTO goals (goal_id, meeting_id, sort_key, position, text, measure, due, status, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                goal.id,
                meeting.id,
                sort_key,
                position,
                goal.text,
                goal.measure,
                goal.due.isoformat() if goal.due else None,
                goal.status,
                goal.model_dump_json(),
            )
            for position, goal in enumerate(meeting.priorities)
        ],
    )
    return touched | {goal.id for goal in meeting.priorities}


def drop_goals(db: sqlite3.Connection, meeting_id: str) -> set[str]:
    """Remove the rows of a meeting's goals; the ids of the goals they were."""
    touched = {goal_id for (goal_id,) in db.execute("SELECT goal_id FROM goals WHERE meeting_id = ?", (meeting_id,))}
    db.execute("DELETE FROM goals WHERE meeting_id = ?", (meeting_id,))
    return touched


def mark_newest_goals(db: sqlite3.Connection, goal_ids: set[str]) -> None:
    """Mark, for each goal, the copy in its newest meeting: that copy says where the goal stands."""
    if goal_ids:
        db.execute(
            "UPDATE goals SET newest = (sort_key = (SELECT max(sort_key) FROM goals AS other "
            "WHERE other.goal_id = goals.goal_id)) WHERE goal_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(goal_ids)),),
        )


# --- reading ------------------------------------------------------------------------------

SOON_DAYS = 7
"""A check-in this many days away or fewer counts as due (the home screen names who)."""


@dataclass(frozen=True)
class CheckInDue:
    """One person, when they were last met and when the next check-in is."""

    person: str
    """The person, spelled as in their latest meeting."""
    last_meeting: date
    """The day of their latest meeting."""
    last_meeting_id: str
    """That meeting's id."""
    next_check_in: date | None
    """The agreed next check-in, else the latest meeting's day plus the cadence; None when neither says."""
    cadence: str | None
    """How often to check in with them (the latest said), or None."""
    open_actions: int
    """How many actions from meetings with them are still open (each counted once)."""

    def is_overdue(self, today: date) -> bool:
        """True when the next check-in's day has passed."""
        return self.next_check_in is not None and self.next_check_in < today

    def is_due(self, today: date, within_days: int = 0) -> bool:
        """True when the next check-in is today or past, or within `within_days` from today."""
        return self.next_check_in is not None and (self.next_check_in - today).days <= within_days

    def phrase(self, today: date) -> str:
        """"overdue since Tue 1 Sep 2026", "due today", "due Mon 7 Dec 2026" or "not planned"."""
        from meetingdesk.dates import format_date

        if self.next_check_in is None:
            return "not planned"
        if self.is_overdue(today):
            return f"overdue since {format_date(self.next_check_in)}"
        return "due today" if self.next_check_in == today else f"due {format_date(self.next_check_in)}"


def _day(started: str | None, created: str) -> date:
    return datetime.fromisoformat(started or created).astimezone().date()


def _goal(data: str) -> Priority:
    from meetingdesk.models import Priority

    return Priority.model_validate_json(data)


class Plans:
    """Questions about goals and check-ins across meetings, answered by the index."""

    def __init__(self, index: MeetingIndex) -> None:
        self.index = index

    def _db(self) -> sqlite3.Connection:
        return self.index.cache.connection()

    def active_goals(self, person: str) -> list[tuple[str, date, Priority]]:
        """`person`'s goals not achieved or dropped, each as (meeting id, its day, newest copy), oldest first."""
        sql = (
            "SELECT g.meeting_id, m.started_at, m.created_at, g.data FROM goals AS g JOIN meetings AS m ON m.id = g.meeting_id "
            f"WHERE g.newest = 1 AND m.person_key = ? AND {_active('g')} ORDER BY g.sort_key, g.position"
        )
        return [(meeting_id, _day(started, created), _goal(data)) for meeting_id, started, created, data in self._db().execute(sql, (name_key(person),))]

    def plans(self, person: str | None = None, everything: bool = False, status: str | None = None) -> list[GoalPlan]:
        """Each goal with its history: `person`'s (any case) or everyone's; only active ones unless `everything`.

        With `status`, only the goals standing at that status now.
        """
        from meetingdesk.goals import goal_plans

        clauses, parameters = [], []
        if person is not None:
            clauses.append("m.person_key = ?")
            parameters.append(name_key(person))
        if not everything:
            clauses.append(f"g.goal_id IN (SELECT n.goal_id FROM goals AS n WHERE n.newest = 1 AND {_active('n')})")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = (
            "SELECT g.meeting_id, m.started_at, m.created_at, m.person, g.data FROM goals AS g "
            f"JOIN meetings AS m ON m.id = g.meeting_id {where} ORDER BY g.sort_key, g.position"
        )
        copies = [
            (meeting_id, _day(started, created), who, _goal(data))
            for meeting_id, started, created, who, data in self._db().execute(sql, parameters)
        ]
        found = goal_plans(copies)
        return [plan for plan in found if status is None or plan.status == status]

    def goals_at_risk(self) -> dict[str, int]:
        """For each person (by name key) with any: their active goals whose latest status is "at risk" or "off track"."""
        sql = (
            "SELECT m.person_key, count(*) FROM goals AS g JOIN meetings AS m ON m.id = g.meeting_id "
            "WHERE g.newest = 1 AND coalesce(g.status, json_extract(g.data, '$.before.status')) IN ('at risk', 'off track') "
            "GROUP BY m.person_key"
        )
        return dict(self._db().execute(sql).fetchall())

    def cadence_of(self, person: str) -> str | None:
        """How often to check in with `person`: the cadence of their latest meeting that says, or None."""
        found = self._db().execute(
            "SELECT cadence FROM meetings WHERE person_key = ? AND cadence IS NOT NULL ORDER BY sort_key DESC LIMIT 1",
            (name_key(person),),
        ).fetchone()
        return found[0] if found else None

    def check_ins(self, person: str | None = None, cadences: dict[str, str] | None = None) -> list[CheckInDue]:
        """Everyone met (or only `person`, any case), soonest next check-in first (overdue ones first of all),
        those without one last.

        The next check-in is the day of a meeting already planned with them, else the one agreed
        at the latest meeting held, else that meeting's day plus the cadence: the person's own
        (`cadences`, by name key, from their profile) before the one their latest meeting kept.
        """
        from meetingdesk.dates import check_in_after  # not goals.py: the home screen asks this before pydantic loads

        sql = (
            "SELECT m.person, m.person_key, m.id, m.started_at, m.created_at, m.next_check_in, "
            "(SELECT c.cadence FROM meetings AS c WHERE c.person_key = m.person_key AND c.cadence IS NOT NULL "
            "AND c.status != 'planned' ORDER BY c.sort_key DESC LIMIT 1), "
            "(SELECT min(p.planned_for) FROM meetings AS p WHERE p.person_key = m.person_key AND p.status = 'planned'), "
            # Each meeting counts the open actions it is the newest holder of (storage/settle.py): their sum is the person's.
            "(SELECT sum(o.open_actions) FROM meetings AS o WHERE o.person_key = m.person_key) "
            "FROM meetings AS m WHERE m.sort_key IN "
            "(SELECT max(sort_key) FROM meetings WHERE status != 'planned' GROUP BY person_key)"
        )
        parameters: tuple = ()
        if person is not None:
            sql += " AND m.person_key = ?"
            parameters = (name_key(person),)
        found = []
        rows = self._db().execute(sql, parameters)
        for who, key, meeting_id, started, created, next_check_in, cadence, planned_for, open_actions in rows:
            last = _day(started, created)
            cadence = (cadences or {}).get(key) or cadence
            if planned_for:
                planned: date | None = date.fromisoformat(planned_for)
            else:
                planned = date.fromisoformat(next_check_in) if next_check_in else check_in_after(last, cadence)
            found.append(CheckInDue(who, last, meeting_id, planned, cadence, open_actions))
        found.sort(key=lambda due: (due.next_check_in is None, due.next_check_in or date.max, due.person.casefold()))
        return found
