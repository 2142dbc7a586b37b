"""The records MeetingDesk keeps: agendas, meetings, their sections, goals (goal_records.py) and actions.

Pure data with a few rules that belong to the data itself (the close check, open
actions). Nothing here touches the disk or imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, Field, ValidationError, computed_field, model_validator

from meetingdesk.goal_records import (  # noqa: F401 - the models are imported from here
    CADENCES,
    GOAL_KINDS,
    FINISHED,
    GOAL_STATUSES,
    Cadence,
    GoalBefore,
    GoalKind,
    GoalStatus,
    Milestone,
    Priority,
)
from meetingdesk.ids import MEETING_ID, new_id
from meetingdesk.merge_state import SyncInfo
from meetingdesk.records import Record, utc_now  # noqa: F401
from meetingdesk.timer import MAX_SECTION_SECONDS, planned_moment

SCHEMA_VERSION = 2
"""Version of the meeting file format. Bumped when a saved field changes meaning; migrations.py reads every older one.

A field added with a default needs no bump: a MeetingDesk that does not know it keeps it."""

MAX_MEETING_MINUTES = 8 * 60
"""The longest meeting MeetingDesk runs, and what an agenda must plan less than: longer is a typo."""


class AgendaSection(Record):
    """One time-boxed part of an agenda."""

    title: str
    """The heading the manager sees, e.g. "Where you stand today"."""
    minutes: int = Field(gt=0)
    """The planned time box in whole minutes."""
    prompts: list[str] = Field(default_factory=list)
    """Questions or points to cover, ticked off during the meeting."""
    private: bool = False
    """True when the section's notes are the manager's alone unless moved to the shared notes
    (compensation): marked "private" in the heading's time box, "(10 min, private)"."""


class Agenda(Record):
    """A meeting template: a title, its purpose and its timed sections."""

    name: str
    """Short name used on the command line: the file name without `.md`."""
    title: str
    """The `#` heading, e.g. "Career discussion"."""
    purpose: str = ""
    """The paragraph shown when the meeting starts."""
    sections: list[AgendaSection] = Field(min_length=1)
    """The sections in the order they are run."""
    source: str = ""
    """Where the agenda came from: "built-in" or the path of the manager's file."""
    cadence: Cadence | None = None
    """How often the agenda suggests checking in, when it says (a "Check-in cadence:" line)."""

    @property
    def total_minutes(self) -> int:
        """The planned length of the whole meeting."""
        return sum(section.minutes for section in self.sections)


class SectionRecord(Record):
    """What happened in one section of a meeting."""

    id: str = ""
    """The section's id within its meeting (`s1`, `s2`… by position): sections never move. Given by the meeting."""
    title: str
    """The section's heading, copied from the agenda."""
    planned_seconds: int = Field(ge=0, le=MAX_SECTION_SECONDS)
    """The time box after scaling to the meeting's length (and any rebalancing)."""
    original_planned_seconds: int = Field(default=0, ge=0, le=MAX_SECTION_SECONDS)
    """The time box before any rebalancing; 0 means the same as `planned_seconds`."""
    actual_seconds: float = Field(default=0.0, ge=0, le=MAX_SECTION_SECONDS)
    """Time actually spent in the section, pauses excluded."""
    prompts: list[str] = Field(default_factory=list)
    """The prompts from the agenda."""
    prompts_done: list[int] = Field(default_factory=list)
    """Indices of the prompts the manager ticked off."""
    notes: str = ""
    """Shared notes: these go into the summary the person receives."""
    private_notes: str = ""
    """The manager's private notes: never in the summary, a copy or an export unless asked."""
    prep_notes: str = ""
    """What the manager prepared for this section before the meeting: as private as the private notes."""
    private: bool = False
    """True when notes in this section are private unless the manager moves a line to the shared notes."""

    @model_validator(mode="after")
    def _ticks_name_prompts(self) -> SectionRecord:
        wrong = [index for index in self.prompts_done if not 0 <= index < len(self.prompts)]
        if wrong:
            raise ValueError(f"prompts_done names prompt {wrong[0]}, but the section has {len(self.prompts)} prompts")
        return self


