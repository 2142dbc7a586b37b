"""Update goal: this check-in's status, a one-line progress note, the milestones met."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from meetingdesk.dates import format_date
from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.goals import STATUS_CHOICES, PlanError, parse_status, update_goal
from meetingdesk.locations import styles_dir
from meetingdesk.models import GOAL_STATUSES, Priority
from meetingdesk.widgets.prompt_list import PromptList


def goal_facts(goal: Priority) -> str:
    """The goal's measure, date and where it stood last time, on one line."""
    facts = [goal.measure, f"by {format_date(goal.due)}" if goal.due else ""]
    if goal.before and goal.before.status:
        facts.append(f"last time: {goal.before.status}")
    return " · ".join(fact for fact in facts if fact)


class UpdateGoalDialog(GuardsTyping, ModalScreen[Priority | None]):
    """Dismisses with the goal as updated (a copy), or None. A status is typed: its start is enough."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        # Enter saves from every field, the milestone list too (space ticks a milestone there).
        Binding("enter", "save", "Save", id="save_goal", priority=True, show=False),
    ]

    def __init__(self, goal: Priority, today: date) -> None:
        super().__init__()
        self.goal = goal
        self.today = today

    def compose(self) -> ComposeResult:
        goal = self.goal
        with Vertical(classes="dialog"):
            yield Static("Update goal", classes="dialog-title")
            yield Static(goal.text, classes="goal-text", markup=False)
            yield Static(goal_facts(goal), classes="dialog-help", markup=False)
            yield Label(f"Status now: {STATUS_CHOICES}")
            yield Input(
                goal.status or goal.last_status,
                placeholder="on track",
                id="status",
                suggester=SuggestFromList(GOAL_STATUSES, case_sensitive=False),
                select_on_focus=True,
                compact=True,
            )
            yield Label("Progress since last time, in a line")
            yield Input(goal.progress, placeholder="Draft plan shared with the team", id="progress", select_on_focus=False, compact=True)
            yield Label("Why it is dropped (only when dropped)")
            yield Input(goal.dropped_reason, placeholder="The project was cancelled", id="reason", select_on_focus=False, compact=True)
            if goal.milestones:
                yield Label("Milestones met (space ticks one)")
                yield PromptList(id="milestones")
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · tab next field · escape cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        if self.goal.milestones:
            labels = [m.text + (f" · {format_date(m.due)}" if m.due else "") for m in self.goal.milestones]
            self.query_one("#milestones", PromptList).show(labels, [n for n, m in enumerate(self.goal.milestones) if m.done_on])

    def on_prompt_list_ticked(self, event: PromptList.Ticked) -> None:
        event.stop()  # read when saving

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "status":
            self._read_status()

    def _read_status(self):
        """The status typed, shown as it resolves; None (with the reason shown) when it names none."""
        preview = self.query_one("#preview", Static)
        preview.remove_class("-error")
        try:
            status = parse_status(self.query_one("#status", Input).value)
        except PlanError as error:
            preview.update(str(error))
            preview.add_class("-error")
            return None
        preview.update(f"Status: {status}")
        return status

    def action_save(self) -> None:
        status = self._read_status()
        if status is None:
            self.query_one("#status", Input).focus()
            return
        ticked = self.query_one("#milestones", PromptList).done if self.goal.milestones else set()
        met = [m.id for n, m in enumerate(self.goal.milestones) if n in ticked]
        updated = self.goal.model_copy(deep=True)
        try:
            update_goal(updated, status, self.query_one("#progress", Input).value, self.today, self.query_one("#reason", Input).value, met)
        except PlanError as error:
            preview = self.query_one("#preview", Static)
            preview.update(str(error))
            preview.add_class("-error")
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(updated)
