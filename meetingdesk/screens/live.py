"""The live meeting: the clock, the agenda, notes per section, goals and actions."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static, TextArea

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.desk import Desk
from meetingdesk.locations import styles_dir
from meetingdesk.models import Meeting
from meetingdesk.storage.autosave import AUTOSAVE_SECONDS, Autosave, SaveOutcome
from meetingdesk.storage.claims import MeetingClaim
from meetingdesk.timer import MeetingTimer, format_duration
from meetingdesk.widgets.agenda_list import AgendaList
from meetingdesk.widgets.clock_bar import ClockBar
from meetingdesk.widgets.agreed_panel import AgreedPanel
from meetingdesk.widgets.key_bar import KeyBar
from meetingdesk.widgets.prompt_list import PromptList

EDITING_ACTIONS = {
    "pause_timer",
    "resume_timer",
    "add_action",
    "add_goal",
    "update_goal",
    "set_next_check_in",
    "rebalance",
    "end_meeting",
    "next_section",
    "previous_section",
}
"""What a read-only window can't do."""
DOWNTIME_QUESTION_SECONDS = 60
"""On resuming, a gap longer than this since the last save makes the screen ask whether to count it."""
FOLLOW_SECONDS = 2.0
"""How often a read-only window reads what the running window saved."""


