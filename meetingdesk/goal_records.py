"""The records of the development plan: goals, their milestones and check-ins, and the cadence of meeting.

Pure data; the rules about them are in goals.py. Nothing here touches the disk or imports Textual.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from meetingdesk.ids import new_id
from meetingdesk.records import Record

GoalStatus = Literal["on track", "at risk", "off track", "achieved", "dropped"]
"""Where a goal stands at one check-in. The last two end it: it is carried no further."""
GOAL_STATUSES: tuple[GoalStatus, ...] = ("on track", "at risk", "off track", "achieved", "dropped")
"""Every status, in the order the manager is offered them."""
FINISHED: tuple[GoalStatus, ...] = ("achieved", "dropped")
"""The statuses that end a goal."""
Cadence = Literal["weekly", "every 2 weeks", "monthly", "quarterly", "none"]
"""How often the manager and a person check in."""
CADENCES: tuple[Cadence, ...] = ("weekly", "every 2 weeks", "monthly", "quarterly", "none")
"""Every cadence, shortest first."""
GoalKind = Literal["goal", "stretch assignment"]
"""A goal, or a stretch assignment: a short, visible assignment that grows the person (a micro-experience)."""
GOAL_KINDS: tuple[GoalKind, ...] = ("goal", "stretch assignment")
"""Every kind of goal, the usual one first."""


class Milestone(Record):
    """A step on the way to a goal, with its own date (a quarterly target, a checkpoint)."""

    id: str = Field(default_factory=new_id, min_length=1)
    text: str
    """What will be true by then."""
    due: date | None = None
    """When it should be reached."""
    done_on: date | None = None
    """The day it was marked met, or None while it is not."""


class GoalBefore(Record):
    """A carried goal as the previous check-in left it, so this one can say what changed."""

    text: str
    """Its wording then."""
    measure: str = ""
    """Its measure then."""
    due: date | None = None
    """Its date then."""
    status: GoalStatus | None = None
    """Its status then (None when it had never been reviewed)."""
    milestones_met: list[str] = Field(default_factory=list)
    """The ids of the milestones already met then."""


class Priority(Record):
    """A goal both people agreed on (called a priority before goals lived across meetings).

    A goal carried into a later meeting keeps its id, so each meeting holds one check-in
    of the same goal: its status and progress then. The newest meeting's copy counts.
    """

    id: str = Field(default_factory=new_id, min_length=1)
    text: str
    """What matters, in a sentence."""
    measure: str = ""
    """How both will know it is achieved (optional)."""
    due: date | None = None
    """When it should be achieved (optional)."""
    kind: GoalKind = "goal"
    """"goal", or "stretch assignment": a short, visible assignment that grows the person (a micro-experience)."""
    outcome: str = ""
    """For a stretch assignment: how it went, once it is done."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Steps on the way, in date order as the manager arranged them."""
    status: GoalStatus | None = None
    """Where it stands at this meeting; None for a goal carried here and not reviewed (yet)."""
    progress: str = ""
    """A one-line progress note for this check-in."""
    dropped_reason: str = ""
    """Why it was dropped (only when `status` is "dropped")."""
    agreed_on: date | None = None
    """The day it was first agreed; None means the day of the meeting that holds it."""
    carried_from: str | None = None
    """The id of the meeting it was carried from, when it was agreed in an earlier meeting."""
    before: GoalBefore | None = None
    """For a carried goal: how the previous check-in left it."""
    no_measure_agreed: bool = False
    """The manager confirmed at the close that it was agreed without a measure."""
    no_date_agreed: bool = False
    """The manager confirmed at the close that it was agreed without a date."""

    @property
    def is_carried(self) -> bool:
        """True when the goal came from an earlier meeting."""
        return self.carried_from is not None

    @property
    def is_active(self) -> bool:
        """True until it is achieved or dropped: it carries into the next meeting."""
        return self.status not in FINISHED

    @property
    def last_status(self) -> GoalStatus:
        """Its status now: this check-in's, else the last one's, else "on track" (just agreed)."""
        return self.status or (self.before.status if self.before else None) or "on track"

    @property
    def next_milestone(self) -> Milestone | None:
        """The first milestone not met yet."""
        return next((milestone for milestone in self.milestones if milestone.done_on is None), None)
