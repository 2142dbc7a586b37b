"""Preparing a meeting: plan it for a day, write prep notes per section, gather what to bring, send the agenda ahead.

Part of the desk (`Desk` takes these methods): the shell, the app and the screens ask
here. A planned meeting is a meeting file with status "planned"; starting it makes it
live, with its prep notes beside the notes. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from meetingdesk.names import UNNAMED_MANAGER
from meetingdesk.people import Entry, by_theme, live_entries
from meetingdesk.storage.files import StoreError

if TYPE_CHECKING:
    from meetingdesk.models import ActionItem, Agenda, Meeting, Priority
    from meetingdesk.storage.rows import MeetingRow
    from meetingdesk.storage.search import ActionRow

REVIEW_AGENDA = "performance-review"
"""The built-in review: the evidence panel counts from the last meeting held on it (or on any agenda called a review)."""


@dataclass
class Brief:
    """What the manager brings to a meeting with one person, gathered for the prep and live screens."""

    person: str
    """Whom the meeting is with."""
    since: date | None
    """The day of the last review held with them; None when there was none (all evidence counts)."""
    evidence: list[tuple[str, list[Entry]]] = field(default_factory=list)
    """Evidence logged since then, grouped by theme in review order."""
    goals: list[Priority] = field(default_factory=list)
    """The goals agreed most recently, to review."""
    open_actions: list[ActionRow] = field(default_factory=list)
    """Actions from meetings with them still open, soonest deadline first."""
    last_summary: str = ""
    """The email text of the last meeting held with them ("" when none): shared notes only."""
    problems: list[str] = field(default_factory=list)
    """Sentences about what could not be read (a damaged meeting or log)."""


def is_review(row: MeetingRow) -> bool:
    """True for a meeting held on the performance review, or on any agenda whose title says review."""
    return row.agenda_name == REVIEW_AGENDA or "review" in row.agenda_title.casefold()


class Preparing:
    """The desk's part about preparing meetings. Mixed into `Desk`, whose store, clock, search and team it uses."""

    def prepare(
        self, agenda: Agenda, person: str, manager: str, on: date | None = None, asked_as: str = "", someone_new: bool = False
    ) -> Meeting:
        """Plan a meeting with `person` on `agenda` for the day `on` (today when not given), and save it.

        `person` is matched as `new_meeting` matches it (a likely typo refused unless `someone_new`)."""
        meeting = self.new_meeting(agenda, person, manager, asked_as=asked_as, someone_new=someone_new)
        meeting.status = "planned"
        meeting.planned_for = on or self.today()
        meeting.created_at = self.clock()
        self.store.save(meeting)
        return meeting

    def start_planned(self, meeting: Meeting) -> Meeting:
        """The planned meeting made live now (its prep notes kept); the caller starts its clock and brings what is open."""
        started = meeting.model_copy(deep=True)
        started.status = "live"
        if started.manager == UNNAMED_MANAGER:  # planned before the manager said their name
            started.manager = self.default_manager() or UNNAMED_MANAGER
        return started

    def last_review_day(self, person: str) -> date | None:
        """The day of the last review held with `person` (ended), or None."""
        for row in self.store.rows(person=person):
            if row.status == "ended" and is_review(row):
                return row.when.astimezone().date()
        return None

    def evidence_since_review(self, person: str) -> tuple[date | None, list[Entry]]:
        """The day of the last review with `person`, and the evidence logged since (all of it when none)."""
        since = self.last_review_day(person)
        record = self.team.record(person)
        entries = record.entries if record is not None else []
        return since, live_entries(entries, since + timedelta(days=1) if since else None)

    def goals_to_review(self, person: str) -> list[Priority]:
        """`person`'s goals not achieved or dropped yet, from every earlier meeting, oldest first."""
        return [goal for _, _, goal in self.plans.active_goals(person)]

    def open_actions_of(self, person: str) -> list[ActionItem]:
        """Actions from meetings with `person` still open, as the agenda lists them."""
        from meetingdesk.models import ActionItem

        return [ActionItem(id=row.id, text=row.text, owner=row.owner, due=row.due) for row in self.search.actions(person=person)]

    def brief(self, person: str) -> Brief:
        """Everything the prep screen and the live panel show about `person`; what can't be read is said in `problems`."""
        from meetingdesk.email_draft import EmailWording
        from meetingdesk.summary import email_body

        brief = Brief(person=person, since=None)
        try:
            brief.since, entries = self.evidence_since_review(person)
            brief.evidence = by_theme(entries)
        except StoreError as error:
            brief.problems.append(str(error))
        try:
            brief.goals = self.goals_to_review(person)
            held = [row for row in self.store.rows(person=person) if row.status == "ended"]
            # The summary itself: no subject, greeting or sign-off around it.
            brief.last_summary = email_body(self.store.load(held[0].id), EmailWording("", "")) if held else ""
        except StoreError as error:
            brief.problems.append(str(error))
        brief.open_actions = self.search.actions(person=person)
        return brief

    def agenda_for(self, meeting: Meeting) -> str:
        """The plain-text agenda of `meeting` to send the person ahead (no note of any kind)."""
        from meetingdesk.summary import agenda_text

        return agenda_text(meeting, self.open_actions_of(meeting.person), self.goals_to_review(meeting.person))

