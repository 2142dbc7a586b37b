"""What to bring to a meeting, beside the prep notes: evidence since the last review by theme, goals, open actions, last summary."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from meetingdesk.dates import format_date
from meetingdesk.models import Priority
from meetingdesk.people import theme_label
from meetingdesk.preparing import Brief


def goal_line(goal: Priority) -> Content:
    """"• Lead the Q1 launch (launch shipped; by Mon 1 Mar 2027)", a stretch assignment marked as one."""
    extra = [part for part in (goal.measure, f"by {format_date(goal.due)}" if goal.due else "") if part]
    kind = ("stretch assignment: ", "$accent") if goal.kind == "stretch assignment" else ""
    outcome = (f"\n  outcome: {goal.outcome}", "$text-muted") if goal.outcome else ""
    return Content.assemble("• ", kind, goal.text, (f" ({'; '.join(extra)})" if extra else "", "$text-muted"), outcome)


class BriefPanel(VerticalScroll):
    """The brief for one person, read-only, in four parts."""

    DEFAULT_CSS = """
    BriefPanel .brief-heading {
        text-style: bold;
        color: $primary;
        margin-top: 1;
    }
    BriefPanel Static {
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="brief-evidence-heading", classes="brief-heading", markup=False)
        yield Static("", id="brief-evidence", markup=False)
        yield Static("Goals to review", classes="brief-heading")
        yield Static("", id="brief-goals", markup=False)
        yield Static("Open actions", classes="brief-heading")
        yield Static("", id="brief-actions", markup=False)
        yield Static("Last meeting's summary", classes="brief-heading")
        yield Static("", id="brief-summary", markup=False)

    def show(self, brief: Brief, today: date) -> None:
        """Fill the four parts from `brief`."""
        since = f" ({format_date(brief.since)})" if brief.since else " (no review yet: everything logged)"
        self.query_one("#brief-evidence-heading", Static).update(f"Evidence since the last review{since}")
        lines: list[Content] = []
        for theme, entries in brief.evidence:
            lines.append(Content.styled(f"{theme_label(theme)} ({len(entries)})", "bold"))
            lines += [Content.assemble((f"  {format_date(entry.day)}  ", "$text-muted"), entry.text) for entry in entries]
        empty = "Nothing logged since then: l logs evidence as it happens."
        self.query_one("#brief-evidence", Static).update(Content("\n").join(lines) if lines else Content(empty))
        goals = [goal_line(goal) for goal in brief.goals]
        self.query_one("#brief-goals", Static).update(Content("\n").join(goals) if goals else Content("None agreed yet."))
        actions = []
        for action in brief.open_actions:
            due = f"due {format_date(action.due)}" if action.due else "no deadline"
            overdue = ("OVERDUE ", "bold $error") if action.is_overdue(today) else ""
            actions.append(Content.assemble("• ", overdue, action.text, (f" ({action.owner or 'no owner'}, {due})", "$text-muted")))
        self.query_one("#brief-actions", Static).update(Content("\n").join(actions) if actions else Content("None open."))
        self.query_one("#brief-summary", Static).update(brief.last_summary.strip() or "No meeting held yet.")
