"""The live meeting: the clock, the agenda, notes per section, goals and actions."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Header, OptionList, Static, TextArea

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.desk import Desk
from meetingdesk.locations import styles_dir
from meetingdesk.models import Meeting
from meetingdesk.screens.live_saving import SavingScreen
from meetingdesk.storage.autosave import AUTOSAVE_SECONDS, Autosave
from meetingdesk.storage.claims import MeetingClaim
from meetingdesk.timer import MeetingTimer
from meetingdesk.widgets.agenda_list import AgendaList
from meetingdesk.widgets.clock_bar import ClockBar
from meetingdesk.widgets.agreed_panel import AgreedPanel
from meetingdesk.screens.live_people import LivePeople
from meetingdesk.widgets.evidence_panel import EvidencePanel
from meetingdesk.widgets.key_bar import KeyBar
from meetingdesk.widgets.prep_note import PrepNote
from meetingdesk.widgets.prompt_list import PromptList

EDITING_ACTIONS = {
    *("pause_timer", "resume_timer", "add_action", "add_goal", "update_goal", "set_next_check_in", "rebalance"),
    *("end_meeting", "next_section", "previous_section"),
}
"""What a read-only window can't do."""
DOWNTIME_QUESTION_SECONDS = 60
"""On resuming, a gap longer than this since the last save makes the screen ask whether to count it."""
BORDER_TITLES = (
    ("#prompts", "Prompts · space ticks one off", "Prompts · space ticks"),
    ("#notes", "Shared notes · go in the summary", "Shared · in the summary"),
    ("#private", "Private notes · only you", "Private · only you"),
)
"""Each box's title on a wide screen and in a narrow column."""
FOLLOW_SECONDS = 2.0
"""How often a read-only window reads what the running window saved."""


