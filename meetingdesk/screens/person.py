"""Everything about one person: their profile and how their aims changed, meetings, goals over time, open actions,
the next check-in and the evidence log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from meetingdesk import messages
from meetingdesk.app import desk_app
from meetingdesk.errors import MeetingDeskError
from meetingdesk.people import Change, Profile
from meetingdesk.locations import styles_dir
from meetingdesk.dates import format_date
from meetingdesk.storage.search import ActionRow
from meetingdesk.widgets.evidence_log import EvidenceLog
from meetingdesk.widgets.goal_timeline import goal_timeline
from meetingdesk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from meetingdesk.goals import GoalPlan
    from meetingdesk.storage.plans import CheckInDue


def age_phrase(action: ActionRow, today: date) -> str:
    """"agreed today", "agreed 1 day ago", "agreed 23 days ago"."""
    days = action.age_days(today)
    if days == 0:
        return "agreed today"
    return f"agreed {days} day{'s' if days != 1 else ''} ago"


def carry_phrase(action: ActionRow) -> str:
    """"carried through 2 meetings", or "" for an action never carried."""
    count = action.carried_count
    if count == 0:
        return ""
    return f"carried through {count} meeting{'s' if count != 1 else ''}"


class PersonScreen(Screen[None]):
    """One person's profile, meetings (newest first, enter opens one), goals with their history, open actions and
    evidence log."""

    CSS_PATH = styles_dir() / "person.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Return to the list of meetings"),
        Binding("o", "open_meeting", "Open meeting", id="open_meeting", tooltip="Open the selected meeting"),
        Binding("l", "log_evidence", "Log evidence", id="person_log_evidence", tooltip="Note what they did, when it happens"),
        Binding("P", "prepare_meeting", "Prepare meeting", id="person_prepare_meeting", tooltip="Plan a meeting with them and write your prep"),
        Binding("i", "edit_profile", "Edit profile", id="edit_profile", tooltip="Email, role, the roles they aim for, aspirations, cadence"),
        Binding("u", "undo_delete", "Undo delete", id="undo_delete", tooltip="Bring back the evidence entry deleted last"),
    ]

    def __init__(self, person: str) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.styled(self.person, "bold $primary"), id="person-title")
        yield Static("", id="check-in", markup=False)
        with Horizontal(id="person-body"):
            with Vertical(id="person-main"):
                table: DataTable[Text | str] = DataTable(id="person-meetings", cursor_type="row", zebra_stripes=True)
                table.add_column("Date", key="date")
                table.add_column("Agenda", key="agenda")
                table.add_column("Status", key="status")
                table.add_column("Open actions", key="open")
                yield table
                with VerticalScroll(id="person-details"):
                    yield Static("Profile", classes="heading")
                    yield Static("", id="profile", markup=False)
                    yield Static("How their role and aims changed", classes="heading")
                    yield Static("", id="history", markup=False)
                    yield Static("Goals", classes="heading")
                    yield Static("", id="priorities", markup=False)
                    yield Static("Open actions", classes="heading")
                    yield Static("", id="actions", markup=False)
            yield EvidenceLog(self.person, id="evidence")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Person view · {self.person}"
        self._list_meetings()
        self.query_one("#person-meetings", DataTable).focus()
        self._load()
        self._show_profile()

    def on_meetings_changed(self, message: messages.MeetingsChanged) -> None:
        # A pull or a sync changed meeting files: show what they hold now.
        self._list_meetings()
        self._load()

    def _list_meetings(self) -> None:
        table = self.query_one("#person-meetings", DataTable)
        row_before = table.cursor_row
        table.clear()
        self._ids: list[str] = []
        for row in desk_app(self).store.rows(person=self.person):
            table.add_row(
                format_date(row.when.astimezone().date()),
                Text(row.agenda_title),
                Text(row.status, style={"live": "bold", "planned": "italic"}.get(row.status, "dim")),
                str(row.open_actions) if row.open_actions else "–",
                key=row.id,
            )
            self._ids.append(row.id)
        if self._ids:
            table.move_cursor(row=min(row_before, len(self._ids) - 1))

    def on_screen_resume(self) -> None:
        self._load()
        self._show_profile()
        self.query_one(EvidenceLog).reload()

    def on_evidence_changed(self, event: messages.EvidenceChanged) -> None:
        self.query_one(EvidenceLog).reload()

    def on_evidence_log_changed(self, event: EvidenceLog.Changed) -> None:
        self.refresh_bindings()

    def _show_profile(self) -> None:
        team = desk_app(self).desk.team
        try:
            record = team.record(self.person)
        except MeetingDeskError as error:
            self.notify(str(error), title="The profile can't be read", severity="error", markup=False)
            record = None
        profile = record.profile if record else Profile(name=self.person)
        self.query_one("#profile", Static).update(profile_lines(profile))
        self.query_one("#history", Static).update(history_lines(record.history if record else []))
        aim = "; ".join(profile.target_roles)
        role = " · " + " → ".join(part for part in (profile.role, aim) if part) if profile.role or aim else ""
        self.query_one("#person-title", Static).update(Content.assemble((self.person, "bold $primary"), (role, "$text-muted")))

    @work(thread=True, exclusive=True, group="person-view")
    def _load(self) -> None:
        """Ask the index off the UI thread, then show what it says about this person."""
        desk = desk_app(self).desk
        plans = desk.goal_plans(self.person, everything=True)
        actions = desk.search.actions(person=self.person)
        check_in = next(iter(desk.check_ins(self.person)), None)
        self.app.call_from_thread(self._show, plans, actions, check_in)

    def _show(self, plans: list[GoalPlan], actions: list[ActionRow], check_in: CheckInDue | None) -> None:
        today = desk_app(self).desk.today()
        self.query_one("#check-in", Static).update(_check_in_line(check_in, today))
        self.query_one("#priorities", Static).update(goal_timeline(plans, today))
        lines: list[Content] = []
        for action in actions:
            due = f"due {format_date(action.due)}" if action.due else "no deadline"
            facts = [action.owner or "no owner", due, age_phrase(action, today)]
            if action.carried_count:
                facts.append(carry_phrase(action))
            overdue = ("OVERDUE ", "bold $error") if action.is_overdue(today) else ""
            lines.append(Content.assemble("• ", overdue, action.text))
            lines.append(Content.styled("  " + " · ".join(facts), "$text-muted"))
        self.query_one("#actions", Static).update(Content("\n").join(lines) if lines else Content("No open actions."))

    def action_open_meeting(self) -> None:
        table = self.query_one("#person-meetings", DataTable)
        if 0 <= table.cursor_row < len(self._ids):
            self.post_message(messages.OpenMeeting(self._ids[table.cursor_row]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_meeting()

    def action_back(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_delete":
            log = next(self.query(EvidenceLog).results(), None)
            return log is not None and log.can_undo
        return True

    def action_log_evidence(self) -> None:
        self.post_message(messages.LogEvidence(self.person))

    def action_prepare_meeting(self) -> None:
        self.post_message(messages.PrepareMeeting(self.person))

    def action_undo_delete(self) -> None:
        self.query_one(EvidenceLog).undo()

    def action_edit_profile(self) -> None:
        from meetingdesk.dialogs.profile import ProfileDialog

        team = desk_app(self).desk.team

        def edited(answer: tuple[str, dict[str, str]] | None) -> None:
            if answer is None:
                return
            try:
                team.update_profile(self.person, **answer[1])
            except MeetingDeskError as error:
                self.notify(str(error), title="Not saved", severity="error", markup=False)
                return
            self._show_profile()

        try:
            profile = team.profile(self.person)
        except MeetingDeskError as error:
            self.notify(str(error), title="The profile can't be read", severity="error", markup=False)
            return
        self.app.push_screen(ProfileDialog(profile), edited)


def profile_lines(profile: Profile) -> Content:
    """Email, role, target roles, aspirations, cadence and notes, one per line; "–" where not known."""
    rows = (
        ("Email", profile.email),
        ("Role", profile.role),
        ("Aiming for", "; ".join(profile.target_roles)),
        ("Aspirations", profile.aspirations),
        ("Check-in cadence", profile.cadence),
        ("Notes", profile.notes),
    )
    return Content("\n").join(Content.assemble((f"{label}: ", "$text-muted"), value or "–") for label, value in rows)


def history_lines(history: list[Change]) -> Content:
    """Each change to role, target roles or aspirations, oldest first, with its day and the meeting it came from."""
    if not history:
        return Content("Nothing recorded yet: changes made here or in a career discussion are kept.")
    labels = {"role": "Role", "target_roles": "Aiming for", "aspirations": "Aspirations"}
    lines = []
    for change in history:
        source = " (career discussion)" if change.meeting_id else ""
        lines.append(
            Content.assemble(
                (f"{change.at.astimezone():%d %b %Y}{source}  ", "$text-muted"),
                f"{labels[change.field]}: ",
                change.value or "(cleared)",
            )
        )
    return Content("\n").join(lines)

def _check_in_line(check_in: CheckInDue | None, today: date) -> Content:
    """"Next check-in: Mon 21 Dec 2026 (every 2 weeks)", marked when overdue."""
    if check_in is None or check_in.next_check_in is None:
        return Content.styled("No next check-in planned.", "$text-muted")
    rhythm = f" ({check_in.cadence})" if check_in.cadence and check_in.cadence != "none" else ""
    overdue = ("OVERDUE ", "bold $error") if check_in.is_overdue(today) else ""
    return Content.assemble(overdue, f"Next check-in: {format_date(check_in.next_check_in)}{rhythm}")
