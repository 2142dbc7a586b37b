"""The meeting record: its summary, ready to copy into an email, and the actions and goals to follow through.

Shown when a meeting ends and when a past meeting is opened. Every change made here
after the meeting ended is saved at once and recorded as an amendment, so the
summary says when the record last changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Markdown, OptionList

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.desk import Desk
from meetingdesk.locations import styles_dir
from meetingdesk.models import ActionItem, Meeting, Priority
from meetingdesk.quickadd import format_date
from meetingdesk.screens.record_exports import RecordExports
from meetingdesk.storage.files import StoreError
from meetingdesk.summary import actions_in_order, summary_markdown
from meetingdesk.widgets.item_list import ItemList
from meetingdesk.widgets.key_bar import KeyBar


class RecordList(ItemList):
    """An ItemList where enter edits, so `e` stays Export summary on this screen."""

    BINDINGS = [Binding("enter", "select", "Edit", id="record_edit")]

    def __init__(self, empty_text: str, *, movable: bool = True, id: str | None = None) -> None:
        super().__init__(empty_text, id=id)
        self.movable = movable
        """False for the actions, listed in the summary's order (by deadline), which moving can't change."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Disabled rather than removed: the key then reaches the screen's "e" (Export summary).
        if action == "edit" or (action == "move" and not self.movable):
            return False
        return super().check_action(action, parameters)