class LiveScreen(LivePeople, SavingScreen):
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
        Binding("f3", "show_purpose", "Show purpose", id="show_purpose", tooltip="What this conversation is for, from the agenda"),
        Binding("f3", "hide_purpose", "Hide purpose", id="hide_purpose", tooltip="Put the agenda's purpose away"),
        Binding("f4", "previous_meeting", "Previous meeting", id="previous_meeting", tooltip="Read the last meeting with this person; this one keeps running"),
        *LivePeople.PEOPLE_BINDINGS,
    ]

    SHOWS_PRIVATE_NOTES = True
    """f2 hides or shows the private notes here (the app's binding)."""

    paused: reactive[bool] = reactive(False)
    """Whether the clocks are stopped."""
    purpose_shown: reactive[bool] = reactive(False)
    """Whether the agenda's purpose paragraph is on screen: when the meeting starts, and on f3."""

    def __init__(self, meeting: Meeting, *, resumed: bool = False) -> None:
        super().__init__()
        self.resumed = resumed
        self.meeting = meeting
        self._offered = False
        """Whether this read-only window has offered to take over once its writer went."""
        self._previous_id: str | None = None
        """The last meeting with this person before this one, which f4 shows; None when there is none."""

    @property
    def desk(self) -> Desk:
        return desk_app(self).desk

    # ---- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield ClockBar(id="clock")
        purpose = Static(self.meeting.purpose, id="purpose", markup=False)
        purpose.border_title = "What this conversation is for"
        purpose.border_subtitle = "f3 hides"
        yield purpose
        with Horizontal(id="body"):
            yield AgendaList(id="sections")
            yield EvidencePanel(self.meeting.person, id="evidence")
            with Vertical(id="main"):
                yield Static("", id="section-title", markup=False)
                yield PromptList(id="prompts")
                yield PrepNote(id="prep-note", markup=False)
                yield TextArea(id="notes", soft_wrap=True)
                yield TextArea(id="private", soft_wrap=True)
            yield AgreedPanel(self.meeting, id="side")
        yield KeyBar()

    def on_mount(self) -> None:
        desk = self.desk
        self.timer = MeetingTimer(self.meeting, desk.clock)
        self.autosave = Autosave(desk.store, desk.clock)
        self.claim = MeetingClaim(desk.store.root, self.meeting.id)
        self.title = f"{self.meeting.agenda_title} with {self.meeting.person}"
        self.query_one("#sections").border_title = "Agenda"
        self._previous_id = desk.previous_meeting_id(self.meeting)
        desk_app(self).follow_private_notes(self, self._hide_private_notes)
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
        # A meeting starting shows why it is held; one resumed later was already introduced.
        self.purpose_shown = bool(self.meeting.purpose.strip()) and not self.resumed
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

    def on_meetings_changed(self, message: messages.MeetingsChanged) -> None:
        """This meeting's file changed underneath (a sync, another window): take the change in, keep what is typed."""
        if self.meeting.id not in message.ids:
            return
        if self.read_only:
            self._follow_other_window()
        else:
            self._take_in_changes()

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
        self.show_people_part(section)
        for editor_id, text in (("#notes", section.notes), ("#private", section.private_notes)):
            editor = self.query_one(editor_id, TextArea)
            if editor.text != text:
                editor.load_text(text)
                # Carry on writing where the notes end, not before what is already there.
                editor.move_cursor(editor.document.end)

    def _hide_private_notes(self, hidden: bool) -> None:
        private = self.query_one("#private", TextArea)
        if hidden and private.has_focus:
            self.query_one("#notes", TextArea).focus()
        self.set_class(hidden, "-private-hidden")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # While the manager reads the prompts they get the room; back in the notes, the notes get it.
        self.set_class(event.widget.id == "prompts", "-reading-prompts")

    def on_resize(self) -> None:
        # Titles that fit the column: cut short, "Shared notes · go in the …" hides what it promises.
        wide = self.size.width >= 100
        for widget_id, long, short in BORDER_TITLES:
            self.query_one(widget_id).border_title = long if wide else short

    def _tick(self) -> None:
        timer = self.timer
        self.query_one("#clock", ClockBar).show(timer, read_only=self.read_only, unsaved=self.unsaved, warn=not self.read_only)
        self.query_one("#sections", AgendaList).show_current(timer)

    def watch_paused(self, paused: bool) -> None:
        self.query_one("#clock", ClockBar).paused = paused
        self.refresh_bindings()

    # ---- editing ------------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.keep_typed(event.text_area):
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
        if action in LivePeople.PEOPLE_ACTIONS:
            return self.check_people_action(action)
        if self.read_only and action in EDITING_ACTIONS:
            return False
        if action == "previous_meeting":
            return self._previous_id is not None
        if action in ("show_purpose", "hide_purpose"):
            return bool(self.meeting.purpose.strip()) and self.purpose_shown == (action == "hide_purpose")
        if action == "pause_timer":
            return not self.paused
        if action == "resume_timer":
            return self.paused
        if action == "next_section":
            return True if self.meeting.current_section < len(self.meeting.sections) - 1 else None
        if action == "previous_section":
            return True if self.meeting.current_section > 0 else None
        return True

    def watch_purpose_shown(self, shown: bool) -> None:
        self.set_class(shown, "-purpose")
        self.refresh_bindings()

    def action_show_purpose(self) -> None:
        self.purpose_shown = True

    def action_hide_purpose(self) -> None:
        self.purpose_shown = False

    def action_previous_meeting(self) -> None:
        from meetingdesk.screens.last_meeting import LastMeetingScreen
        from meetingdesk.storage.files import StoreError

        if self._previous_id is None:
            return
        try:
            previous = self.desk.store.load(self._previous_id)
        except StoreError as error:
            self.notify(str(error), title="Can't open last time's meeting", severity="error", markup=False)
            return
        self.app.push_screen(LastMeetingScreen(previous, self.timer))

    def _moved(self) -> None:
        # Moving on means the conversation is under way: the purpose steps aside.
        self.purpose_shown = False
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
