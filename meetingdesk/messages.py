"""App-wide messages: screens ask the app to navigate; they never reach into each other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from meetingdesk.models import Meeting


@dataclass
class OpenMeeting(Message):
    """Show a meeting: its live screen if it is still running, else its record."""

    meeting_id: str


@dataclass
class MeetingStarted(Message):
    """A new meeting was set up and should run live now."""

    meeting: Meeting


@dataclass
class StartFollowUp(Message):
    """The manager wants the next meeting with `meeting`'s person, on the same agenda."""

    meeting: Meeting


@dataclass
class MeetingEnded(Message):
    """The manager ended a meeting: show its record."""

    meeting: Meeting


class ShowHome(Message):
    """Go back to the list of meetings."""


@dataclass
class LogEvidence(Message):
    """Ask what happened and log it; about `person` when given, else the manager says whom."""

    person: str = ""


@dataclass
class ShowPerson(Message):
    """Open the person view of `person`."""

    person: str


class ShowTeam(Message):
    """Open the Team screen: everyone, their roles and aims, and how the work with them stands."""


@dataclass
class EvidenceChanged(Message):
    """`person`'s evidence log changed: a screen showing it reads it again."""

    person: str


@dataclass
class PrepareMeeting(Message):
    """Ask for an agenda and a day, plan the meeting, and open its prep screen; with `person` when given."""

    person: str = ""


@dataclass
class MeetingsChanged(Message):
    """Meeting files changed underneath the app (a pull, a sync, another process): screens showing them look again."""

    ids: frozenset[str]
    """The meetings whose files were added, changed, merged or removed."""