class RecordScreen(RecordExports):
    """The record of one meeting: what was agreed, ready to copy into an email, and amendable."""

    CSS_PATH = styles_dir() / "record.tcss"
    BINDINGS = [
        Binding("c", "copy_summary", "Copy summary", id="copy_summary", tooltip="Copy the email text to the clipboard"),
        Binding("e", "export_summary", "Export summary", id="export_summary", tooltip="Write the summary to a Markdown file, and the next check-in to an .ics"),
        Binding("m", "export_email_draft", "Export email draft", id="export_email_draft", tooltip="Write the summary as an .eml draft to open in your mail client"),
        Binding("w", "email_wording", "Email wording", id="email_wording", tooltip="Change the opening and closing of the summary email"),
        Binding("d", "mark_done", "Mark done", id="mark_done", tooltip="Mark the highlighted action done today"),
        Binding("d", "reopen", "Reopen", id="reopen", tooltip="Open the highlighted action again"),
        Binding("a", "add_action", "Add action", id="add_action", tooltip="Add an action to this meeting's record"),
        Binding("p", "add_goal", "Add goal", id="add_goal", tooltip="Add an agreed goal to this meeting's record (Add priority)"),
        Binding("u", "update_goal", "Update goal", id="update_goal", tooltip="Change the highlighted goal's status and progress"),
        Binding("s", "set_next_check_in", "Set next check-in", id="set_next_check_in", tooltip="Agree the cadence and the next check-in's date"),
        Binding("n", "edit_notes", "Edit notes", id="edit_notes", tooltip="Change a section's shared notes"),
        Binding("f", "start_follow_up", "Start follow-up", id="start_follow_up", tooltip="Start the next meeting with the same person and agenda"),
        Binding("ctrl+d", "delete_meeting", "Delete meeting", id="delete_meeting", tooltip="Move this meeting to the trash"),
        Binding("escape", "home", "Meetings", id="home", tooltip="Back to the list of meetings"),
    ]

    SHOWS_PRIVATE_NOTES = True
    """f2 decides whether Edit notes shows the private notes too."""

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.listed: list[ActionItem] = []
        """The actions as the list (and the summary) shows them: by deadline."""

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="record-body"):
            with VerticalScroll(id="summary-scroll"):
                yield Markdown(summary_markdown(self.meeting), id="summary")
            with Vertical(id="record-side"):
                yield RecordList("No actions. Press a to add one.", movable=False, id="record-actions")
                yield RecordList("No goals. Press p to add one.", id="record-priorities")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Summary · {self.meeting.agenda_title} with {self.meeting.person}"
        self.query_one("#record-actions").border_title = "Actions"
        self.query_one("#record-priorities").border_title = "Goals"
        self._show_lists()
        self.query_one("#summary-scroll").focus()

    # --- showing the record ---

    def _show(self) -> None:
        self.query_one("#summary", Markdown).update(summary_markdown(self.meeting))
        self._show_lists()

    def _show_lists(self) -> None:
        self.listed = actions_in_order(self.meeting.actions)
        self.query_one("#record-actions", RecordList).show_items([_action_entry(a) for a in self.listed])
        self.query_one("#record-priorities", RecordList).show_items([_goal_entry(goal) for goal in self.meeting.priorities])
        when = self.meeting.next_check_in
        self.query_one("#record-priorities").border_subtitle = f"next check-in {format_date(when)}" if when else "no next check-in"
        self.refresh_bindings()

    def on_meetings_changed(self, message: messages.MeetingsChanged) -> None:
        """A pull, a sync or another window changed this meeting's file: show what it holds now."""
        if self.meeting.id not in message.ids:
            return
        try:
            fresh = self.desk.store.load(self.meeting.id)
        except StoreError:
            self.notify(
                "This meeting's file is gone from the meetings folder (moved to the trash on another machine, or removed). "
                "The record stays on screen; a change made here goes into the copy in the trash.",
                title="Moved away",
                severity="warning",
                markup=False,
            )
            return
        if fresh.model_dump(exclude={"updated_at"}) == self.meeting.model_dump(exclude={"updated_at"}):
            return
        self.meeting = fresh
        self._show()
        self.notify("This record changed in another copy: it now shows every change, theirs and yours.", title="Updated", markup=False)

    def _highlighted_action(self) -> ActionItem | None:
        # Bindings are checked while the screen is still mounting, before the list exists.
        found = self.query("#record-actions").results(RecordList)
        actions = next(found, None)
        if actions is None:
            return None
        index = actions.highlighted
        if not actions.has_items or index is None or index >= len(self.listed):
            return None
        return self.listed[index]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # "Mark done" and "Reopen" follow the highlighted action.
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mark_done", "reopen"):
            highlighted = self._highlighted_action()
            if highlighted is None:
                return None if action == "mark_done" else False
            return highlighted.is_open if action == "mark_done" else not highlighted.is_open
        return True

    # --- amending ---

    def _amend(self, change: Callable[[Meeting], str], *, private: bool = False) -> bool:
        """Apply `change` to a copy, record it as an amendment once the meeting has ended, and save.

        The screen's meeting is replaced only after the save worked, so what is shown is what is on disk.
        """
        try:
            updated, what = self.desk.amend(self.meeting, change, private=private)
        except StoreError as error:
            self.notify(str(error), title="The change was not saved", severity="error", markup=False)
            return False
        self.meeting = updated
        self._show()
        self.notify(what, title="Saved", timeout=4, markup=False)
        return True

    def _today(self) -> date:
        return self.desk.today()

    def action_mark_done(self) -> None:
        action = self._highlighted_action()
        if action is None or not action.is_open:
            return
        self._amend(self.desk.done_today(action.id))

    def action_reopen(self) -> None:
        action = self._highlighted_action()
        if action is None or action.is_open:
            return

        def change(meeting: Meeting) -> str:
            reopened = _with_id(meeting.actions, action.id)
            reopened.done_on = None
            reopened.dropped_reason = ""
            return f"Reopened “{action.text}”."

        self._amend(change)

    def action_add_action(self) -> None:
        from meetingdesk.dialogs.action import ActionDialog

        def added(action: ActionItem | None) -> None:
            if action is not None:
                self._amend(lambda meeting: _append(meeting.actions, action, f"Added the action “{action.text}”."))

        self.app.push_screen(ActionDialog(self.meeting, self._today()), added)

    def action_add_goal(self) -> None:
        from meetingdesk.dialogs.goal import GoalDialog

        def added(goal: Priority | None) -> None:
            if goal is not None:
                self._amend(lambda meeting: _append(meeting.priorities, goal, f"Added the goal “{goal.text}”."))

        self.app.push_screen(GoalDialog(self._today()), added)

    def action_update_goal(self) -> None:
        from meetingdesk.dialogs.goal_update import UpdateGoalDialog

        goals = self.query_one("#record-priorities", RecordList)
        if not goals.has_items:
            self.notify("No goal to update: p adds one.", severity="warning", markup=False)
            return
        index = goals.highlighted or 0
        original = self.meeting.priorities[index]

        def updated(result: Priority | None) -> None:
            if result is None or result == original:
                return

            def change(meeting: Meeting) -> str:
                meeting.priorities[index] = result
                return f"Updated the goal “{result.text}”: {result.status}."

            self._amend(change)

        self.app.push_screen(UpdateGoalDialog(original, self._today()), updated)

    def action_set_next_check_in(self) -> None:
        from meetingdesk.dialogs.check_in import CheckInChoice, CheckInDialog

        meeting = self.meeting

        def chosen(choice: CheckInChoice | None) -> None:
            if choice is None or (choice.next_check_in, choice.cadence) == (meeting.next_check_in, meeting.cadence):
                return

            def change(updated: Meeting) -> str:
                updated.next_check_in, updated.cadence = choice.next_check_in, choice.cadence
                when = format_date(choice.next_check_in) if choice.next_check_in else "none planned"
                return f"Next check-in: {when}."

            if self._amend(change):
                self.desk.keep_cadence(meeting.person, choice.cadence)

        suggest = lambda cadence: self.desk.suggested_check_in(meeting, cadence)  # noqa: E731
        self.app.push_screen(CheckInDialog(meeting.person, self._today(), meeting.cadence, meeting.next_check_in, suggest), chosen)

    def action_edit_notes(self) -> None:
        from meetingdesk.dialogs.note import NoteDialog

        def edited(changed: dict[tuple[int, str], str] | None) -> None:
            # Shared and private edits are two amendments: only the shared one is named in the summary.
            for field, kind in (("notes", "shared"), ("private_notes", "private")):
                texts = {index: text for (index, edited_field), text in (changed or {}).items() if edited_field == field}
                if texts:
                    self._amend(partial(_edit_notes, texts, field, kind), private=field == "private_notes")

        hidden = desk_app(self).private_notes_hidden
        self.app.push_screen(NoteDialog(self.meeting.sections, start=self.meeting.current_section, show_private=not hidden), edited)

    def on_item_list_edit(self, event: ItemList.Edit) -> None:
        event.stop()
        if event.item_list.id == "record-actions":
            self._edit_action(event.index)
        else:
            self._edit_priority(event.index)

    def _edit_action(self, index: int) -> None:
        from meetingdesk.dialogs.action import ActionDialog

        original = self.listed[index]

        def edited(result: ActionItem | None) -> None:
            if result is None or (result.text, result.owner, result.due) == (original.text, original.owner, original.due):
                return

            def change(meeting: Meeting) -> str:
                # The dialog knows text, owner and deadline; carry history and dates stay as they were.
                position = next(number for number, action in enumerate(meeting.actions) if action.id == original.id)
                meeting.actions[position] = original.model_copy(update={"text": result.text, "owner": result.owner, "due": result.due})
                return f"Edited the action “{result.text}”."

            self._amend(change)

        self.app.push_screen(ActionDialog(self.meeting, self._today(), original), edited)

    def _edit_priority(self, index: int) -> None:
        from meetingdesk.dialogs.goal import GoalDialog

        original = self.meeting.priorities[index]

        def edited(result: Priority | None) -> None:
            if result is None or result == original:
                return

            def change(meeting: Meeting) -> str:
                meeting.priorities[index] = result
                return f"Edited the goal “{result.text}”."

            self._amend(change)

        self.app.push_screen(GoalDialog(self._today(), original), edited)

    def on_item_list_move(self, event: ItemList.Move) -> None:
        # Only priorities move: the actions follow the summary's order, by deadline.
        event.stop()
        target = event.index + event.delta
        if not 0 <= target < len(self.meeting.priorities):
            return
        moved = self.meeting.priorities[event.index]

        def change(meeting: Meeting) -> str:
            meeting.priorities.insert(target, meeting.priorities.pop(event.index))
            return f"Moved “{moved.text}” {'up' if event.delta < 0 else 'down'}."

        if self._amend(change):
            event.item_list.highlighted = target

    def on_item_list_delete(self, event: ItemList.Delete) -> None:
        event.stop()
        from meetingdesk.dialogs.confirm import ConfirmDialog

        is_actions = event.item_list.id == "record-actions"
        kind = "action" if is_actions else "goal"
        item = (self.listed if is_actions else self.meeting.priorities)[event.index]

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return

            def change(meeting: Meeting) -> str:
                listed: list = meeting.actions if is_actions else meeting.priorities
                listed[:] = [entry for entry in listed if entry.id != item.id]
                return f"Deleted the {kind} “{item.text}”."

            self._amend(change)

        question = f"Delete the {kind} “{item.text}” from this meeting's record?"
        self.app.push_screen(ConfirmDialog(f"Delete {kind}", question, yes="Delete"), confirmed)

    # --- the meeting as a whole ---

    def action_start_follow_up(self) -> None:
        self.post_message(messages.StartFollowUp(self.meeting))

    def action_delete_meeting(self) -> None:
        from meetingdesk.dialogs.confirm import ConfirmDialog

        when = format_date(self.meeting.when.astimezone().date())
        question = f"Move the meeting with {self.meeting.person} on {when} to the trash? It can be restored."
        self.app.push_screen(ConfirmDialog("Delete meeting", question, yes="Move to trash"), self._delete_confirmed)

    def _delete_confirmed(self, yes: bool | None) -> None:
        from meetingdesk.storage.trash import move_to_trash

        if not yes:
            return
        try:
            move_to_trash(self.desk.store, self.meeting.id, self.desk.clock())
        except StoreError as error:
            self.notify(str(error), title="Delete meeting", severity="error", markup=False)
            return
        self.notify(
            f"The meeting with {self.meeting.person} is in the trash; it can be restored from there.",
            title="Delete meeting",
            timeout=8,
            markup=False,
        )
        self.post_message(messages.ShowHome())

    def action_home(self) -> None:
        self.post_message(messages.ShowHome())


