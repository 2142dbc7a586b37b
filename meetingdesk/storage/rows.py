"""What the home screen and the shell list about one meeting: a row of the index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from meetingdesk.timer import planned_moment

if TYPE_CHECKING:  # listing meetings needs no pydantic
    from meetingdesk.models import Meeting

ROW_COLUMNS = (
    "id, person, manager, agenda_name, agenda_title, created_at, started_at, ended_at, status, open_actions, actions, priorities, "
    "planned_for"
)
"""The index's columns a MeetingRow is read from, in the order of its fields."""


@dataclass(slots=True)
class MeetingRow:
    """What the home screen lists about one meeting: one row of the index.

    A plain slotted dataclass, not a pydantic model: rows read back from the index (the
    store's own cache) need no validation.
    """

    id: str
    """The meeting's id, also its file name without `.json`."""
    person: str
    """The person the manager met."""
    manager: str
    """The manager who ran the meeting."""
    agenda_name: str
    """The agenda's short name."""
    agenda_title: str
    """The agenda's title at the time of the meeting."""
    created_at: datetime
    """When the meeting was set up (timezone-aware)."""
    started_at: datetime | None
    """When its clock first started."""
    ended_at: datetime | None
    """When the manager ended it."""
    status: str
    """"planned" while prepared, "live" once started, "ended" when ended."""
    open_actions: int
    """How many open actions this meeting is the newest to hold: one carried through three meetings counts once, in the last."""
    actions: int
    """How many actions were agreed."""
    priorities: int
    """How many priorities were agreed."""
    planned_for: date | None = None
    """The day a planned meeting is planned for."""

    @property
    def when(self) -> datetime:
        """When the meeting took place: its start, else the start of the day it is planned for, else its set-up time."""
        return self.started_at or planned_moment(self.planned_for) or self.created_at

    @classmethod
    def from_meeting(cls, meeting: Meeting) -> MeetingRow:
        """The row that lists `meeting`."""
        return cls(
            id=meeting.id,
            person=meeting.person,
            manager=meeting.manager,
            agenda_name=meeting.agenda_name,
            agenda_title=meeting.agenda_title,
            created_at=meeting.created_at,
            started_at=meeting.started_at,
            ended_at=meeting.ended_at,
            status=meeting.status,
            open_actions=len(meeting.open_actions),
            actions=len(meeting.actions),
            priorities=len(meeting.priorities),
            planned_for=meeting.planned_for,
        )

    @classmethod
    def from_sql(cls, values: tuple) -> MeetingRow:
        """The row read back from the index's ROW_COLUMNS."""
        parse = datetime.fromisoformat
        (meeting_id, person, manager, agenda_name, agenda_title, created, started, ended, status, open_actions, actions, priorities,
         planned) = values  # fmt: skip
        return cls(
            meeting_id,
            person,
            manager,
            agenda_name,
            agenda_title,
            parse(created),
            None if started is None else parse(started),
            None if ended is None else parse(ended),
            status,
            open_actions,
            actions,
            priorities,
            None if planned is None else date.fromisoformat(planned),
        )