VAGUE_PHRASES = ("look into", "think about", "try to", "consider", "explore", "maybe", "if possible")
"""Openings that make an action impossible to check off."""


CarryDecision = Literal["undecided", "kept", "done", "dropped"]

ActionStatus = Literal["open", "done", "dropped"]


def action_status(done_on: date | None, dropped_reason: str) -> ActionStatus:
    """"done" once marked done, "dropped" once dropped with a reason, else "open"."""
    if done_on is not None:
        return "done"
    return "dropped" if dropped_reason else "open"


class ActionItem(Record):
    """Something someone will do, by a date.

    An action carried into a later meeting keeps its id, so every meeting's copy is the
    same action; the newest meeting's copy is the one that counts.
    """

    id: str = Field(default_factory=new_id, min_length=1)
    text: str
    """What will be done."""
    owner: str = ""
    """Who does it: the person's or the manager's full name, or any name as written."""
    due: date | None = None
    """The deadline."""
    done_on: date | None = None
    """The day it was marked done, or None while it is open."""
    agreed_on: date | None = None
    """The day it was first agreed, for its age; None means the day of the meeting that holds it."""
    carried_from: str | None = None
    """The id of the meeting it was carried from, when it came from an earlier meeting."""
    carried_count: int = Field(default=0, ge=0)
    """How many later meetings it has been carried through while still open."""
    carry_decision: CarryDecision | None = None
    """For a carried action: what this meeting decided about it. None for actions agreed here."""
    dropped_reason: str = ""
    """Why it was dropped; a dropped action is no longer open."""
    settled_in: str | None = None
    """The id of the later meeting where this action, carried there, was marked done or dropped."""
    settled_on: date | None = None
    """The day of that later meeting ("settled in the meeting of …")."""

    @computed_field  # in every dump, so the JSON of show and export says it without working it out
    @property
    def status(self) -> ActionStatus:
        """"open", "done" or "dropped"; a dropped action is never open."""
        return action_status(self.done_on, self.dropped_reason)

    @property
    def is_open(self) -> bool:
        """True until the action is marked done or dropped."""
        return self.status == "open"

    def is_overdue(self, today: date) -> bool:
        """True when it is still open and its deadline has passed."""
        return self.is_open and self.due is not None and self.due < today

    @property
    def is_carried(self) -> bool:
        """True when the action came from an earlier meeting."""
        return self.carried_from is not None

    @property
    def vague_phrase(self) -> str | None:
        """The vague wording in the action's text, if any ("look into", "try to"...)."""
        lowered = self.text.lower()
        for phrase in VAGUE_PHRASES:
            if re.search(rf"\b{re.escape(phrase)}\b", lowered):
                return phrase
        return None


MeetingStatus = Literal["planned", "live", "ended"]


@dataclass(frozen=True)
class CloseProblem:
    """Something missing before the summary can go out, and where in the meeting to fix it."""

    text: str
    """One sentence saying what is missing and how to fix it."""
    place: Literal["priorities", "actions"]
    """The list that holds what needs fixing."""
    index: int | None = None
    """The item of that list to fix, or None when the list as a whole lacks something."""


class Amendment(Record):
    """A change made to a meeting's record after it ended."""

    id: str = Field(default_factory=new_id, min_length=1)
    """The amendment's id, so two machines' amendments both survive a merge."""
    at: AwareDatetime = Field(default_factory=utc_now)
    """When the change was made."""
    what: str
    """What changed, in a short sentence ("Marked “Write the case” done")."""
    private: bool = False
    """A change to private notes: kept in the record, never named or counted in a summary."""


