"""MeetingDeskApp: the screens, the global bindings and the command palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from meetingdesk import messages
from meetingdesk.desk import Desk
from meetingdesk.errors import MeetingDeskError
from meetingdesk.locations import styles_dir
from meetingdesk.timer import Clock, system_clock

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from meetingdesk.models import Meeting
    from meetingdesk.storage.store import Store

PALETTE_COMMANDS = (
    "Next section",
    "Previous section",
    "Pause timer",
    "Resume timer",
    "Rebalance time",
    "Add action",
    "Add goal",
    "Add priority",
    "Update goal",
    "Set next check-in",
    "End meeting",
    "Copy summary",
    "Export summary",
    "Export email draft",
    "New meeting",
    "Open meeting",
    "Start follow-up",
    "Log evidence",
    "Prepare meeting",
    "Copy agenda",
    "Team",
    "Hide private notes",
    "Show private notes",
)
"""The palette names from DESIGN.md, in the order the palette lists them."""
LOOK_SECONDS = 1.0
"""How often the app looks for meeting files changed underneath it (a pull, a sync): a few stats, so a change shows
within two seconds on every screen. Polled rather than watched: a stat works on every file system and platform,
network shares and sync folders included, where change notifications often never come, and needs no extra package."""
PALETTE_ALIASES = {"Add priority": "Add goal"}
"""DESIGN names kept working after the word changed: each runs the command its value names."""
QUIT_HELP = "Save and quit"
"""What ctrl+q does, in the palette and the README's table of keys alike."""


