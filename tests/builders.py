"""What many tests build or read the same way: a hand-driven clock, typing, notifications, the screen's text."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, Priority, meeting_from_agenda

FROZEN_START = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
"""A Monday afternoon: every UI test starts here."""


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime = FROZEN_START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, minutes: float = 0) -> None:
        self.now += timedelta(seconds=seconds, minutes=minutes)


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a person would."""
    await pilot.press(*[("space" if char == " " else char) for char in text])


def listed_people(app) -> list[str]:
    """The "With" column of the home screen's list of meetings, as shown, top to bottom."""
    meetings = app.screen.query_one("#meetings")
    lines = [str(meetings.get_option_at_index(index).prompt) for index in range(meetings.option_count)]
    return [re.split(r"\s{2,}", line.strip())[0] for line in lines]


def notifications(app) -> str:
    """The text of every notification raised so far (title and message), one per line."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


CHECK_IN = Agenda(
    name="check-in",
    title="Check-in",
    sections=[AgendaSection(title="News", minutes=5), AgendaSection(title="Wrap-up", minutes=5)],
)
"""A two-section agenda for follow-up tests."""


def past_meeting(clock, days_ago: int, actions: list[ActionItem], priorities: list[Priority] = ()) -> Meeting:
    """An ended check-in with Dana Lee `days_ago` days before the clock's now, holding these actions and priorities."""
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    meeting.started_at = clock() - timedelta(days=days_ago)
    meeting.status = "ended"
    meeting.actions = actions
    meeting.priorities = list(priorities)
    return meeting


def screen_text(app) -> str:
    """What the terminal shows now, as plain text: the top screen and whatever shows through behind a dialog."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, force_terminal=True, legacy_windows=False)
    # The same render App.export_screenshot makes, kept as text instead of SVG.
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def until(pilot, condition, seconds: float = 10) -> None:
    """Let the app run until `condition()` holds (a clock tick, a worker), failing after `seconds` of waiting.

    For what the app does on its own timers; the test never asserts how long it took.
    """
    steps = int(seconds / 0.05)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the screen never got there"


def development_plan(store, clock) -> Meeting:
    """Dana Lee's review six weeks ago (two goals with milestones) and a check-in three weeks ago that
    updated them; returns today's follow-up, not started, for the live screen to carry them into.

    Also Ravi Patel, whose check-in is overdue, and Ana Souza, due in a few days: the due list's people.
    """
    from meetingdesk.goals import carried_copy, update_goal
    from meetingdesk.models import Milestone

    review = past_meeting(clock, 42, [], [])
    review.agenda_title = "Performance review"
    review.priorities = [
        Priority(
            text="Lead the Q1 planning review",
            measure="Plan signed off by leadership",
            due=(clock() + timedelta(days=120)).date(),
            milestones=[Milestone(text="Draft plan", due=(clock() + timedelta(days=20)).date()), Milestone(text="Sign-off", due=(clock() + timedelta(days=120)).date())],
        ),
        Priority(text="Mentor two new engineers", measure="Both ship a feature alone", due=(clock() + timedelta(days=200)).date()),
    ]
    review.cadence = "every 2 weeks"
    review.next_check_in = (clock() - timedelta(days=28)).date()
    store.save(review)
    check_in = past_meeting(clock, 21, [ActionItem(text="Share the finance numbers", owner="Sam Rivera", due=(clock() + timedelta(days=3)).date())], [])
    check_in.priorities = [carried_copy(goal, review.id, review.started_at.date()) for goal in review.priorities]
    update_goal(check_in.priorities[0], "at risk", "Waiting for the finance numbers", check_in.started_at.date())
    update_goal(check_in.priorities[1], "on track", "Pairing twice a week", check_in.started_at.date())
    check_in.cadence = "every 2 weeks"
    check_in.next_check_in = clock().date()
    store.save(check_in)
    for person, days_ago, next_in in (("Ravi Patel", 40, -9), ("Ana Souza", 10, 4), ("Bo Chen", 3, 25)):
        other = past_meeting(clock, days_ago, [], [Priority(text="Own the on-call rota", measure="No missed handovers")])
        other.person = person
        other.cadence = "monthly"
        other.next_check_in = (clock() + timedelta(days=next_in)).date()
        store.save(other)
    return meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