class Meeting(Record):
    """One conversation with one person: its agenda, clock, notes, goals and actions."""

    schema_version: int = Field(default=SCHEMA_VERSION, ge=1, strict=True)
    """The file format version this meeting was written with: a whole number from 1 (-1.0 or true is refused, not guessed at)."""
    id: str = Field(default_factory=new_id, pattern=f"^{MEETING_ID.pattern}$")
    person: str
    """The person the manager is meeting."""
    manager: str
    """The manager running the meeting."""
    agenda_name: str
    """The agenda's short name."""
    agenda_title: str
    """The agenda's title at the time of the meeting."""
    purpose: str = ""
    """The agenda's purpose paragraph."""
    created_at: AwareDatetime = Field(default_factory=utc_now)
    """When the meeting was set up."""
    started_at: AwareDatetime | None = None
    """When the clock first started."""
    ended_at: AwareDatetime | None = None
    """When the manager ended the meeting."""
    updated_at: AwareDatetime = Field(default_factory=utc_now)
    """When anything in the meeting last changed, on whichever machine. Shown only: merges go by each item's stamp."""
    trashed_at: AwareDatetime | None = None
    """When the meeting was moved to the trash; None while it is listed. Its file is in `trash/` while set."""
    status: MeetingStatus = "live"
    """"planned" while it is being prepared, "live" once it starts, "ended" when the manager ends it."""
    planned_for: date | None = None
    """The day a prepared meeting is planned for."""
    sections: list[SectionRecord] = Field(min_length=1)
    """One record per agenda section, in order."""
    current_section: int = Field(default=0, ge=0)
    """Index of the section running now (or when the meeting was left)."""
    paused: bool = False
    """True when the manager paused the clock."""
    priorities: list[Priority] = Field(default_factory=list)
    """The goals: carried from earlier meetings and agreed here, in the order the manager arranged them."""
    actions: list[ActionItem] = Field(default_factory=list)
    """Actions agreed, in the order the manager arranged them (carried ones included)."""
    next_check_in: date | None = None
    """The day agreed for the next check-in with the person, when agreed."""
    cadence: Cadence | None = None
    """How often to check in with the person from this meeting on: when it starts, the person's
    cadence or else the agenda's suggestion; the manager may change it at the close. None: not said."""
    follows: str | None = None
    """The id of the meeting this one follows up, if any."""
    amendments: list[Amendment] = Field(default_factory=list)
    """Changes made after the meeting ended, oldest first."""
    sync: SyncInfo = Field(default_factory=SyncInfo)
    """When each item last changed and on which machine, and what was deleted: what two copies merge by."""

    @property
    def when(self) -> datetime:
        """When the meeting took place: its start, else the start of the day it is planned for, else its set-up time."""
        return self.started_at or planned_moment(self.planned_for) or self.created_at

    @property
    def participants(self) -> list[str]:
        """The person first, then the manager."""
        return [self.person, self.manager]

    @property
    def open_actions(self) -> list[ActionItem]:
        """Actions not yet marked done."""
        return [action for action in self.actions if action.is_open]

    @property
    def planned_seconds(self) -> int:
        """The planned length of the whole meeting."""
        return sum(section.planned_seconds for section in self.sections)

    @property
    def actual_seconds(self) -> float:
        """Time spent in the meeting so far, pauses excluded."""
        return sum(section.actual_seconds for section in self.sections)

    @model_validator(mode="after")
    def _consistent(self) -> Meeting:
        for number, section in enumerate(self.sections, start=1):
            if not section.id:
                section.id = f"s{number}"
        if self.current_section >= len(self.sections):
            raise ValueError(f"current_section is {self.current_section}, but the meeting has {len(self.sections)} sections")
        if self.started_at is not None and self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("ended_at is before started_at")
        if self.status == "planned" and (self.started_at is not None or self.ended_at is not None):
            raise ValueError("a planned meeting has a start or an end")
        return self

    def close_check(self) -> list[str]:
        """What is missing before the summary can go out, one sentence per problem."""
        return [problem.text for problem in self.close_problems()]

    def close_problems(self) -> list[CloseProblem]:
        """What is missing before the summary can go out, each with the item to fix, in screen order."""
        from meetingdesk.goals import check_in_problems, goal_problems

        problems = [CloseProblem(text, "priorities", index) for text, index in goal_problems(self)]
        for index, action in enumerate(self.actions):
            label = f"“{action.text}”"

            def problem(text: str) -> None:
                problems.append(CloseProblem(f"{label} {text}", "actions", index))

            if action.carry_decision == "undecided":
                problem("was carried from last time: mark it done, kept or dropped.")
                continue
            if not action.is_open:
                continue
            if not action.owner:
                problem("has no owner: add @name.")
            if action.due is None:
                problem("has no deadline: add “by <date>”.")
            phrase = action.vague_phrase
            if phrase:
                problem(f"says “{phrase}”: say what will be done, so it can be checked off.")
        # The goals list shows the next check-in: Fix them lands there.
        return problems + [CloseProblem(text, "priorities") for text in check_in_problems(self)]

    def unticked_prompts(self) -> list[tuple[str, str]]:
        """(section title, prompt) for every prompt not ticked off, in agenda order: a reminder, never a problem."""
        return [
            (section.title, prompt)
            for section in self.sections
            for number, prompt in enumerate(section.prompts)
            if number not in section.prompts_done
        ]


