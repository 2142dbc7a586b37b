"""The live meeting: the clock, the agenda, notes per section, priorities and actions."""

from __future__ import annotations

import threading
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from meetingdesk.widgets.key_bar import KeyBar
from meetingdesk import messages
from meetingdesk.claims import MeetingClaim
from meetingdesk.locations import styles_dir
from meetingdesk.followup import decide
from meetingdesk.models import ActionItem, Meeting, Priority
from meetingdesk.quickadd import format_date
from meetingdesk.store import Store, StoreError
from meetingdesk.timer import Clock, MeetingTimer, format_duration
from meetingdesk.widgets.item_list import ActionList, ItemList

EDITING_ACTIONS = {
    "pause_timer",
    "resume_timer",
    "add_action",
    "add_priority",
    "rebalance",
    "end_meeting",
    "next_section",
    "previous_section",
}
"""What a read-only window can't do."""
AUTOSAVE_SECONDS = 1.0
"""Typing is saved at most this long after the last key."""
CLOCK_SAVE_SECONDS = 5.0
"""While nothing is typed, the running clock is still saved this often, for resuming after a crash."""
DOWNTIME_QUESTION_SECONDS = 60
"""On resuming, a gap longer than this since the last save makes the screen ask whether to count it."""


class LiveScreen(Screen[None]):
    """Runs one meeting against the clock."""

    CSS_PATH = styles_dir() / "live.tcss"
    BINDINGS = [
        Binding("ctrl+n", "next_section", "Next section", id="next_section", tooltip="Move on to the next section"),
        Binding("ctrl+l", "previous_section", "Previous section", id="previous_section", tooltip="Go back to the section before"),
        Binding("ctrl+t", "pause_timer", "Pause timer", id="pause_timer", tooltip="Stop every clock"),
        Binding("ctrl+t", "resume_timer", "Resume timer", id="resume_timer", tooltip="Start the clocks again"),
        Binding("ctrl+o", "add_action", "Add action", id="add_action", tooltip="Add an action: text @owner by date"),
        Binding("ctrl+g", "add_priority", "Add priority", id="add_priority", tooltip="Add a priority you both agreed"),
        Binding("ctrl+f", "end_meeting", "End meeting", id="end_meeting", tooltip="Check what is missing, then write the summary"),
        Binding("ctrl+r", "rebalance", "Rebalance time", id="rebalance", tooltip="Share the time left so the meeting ends on time"),
    ]

    clock_state: reactive[str] = reactive("on time")
    """"on time", "warning" or "overrun" for the current section; switches the clock bar's colours."""
    paused: reactive[bool] = reactive(False)
    """Whether the clocks are stopped."""
    read_only: reactive[bool] = reactive(False)
    """True when another MeetingDesk window is running this meeting: this one only watches."""

    def __init__(self, store: Store, meeting: Meeting, clock: Clock, *, resumed: bool = False) -> None:
        super().__init__()
        self.resumed = resumed
        self.store = store
        self.meeting = meeting
        self.clock = clock
        self.timer = MeetingTimer(meeting, clock)
        self._dirty = True
        self._last_save = 0.0
        self._save_lock = threading.Lock()
        self._pending: Meeting | None = None
        self._save_problem: str | None = None
        self._warned: set[tuple[int, str]] = set()
        self.claim = MeetingClaim(store.root, meeting.id)

    # ---- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="clock", markup=False)
        with Horizontal(id="body"):
            yield OptionList(id="sections")
            with Vertical(id="main"):
                yield Static("", id="section-title", markup=False)
                yield SelectionList[int](id="prompts")
                notes = TextArea(id="notes", soft_wrap=True)
                notes.border_title = "Shared notes · go in the summary"
                yield notes
                private = TextArea(id="private", soft_wrap=True)
                private.border_title = "Private notes · only you"
                yield private
            with Vertical(id="side"):
                yield Static("", id="previous", markup=False)
                yield ItemList("None yet: ctrl+g adds one", id="priorities")
                yield ActionList("None yet: ctrl+o adds one", id="actions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"{self.meeting.agenda_title} with {self.meeting.person}"
        self.query_one("#priorities").border_title = "Agreed priorities"
        self.query_one("#actions").border_title = "Actions"
        self.query_one("#sections").border_title = "Agenda"
        self._show_previous_priorities()
        if not self.claim.take():
            self.read_only = True
            self._show_everything()
            self.set_interval(2.0, self._follow_other_window)
            self.notify(
                "This meeting is open in another MeetingDesk window. This window only shows it, "
                "and follows what is typed there.",
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return
        downtime = (self.clock() - self.meeting.updated_at).total_seconds() if self.resumed else 0
        self.timer.start()
        self.paused = not self.timer.running
        self._show_everything()
        self.set_interval(0.5, self._tick)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self.save_now()
        self.query_one("#notes", TextArea).focus()
        if self.resumed and not self.paused and downtime >= DOWNTIME_QUESTION_SECONDS:
            from meetingdesk.screens.downtime import DowntimeDialog

            self.app.push_screen(DowntimeDialog(downtime), self._downtime_answered)

    def _downtime_answered(self, seconds: float | None) -> None:
        if seconds:
            self.timer.add_downtime(seconds)
            self._changed()
            self._tick()

    # ---- showing the meeting --------------------------------------------------------------------

    def _show_everything(self) -> None:
        self._show_section()
        self._show_priorities()
        self._show_actions()
        self._tick()

    def _show_previous_priorities(self) -> None:
        previous = self.query_one("#previous", Static)
        previous.display = bool(self.meeting.previous_priorities)
        previous.border_title = "Agreed last time"
        previous.update("\n".join(f"• {priority.text}" for priority in self.meeting.previous_priorities))

    def _follow_other_window(self) -> None:
        from meetingdesk.store import StoreError

        try:
            self.meeting = self.store.load(self.meeting.id)
        except StoreError:
            return
        self.timer = MeetingTimer(self.meeting, self.clock)
        self._show_everything()

    def watch_read_only(self, read_only: bool) -> None:
        for editor in self.query(TextArea):
            editor.read_only = read_only
        self.set_class(read_only, "-read-only")
        self.refresh_bindings()

    def _section_line(self, index: int) -> Content:
        section = self.meeting.sections[index]
        marker = "▶ " if index == self.meeting.current_section else "  "
        elapsed = self.timer.section_elapsed(index)
        times = f"{format_duration(elapsed)} / {format_duration(section.planned_seconds)}"
        style = "bold" if index == self.meeting.current_section else ""
        if elapsed > section.planned_seconds:
            times += " over"
            style = "bold $error" if index == self.meeting.current_section else "$error"
        return Content.assemble((f"{marker}{index + 1}. {section.title}\n", style), (f"   {times}", style or "dim"))

    def _show_section(self) -> None:
        meeting = self.meeting
        index = meeting.current_section
        section = meeting.sections[index]
        sections = self.query_one("#sections", OptionList)
        sections.clear_options()
        sections.add_options([self._section_line(i) for i in range(len(meeting.sections))])
        sections.highlighted = index
        self.query_one("#section-title", Static).update(
            f"{index + 1} of {len(meeting.sections)} · {section.title}"
        )
        prompts = self.query_one("#prompts", SelectionList)
        prompts.clear_options()
        prompts.add_options(
            [Selection(Content(text), number, number in section.prompts_done) for number, text in enumerate(section.prompts)]
        )
        prompts.display = bool(section.prompts)
        prompts.border_title = "Prompts · space ticks one off"
        notes = self.query_one("#notes", TextArea)
        if notes.text != section.notes:
            notes.load_text(section.notes)
            # Carry on writing where the notes end, not before what is already there.
            notes.move_cursor(notes.document.end)
        private = self.query_one("#private", TextArea)
        if private.text != section.private_notes:
            private.load_text(section.private_notes)
            private.move_cursor(private.document.end)

    def _show_priorities(self, highlight: int | None = None) -> None:
        lines = []
        for priority in self.meeting.priorities:
            detail = " · ".join(
                part for part in (priority.measure, format_date(priority.due) if priority.due else "") if part
            )
            lines.append(Content.assemble(priority.text, (f"\n↳ {detail}" if detail else "", "dim")))
        self.query_one("#priorities", ItemList).show_items(lines, highlight)

    def _show_actions(self, highlight: int | None = None) -> None:
        lines = []
        for action in self.meeting.actions:
            owner = action.owner or "no owner"
            due = format_date(action.due) if action.due else "no deadline"
            detail = f"\n↳ {owner} · {due}"
            if action.is_carried:
                detail += f"\n↳ {CARRIED_STATE[action.carry_decision or 'undecided']}"
            style = "$warning" if action.carry_decision == "undecided" else ""
            lines.append(Content.assemble(("↻ " if action.is_carried else "", style), action.text, (detail, "dim")))
        self.query_one("#actions", ItemList).show_items(lines, highlight)

    def _tick(self) -> None:
        timer = self.timer
        meeting = self.meeting
        section = meeting.sections[meeting.current_section]
        remaining = timer.section_remaining()
        state = timer.state()
        if remaining >= 0:
            left = f"{format_duration(remaining)} left"
        else:
            left = f"OVER by {format_duration(-remaining)}"
        planned_end = timer.planned_end()
        projected_end = timer.projected_end()
        ends = ""
        if planned_end and projected_end:
            late = (projected_end - planned_end).total_seconds()
            if late > 59:
                ends = f"  │  Ends ~{_clock_time(projected_end)}, {format_duration(late)} late"
            else:
                ends = f"  │  Ends ~{_clock_time(projected_end)}, planned {_clock_time(planned_end)}"
        status = "PAUSED  │  " if not timer.running and not self.read_only else ""
        if self.read_only:
            status = "READ-ONLY: running in another window  │  "
        problem = f"  │  ⚠ {self._save_problem}" if self._save_problem else ""
        self.query_one("#clock", Static).update(
            f"{status}Section {format_duration(timer.section_elapsed())} / {format_duration(section.planned_seconds)} · {left}"
            f"  │  Meeting {format_duration(timer.meeting_elapsed())}{ends}{problem}"
        )
        self.clock_state = state
        key = (meeting.current_section, state)
        if timer.running and not self.read_only and state != "on time" and key not in self._warned:
            self._warned.add(key)
            if state == "warning":
                self.notify(f"{format_duration(remaining)} left in “{section.title}”.", title="Time check", markup=False)
            else:
                self.notify(
                    f"“{section.title}” is over its time. ctrl+n moves on; ctrl+r rebalances the rest.",
                    title="Over time",
                    severity="warning",
                    markup=False,
                )
        sections = self.query_one("#sections", OptionList)
        if sections.option_count == len(meeting.sections):
            sections.replace_option_prompt_at_index(meeting.current_section, self._section_line(meeting.current_section))

    def watch_clock_state(self, state: str) -> None:
        clock = self.query_one("#clock")
        clock.set_class(state == "warning", "-warning")
        clock.set_class(state == "overrun", "-overrun")

    def watch_paused(self, paused: bool) -> None:
        self.query_one("#clock").set_class(paused, "-paused")
        self.refresh_bindings()

    # ---- saving ---------------------------------------------------------------------------------

    def _changed(self) -> None:
        self._dirty = True

    def _autosave(self) -> None:
        now = self.clock().timestamp()
        if self._dirty or self._save_problem or (self.timer.running and now - self._last_save >= CLOCK_SAVE_SECONDS):
            snapshot = self._snapshot()
            with self._save_lock:
                self._pending = snapshot
            self._save_in_background()

    def _snapshot(self) -> Meeting:
        self.timer.sync()
        self._dirty = False
        self._last_save = self.clock().timestamp()
        return self.meeting.model_copy(deep=True)

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:
        self._write_pending(on_ui=False)

    @property
    def unsaved(self) -> bool:
        """True while the latest changes could not be written (and this window owns the meeting)."""
        return not self.read_only and self._save_problem is not None

    def save_now(self) -> None:
        """Save on this thread (on start and on leaving), so nothing waits in a worker."""
        snapshot = self._snapshot()
        with self._save_lock:
            self._pending = snapshot
        self._write_pending(on_ui=True)

    def _write_pending(self, on_ui: bool) -> None:
        # One writer at a time, always the newest snapshot, so an older copy never replaces a newer one.
        with self._save_lock:
            snapshot, self._pending = self._pending, None
            if snapshot is None:
                return
            try:
                self.store.save(snapshot)
            except StoreError as error:
                report, args = self._save_failed, (str(error),)
            else:
                report, args = self._save_worked, ()
        if on_ui:
            report(*args)
        else:
            self.app.call_from_thread(report, *args)

    def _save_failed(self, sentence: str) -> None:
        first = self._save_problem is None
        self._save_problem = "Not saved yet, retrying: your notes are safe on screen."
        self._dirty = True
        if first:
            self.notify(
                f"{sentence} Keep typing: MeetingDesk retries every second.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )

    def _save_worked(self) -> None:
        if self._save_problem is not None:
            self._save_problem = None
            self.notify("Saved again: nothing was lost.", title="Saved", markup=False)

    def on_unmount(self) -> None:
        if not self.read_only:
            self.save_now()
            self.claim.release()

    # ---- editing ------------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        section = self.meeting.sections[self.meeting.current_section]
        text = event.text_area.text
        if event.text_area.id == "notes" and section.notes != text:
            section.notes = text
            self._changed()
        elif event.text_area.id == "private" and section.private_notes != text:
            section.private_notes = text
            self._changed()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        if self.read_only:
            return
        section = self.meeting.sections[self.meeting.current_section]
        done = sorted(int(value) for value in event.selection_list.selected)
        if done != section.prompts_done:
            section.prompts_done = done
            self._changed()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "sections":
            event.stop()
            self._go_to(event.option_index)
            self.query_one("#notes", TextArea).focus()

    # ---- commands -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in EDITING_ACTIONS:
            return False
        if action == "pause_timer":
            return not self.paused
        if action == "resume_timer":
            return self.paused
        if action == "next_section":
            return True if self.meeting.current_section < len(self.meeting.sections) - 1 else None
        if action == "previous_section":
            return True if self.meeting.current_section > 0 else None
        return True

    def _go_to(self, index: int) -> None:
        if index == self.meeting.current_section:
            return
        self.timer.go_to(index)
        self._changed()
        self._show_section()
        self._tick()
        self.refresh_bindings()

    def action_next_section(self) -> None:
        self._go_to(min(self.meeting.current_section + 1, len(self.meeting.sections) - 1))

    def action_previous_section(self) -> None:
        self._go_to(max(self.meeting.current_section - 1, 0))

    def action_pause_timer(self) -> None:
        self.timer.pause()
        self.paused = True
        self._changed()
        self._tick()

    def action_resume_timer(self) -> None:
        self.timer.resume()
        self.paused = False
        self._changed()
        self._tick()

    def action_rebalance(self) -> None:
        on_time = self.timer.rebalance()
        self._changed()
        self._show_section()
        self._tick()
        if on_time:
            self.notify("The time left is shared out so the meeting ends on time; the wrap-up keeps its time.", title="Rebalanced", markup=False)
        else:
            self.notify(
                "Not enough time left to end on time: each section keeps a minute and the wrap-up its full time.",
                title="Rebalanced",
                severity="warning",
                markup=False,
            )

    def action_add_action(self) -> None:
        from meetingdesk.screens.action_dialog import ActionDialog

        self.app.push_screen(ActionDialog(self.meeting, self.app.today()), self._action_added)

    def _action_added(self, action: ActionItem | None) -> None:
        if action is not None:
            self.meeting.actions.append(action)
            self._changed()
            self._show_actions(len(self.meeting.actions) - 1)

    def action_add_priority(self) -> None:
        from meetingdesk.screens.priority_dialog import PriorityDialog

        self.app.push_screen(PriorityDialog(self.app.today()), self._priority_added)

    def _priority_added(self, priority: Priority | None) -> None:
        if priority is not None:
            self.meeting.priorities.append(priority)
            self._changed()
            self._show_priorities(len(self.meeting.priorities) - 1)

    def _items(self, item_list: ItemList) -> list:
        return self.meeting.priorities if item_list.id == "priorities" else self.meeting.actions

    def _show_items(self, item_list: ItemList, highlight: int | None = None) -> None:
        if item_list.id == "priorities":
            self._show_priorities(highlight)
        else:
            self._show_actions(highlight)

    def on_item_list_edit(self, event: ItemList.Edit) -> None:
        if self.read_only:
            return
        items = self._items(event.item_list)
        index = event.index

        def replace(item: object) -> None:
            if item is not None:
                items[index] = item
                self._changed()
                self._show_items(event.item_list, index)

        if event.item_list.id == "priorities":
            from meetingdesk.screens.priority_dialog import PriorityDialog

            self.app.push_screen(PriorityDialog(self.app.today(), items[index]), replace)
        else:
            from meetingdesk.screens.action_dialog import ActionDialog

            self.app.push_screen(ActionDialog(self.meeting, self.app.today(), items[index]), replace)

    def on_action_list_decide(self, event: ActionList.Decide) -> None:
        action = self.meeting.actions[event.index]
        if self.read_only:
            return
        if not action.is_carried:
            if event.decision == "done":
                action.done_on = None if action.done_on else self.app.today()
                self._changed()
                self._show_actions(event.index)
            return
        if event.decision == "dropped":
            from meetingdesk.screens.drop_dialog import DropDialog

            def dropped(reason: str | None) -> None:
                if reason:
                    decide(action, "dropped", self.app.today(), reason)
                    self._changed()
                    self._show_actions(event.index)

            self.app.push_screen(DropDialog(action.text), dropped)
            return
        decide(action, event.decision, self.app.today())
        self._changed()
        self._show_actions(event.index)

    def on_item_list_delete(self, event: ItemList.Delete) -> None:
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
        removed = items.pop(event.index)
        self._changed()
        self._show_items(event.item_list, max(0, event.index - 1))
        self.notify(f"Deleted “{removed.text}”.", markup=False)

    def on_item_list_move(self, event: ItemList.Move) -> None:
        if self.read_only:
            return
        items = self._items(event.item_list)
        target = event.index + event.delta
        if 0 <= target < len(items):
            items[event.index], items[target] = items[target], items[event.index]
            self._changed()
            self._show_items(event.item_list, target)

    def action_end_meeting(self) -> None:
        from meetingdesk.screens.close_check import CloseCheckScreen

        self.app.push_screen(CloseCheckScreen(self.meeting.close_check()), self._close_checked)

    def _close_checked(self, close: bool | None) -> None:
        if not close:
            self.query_one("#notes", TextArea).focus()
            return
        self.timer.pause()
        self.meeting.status = "ended"
        self.meeting.ended_at = self.clock()
        self.save_now()
        if self._save_problem:
            # Stay here: the retry every second writes the ended meeting once the disk lets it.
            self.notify(
                "The meeting is ended but not saved yet. Stay on this screen; press ctrl+f again once it is saved.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        self.post_message(messages.MeetingEnded(self.meeting))


CARRIED_STATE = {
    "undecided": "from last time: d done · k keep · x drop",
    "kept": "from last time: kept open",
    "done": "from last time: done",
    "dropped": "from last time: dropped",
}


def _clock_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")
