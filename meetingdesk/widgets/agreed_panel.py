"""The live meeting's side panel: the person's goals (carried and new) and the actions.

The panel edits the meeting's lists itself (add, edit, reorder, delete, update a goal,
settle a carried action) through the dialogs, and tells its screen with `Changed` so
the screen saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from meetingdesk.app import desk_app
from meetingdesk.followup import decide
from meetingdesk.models import ActionItem, Meeting, Priority
from meetingdesk.quickadd import format_date
from meetingdesk.widgets.item_list import ActionList, GoalList, ItemList, live_action_line, live_goal_line


class AgreedPanel(Vertical):
    """The goals (carried ones first) and the actions, each list editable from the keyboard."""

    @dataclass
    class Changed(Message):
        """The meeting's goals or actions changed: save it."""

        panel: AgreedPanel

    def __init__(self, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.read_only = False
        """True in a window that only watches the meeting: nothing here can be changed."""

    def compose(self) -> ComposeResult:
        yield GoalList("None yet: ctrl+g adds one", id="priorities")
        yield ActionList("None yet: ctrl+o adds one", id="actions")

    def on_mount(self) -> None:
        self.query_one("#priorities").border_title = "Goals · u updates"
        self.query_one("#actions").border_title = "Actions"

    def show(self, meeting: Meeting) -> None:
        """Show `meeting`'s lists (a new copy when following another window)."""
        self.meeting = meeting
        self._show_priorities()
        self._show_actions()
        when = meeting.next_check_in
        self.query_one("#priorities").border_subtitle = f"next check-in {format_date(when)}" if when else ""

    def _show_priorities(self, highlight: int | None = None) -> None:
        lines = [live_goal_line(goal) for goal in self.meeting.priorities]
        self.query_one("#priorities", ItemList).show_items(lines, highlight)

    def _show_actions(self, highlight: int | None = None) -> None:
        today = desk_app(self).desk.today()
        lines = [live_action_line(action, today) for action in self.meeting.actions]
        self.query_one("#actions", ItemList).show_items(lines, highlight)

    def _changed(self, item_list: ItemList, highlight: int) -> None:
        if item_list.id == "priorities":
            self._show_priorities(highlight)
        else:
            self._show_actions(highlight)
        self.post_message(self.Changed(self))

    def go_to(self, place: str, index: int | None) -> None:
        """Put the cursor on item `index` of the priorities or actions list (or on the list when None)."""
        item_list = self.query_one(f"#{place}", ItemList)
        if index is not None:
            item_list.highlighted = index
        item_list.focus()

    def _items(self, item_list: ItemList) -> list:
        return self.meeting.priorities if item_list.id == "priorities" else self.meeting.actions

    # --- adding ---

    def add_action(self) -> None:
        """Ask for a new action in one line and add it at the end."""
        from meetingdesk.dialogs.action import ActionDialog

        def added(action: ActionItem | None) -> None:
            if action is not None:
                self.meeting.actions.append(action)
                self._changed(self.query_one("#actions", ItemList), len(self.meeting.actions) - 1)

        self.app.push_screen(ActionDialog(self.meeting, desk_app(self).desk.today()), added)

    def add_goal(self, stretch: bool = False) -> None:
        """Ask for a new goal (a stretch assignment when `stretch`) and add it at the end."""
        from meetingdesk.dialogs.goal import GoalDialog

        def added(goal: Priority | None) -> None:
            if goal is not None:
                self.meeting.priorities.append(goal)
                self._changed(self.query_one("#priorities", ItemList), len(self.meeting.priorities) - 1)

        self.app.push_screen(GoalDialog(desk_app(self).desk.today(), stretch=stretch), added)

    def update_goal(self, index: int | None = None) -> None:
        """Record this check-in of goal `index`: by default the highlighted one while the goals list has
        the cursor, else the first carried goal not updated yet, else the first goal."""
        from meetingdesk.dialogs.goal_update import UpdateGoalDialog

        goals = self.meeting.priorities
        if not goals:
            self.notify("No goal to update yet: ctrl+g adds one.", severity="warning", markup=False)
            return
        listed = self.query_one("#priorities", ItemList)
        if index is None:
            waiting = next((number for number, goal in enumerate(goals) if goal.is_carried and goal.status is None), 0)
            index = listed.highlighted if listed.has_focus and listed.highlighted is not None else waiting
        goal = goals[index]

        def updated(result: Priority | None) -> None:
            if result is not None and goal in goals:
                goals[goals.index(goal)] = result
                self._changed(listed, goals.index(result))

        self.app.push_screen(UpdateGoalDialog(goal, desk_app(self).desk.today()), updated)

    def on_goal_list_update(self, event: GoalList.Update) -> None:
        event.stop()
        if not self.read_only:
            self.update_goal(event.index)

    # --- editing what is listed ---

    def on_item_list_edit(self, event: ItemList.Edit) -> None:
        event.stop()
        if self.read_only:
            return
        items = self._items(event.item_list)
        index = event.index
        today = desk_app(self).desk.today()

        def replace(item: object) -> None:
            if item is not None:
                items[index] = item
                self._changed(event.item_list, index)

        if event.item_list.id == "priorities":
            from meetingdesk.dialogs.goal import GoalDialog

            self.app.push_screen(GoalDialog(today, items[index]), replace)
        else:
            from meetingdesk.dialogs.action import ActionDialog

            self.app.push_screen(ActionDialog(self.meeting, today, items[index]), replace)

    def on_action_list_decide(self, event: ActionList.Decide) -> None:
        event.stop()
        if self.read_only:
            return
        action = self.meeting.actions[event.index]
        today = desk_app(self).desk.today()
        if not action.is_carried:
            if event.decision == "done":
                action.done_on = None if action.done_on else today
                self._changed(event.item_list, event.index)
            return
        if event.decision == "dropped":
            from meetingdesk.dialogs.drop import DropDialog

            def dropped(reason: str | None) -> None:
                if reason:
                    decide(action, "dropped", today, reason)
                    self._changed(event.item_list, event.index)

            self.app.push_screen(DropDialog(action.text), dropped)
            return
        decide(action, event.decision, today)
        self._changed(event.item_list, event.index)

    def on_item_list_delete(self, event: ItemList.Delete) -> None:
        event.stop()
        if self.read_only:
            return
        items = self._items(event.item_list)
        if getattr(items[event.index], "is_carried", False):
            advice = (
                "A goal from earlier is not deleted: u marks it achieved, or dropped with a reason."
                if event.item_list.id == "priorities"
                else "An action from last time is settled, not deleted: d done, k keep open, x drop with a reason."
            )
            self.notify(advice, severity="warning", markup=False)
            return
        from meetingdesk.dialogs.confirm import ConfirmDialog

        item = items[event.index]
        kind = "goal" if event.item_list.id == "priorities" else "action"

        def confirmed(yes: bool | None) -> None:
            # Found again by id: the list may have changed while the question was open.
            position = next((number for number, entry in enumerate(items) if entry.id == item.id), None)
            if not yes or position is None:
                return
            items.pop(position)
            self._changed(event.item_list, max(0, position - 1))
            self.notify(f"Deleted “{item.text}”.", markup=False)

        question = f"Delete the {kind} “{item.text}”? It is not in the summary afterwards."
        self.app.push_screen(ConfirmDialog(f"Delete {kind}", question, yes="Delete"), confirmed)

    def on_item_list_move(self, event: ItemList.Move) -> None:
        event.stop()
        if self.read_only:
            return
        items = self._items(event.item_list)
        target = event.index + event.delta
        if 0 <= target < len(items):
            items[event.index], items[target] = items[target], items[event.index]
            self._changed(event.item_list, target)
