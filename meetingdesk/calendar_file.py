"""The next check-in as a calendar file (RFC 5545), for the manager to import; nothing is sent anywhere.

Built with the maintained `icalendar` package. The event's UID comes from the meeting
that agreed the check-in, so exporting it again (after moving the date) updates the
same event in the calendar instead of adding a second one; its SEQUENCE grows with
each change made to that meeting's record after it ended (where a moved date is recorded). The event takes the meeting's time of day and planned
length, on the agreed day. Nothing here imports Textual or touches the disk.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from meetingdesk.errors import MeetingDeskError
from meetingdesk.dates import format_date

if TYPE_CHECKING:
    from meetingdesk.models import Meeting

PRODUCT = "-//MeetingDesk//Next check-in//EN"
"""Who wrote the file, as RFC 5545 asks."""


class NoCheckIn(MeetingDeskError):
    """The meeting has no next check-in to put in a calendar."""


def event_uid(meeting: Meeting) -> str:
    """The event's UID: the same for every export of this meeting's next check-in."""
    return f"next-check-in-{meeting.id}@meetingdesk"


def check_in_calendar(meeting: Meeting, now: datetime, tz: tzinfo | None = None) -> bytes:
    """The calendar file holding the next check-in agreed at `meeting`; NoCheckIn when none was agreed."""
    from icalendar import Calendar, Event

    if meeting.next_check_in is None:
        raise NoCheckIn(
            f"The meeting with {meeting.person} of {format_date(meeting.when.astimezone(tz).date())} has no next check-in: "
            "set one first (Set next check-in, or meetingdesk next-check-in)."
        )
    start = _same_time_on(meeting.next_check_in, meeting.when, tz)
    minutes = max(15, round(meeting.planned_seconds / 60))
    event = Event()
    event.add("uid", event_uid(meeting))
    event.add("dtstamp", now.astimezone(timezone.utc))
    event.add("sequence", len(meeting.amendments))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("summary", f"Check-in: {meeting.person} and {meeting.manager}")
    event.add("description", _description(meeting, tz))
    event.add("transp", "OPAQUE")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    return calendar.to_ical()


def _same_time_on(day: date, held: datetime, tz: tzinfo | None) -> datetime:
    """The time of day the meeting was `held`, to the nearest quarter hour (09:58:41 → 10:00), on `day`,
    in the manager's time zone (that day's offset, so a change to summer time keeps 10:00), as UTC."""
    local = held.astimezone(tz)
    quarters = round((local.hour * 60 + local.minute + local.second / 60) / 15)
    naive = datetime.combine(day, time()) + timedelta(minutes=15 * min(quarters, 95))
    return (naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()).astimezone(timezone.utc)


def _description(meeting: Meeting, tz: tzinfo | None) -> str:
    lines = [f"Follows the {meeting.agenda_title} of {format_date(meeting.when.astimezone(tz).date())}."]
    goals = [goal for goal in meeting.priorities if goal.is_active]
    if goals:
        lines += ["", "Goals to review:"] + [f"- {goal.text} ({goal.last_status})" for goal in goals]
    actions = [action for action in meeting.actions if action.is_open]
    if actions:
        lines += ["", "Open actions:"]
        lines += [f"- {action.text}" + (f", by {format_date(action.due)}" if action.due else "") for action in actions]
    return "\n".join(lines)
