"""A person's goals as a timeline: each goal, where it stands, its milestones, and its status at every meeting."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from meetingdesk.goals import GoalPlan
from meetingdesk.dates import format_date

STATUS_STYLES = {
    "on track": "$success",
    "at risk": "$warning",
    "off track": "$error",
    "achieved": "bold $success",
    "dropped": "$text-muted",
}
"""How each status is coloured; the words say it too, so it reads without colour."""


def status_content(status: str | None) -> Content:
    """A status in its colour ("not reviewed" when a meeting left it as it was)."""
    if status is None:
        return Content.styled("not reviewed", "$text-muted")
    return Content.styled(status, STATUS_STYLES.get(status, ""))


def goal_timeline(plans: list[GoalPlan], today: date) -> Content:
    """Active goals first, then achieved and dropped ones; under each, one line per meeting that held it."""
    if not plans:
        return Content("No goals agreed yet.")
    blocks: list[Content] = []
    for plan in sorted(plans, key=lambda plan: not plan.is_active):
        goal = plan.goal
        mark = "◆ " if plan.is_active else ("✓ " if plan.status == "achieved" else "✗ ")
        kind = ("stretch assignment: ", "$accent") if goal.kind == "stretch assignment" else ""
        lines = [Content.assemble(mark, kind, (goal.text, "bold"), " — ", status_content(plan.status))]
        facts = [f"measure: {goal.measure}" if goal.measure else "no measure", f"by {format_date(goal.due)}" if goal.due else "no date"]
        if goal.due and goal.due < today and plan.is_active:
            facts[-1] += " (passed)"
        if goal.dropped_reason:
            facts.append(f"dropped: {goal.dropped_reason}")
        if goal.outcome:
            facts.append(f"outcome: {goal.outcome}")
        lines.append(Content.styled("  " + " · ".join(facts), "$text-muted"))
        if goal.milestones:
            steps = [
                f"✓ {m.text} (met {format_date(m.done_on)})" if m.done_on else f"☐ {m.text}" + (f" by {format_date(m.due)}" if m.due else "")
                for m in goal.milestones
            ]
            lines.append(Content.styled("  milestones: " + " · ".join(steps), "$text-muted"))
        for check in plan.history:
            extra = [check.progress] if check.progress else []
            extra += [f"milestone met: {name}" for name in check.milestones_met]
            lines.append(
                Content.assemble(
                    f"  {format_date(check.date):<16} ● ", status_content(check.status), (f" — {' · '.join(extra)}" if extra else "", "")
                )
            )
        blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)
