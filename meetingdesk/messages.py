"""App-wide messages: screens ask the app to navigate; they never reach into each other."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # models load pydantic: keep them off the start-up path
    from meetingdesk.models import Meeting


@dataclass
class OpenMeeting(Message):
    """Show a meeting: its live screen if it is still running, else its summary."""

    meeting_id: str


@dataclass
class MeetingStarted(Message):
    """A new meeting was set up and should run live now."""

    meeting: Meeting


@dataclass
class MeetingEnded(Message):
    """The manager ended a meeting: show its summary."""

    meeting: Meeting


class ShowHome(Message):
    """Go back to the list of meetings."""
