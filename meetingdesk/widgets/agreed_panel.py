"""The live meeting's side panel: what was agreed last time, the priorities and the actions agreed now.

The panel edits the meeting's lists itself (add, edit, reorder, delete, settle a
carried action) through the dialogs, and tells its screen with `Changed` so the
screen saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from meetingdesk.app import desk_app
from meetingdesk.followup import decide
from meetingdesk.models import ActionItem, Meeting, Priority
from meetingdesk.widgets.item_list import ActionList, ItemList, live_action_line, live_priority_line


class AgreedPanel(Vertical):
    """Last time's priorities, then this meeting's priorities and actions, each list editable from the keyboard."""

    @dataclass
    class Changed(Message):
        """The meeting's priorities or actions changed: save it."""

        panel: AgreedPanel

    def __init__(self, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.read_only = False
        """True in a window that only watches the meeting: nothing here can be changed."""

    def compose(self) -> ComposeResult:
        yield Static("", id="previous", markup=False)
        yield ItemList("None yet: ctrl+g adds one", id="priorities")
        yield ActionList("None yet: ctrl+o adds one", id="actions")

    def on_mount(self) -> None:
        self.query_one("#priorities").border_title = "Agreed priorities"
        self.query_one("#actions").border_title = "Actions"
        previous = self.query_one("#previous", Static)
        previous.border_title = "Agreed last time"

    def show(self, meeting: Meeting) -> None:
        """Show `meeting`'s lists (a new copy when following another window)."""
        self.meeting = meeting
        previous = self.query_one("#previous", Static)
        previous.display = bool(meeting.previous_priorities)
        previous.update("\n".join(f"• {priority.text}" for priority in meeting.previous_priorities))
        self._show_priorities()
        self._show_actions()

    def _show_priorities(self, highlight: int | None = None) -> None:
        lines = [live_priority_line(priority) for priority in self.meeting.priorities]
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

    def add_priority(self, stretch: bool = False) -> None:
        """Ask for a new priority (a stretch assignment when `stretch`) and add it at the end."""
        from meetingdesk.dialogs.priority import PriorityDialog

        def added(priority: Priority | None) -> None:
            if priority is not None:
                self.meeting.priorities.append(priority)
                self._changed(self.query_one("#priorities", ItemList), len(self.meeting.priorities) - 1)

        self.app.push_screen(PriorityDialog(desk_app(self).desk.today(), stretch=stretch), added)

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
            from meetingdesk.dialogs.priority import PriorityDialog

            self.app.push_screen(PriorityDialog(today, items[index]), replace)
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
            self.notify(
                "An action from last time is settled, not deleted: d done, k keep open, x drop with a reason.",
                severity="warning",
                markup=False,
            )
            return
        from meetingdesk.dialogs.confirm import ConfirmDialog

        item = items[event.index]
        kind = "priority" if event.item_list.id == "priorities" else "action"

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