class UnreadableMeeting(ValueError):
    """Data that is not a meeting this MeetingDesk can read. `reason` completes "<where> …"."""

    def __init__(self, reason: str, *, newer: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.newer = newer
        """True when a later MeetingDesk wrote it: the data is fine, this version is too old."""


def meeting_from_data(raw: object) -> Meeting:
    """The one way parsed JSON becomes a Meeting, for meeting files and imports alike."""
    if not isinstance(raw, dict):
        raise UnreadableMeeting("is not a meeting")
    from meetingdesk.migrations import migrate

    version = raw.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise UnreadableMeeting(
            f"was saved by a newer MeetingDesk (file format {version}; this one reads up to {SCHEMA_VERSION})",
            newer=True,
        )
    try:
        migrated = migrate(raw)
    except ValueError as error:
        raise UnreadableMeeting(f"can't be read ({error})") from None
    try:
        return Meeting.model_validate(migrated)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the meeting"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise UnreadableMeeting(f"can't be read ({where}: {message})") from None


def meeting_from_agenda(
    agenda: Agenda, person: str, manager: str, total_minutes: int | None = None
) -> Meeting:
    """A new meeting for `person`, its time boxes scaled so the whole lasts `total_minutes`."""
    planned = [section.minutes * 60 for section in agenda.sections]
    if total_minutes:
        planned = scale_seconds(planned, total_minutes * 60)
    return Meeting(
        person=person,
        manager=manager,
        agenda_name=agenda.name,
        agenda_title=agenda.title,
        purpose=agenda.purpose,
        cadence=agenda.cadence,
        sections=[
            SectionRecord(
                title=section.title,
                planned_seconds=seconds,
                original_planned_seconds=seconds,
                prompts=list(section.prompts),
                private=section.private,
            )
            for section, seconds in zip(agenda.sections, planned)
        ],
    )


def scale_seconds(planned: list[int], total: int) -> list[int]:
    """Scale `planned` to add up to exactly `total` seconds, keeping whole minutes where possible."""
    base = sum(planned)
    if base <= 0 or total <= 0:
        return list(planned)
    scaled = [max(60, round(seconds * total / base / 60) * 60) for seconds in planned]
    # Rounding to minutes can miss the total; settle the difference on the longest section.
    longest = max(range(len(scaled)), key=lambda i: scaled[i])
    scaled[longest] = max(60, scaled[longest] + total - sum(scaled))
    return scaled