class LiveScreen(Screen[None]):
    """Runs one meeting against the clock."""

    CSS_PATH = styles_dir() / "live.tcss"
    BINDINGS = [
        Binding("ctrl+n", "next_section", "Next section", id="next_section", tooltip="Move on to the next section"),
        Binding("ctrl+l", "previous_section", "Previous section", id="previous_section", tooltip="Go back to the section before"),
        Binding("ctrl+t", "pause_timer", "Pause timer", id="pause_timer", tooltip="Stop every clock"),
        Binding("ctrl+t", "resume_timer", "Resume timer", id="resume_timer", tooltip="Start the clocks again"),
        Binding("ctrl+o", "add_action", "Add action", id="add_action", tooltip="Add an action: text @owner by date"),
        Binding("ctrl+g", "add_goal", "Add goal", id="add_goal", tooltip="Add a goal you both agreed (Add priority)"),
        Binding("ctrl+j", "update_goal", "Update goal", id="update_goal", tooltip="Set this check-in's status and progress of a goal"),
        Binding("ctrl+s", "set_next_check_in", "Set next check-in", id="set_next_check_in", tooltip="Agree the cadence and the next check-in's date"),
        Binding("ctrl+f", "end_meeting", "End meeting", id="end_meeting", tooltip="Check what is missing, then write the summary"),
        Binding("ctrl+r", "rebalance", "Rebalance time", id="rebalance", tooltip="Share the time left so the meeting ends on time"),
    ]

    paused: reactive[bool] = reactive(False)
    """Whether the clocks are stopped."""
    read_only: reactive[bool] = reactive(False)
    """True when another MeetingDesk window is running this meeting: this one only watches."""

    def __init__(self, meeting: Meeting, *, resumed: bool = False) -> None:
        super().__init__()
        self.resumed = resumed
        self.meeting = meeting
        self.timer: MeetingTimer
        self.autosave: Autosave
        self.claim: MeetingClaim
        self._warned: set[tuple[int, str]] = set()
        self._offered = False
        """Whether this read-only window has offered to take over once its writer went."""

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    # ---- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClockBar(id="clock")
        with Horizontal(id="body"):
            yield AgendaList(id="sections")
            with Vertical(id="main"):
                yield Static("", id="section-title", markup=False)
                yield PromptList(id="prompts")
                notes = TextArea(id="notes", soft_wrap=True)
                notes.border_title = "Shared notes · go in the summary"
                yield notes
                private = TextArea(id="private", soft_wrap=True)
                private.border_title = "Private notes · only you"
                yield private
            yield AgreedPanel(self.meeting, id="side")
        yield KeyBar()

    def on_mount(self) -> None:
        desk = self.desk
        self.timer = MeetingTimer(self.meeting, desk.clock)
        self.autosave = Autosave(desk.store, desk.clock)
        self.claim = MeetingClaim(desk.store.root, self.meeting.id)
        self.title = f"{self.meeting.agenda_title} with {self.meeting.person}"
        self.query_one("#sections").border_title = "Agenda"
        if not self.claim.take():
            self.read_only = True
            self._show_everything()
            self._following = self.set_interval(FOLLOW_SECONDS, self._follow_other_window)
            self.notify(
                "This meeting is open in another MeetingDesk window. This window only shows it, "
                "and follows what is typed there.",
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return
        self._run_here()

    def _run_here(self) -> None:
        """Run the meeting in this window: start its clock, save as it changes, ask about downtime."""
        downtime = (self.desk.clock() - self.meeting.updated_at).total_seconds() if self.resumed else 0
        self.timer.start()
        self.paused = not self.timer.running
        self._show_everything()
        self.set_interval(0.5, self._tick)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self.save_now()
        self.query_one("#notes", TextArea).focus()
        if self.resumed and not self.paused and downtime >= DOWNTIME_QUESTION_SECONDS:
            from meetingdesk.dialogs.downtime import DowntimeDialog

            self.app.push_screen(DowntimeDialog(downtime), self._downtime_answered)

    def _downtime_answered(self, seconds: float | None) -> None:
        if seconds:
            self.timer.add_downtime(seconds)
            self.autosave.changed()
            self._tick()

    # ---- showing the meeting --------------------------------------------------------------------

    def _show_everything(self) -> None:
        self._show_section()
        self.query_one(AgreedPanel).show(self.meeting)
        self._tick()

    def _follow_other_window(self) -> None:
        from meetingdesk.storage.files import StoreError

        try:
            self.meeting = self.desk.store.load(self.meeting.id)
        except StoreError:
            return
        self.timer = MeetingTimer(self.meeting, self.desk.clock)
        self._show_everything()
        if not self._offered and self.claim.take():
            # The window that ran the meeting closed (or died): offer to carry on here, once.
            from meetingdesk.dialogs.confirm import ConfirmDialog

            self._offered = True
            question = "The other window closed: continue the meeting here? The clock and the notes carry on from what it saved."
            self.app.push_screen(ConfirmDialog("The other window closed", question, yes="Continue here"), self._take_over)

    def _take_over(self, yes: bool | None) -> None:
        if not yes:
            self.claim.release()
            return
        self._following.stop()
        self.resumed = True
        self.read_only = False
        self._run_here()
        self.notify("This window runs the meeting now.", title="Continued here", markup=False)

    def watch_read_only(self, read_only: bool) -> None:
        for editor in self.query(TextArea):
            editor.read_only = read_only
        for panel in self.query(AgreedPanel):
            panel.read_only = read_only
        for prompts in self.query(PromptList):
            prompts.read_only = read_only
        self.set_class(read_only, "-read-only")
        self.refresh_bindings()

    def _show_section(self) -> None:
        meeting = self.meeting
        index = meeting.current_section
        section = meeting.sections[index]
        self.query_one("#sections", AgendaList).show(self.timer)
        self.query_one("#section-title", Static).update(f"{index + 1} of {len(meeting.sections)} · {section.title}")
        prompts = self.query_one("#prompts", PromptList)
        prompts.show(section.prompts, section.prompts_done)
        prompts.display = bool(section.prompts)
        prompts.border_title = "Prompts · space ticks one off"
        for editor_id, text in (("#notes", section.notes), ("#private", section.private_notes)):
            editor = self.query_one(editor_id, TextArea)
            if editor.text != text:
                editor.load_text(text)
                # Carry on writing where the notes end, not before what is already there.
                editor.move_cursor(editor.document.end)

    def _tick(self) -> None:
        timer = self.timer
        self.query_one("#clock", ClockBar).show(timer, read_only=self.read_only, unsaved=self.unsaved)
        self.query_one("#sections", AgendaList).show_current(timer)
        if timer.running and not self.read_only:
            self._warn_about_time()

    def _warn_about_time(self) -> None:
        """Say once per section when its time is nearly up, and once when it has run over."""
        state = self.timer.state()
        key = (self.meeting.current_section, state)
        if state == "on time" or key in self._warned:
            return
        self._warned.add(key)
        title = self.meeting.sections[self.meeting.current_section].title
        if state == "warning":
            left = format_duration(self.timer.section_remaining())
            self.notify(f"{left} left in “{title}”.", title="Time check", markup=False)
        else:
            self.notify(
                f"“{title}” is over its time. ctrl+n moves on; ctrl+r rebalances the rest.",
                title="Over time",
                severity="warning",
                markup=False,
            )

    def watch_paused(self, paused: bool) -> None:
        self.query_one("#clock", ClockBar).paused = paused
        self.refresh_bindings()

    # ---- saving ---------------------------------------------------------------------------------

    @property
    def unsaved(self) -> bool:
        """True while the latest changes could not be written (and this window owns the meeting)."""
        return not self.read_only and self.autosave.unsaved

    def _offer_snapshot(self) -> None:
        self.timer.sync()
        self.autosave.offer(self.meeting.model_copy(deep=True))

    def _autosave(self) -> None:
        if self.autosave.due(self.timer.running):
            self._offer_snapshot()
            self._save_in_background()

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:
        outcome = self.autosave.write()
        if outcome is not None:
            self.app.call_from_thread(self._saved, outcome)

    def save_now(self) -> None:
        """Save on this thread (on start and on leaving), so nothing waits in a worker."""
        self._offer_snapshot()
        outcome = self.autosave.write()
        if outcome is not None:
            self._saved(outcome)

    def _saved(self, outcome: SaveOutcome) -> None:
        if outcome == "failed":
            self.notify(
                f"{self.autosave.problem} Keep typing: MeetingDesk retries every second.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
        elif outcome == "saved again":
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
            self.autosave.changed()
        elif event.text_area.id == "private" and section.private_notes != text:
            section.private_notes = text
            self.autosave.changed()

    def on_prompt_list_ticked(self, event: PromptList.Ticked) -> None:
        event.stop()
        if self.read_only:
            return
        section = self.meeting.sections[self.meeting.current_section]
        if event.done != section.prompts_done:
            section.prompts_done = event.done
            self.autosave.changed()

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

    def _moved(self) -> None:
        self.autosave.changed()
        self._show_section()
        self._tick()
        self.refresh_bindings()

    def _go_to(self, index: int) -> None:
        if index != self.meeting.current_section and self.timer.go_to(index):
            self._moved()

    def action_next_section(self) -> None:
        if self.timer.next_section():
            self._moved()

    def action_previous_section(self) -> None:
        if self.timer.previous_section():
            self._moved()

    def action_pause_timer(self) -> None:
        self.timer.pause()
        self.paused = True
        self.autosave.changed()
        self._tick()

    def action_resume_timer(self) -> None:
        self.timer.resume()
        self.paused = False
        self.autosave.changed()
        self._tick()

    def action_rebalance(self) -> None:
        on_time = self.timer.rebalance()
        self.autosave.changed()
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
        self.query_one(AgreedPanel).add_action()

    def action_add_goal(self) -> None:
        self.query_one(AgreedPanel).add_goal()

    def action_update_goal(self) -> None:
        self.query_one(AgreedPanel).update_goal()

    def action_set_next_check_in(self, then_end: bool = False) -> None:
        from meetingdesk.dialogs.check_in import CheckInChoice, CheckInDialog

        meeting = self.meeting

        def chosen(choice: CheckInChoice | None) -> None:
            if choice is not None:
                meeting.next_check_in, meeting.cadence = choice.next_check_in, choice.cadence
                self.autosave.changed()
                self.query_one(AgreedPanel).show(meeting)
            if then_end:
                self.action_end_meeting()

        dialog = CheckInDialog(
            meeting.person, self.desk.today(), meeting.cadence, meeting.next_check_in, lambda cadence: self.desk.suggested_check_in(meeting, cadence)
        )
        self.app.push_screen(dialog, chosen)

    def on_agreed_panel_changed(self, event: AgreedPanel.Changed) -> None:
        event.stop()
        self.autosave.changed()

    def action_end_meeting(self) -> None:
        from meetingdesk.dialogs.close_check import CloseCheckDialog
        from meetingdesk.goals import check_in_problems, smart_gaps

        offers = ("check_in",) if check_in_problems(self.meeting) else ()
        offers += ("agreed_without",) if smart_gaps(self.meeting) else ()
        # What was typed last is on disk before the manager reads the close check.
        self.save_now()
        dialog = CloseCheckDialog(self.meeting.close_check(), self.meeting.unticked_prompts(), offers)
        self.app.push_screen(dialog, self._close_checked)

    def _close_checked(self, close: bool | str | None) -> None:
        if close == "check_in":
            self.action_set_next_check_in(then_end=True)
            return
        if close == "agreed_without":
            from meetingdesk.goals import confirm_without, smart_gaps

            confirm_without(self.meeting, smart_gaps(self.meeting))
            self.autosave.changed()
            self.query_one(AgreedPanel).show(self.meeting)
            self.action_end_meeting()
            return
        if not close:
            # Back to fix things: the cursor goes to the first one, or to the notes when nothing is missing.
            problems = self.meeting.close_problems()
            if problems:
                self.query_one(AgreedPanel).go_to(problems[0].place, problems[0].index)
            else:
                self.query_one("#notes", TextArea).focus()
            return
        self.timer.pause()
        self.desk.end(self.meeting)
        self.save_now()
        if self.unsaved:
            # Stay here: the retry every second writes the ended meeting once the disk lets it.
            self.notify(
                "The meeting is ended but not saved yet. Stay on this screen; press ctrl+f again once it is saved.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        self.post_message(messages.MeetingEnded(self.meeting))
