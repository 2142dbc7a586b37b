"""The development plan: goals that live across meetings, their check-ins, and how often to meet.

A goal is agreed once and carried into every later meeting with the same person until
it is achieved or dropped. Each meeting holds one check-in of it: a status and a
progress note. This module reads what was typed (a status, a cadence), says what
changed since the last check-in, finds goals agreed without a measure or a date, and
puts a goal's check-ins together into its history. Nothing here imports Textual or
storage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from meetingdesk.errors import MeetingDeskError
from meetingdesk.models import CADENCES, FINISHED, GOAL_STATUSES, Cadence, GoalBefore, GoalStatus, Meeting, Priority
from meetingdesk.dates import format_date


class PlanError(MeetingDeskError, ValueError):
    """A status or cadence that is not one of the list: one sentence naming it and what is accepted."""


def _one_of(options: Iterable[str]) -> str:
    options = list(options)
    return ", ".join(options[:-1]) + f" or {options[-1]}"


STATUS_CHOICES = _one_of(GOAL_STATUSES)
"""The statuses as a sentence lists them."""
CADENCE_CHOICES = _one_of(CADENCES)
"""The cadences as a sentence lists them."""

_CADENCE_WORDS: dict[str, Cadence] = {
    "week": "weekly",
    "every week": "weekly",
    "2 weeks": "every 2 weeks",
    "every two weeks": "every 2 weeks",
    "two weeks": "every 2 weeks",
    "fortnightly": "every 2 weeks",
    "biweekly": "every 2 weeks",
    "month": "monthly",
    "every month": "monthly",
    "quarter": "quarterly",
    "every quarter": "quarterly",
    "never": "none",
    "no cadence": "none",
}
"""Other ways of saying a cadence."""


def _squeeze(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


def parse_status(text: str) -> GoalStatus:
    """The status `text` names: the status itself or the start of one ("risk" and "ach" do), any case.

    PlanError names the value and every status when it names none or several.
    """
    typed = _squeeze(text)
    if typed in GOAL_STATUSES:
        return typed  # type: ignore[return-value]
    found = [status for status in GOAL_STATUSES if typed and any(word.startswith(typed) for word in (status, status.split()[-1]))]
    if len(found) == 1:
        return found[0]
    shown = text.strip() or "(nothing)"
    raise PlanError(f"“{shown}” is not a goal status: use {STATUS_CHOICES}.")


def parse_cadence(text: str) -> Cadence:
    """The cadence `text` names ("monthly", "every 2 weeks", "fortnightly", "quarter"...), any case.

    PlanError names the value and every cadence when it names none.
    """
    typed = _squeeze(text)
    if typed in CADENCES:
        return typed  # type: ignore[return-value]
    if typed in _CADENCE_WORDS:
        return _CADENCE_WORDS[typed]
    found = [cadence for cadence in CADENCES if typed and cadence.startswith(typed)]
    if len(found) == 1:
        return found[0]
    shown = text.strip() or "(nothing)"
    raise PlanError(f"“{shown}” is not a check-in cadence: use {CADENCE_CHOICES}.")


# --- one check-in ------------------------------------------------------------------


def update_goal(goal: Priority, status: GoalStatus, progress: str, today: date, reason: str = "", met: Iterable[str] = ()) -> None:
    """Record this check-in of `goal`: its status, progress note, and which milestones are met.

    `met` holds the ids of every milestone met now; one met before keeps its day, one
    newly met gets `today`, one no longer in `met` is open again. A dropped goal keeps
    its reason; any other status clears it.
    """
    if status == "dropped" and not reason.strip():
        raise PlanError(f"Say why “{goal.text}” is dropped: a dropped goal keeps its reason.")
    goal.status = status
    goal.progress = " ".join(progress.split())
    goal.dropped_reason = " ".join(reason.split()) if status == "dropped" else ""
    met = set(met)
    for milestone in goal.milestones:
        if milestone.id not in met:
            milestone.done_on = None
        elif milestone.done_on is None:
            milestone.done_on = today


def carried_copy(goal: Priority, meeting_id: str, meeting_day: date) -> Priority:
    """`goal` as the next meeting carries it from meeting `meeting_id`: same id, not reviewed yet.

    What the last check-in said is kept in `before`, so the next one can say what changed.
    """
    return goal.model_copy(
        deep=True,
        update={
            "status": None,
            "progress": "",
            "dropped_reason": "",
            "carried_from": meeting_id,
            "agreed_on": goal.agreed_on or meeting_day,
            "before": GoalBefore(
                text=goal.text,
                measure=goal.measure,
                due=goal.due,
                status=goal.status or (goal.before.status if goal.before else None),
                milestones_met=[milestone.id for milestone in goal.milestones if milestone.done_on],
            ),
        },
    )


def what_changed(goal: Priority) -> list[str]:
    """Short phrases saying what this check-in changed about a carried goal (empty for a new one)."""
    before = goal.before
    if before is None:
        return []
    changes: list[str] = []
    if goal.status and before.status and goal.status != before.status:
        changes.append(f"was {before.status}")
    if goal.text != before.text:
        changes.append(f"reworded from “{before.text}”")
    if goal.measure != before.measure:
        changes.append(f"measure now “{goal.measure}”" if goal.measure else "measure removed")
    if goal.due != before.due:
        changes.append(f"date moved to {format_date(goal.due)}" if goal.due else "date removed")
    for milestone in goal.milestones:
        if milestone.done_on and milestone.id not in before.milestones_met:
            changes.append(f"milestone “{milestone.text}” met")
    return changes


def status_phrase(goal: Priority) -> str:
    """This check-in's status as the summary says it: "new, on track" (just agreed: on track until
    a check-in says otherwise, as everywhere else), "at risk", "dropped: no budget"..."""
    if goal.status is None:
        return "not reviewed this time" if goal.is_carried else f"new, {goal.last_status}"
    if goal.status == "dropped" and goal.dropped_reason:
        return f"dropped: {goal.dropped_reason}"
    return goal.status


# --- the close check --------------------------------------------------------------------


@dataclass(frozen=True)
class SmartGap:
    """A goal agreed in this meeting without a measure or a date, and not confirmed so."""

    goal_id: str
    text: str
    missing_measure: bool
    missing_date: bool

    @property
    def sentence(self) -> str:
        """What the close check says about it."""
        missing = " or ".join(word for word, gap in (("measure", self.missing_measure), ("date", self.missing_date)) if gap)
        return f"“{self.text}” has no {missing}: add it, or confirm it was agreed without."


def smart_gaps(meeting: Meeting) -> list[SmartGap]:
    """New goals (not carried) still active without a measure or a date the manager has not confirmed."""
    gaps = []
    for goal in meeting.priorities:
        if goal.is_carried or not goal.is_active:
            continue
        no_measure = not goal.measure.strip() and not goal.no_measure_agreed
        no_date = goal.due is None and not goal.no_date_agreed
        if no_measure or no_date:
            gaps.append(SmartGap(goal.id, goal.text, no_measure, no_date))
    return gaps


def confirm_without(meeting: Meeting, gaps: list[SmartGap]) -> None:
    """Record that each goal of `gaps` was agreed without its missing measure or date."""
    wanted = {gap.goal_id: gap for gap in gaps}
    for goal in meeting.priorities:
        gap = wanted.get(goal.id)
        if gap is not None:
            goal.no_measure_agreed = goal.no_measure_agreed or gap.missing_measure
            goal.no_date_agreed = goal.no_date_agreed or gap.missing_date


def goal_problems(meeting: Meeting) -> list[tuple[str, int | None]]:
    """What the close check says about the goals: a sentence each, with the goal's place in the list
    (None when the list as a whole lacks something)."""
    problems: list[tuple[str, int | None]] = []
    if not any(goal.is_active for goal in meeting.priorities):
        problems.append(("No goal going forward: agree at least one the two of you will work on.", None))
    for index, goal in enumerate(meeting.priorities):
        if goal.is_carried and goal.status is None:
            problems.append((f"“{goal.text}” was carried from last time: update its status ({STATUS_CHOICES}).", index))
    places = {goal.id: index for index, goal in enumerate(meeting.priorities)}
    return problems + [(gap.sentence, places[gap.goal_id]) for gap in smart_gaps(meeting)]


def check_in_problems(meeting: Meeting) -> list[str]:
    """What the close check says about the next check-in: nothing once it is set or no cadence is kept."""
    if meeting.next_check_in is None and meeting.cadence != "none":
        return ["No next check-in: agree the date you will meet next."]
    return []


# --- a goal across meetings ----------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    """One meeting's check-in of a goal."""

    meeting_id: str
    date: date
    """The day of the meeting."""
    status: GoalStatus | None
    """The status set there (None when it was not reviewed)."""
    progress: str
    """The progress note written there."""
    milestones_met: tuple[str, ...] = ()
    """The milestones first marked met there."""


