"""The manager's settings: who they are, how they write dates, what the copied email holds and says.

A pydantic model with a docstring per field, kept in the data folder's `settings.json`
(storage/settings.py reads and writes it), so it travels with the meetings. Keys this
version does not know are kept as they are, for the version that wrote them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from meetingdesk.email_draft import DEFAULT_CLOSING, DEFAULT_OPENING, EmailWording

DateOrder = Literal["locale", "day-first", "month-first"]


class Settings(BaseModel):
    """Everything the manager chose once and MeetingDesk remembers."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)

    manager_name: str = ""
    """The manager's name, asked once on the first run and used for every new meeting; "" until then."""
    date_order: DateOrder = "locale"
    """How 3/4 is read in a deadline: "day-first" (3 April), "month-first" (4 March), or as the locale writes it."""
    time_in_email: bool = False
    """Whether the copied email text holds the time table (planned and taken per section); the record always does."""
    hide_private_notes: bool = False
    """Whether private notes are kept off the screen (f2), for a meeting on a shared screen; remembered across restarts."""
    email_opening: str = DEFAULT_OPENING
    """The summary email's opening; {first_name}, {person}, {manager}, {date} and {agenda} are filled in."""
    email_closing: str = DEFAULT_CLOSING
    """The summary email's closing, with the same blanks."""

    @property
    def wording(self) -> EmailWording:
        """The opening and closing, as the summary email takes them."""
        return EmailWording(opening=self.email_opening, closing=self.email_closing)