def _edit_notes(texts: dict[int, str], field: str, kind: str, meeting: Meeting) -> str:
    """Put `texts` into each section's shared or private notes (`field`) and say what changed."""
    for index, text in texts.items():
        setattr(meeting.sections[index], field, text)
    titles = " and ".join(f"“{meeting.sections[index].title}”" for index in sorted(texts))
    return f"Edited the {kind} notes of {titles}."


def _with_id(actions: list[ActionItem], action_id: str) -> ActionItem:
    return next(action for action in actions if action.id == action_id)


def _append(items: list, item: ActionItem | Priority, what: str) -> str:
    items.append(item)
    return what


def _action_entry(action: ActionItem) -> Content:
    """One line of the actions list: a box, the text, then who and by when, or when it was done or why dropped."""
    if action.done_on:
        return Content.assemble(("✓ ", "$success"), (action.text, "dim"), (f" · done {format_date(action.done_on)}", "dim"))
    if action.dropped_reason:
        return Content.assemble(("✗ ", "$text-muted"), (action.text, "dim strike"), (f" · dropped: {action.dropped_reason}", "dim"))
    due = f"by {format_date(action.due)}" if action.due else "no deadline"
    return Content.assemble("☐ ", action.text, (f" · {action.owner or 'no owner'}, {due}", "$text-muted"))


def _goal_entry(goal: Priority) -> Content:
    """One line of the goals list: a mark, the text, then its date and this check-in's status."""
    from meetingdesk.goals import status_phrase

    due = f" · by {format_date(goal.due)}" if goal.due else ""
    if not goal.is_active:
        return Content.assemble(("✓ " if goal.status == "achieved" else "✗ ", "$text-muted"), (goal.text, "dim"), (f" · {status_phrase(goal)}", "dim"))
    return Content.assemble("◆ ", goal.text, (f"{due} · {status_phrase(goal)}", "$text-muted"))