@dataclass
class GoalPlan:
    """A goal as its newest meeting has it, with every check-in, oldest first."""

    goal: Priority
    """The newest copy: its text, measure, date and milestones now."""
    person: str
    """Who the goal is with."""
    history: list[CheckIn] = field(default_factory=list)

    @property
    def status(self) -> GoalStatus:
        """Its status now: the latest one set, else "on track"."""
        return next((check.status for check in reversed(self.history) if check.status), None) or self.goal.last_status

    @property
    def progress(self) -> str:
        """The latest progress note written ("" when none)."""
        return next((check.progress for check in reversed(self.history) if check.progress), "")

    @property
    def is_active(self) -> bool:
        """True until it is achieved or dropped."""
        return self.status not in FINISHED


def goal_plans(copies: Iterable[tuple[str, date, str, Priority]]) -> list[GoalPlan]:
    """Each goal once, from its copies as (meeting id, meeting day, person, goal) in meeting order.

    Its history has one check-in per meeting holding it; the milestones first met there
    are named. Goals come in the order they were first agreed.
    """
    plans: dict[str, GoalPlan] = {}
    met_before: dict[str, set[str]] = {}
    for meeting_id, day, person, goal in copies:
        seen = met_before.setdefault(goal.id, set())
        met_now = [m for m in goal.milestones if m.done_on and m.id not in seen]
        seen.update(m.id for m in met_now)
        plan = plans.get(goal.id)
        if plan is None:
            plan = plans[goal.id] = GoalPlan(goal=goal, person=person)
        plan.goal = goal
        status = goal.status or (None if goal.is_carried else "on track")
        plan.history.append(CheckIn(meeting_id, day, status, goal.progress, tuple(m.text for m in met_now)))
    return list(plans.values())


def plan_data(plan: GoalPlan) -> dict:
    """A goal plan as JSON-ready data: the fields `meetingdesk goals --format json` promises."""
    goal = plan.goal
    return {
        "id": goal.id,
        "text": goal.text,
        "measure": goal.measure,
        "due": goal.due.isoformat() if goal.due else None,
        "status": plan.status,
        "progress": plan.progress,
        "dropped_reason": goal.dropped_reason,
        "kind": goal.kind,
        "outcome": goal.outcome,
        "with": plan.person,
        "milestones": [
            {
                "text": milestone.text,
                "due": milestone.due.isoformat() if milestone.due else None,
                "done": milestone.done_on is not None,
                "done_on": milestone.done_on.isoformat() if milestone.done_on else None,
            }
            for milestone in goal.milestones
        ],
        "history": [
            {
                "meeting_id": check.meeting_id,
                "date": check.date.isoformat(),
                "status": check.status,
                "progress": check.progress,
                "milestones_met": list(check.milestones_met),
            }
            for check in plan.history
        ],
    }
