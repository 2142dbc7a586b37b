"""What each write to the index settles once, at the end of its transaction.

The newest copy of each action and goal touched (that copy is the one that counts) and the open
actions each meeting counts, the list
of every word seen (to expand a word typed in part), and the log of which meetings
changed and who wrote them, so a running app hears of writes by other processes on
this machine (a shell command, another window). Nothing here imports Textual.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from meetingdesk.storage.plans import mark_newest_goals

KEEP_LOGGED = 10_000
"""How many changes the log keeps: a running app reads it every second, so only the last few ever matter."""


@dataclass
class Changes:
    """What one transaction's writes leave to settle once at its end."""

    actions: set[str] = field(default_factory=set)
    """Actions whose newest copy may have moved."""
    terms: set[str] = field(default_factory=set)
    """Words indexed, for the list of every word seen."""
    goals: set[str] = field(default_factory=set)
    """Goals whose newest copy may have moved."""
    meetings: set[str] = field(default_factory=set)
    """Meetings whose rows were written or dropped, for the log."""
    writer: str = ""
    """Which index wrote them."""


def finish(db: sqlite3.Connection, changes: Changes) -> None:
    """Settle what `changes` noted, inside the transaction that made them."""
    _mark_newest(db, changes.actions)
    mark_newest_goals(db, changes.goals)
    _count_open(db, changes.actions)
    if changes.terms:
        db.executemany("INSERT OR IGNORE INTO terms (term) VALUES (?)", ((term,) for term in changes.terms))
    if changes.meetings:
        db.executemany("INSERT INTO changed (meeting_id, writer) VALUES (?, ?)", ((m, changes.writer) for m in sorted(changes.meetings)))
        db.execute("DELETE FROM changed WHERE seq <= (SELECT max(seq) FROM changed) - ?", (KEEP_LOGGED,))


def _mark_newest(db: sqlite3.Connection, action_ids: set[str]) -> None:
    """Mark, for each action, the copy in its newest meeting: that copy is the one that counts."""
    if not action_ids:
        return
    db.execute(
        "UPDATE actions SET newest = (sort_key = (SELECT max(sort_key) FROM actions AS other "
        "WHERE other.action_id = actions.action_id)) WHERE action_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(action_ids)),),
    )


def _count_open(db: sqlite3.Connection, action_ids: set[str]) -> None:
    """Count again, for each meeting holding one of these actions, the open actions it is the newest holder of.

    An action carried open through three meetings is counted once, in the newest, so the
    home screen's counts add up to the open actions there really are.
    """
    if not action_ids:
        return
    db.execute(
        "UPDATE meetings SET open_actions = (SELECT count(*) FROM actions AS a WHERE a.meeting_id = meetings.id "
        "AND a.newest = 1 AND a.done_on IS NULL AND a.dropped_reason = '') "
        "WHERE id IN (SELECT meeting_id FROM actions WHERE action_id IN (SELECT value FROM json_each(?)))",
        (json.dumps(sorted(action_ids)),),
    )
