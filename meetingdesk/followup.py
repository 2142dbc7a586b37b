"""Carrying what is still open from earlier meetings with a person into the next one."""

from __future__ import annotations

from datetime import date

from meetingdesk.models import ActionItem, Meeting, Priority


def newest_copies(meetings: list[Meeting]) -> list[tuple[Meeting, ActionItem]]:
    """Every action of `meetings` (any order) once, as its newest meeting's copy, with that meeting.

    A carried action keeps its id, so an action done or dropped in a later meeting is not
    brought back by an earlier meeting's copy.
    """
    newest: dict[str, tuple[Meeting, ActionItem]] = {}
    for meeting in sorted(meetings, key=lambda m: m.when):
        for action in meeting.actions:
            newest[action.id] = (meeting, action)
    return list(newest.values())


def open_copies(meetings: list[Meeting]) -> list[tuple[Meeting, ActionItem]]:
    """The actions of `meetings` whose newest copy is still open, each with the meeting holding that copy."""
    return [(meeting, action) for meeting, action in newest_copies(meetings) if action.is_open]


def open_actions_from(earlier: list[Meeting]) -> list[ActionItem]:
    """The open actions of `earlier` meetings, each once (its newest copy), ready to carry forward."""
    return _carried(open_copies(earlier))


def _carried(copies: list[tuple[Meeting, ActionItem]]) -> list[ActionItem]:
    return [
        action.model_copy(
            update={
                "carried_from": meeting.id,
                "carry_decision": "undecided",
                "agreed_on": action.agreed_on or meeting.when.date(),
            }
        )
        for meeting, action in copies
    ]


def newest_goal_copies(meetings: list[Meeting]) -> list[tuple[Meeting, Priority]]:
    """Every goal of `meetings` (any order) once, as its newest meeting's copy, with that meeting."""
    newest: dict[str, tuple[Meeting, Priority]] = {}
    for meeting in sorted(meetings, key=lambda m: m.when):
        for goal in meeting.priorities:
            newest[goal.id] = (meeting, goal)
    return list(newest.values())


def carry_forward(
    meeting: Meeting,
    earlier: list[Meeting],
    copies: list[tuple[Meeting, ActionItem]] | None = None,
    goal_copies: list[tuple[str, date, Priority]] | None = None,
) -> None:
    """Bring into `meeting` every open action and every active goal of `earlier` meetings.

    Carried actions come first, each waiting for a decision (done, kept or dropped);
    carried goals come before the new ones, each waiting for this check-in's status.
    Nothing carried can disappear without one. `copies` (the open actions with the
    meetings holding their newest copies) and `goal_copies` (the active goals as
    (meeting id, its day, newest copy)) are given when the caller knows them from the
    index and `earlier` holds only the meetings needed; by default they come from `earlier`.
    """
    from meetingdesk.goals import carried_copy

    meeting.actions = _carried(open_copies(earlier) if copies is None else copies) + meeting.actions
    finished = [m for m in earlier if m.id != meeting.id]
    if goal_copies is None:
        goal_copies = [(m.id, m.when.date(), goal) for m, goal in newest_goal_copies(finished) if goal.is_active]
    held = {goal.id for goal in meeting.priorities}
    carried = [carried_copy(goal, where, day) for where, day, goal in goal_copies if goal.id not in held and where != meeting.id]
    meeting.priorities = carried + meeting.priorities
    if finished and meeting.follows is None:
        meeting.follows = max(finished, key=lambda m: m.when).id


def decide(action: ActionItem, decision: str, today, reason: str = "") -> None:
    """Record what this meeting decided about a carried action: done, kept or dropped (with a reason)."""
    was_kept = action.carry_decision == "kept"
    action.done_on = today if decision == "done" else None
    action.dropped_reason = reason if decision == "dropped" else ""
    if decision == "kept" and not was_kept:
        action.carried_count += 1
    elif decision != "kept" and was_kept:
        action.carried_count -= 1
    action.carry_decision = decision  # type: ignore[assignment]


def settle_origins(meeting: Meeting, earlier: dict[str, Meeting], today) -> list[Meeting]:
    """Mark in each earlier meeting the carried actions this meeting settled as done or dropped.

    So the earlier record no longer counts them as open. Each copy records where and when
    it was settled ("settled in the meeting of …"): that is the follow-up doing its work,
    not an amendment of the earlier record. Returns the earlier meetings that changed.
    """
    changed: dict[str, Meeting] = {}
    for action in meeting.actions:
        origin = earlier.get(action.carried_from or "")
        if origin is None or action.carry_decision not in ("done", "dropped"):
            continue
        for copy in origin.actions:
            if copy.id == action.id and copy.is_open:
                copy.done_on = action.done_on
                copy.dropped_reason = action.dropped_reason
                copy.settled_in = meeting.id
                copy.settled_on = today
                changed[origin.id] = origin
    return list(changed.values())