class MeetingDeskApp(App[None]):
    """Lists past meetings, runs a live one, and shows summaries."""

    TITLE = "MeetingDesk"
    CSS_PATH = styles_dir() / "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip=QUIT_HELP),
        Binding("f2", "hide_private_notes", "Hide private notes", id="hide_private_notes", tooltip="Keep private notes off the screen, e.g. while sharing it"),
        Binding("f2", "show_private_notes", "Show private notes", id="show_private_notes", tooltip="Show private notes again"),
        # Tab moves on as soon as it arrives: typed fast (or sent by a script), the words after it land in the next field.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    private_notes_hidden: reactive[bool] = reactive(False)
    """Whether private notes are kept off every screen; read from the settings by the first screen that shows them."""

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock = system_clock,
        start_meeting: Meeting | None = None,
        open_meeting_id: str | None = None,
        ask_manager_name: str | None = None,
    ) -> None:
        """`ask_manager_name`, on the first run: ask the manager's name before anything else,
        offering this; the answer is kept in the settings and runs `start_meeting`."""
        super().__init__()
        self.desk = Desk(store, clock)
        """What the screens ask to do anything to a meeting."""
        self._start_meeting = start_meeting
        self._open_meeting_id = open_meeting_id
        self._ask_manager_name = ask_manager_name
        self._quit_anyway = False
        self._looking = False
        self._look_problem = ""
        self._private_setting_read = False

    @property
    def store(self) -> Store:
        """The data folder's meetings."""
        return self.desk.store

    @property
    def clock(self) -> Clock:
        """Where every screen gets the time."""
        return self.desk.clock

    def on_mount(self) -> None:
        self.set_interval(LOOK_SECONDS, self.look_for_changes)
        if self._ask_manager_name is not None:
            from meetingdesk.dialogs.manager_name import ManagerNameDialog

            self.push_screen(ManagerNameDialog(self._ask_manager_name), self._named)
        else:
            self._first_screen()

    def _named(self, name: str | None) -> None:
        """Keep the name the manager gave on the first run; a meeting started from the shell is theirs."""
        from meetingdesk.storage.files import StoreError

        if name:
            try:
                self.desk.keep_manager_name(name)
            except StoreError as error:
                self.notify(str(error), title="Your name was not kept", severity="warning", markup=False)
            if self._start_meeting is not None:
                self._start_meeting.manager = name
        self._first_screen()

    def _first_screen(self) -> None:
        # A meeting started or resumed from the shell shows first; the list of meetings is made
        # when the manager goes back to it.
        if self._start_meeting is not None:
            self.post_message(messages.MeetingStarted(self._start_meeting))
        elif self._open_meeting_id is not None:
            self.post_message(messages.OpenMeeting(self._open_meeting_id))
        else:
            from meetingdesk.screens import HomeScreen

            self.push_screen(HomeScreen())

    # --- files changed underneath ---

    def look_for_changes(self) -> None:
        """Look (in a worker) for meeting files changed underneath: what the app does every LOOK_SECONDS."""
        if not self._looking:
            self._looking = True
            self._look()

    @work(thread=True, exclusive=True, group="look")
    def _look(self) -> None:
        """Off the UI thread: merge and read what changed in the data folder; tell every screen which meetings."""
        import sqlite3

        from meetingdesk.storage.files import StoreError

        changed: set[str] = set()
        try:
            # A deleted index is noticed before anything opens it again (which would make an empty one).
            if self.store.changed_underneath():
                changed = self.store.check_files()
            changed |= self.store.written_elsewhere()
        except StoreError as error:
            if str(error) != self._look_problem:  # said once, not every second
                self.store.problems.append(str(error))
            self._look_problem = str(error)
        except (OSError, sqlite3.Error):
            pass  # a busy index or a folder gone for a moment: the next look, a second later, tries again
        finally:
            self.call_from_thread(self._looked, frozenset(changed))

    def _looked(self, changed: frozenset[str]) -> None:
        self._looking = False
        self.tell_what_the_store_did()
        if changed:
            for screen in self.screen_stack:
                screen.post_message(messages.MeetingsChanged(changed))

    def tell_what_the_store_did(self) -> None:
        """Say, once each, what the store merged, files it could not use, and warnings about the data folder."""
        store = self.store
        for sentence in store.news:
            self.notify(sentence, title="Merged", timeout=20, markup=False)
        for problem in store.problems:
            self.notify(problem, title="A file can't be read", severity="warning", timeout=30, markup=False)
        for warning in store.warnings:
            self.notify(warning, title="Your notes may be readable by others", severity="warning", timeout=30, markup=False)
        store.news.clear()
        store.problems.clear()
        store.warnings.clear()

    def _live_screens(self) -> list:
        from meetingdesk.screens import LiveScreen

        return [screen for screen in self.screen_stack if isinstance(screen, LiveScreen) and not screen.read_only]

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own crash report prints local variables, and those hold the manager's notes.
        # Save every live meeting first, then report the bug without any text from the meeting.
        from meetingdesk.crash import crash_report

        for screen in self._live_screens():
            try:
                screen.save_now()
            except Exception:  # noqa: BLE001 - the report below matters more than a second failure
                pass
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.panic(crash_report(error))

    async def action_quit(self) -> None:
        """Save every live meeting; if one can't be saved, say so and quit only on a second ctrl+q."""
        unsaved = False
        for screen in self._live_screens():
            screen.save_now()
            unsaved = unsaved or screen.unsaved
        if unsaved and not self._quit_anyway:
            self._quit_anyway = True
            self.notify(
                "Your latest notes are not saved: the data folder can't be written. Free some space and wait "
                "for “Saved again”, or press ctrl+q again to quit and lose them.",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.exit()

    # --- private notes on screen ---

    def follow_private_notes(self, screen: Screen, callback: Callable[[bool], None]) -> None:
        """Call `callback(hidden)` now and whenever private notes are hidden or shown; reads the setting once."""
        if not self._private_setting_read:
            from meetingdesk.storage.files import StoreError

            self._private_setting_read = True
            try:
                self.private_notes_hidden = self.desk.settings.hide_private_notes
            except StoreError:
                pass  # the shell said why at start; the notes stay shown
        screen.watch(self, "private_notes_hidden", callback)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("hide_private_notes", "show_private_notes"):
            # Only where private notes can be on screen (under a dialog or the palette too);
            # the key names what it will do next.
            page = next((screen for screen in reversed(self.screen_stack) if not isinstance(screen, ModalScreen)), None)
            if not getattr(page, "SHOWS_PRIVATE_NOTES", False):
                return False
            return self.private_notes_hidden == (action == "show_private_notes")
        return True

    def action_hide_private_notes(self) -> None:
        self._keep_private_notes_hidden(True)

    def action_show_private_notes(self) -> None:
        self._keep_private_notes_hidden(False)

    def _keep_private_notes_hidden(self, hidden: bool) -> None:
        from meetingdesk.storage.files import StoreError

        self.private_notes_hidden = hidden
        self.refresh_bindings()
        try:
            self.desk.save_settings(self.desk.settings.model_copy(update={"hide_private_notes": hidden}))
        except StoreError as error:
            self.notify(f"{error} They stay {'hidden' if hidden else 'shown'} until you quit.", title="Not remembered", severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's enabled commands: DESIGN's names first in their order, then its other keys, then Textual's."""
        found: dict[str, SystemCommand] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in ("quit", "app.quit"):
                continue
            if binding.description in PALETTE_COMMANDS or binding.show:
                found.setdefault(
                    binding.description,
                    SystemCommand(
                        binding.description,
                        binding.tooltip or binding.description,
                        partial(self.run_action, binding.action, active.node),
                    ),
                )
        for alias, name in PALETTE_ALIASES.items():
            if name in found and alias not in found:
                found[alias] = found[name]._replace(title=alias)
        for name in PALETTE_COMMANDS:
            if name in found:
                yield found.pop(name)
        yield from found.values()
        for command in super().get_system_commands(screen):
            # Textual's Quit says "as soon as possible"; MeetingDesk's saves every live meeting first.
            yield command._replace(help=QUIT_HELP) if command.title == "Quit" else command

    # --- moving between screens ---

    async def on_open_meeting(self, message: messages.OpenMeeting) -> None:
        from meetingdesk.storage.files import StoreError

        try:
            meeting = self.store.load(message.meeting_id)
        except StoreError as error:
            self.notify(str(error), title="Can't open this meeting", severity="error", markup=False)
            return
        if meeting.status == "live":
            self._show_live(meeting, resumed=True)
        elif meeting.status == "planned":
            from meetingdesk.screens import PrepScreen

            self.push_screen(PrepScreen(meeting))
        else:
            from meetingdesk.screens import RecordScreen

            self.push_screen(RecordScreen(meeting))

    def on_meeting_started(self, message: messages.MeetingStarted) -> None:
        for problem in self.desk.start(message.meeting):
            self.notify(problem, title="A past meeting can't be read", severity="warning", markup=False)
        self._show_live(message.meeting)

    def on_start_follow_up(self, message: messages.StartFollowUp) -> None:
        self.post_message(messages.MeetingStarted(self.desk.follow_up(message.meeting)))

    async def on_meeting_ended(self, message: messages.MeetingEnded) -> None:
        from meetingdesk.screens import RecordScreen

        for problem in self.desk.settle_origins(message.meeting):
            self.notify(problem, title="An earlier meeting was not updated", severity="warning", markup=False)
        await self.switch_screen(RecordScreen(message.meeting))

    async def on_show_home(self, message: messages.ShowHome) -> None:
        from meetingdesk.screens import HomeScreen

        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            await self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_meetings()
        else:
            await self.push_screen(HomeScreen())

    # --- people ---

    def on_log_evidence(self, message: messages.LogEvidence) -> None:
        from meetingdesk.dialogs.evidence import EvidenceDialog

        team = self.desk.team

        def logged(draft) -> None:
            if draft is None:
                return
            try:
                entry = team.log(draft.person, draft.text, draft.theme, draft.day)
            except MeetingDeskError as error:
                self.notify(str(error), title="Not logged", severity="error", markup=False)
                return
            self.notify(entry.text, title=f"Logged for {draft.person}", markup=False)
            self.screen.post_message(messages.EvidenceChanged(draft.person))

        check = lambda typed: team.person(typed, asked_as="")  # noqa: E731 - says whom a typed name means
        dialog = EvidenceDialog(team.today(), team.known(), check, message.person, day_first=self.desk.day_first())
        self.push_screen(dialog, logged)

    def on_show_person(self, message: messages.ShowPerson) -> None:
        from meetingdesk.screens import PersonScreen

        self.push_screen(PersonScreen(message.person))

    def on_prepare_meeting(self, message: messages.PrepareMeeting) -> None:
        from meetingdesk.screens.prepare_meeting import PrepareMeetingScreen

        def prepared(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.post_message(messages.OpenMeeting(meeting.id))

        self.push_screen(PrepareMeetingScreen(message.person), prepared)

    def on_show_team(self, message: messages.ShowTeam) -> None:
        from meetingdesk.screens import TeamScreen

        self.push_screen(TeamScreen())

    def _show_live(self, meeting: Meeting, resumed: bool = False) -> None:
        from meetingdesk.screens import LiveScreen

        self.push_screen(LiveScreen(meeting, resumed=resumed))


def desk_app(node: DOMNode) -> MeetingDeskApp:
    """The MeetingDeskApp that `node` (a screen, a dialog, a widget) runs in, typed."""
    app = node.app
    if not isinstance(app, MeetingDeskApp):
        raise TypeError(f"{type(node).__name__} runs only inside MeetingDeskApp, not {type(app).__name__}.")
    return app
