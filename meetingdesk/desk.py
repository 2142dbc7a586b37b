"""What a manager does to meetings: start one, follow up, end it, amend the record, look across people.

The shell, the app and the screens all come here, so each rule lives in one place.
Time comes from the clock given to the desk. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from meetingdesk.account import full_name as account_full_name
from meetingdesk.locations import meetings_dir, user_agendas_dir
from meetingdesk.errors import MeetingDeskError
from meetingdesk.names import UNNAMED_MANAGER, name_key, resolve_person, tidy_name
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.plans import CheckInDue, Plans
from meetingdesk.storage.search import ActionRow, Search
from meetingdesk.preparing import Preparing
from meetingdesk.team import Team, unknown_person
from meetingdesk.timer import Clock, system_clock

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from pathlib import Path

    from meetingdesk.email_draft import EmailWording
    from meetingdesk.goals import GoalPlan
    from meetingdesk.models import Agenda, Cadence, Meeting
    from meetingdesk.settings import Settings
    from meetingdesk.storage.store import Store


class Desk(Preparing):
    """The manager's desk over one data folder (preparing meetings: see preparing.py)."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock
        self.search = Search(store.index)
        """Questions across every meeting: words, open actions, goals over time."""
        self.team = Team(store, clock, self.search)
        """The people: profiles, the evidence log, the talent landscape."""
        self.plans = Plans(store.index)
        """Goals across meetings and who is due for a check-in."""
        self._settings: Settings | None = None

    # --- the manager's settings ---

    @property
    def settings(self) -> Settings:
        """The manager's settings, read from the data folder once; SettingsError when the file can't be read."""
        if self._settings is None:
            from meetingdesk.storage.settings import read_settings

            self._settings = read_settings(self.store.root)
        return self._settings

    def save_settings(self, settings: Settings) -> None:
        """Keep `settings` in the data folder; StoreError (nothing changed) when it can't be written."""
        from meetingdesk.storage.settings import write_settings

        write_settings(self.store.root, settings)
        self._settings = settings

    def day_first(self) -> bool:
        """Whether 3/4 in a deadline is 3 April: as the settings say, else as the locale writes dates."""
        import os

        from meetingdesk.dates import locale_reads_day_first

        order = self.settings.date_order
        return locale_reads_day_first(os.environ) if order == "locale" else order == "day-first"

    def today(self) -> date:
        """Today in the manager's time zone, from the clock."""
        return self.clock().astimezone().date()

    # --- setting a meeting up ---

    def default_manager(self) -> str:
        """Who runs a new meeting: the name kept in the settings, else the last manager here, else
        the account's full name (never the login name), else ""."""
        return self.settings.manager_name or self.store.last_manager() or account_full_name()

    def manager_name_to_ask(self) -> str | None:
        """On the first run, the name to offer when asking the manager's name; None when there is nothing to ask.

        First run: no name in the settings and no meeting yet. A data folder that already
        holds meetings takes its last manager's name into the settings without asking.
        """
        if self.settings.manager_name:
            return None
        last = self.store.last_manager()
        if last and last != UNNAMED_MANAGER:
            from meetingdesk.storage.files import StoreError

            try:
                self.keep_manager_name(last)
            except StoreError:
                pass  # read-only media: the last manager is still the default
            return None
        folder = meetings_dir(self.store.root)
        if not last and folder.is_dir() and any(folder.iterdir()):
            return None  # meetings not read into the index yet: the next start takes the name from them
        return account_full_name()

    def manager_from_shell(self, typed: str | None) -> str:
        """Who runs a meeting started or planned from the shell: `typed` (kept as the manager's name
        when none is kept yet, so nothing asks again), else the default, else UNNAMED_MANAGER."""
        if tidy_name(typed or "") and not self.settings.manager_name:
            self.keep_manager_name(typed or "")
        return tidy_name(typed or "") or self.default_manager() or UNNAMED_MANAGER

    def keep_manager_name(self, name: str) -> None:
        """Keep `name` as the manager's name in the settings; StoreError when they can't be written."""
        self.save_settings(self.settings.model_copy(update={"manager_name": tidy_name(name)}))

    def find_agenda(self, name_or_path: str) -> Agenda:
        """A built-in or the manager's own agenda by name, or an agenda file by path; AgendaError says why not."""
        from meetingdesk.agendas import find_agenda

        return find_agenda(name_or_path, user_agendas_dir(self.store.root))

    # --- people ---

    def known_names(self) -> list[str]:
        """Everyone met and everyone who owns an action, each once, for `@owner` in an action line."""
        return list(dict.fromkeys([*self.team.known(), *self.search.owners(open_only=False)]))

    def owner_named(self, typed: str, asked_as: str = "") -> str:
        """The owner of some action whom `typed` means (full, first or last name, or its start, any case).

        UnknownPerson naming the owners that look like it when it fits none; UnclearName when it fits several.
        """
        owners = self.search.owners(open_only=False)
        found = resolve_person(typed, owners, asked_as)
        if found is None:
            raise unknown_person(typed, owners, asked_as, "no one who owns an action", "an action's owner is the name after @ in its line")
        return found

    # --- starting and following up ---

    def new_meeting(
        self,
        agenda: Agenda,
        person: str,
        manager: str,
        minutes: int | None = None,
        asked_as: str = "",
        someone_new: bool = False,
    ) -> Meeting:
        """A meeting with `person` on `agenda`, not started yet, its time boxes scaled to `minutes` if given.

        `person` is matched against everyone known (`Team.meeting_with`), so "priya" or
        "priya raman" is the Priya Raman already known, spelled as first given. A name that
        fits no one but looks like someone known is refused as a likely typo (UnknownPerson)
        unless `someone_new`; UnclearName (its sentence starting with `asked_as`) when it
        fits several people.
        """
        from meetingdesk.models import meeting_from_agenda

        with_whom = self.team.meeting_with(person, asked_as, someone_new)
        return meeting_from_agenda(agenda, with_whom, tidy_name(manager), minutes)

    def start(self, meeting: Meeting) -> list[str]:
        """Bring into a new meeting what is still open with its person: actions, goals, cadence.

        Only the meetings that hold an open action are read, whatever the history's size;
        active goals come whole from the index. Returns a sentence for each meeting that
        could not be read. A meeting that already carries something (resumed) is left as it is.
        """
        if any(action.is_carried for action in meeting.actions) or any(goal.is_carried for goal in meeting.priorities):
            return []
        from meetingdesk.followup import carry_forward

        open_rows = self.search.actions(person=meeting.person)
        wanted = [row.meeting_id for row in open_rows]
        wanted += [row.id for row in self.store.rows(person=meeting.person, limit=1)]
        earlier: dict[str, Meeting] = {}
        problems: list[str] = []
        for meeting_id in dict.fromkeys(wanted):
            if meeting_id == meeting.id:
                continue
            try:
                earlier[meeting_id] = self.store.load(meeting_id)
            except StoreError as error:
                problems.append(str(error))
        copies = []
        for row in open_rows:
            holder = earlier.get(row.meeting_id)
            action = next((a for a in holder.actions if a.id == row.id), None) if holder else None
            if holder is not None and action is not None and action.is_open:
                copies.append((holder, action))
        carry_forward(meeting, list(earlier.values()), copies, self.plans.active_goals(meeting.person))
        # The person's own rhythm (their profile's, else the one kept last time) wins over the agenda's suggestion.
        cadence = self.team.cadences().get(name_key(meeting.person)) or self.plans.cadence_of(meeting.person)
        meeting.cadence = cadence or meeting.cadence  # type: ignore[assignment]
        return problems

    def follow_up(self, previous: Meeting) -> Meeting:
        """The next meeting with the same person on the same agenda (last time's sections if it is gone)."""
        from meetingdesk.agendas import AgendaError
        from meetingdesk.models import Agenda, AgendaSection

        try:
            agenda = self.find_agenda(previous.agenda_name)
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
                        private=section.private,
                    )
                    for section in previous.sections
                ],
            )
        meeting = self.new_meeting(agenda, previous.person, previous.manager)
        meeting.follows = previous.id
        return meeting

    def previous_meeting_id(self, meeting: Meeting) -> str | None:
        """The last meeting with the same person before `meeting` (the one it follows, if still kept), or None."""
        if meeting.follows and self.store.has(meeting.follows):
            return meeting.follows
        for row in self.store.rows(person=meeting.person, limit=5):
            if row.id != meeting.id and row.when <= meeting.when:
                return row.id
        return None

    # --- ending and amending ---

    def end(self, meeting: Meeting) -> None:
        """Mark the meeting ended now. The caller stops its clock first and saves it after."""
        meeting.status = "ended"
        meeting.ended_at = self.clock()
        self.keep_cadence(meeting.person, meeting.cadence)

    def keep_cadence(self, person: str, cadence: str | None) -> None:
        """The rhythm agreed with `person` becomes their own (their profile's): `due`, Team and the next meeting go by it."""
        if not cadence or cadence == self.team.cadences().get(name_key(person)):
            return
        try:
            self.team.add_person(person, cadence=cadence)
        except MeetingDeskError:
            pass  # the profile can't be written now; the meeting itself still keeps the cadence

    def settle_origins(self, meeting: Meeting) -> list[str]:
        """Carried actions settled in this meeting are settled in the meetings they came from too.

        Returns a sentence for each earlier meeting that could not be updated.
        """
        from meetingdesk.followup import settle_origins

        origins: dict[str, Meeting] = {}
        for origin_id in {action.carried_from for action in meeting.actions if action.carried_from}:
            try:
                origins[origin_id] = self.store.load(origin_id)
            except StoreError:
                continue  # deleted or unreadable: the newest copy still says what was decided
        problems = []
        for origin in settle_origins(meeting, origins, self.today()):
            try:
                self.store.save(origin)
            except StoreError as error:
                problems.append(str(error))
        return problems

    def amend(self, meeting: Meeting, change: Callable[[Meeting], str], *, private: bool = False) -> tuple[Meeting, str]:
        """Apply `change` to a copy of the record and save it; what was saved and what changed.

        Once the meeting has ended, the change is recorded as a dated amendment (`private`
        for a change to private notes, which no summary names). The meeting given is left
        untouched, so a failed save (StoreError) changes nothing. If the file changed since
        the meeting was loaded (a pull, another window), what is saved is the merge of both,
        and that is what comes back.
        """
        from meetingdesk.models import Amendment

        updated = meeting.model_copy(deep=True)
        what = change(updated)
        if updated.status == "ended":
            updated.amendments.append(Amendment(at=self.clock(), what=what, private=private))
        return self.store.save(updated), what

    def done_today(self, action_id: str) -> Callable[[Meeting], str]:
        """A change for `amend`: the action `action_id` marked done today."""
        today = self.today()

        def change(meeting: Meeting) -> str:
            action = next(action for action in meeting.actions if action.id == action_id)
            action.done_on = today
            return f"Marked “{action.text}” done."

        return change

    def mark_done(self, meeting_id: str, action_id: str) -> Meeting:
        """Mark an action done today in the ended meeting holding it (an amendment), and return that meeting.

        StoreError says why not: the meeting can't be read, still runs (the action is
        marked there), or no longer holds the action.
        """
        meeting = self.store.load(meeting_id)
        if not any(action.id == action_id for action in meeting.actions):
            raise StoreError(f"The meeting with {meeting.person} no longer holds this action: it changed since the list was made.")
        if meeting.status == "live":
            raise StoreError(
                f"This action is in the unfinished meeting with {meeting.person}: resume it (r on the home screen) and mark it done there."
            )
        return self.amend(meeting, self.done_today(action_id))[0]

    # --- looking across meetings ---

    def actions(self, person: str | None = None, owner: str | None = None, open_only: bool = False) -> list[ActionRow]:
        """Every action once, as its newest meeting has it, soonest deadline first (none last).

        Only actions from meetings with `person`, owned by `owner`, or still open, when asked.
        """
        return self.search.actions(owner=owner, person=person, open_only=open_only)

    # --- the development plan and the cadence ---

    def goal_plans(self, person: str | None = None, everything: bool = False, status: str | None = None) -> list[GoalPlan]:
        """Goals with their history: `person`'s or everyone's, active ones unless `everything`, at `status` if given."""
        return self.plans.plans(person, everything, status)

    def check_ins(self, person: str | None = None) -> list[CheckInDue]:
        """Everyone met (or only `person`) and when the next check-in is, soonest (overdue) first."""
        return self.plans.check_ins(person, self.team.cadences())

    def suggested_check_in(self, meeting: Meeting, cadence: Cadence | None = None) -> date | None:
        """The next check-in `cadence` (else the meeting's) puts after the meeting's day; None without a cadence."""
        from meetingdesk.dates import check_in_after

        day = meeting.when.astimezone().date() if meeting.started_at else self.today()
        return check_in_after(day, cadence or meeting.cadence)

    # --- sharing the record ---

    def save_email_wording(self, wording: EmailWording) -> None:
        """Keep `wording` as the opening and closing of every summary email from now on."""
        self.save_settings(self.settings.model_copy(update={"email_opening": wording.opening, "email_closing": wording.closing}))

    def email_text(self, meeting: Meeting, wording: EmailWording | None = None) -> str:
        """What Copy summary copies: subject, opening, the summary, closing (the settings' wording unless given)."""
        from meetingdesk.summary import summary_text

        return summary_text(meeting, with_time=self.settings.time_in_email, wording=wording or self.settings.wording)

    def calendar_file(self, meeting: Meeting) -> bytes:
        """The next check-in agreed at `meeting` as an .ics file; NoCheckIn when none was agreed."""
        from meetingdesk.calendar_file import check_in_calendar

        return check_in_calendar(meeting, self.clock())

    def email_draft(self, meeting: Meeting, to: str | None = None, wording: EmailWording | None = None) -> bytes:
        """The summary as an unsent .eml draft (private notes never in it), to `to`, else to the
        person's address when their profile has one."""
        from meetingdesk.email_draft import email_message

        settings = self.settings
        address = self.address_of(meeting.person) if to is None else to
        return bytes(email_message(meeting, wording or settings.wording, address, now=self.clock(), with_time=settings.time_in_email))

    def address_of(self, person: str) -> str:
        """`person`'s email address for a To line ("Dana Lee <dana@example.com>"), "" when their profile has none."""
        from email.headerregistry import Address
        from email.utils import parseaddr

        try:
            name, address = parseaddr(self.team.profile(person).email)
            return str(Address(display_name=name or person, addr_spec=address)) if "@" in address else ""
        except (StoreError, ValueError, IndexError):
            return ""  # their file can't be read now, or holds no usable address: the draft goes without a To

    def export_summary(self, meeting: Meeting) -> list[Path]:
        """Write the Markdown summary to the exports folder, and the next check-in's .ics beside it when one is set."""
        from meetingdesk.locations import exports_dir
        from meetingdesk.storage.files import write_private_file
        from meetingdesk.summary import summary_filename, summary_markdown

        folder = exports_dir(self.store.root)
        written = [folder / summary_filename(meeting, "md")]
        write_private_file(written[0], summary_markdown(meeting))
        if meeting.next_check_in is not None:
            written.append(folder / summary_filename(meeting, "ics"))
            write_private_file(written[1], self.calendar_file(meeting))
        return written

    def export_email_draft(self, meeting: Meeting, wording: EmailWording | None = None) -> tuple[Path, str]:
        """Write the summary as an .eml draft to the exports folder, to the person's address when
        known; its path, and that address ("" when the draft has no To)."""
        from meetingdesk.locations import exports_dir
        from meetingdesk.storage.files import write_private_file
        from meetingdesk.summary import summary_filename

        path = exports_dir(self.store.root) / summary_filename(meeting, "eml")
        address = self.address_of(meeting.person)
        write_private_file(path, self.email_draft(meeting, address, wording))
        return path, address
