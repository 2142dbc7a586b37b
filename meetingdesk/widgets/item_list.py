"""A keyboard list of goals or actions that can be edited, reordered and deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from meetingdesk.quickadd import format_date
from meetingdesk.widgets.bounded_list import BoundedList

if TYPE_CHECKING:
    from meetingdesk.models import ActionItem, Priority

CARRIED_STATE = {
    "undecided": "from last time: d done · k keep · x drop",
    "kept": "from last time: kept open",
    "done": "from last time: done",
    "dropped": "from last time: dropped",
}
"""What the live list says under an action carried from last time, by the decision taken."""


def live_goal_line(goal: Priority) -> Content:
    """A goal in the live meeting: ↻ when carried, a stretch assignment marked, its text, measure and date, next
    milestone, last and this status, and a stretch assignment's outcome."""
    lines = [" · ".join(part for part in (goal.measure, f"by {format_date(goal.due)}" if goal.due else "", goal.outcome) if part)]
    milestone = goal.next_milestone
    if milestone is not None:
        lines.append(f"next: {milestone.text}" + (f", {format_date(milestone.due)}" if milestone.due else ""))
    now = goal.status or ("not updated yet: u updates it" if goal.is_carried else "new")
    if goal.status == "dropped" and goal.dropped_reason:
        now = f"dropped: {goal.dropped_reason}"
    if goal.progress:
        now += f" — {goal.progress}"
    last = goal.before.status if goal.before and goal.before.status else ""
    lines.append(f"last: {last} · now: {now}" if last else f"now: {now}")
    detail = "".join(f"\n↳ {line}" for line in lines if line)
    style = "$warning" if goal.is_carried and goal.status is None else ""
    kind = ("stretch: ", "$accent") if goal.kind == "stretch assignment" else ""
    return Content.assemble(("↻ " if goal.is_carried else "", style), kind, goal.text, (detail, "dim"))


def live_action_line(action: ActionItem, today: date) -> Content:
    """An action in the live meeting: ↻ when carried, OVERDUE as in the other views, its text, who, by when, what was decided."""
    owner = action.owner or "no owner"
    due = format_date(action.due) if action.due else "no deadline"
    detail = f"\n↳ {owner} · {due}"
    if action.is_carried:
        detail += f"\n↳ {CARRIED_STATE[action.carry_decision or 'undecided']}"
    style = "$warning" if action.carry_decision == "undecided" else ""
    overdue = ("OVERDUE ", "bold $error") if action.is_overdue(today) else ""
    return Content.assemble(("↻ " if action.is_carried else "", style), overdue, action.text, (detail, "dim"))


class ItemList(BoundedList):
    """Shows one entry per item; reports edit, delete and move requests to its screen."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="item_edit"),
        Binding("delete", "delete", "Delete", id="item_delete"),
        Binding("shift+up", "move(-1)", "Move up", id="item_up"),
        Binding("shift+down", "move(1)", "Move down", id="item_down"),
    ]

    @dataclass
    class Edit(Message):
        """The manager wants to edit the item at `index`."""

        item_list: ItemList
        index: int

    @dataclass
    class Delete(Message):
        """The manager wants to delete the item at `index`."""

        item_list: ItemList
        index: int

    @dataclass
    class Move(Message):
        """The manager wants to move the item at `index` by `delta` places."""

        item_list: ItemList
        index: int
        delta: int

    def __init__(self, empty_text: str, *, id: str | None = None, movable: bool = True) -> None:
        super().__init__(id=id)
        self.empty_text = empty_text
        self.movable = movable
        """False for a list kept in its own order (an evidence log, by day): no move keys."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.movable if action == "move" else True

    def show_items(self, lines: list[Content], highlight: int | None = None) -> None:
        """Replace the entries, keeping the highlight where it was (or at `highlight`)."""
        keep = self.highlighted if highlight is None else highlight
        self.clear_options()
        if lines:
            self.add_options(lines)
            self.highlighted = min(keep or 0, len(lines) - 1)
        else:
            self.add_option(Content.styled(self.empty_text, "dim"))
            self.disable_option_at_index(0)

    @property
    def has_items(self) -> bool:
        """True when the list shows real items rather than its empty text."""
        return self.option_count > 0 and not self.get_option_at_index(0).disabled

    def action_edit(self) -> None:
        if self.has_items and self.highlighted is not None:
            self.post_message(self.Edit(self, self.highlighted))

    def action_delete(self) -> None:
        if self.has_items and self.highlighted is not None:
            self.post_message(self.Delete(self, self.highlighted))

    def action_move(self, delta: int) -> None:
        if self.has_items and self.highlighted is not None:
            self.post_message(self.Move(self, self.highlighted, delta))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()


class GoalList(ItemList):
    """The goals list, where `u` records this check-in of the highlighted goal."""

    BINDINGS = [Binding("u", "update_goal", "Update goal", id="goal_update")]

    @dataclass
    class Update(Message):
        """The manager wants to record this check-in of the goal at `index`."""

        item_list: GoalList
        index: int

    def action_update_goal(self) -> None:
        if self.has_items and self.highlighted is not None:
            self.post_message(self.Update(self, self.highlighted))


class ActionList(ItemList):
    """The actions list, which can also settle actions carried from the last meeting."""

    BINDINGS = [
        Binding("d", "decide('done')", "Done", id="carried_done"),
        Binding("k", "decide('kept')", "Keep open", id="carried_kept"),
        Binding("x", "decide('dropped')", "Drop", id="carried_dropped"),
    ]

    @dataclass
    class Decide(Message):
        """The manager decided about the action at `index`: "done", "kept" or "dropped"."""

        item_list: ActionList
        index: int
        decision: str

    def action_decide(self, decision: str) -> None:
        if self.has_items and self.highlighted is not None:
            self.post_message(self.Decide(self, self.highlighted, decision))
