"""The summary as an email: the subject line, the opening and closing around it, and a draft file.

The opening and closing are the manager's words, kept in settings, with a few blanks
filled from the meeting ({first_name}, {person}, {manager}, {date}, {agenda}). The
draft is an RFC 5322 message built with the standard library's `email` package and
marked `X-Unsent: 1`, so a mail client opens it as a draft to send. Nothing here
imports Textual or touches the disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from meetingdesk.dates import format_date

if TYPE_CHECKING:
    from email.message import EmailMessage

    from meetingdesk.models import Meeting

DEFAULT_OPENING = "Hi {first_name},\n\nThank you for today's conversation. Here is what we agreed, so we both have the same record."
"""The opening a new data folder starts with."""
DEFAULT_CLOSING = "If I missed or misread anything, reply and I will correct it.\n\nThanks,\n{manager}"
"""The closing a new data folder starts with."""
BLANKS = ("first_name", "person", "manager", "date", "agenda")
"""The blanks an opening or closing may hold, each in braces."""
_BLANK = re.compile(r"\{(" + "|".join(BLANKS) + r")\}")


def _printable(text: str) -> str:
    """`text` without control characters (they could drive a terminal or break a header); line breaks kept."""
    return "\n".join("".join(ch for ch in line if ch.isprintable() or ch == "\t") for line in text.splitlines())


def _one_line(text: str) -> str:
    return " ".join(_printable(text).split())


@dataclass(frozen=True)
class EmailWording:
    """The manager's own opening and closing for the summary email."""

    opening: str = DEFAULT_OPENING
    """What comes before the summary; blanks in braces are filled from the meeting."""
    closing: str = DEFAULT_CLOSING
    """What comes after it."""


def subject_line(meeting: Meeting, tz: tzinfo | None = None) -> str:
    """The email's subject, naming the meeting, the person and the day."""
    title = _one_line(meeting.agenda_title) or "Meeting"
    person = _one_line(meeting.person) or "someone"
    return f"Summary: {title} with {person}, {format_date(meeting.when.astimezone(tz).date())}"


def filled(template: str, meeting: Meeting, tz: tzinfo | None = None) -> str:
    """`template` with its blanks filled from `meeting`; any other braces are kept as written."""
    person = _one_line(meeting.person)
    values = {
        "first_name": person.split(" ")[0] if person else "there",
        "person": person or "there",
        "manager": _one_line(meeting.manager),
        "date": format_date(meeting.when.astimezone(tz).date()),
        "agenda": _one_line(meeting.agenda_title),
    }
    return _printable(_BLANK.sub(lambda match: values[match[1]], template)).strip("\n")


def email_message(
    meeting: Meeting,
    wording: EmailWording,
    to: str = "",
    now: datetime | None = None,
    tz: tzinfo | None = None,
    with_time: bool = False,
) -> EmailMessage:
    """The summary as an unsent draft: Subject, To (when given), Date, `X-Unsent: 1`, the plain-text body in UTF-8
    (the time table only if `with_time`). Private notes are never in it.
    """
    from email.message import EmailMessage
    from email.policy import SMTP
    from email.utils import format_datetime

    from meetingdesk.summary import email_body

    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject_line(meeting, tz)
    if to.strip():
        message["To"] = to.strip()
    if now is not None:
        message["Date"] = format_datetime(now)
    message["X-Unsent"] = "1"
    message.set_content(email_body(meeting, wording, tz, with_time=with_time), charset="utf-8")
    return message


def check_address(text: str) -> str:
    """`text` as a To address ("Dana Lee <dana@example.com>" or "dana@example.com"); ValueError saying why not."""
    from email.headerregistry import Address
    from email.utils import parseaddr

    name, address = parseaddr(text)
    if not address or "@" not in address:
        raise ValueError(f"“{text}” is not an email address: write it as dana@example.com or “Dana Lee <dana@example.com>”.")
    user, _, domain = address.rpartition("@")
    try:
        Address(display_name=name, username=user, domain=domain)
    except (ValueError, IndexError):
        raise ValueError(f"“{text}” is not an email address: write it as dana@example.com or “Dana Lee <dana@example.com>”.") from None
    return text.strip()
