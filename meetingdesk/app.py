"""MeetingDeskApp: the screens, the global bindings and the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from datetime import date
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from meetingdesk import messages
from meetingdesk.locations import styles_dir
from meetingdesk.store import Store
from meetingdesk.timer import Clock, system_clock

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from meetingdesk.models import Meeting

PALETTE_COMMANDS = (
    "Next section",
    "Previous section",
    "Pause timer",
    "Resume timer",
    "Rebalance time",
    "Add action",
    "Add priority",
    "End meeting",
    "Copy summary",
    "Export summary",
    "New meeting",
    "Open meeting",
    "Start follow-up",
)
"""The palette names from DESIGN.md, in the order the palette lists them."""


class MeetingDeskApp(App[None]):
    """Lists past meetings, runs a live one, and shows summaries."""

    TITLE = "MeetingDesk"
    CSS_PATH = styles_dir() / "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Save and leave MeetingDesk"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock = system_clock,
        start_meeting: Meeting | None = None,
        open_meeting_id: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self._start_meeting = start_meeting
        self._open_meeting_id = open_meeting_id
        self._quit_anyway = False

    def today(self) -> date:
        """Today in the manager's time zone, from the injected clock."""
        return self.clock().astimezone().date()

    def on_mount(self) -> None:
        from meetingdesk.screens import HomeScreen

        self.push_screen(HomeScreen(self.store))
        if self._start_meeting is not None:
            self.post_message(messages.MeetingStarted(self._start_meeting))
        elif self._open_meeting_id is not None:
            self.post_message(messages.OpenMeeting(self._open_meeting_id))

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own crash report prints local variables, and those hold the manager's notes.
        # Save every live meeting first, then report the bug without any text from the meeting.
        from meetingdesk.screens import LiveScreen

        for screen in self.screen_stack:
            if isinstance(screen, LiveScreen) and not screen.read_only:
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
        from meetingdesk.screens import LiveScreen

        unsaved = False
        for screen in self.screen_stack:
            if isinstance(screen, LiveScreen) and not screen.read_only:
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
        for name in PALETTE_COMMANDS:
            if name in found:
                yield found.pop(name)
        yield from found.values()
        yield from super().get_system_commands(screen)

    async def on_open_meeting(self, message: messages.OpenMeeting) -> None:
        from meetingdesk.store import StoreError

        try:
            meeting = self.store.load(message.meeting_id)
        except StoreError as error:
            self.notify(str(error), title="Can't open this meeting", severity="error", markup=False)
            return
        if meeting.status == "live":
            self._show_live(meeting, resumed=True)
        else:
            from meetingdesk.screens import SummaryScreen

            self.push_screen(SummaryScreen(self.store, meeting))

    def on_meeting_started(self, message: messages.MeetingStarted) -> None:
        meeting = message.meeting
        if not any(action.is_carried for action in meeting.actions):
            from meetingdesk.followup import carry_forward

            carry_forward(meeting, self._earlier_meetings(meeting.person, meeting.id))
        self._show_live(meeting)

    def on_summary_screen_start_follow_up(self, message) -> None:
        self.start_follow_up(message.meeting)

    def _settle_origins(self, meeting: Meeting) -> None:
        """Carried actions settled in this meeting are settled in the meetings they came from too."""
        from meetingdesk.followup import settle_origins
        from meetingdesk.store import StoreError

        origins: dict[str, Meeting] = {}
        for origin_id in {action.carried_from for action in meeting.actions if action.carried_from}:
            try:
                origins[origin_id] = self.store.load(origin_id)
            except StoreError:
                continue  # deleted or unreadable: the newest copy still says what was decided
        for origin in settle_origins(meeting, origins, self.today()):
            try:
                self.store.save(origin)
            except StoreError as error:
                self.notify(str(error), title="An earlier meeting was not updated", severity="warning", markup=False)

    def _earlier_meetings(self, person: str, except_id: str) -> list[Meeting]:
        from meetingdesk.store import StoreError

        earlier = []
        for row in self.store.rows(person=person):
            if row.id == except_id:
                continue
            try:
                earlier.append(self.store.load(row.id))
            except StoreError as error:
                self.notify(str(error), title="A past meeting can't be read", severity="warning", markup=False)
        return earlier

    def start_follow_up(self, previous: Meeting) -> None:
        """A new meeting with the same person and agenda; what is open comes along."""
        from meetingdesk.agendas import AgendaError, find_agenda
        from meetingdesk.locations import user_agendas_dir
        from meetingdesk.models import Agenda, AgendaSection, meeting_from_agenda

        try:
            agenda = find_agenda(previous.agenda_name, user_agendas_dir(self.store.root))
        except AgendaError:
            # The agenda file is gone or broken: run the same sections as last time.
            agenda = Agenda(
                name=previous.agenda_name,
                title=previous.agenda_title,
                purpose=previous.purpose,
                sections=[
                    AgendaSection(
                        title=section.title,
                        minutes=max(1, round((section.original_planned_seconds or section.planned_seconds) / 60)),
                        prompts=section.prompts,
                    )
                    for section in previous.sections
                ],
            )
        meeting = meeting_from_agenda(agenda, previous.person, previous.manager)
        meeting.follows = previous.id
        self.post_message(messages.MeetingStarted(meeting))

    async def on_meeting_ended(self, message: messages.MeetingEnded) -> None:
        from meetingdesk.screens import SummaryScreen

        self._settle_origins(message.meeting)

        await self.switch_screen(SummaryScreen(self.store, message.meeting))

    async def on_show_home(self, message: messages.ShowHome) -> None:
        from meetingdesk.screens import HomeScreen

        while not isinstance(self.screen, HomeScreen):
            await self.pop_screen()
        self.screen.refresh_meetings()

    def _show_live(self, meeting: Meeting, resumed: bool = False) -> None:
        from meetingdesk.screens import LiveScreen

        self.push_screen(LiveScreen(self.store, meeting, self.clock, resumed=resumed))


def crash_report(error: BaseException) -> str:
    """What a crash prints: where the bug is, never the text of a meeting (no message, no locals)."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    lines = [
        "MeetingDesk hit a bug and closed. Every live meeting was saved first;",
        "`meetingdesk resume` reopens it where it stopped.",
        "",
        f"Error: {type(error).__module__}.{type(error).__qualname__}",
    ]
    lines += [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames[-8:]]
    return "\n".join(lines)
