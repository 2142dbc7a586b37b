"""Goals and check-ins on screen: the live goals panel, Update goal, Set next check-in, the close check,
the record's exports, the home screen's check-ins due, and the palette names."""

from __future__ import annotations

import email
from contextlib import suppress
from datetime import date, timedelta
from email.policy import default as default_policy

from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from meetingdesk.app import MeetingDeskApp
from meetingdesk.desk import Desk
from meetingdesk.dialogs.check_in import CheckInDialog
from meetingdesk.dialogs.close_check import CloseCheckDialog
from meetingdesk.dialogs.goal_update import UpdateGoalDialog
from meetingdesk.models import Milestone, Priority, meeting_from_agenda
from meetingdesk.screens import LiveScreen, RecordScreen
from meetingdesk.screens.due import DueScreen
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, notifications, past_meeting, type_text


def live_follow_up(store: Store, clock) -> MeetingDeskApp:
    """Two earlier meetings with Dana, each agreeing a goal; a new check-in with her starts."""
    store.save(past_meeting(clock, 40, [], [Priority(text="Mentor a new hire", measure="Ships alone", due=date(2027, 2, 1))]))
    lead = Priority(
        text="Lead Q1 planning",
        measure="Plan signed off",
        due=date(2027, 3, 31),
        status="at risk",
        milestones=[Milestone(text="Draft plan", due=date(2027, 1, 15))],
    )
    store.save(past_meeting(clock, 14, [], [lead]))
    return MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera"))


async def settle(pilot) -> None:
    """Let every worker finish (a newer one may have cancelled an older one), then the screen catch up."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with suppress(WorkerCancelled):
                await worker.wait()
        await pilot.pause()


def problems_shown(app) -> str:
    return str(app.screen.query_one("#problems", Static).render())


async def test_goals_of_every_earlier_meeting_are_listed_and_updated_with_one_key(store: Store, clock) -> None:
    app = live_follow_up(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        goals = screen.query_one("#priorities")
        first, second = (str(goals.get_option_at_index(n).prompt) for n in range(2))
        assert first.startswith("↻ Mentor a new hire") and "Ships alone · by Mon 1 Feb 2027" in first, "not only the last meeting's goals"
        assert "next: Draft plan, Fri 15 Jan 2027" in second and "last: at risk · now: not updated yet" in second

        await pilot.press("ctrl+j")  # from the notes: the first carried goal not updated yet
        await pilot.pause()
        assert isinstance(app.screen, UpdateGoalDialog) and app.screen.goal.text == "Mentor a new hire"
        await pilot.press("escape")
        goals.focus()
        await pilot.press("down", "u")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, UpdateGoalDialog) and dialog.goal.text == "Lead Q1 planning"
        status = dialog.query_one("#status", Input)
        status.value = ""
        await type_text(pilot, "great")
        await pilot.press("tab")
        await type_text(pilot, "Draft shared with the team")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "an unknown status keeps the dialog open"
        assert "“great” is not a goal status: use on track, at risk, off track, achieved or dropped." in str(dialog.query_one("#preview", Static).render())
        assert dialog.query_one("#progress", Input).value == "Draft shared with the team", "nothing typed is lost"
        status.value = "on"
        dialog.query_one("#milestones").focus()
        await pilot.press("space")
        await pilot.press("enter")  # saves from the milestone list too: it does not tick again
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        updated = screen.meeting.priorities[1]
        assert (updated.status, updated.progress, updated.milestones[0].done_on) == ("on track", "Draft shared with the team", clock().date())
        assert "last: at risk · now: on track — Draft shared with the team" in str(goals.get_option_at_index(1).prompt)

        await pilot.press("delete")
        assert len(screen.meeting.priorities) == 2, "a carried goal is not deleted"
        assert "u marks it achieved, or dropped with a reason" in notifications(app)
        screen.save_now()
    saved = store.load(screen.meeting.id)
    assert saved.priorities[1].status == "on track" and saved.priorities[1].before.status == "at risk"


async def test_dropping_a_goal_asks_why_and_keeps_the_dialog_open_until_told(store: Store, clock) -> None:
    app = live_follow_up(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+j")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#status", Input).value = "drop"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "Say why “Mentor a new hire” is dropped" in str(dialog.query_one("#preview", Static).render())
        assert dialog.focused.id == "reason"
        await type_text(pilot, "Moved to another team")
        await pilot.press("enter")
        await pilot.pause()
        goal = app.screen.meeting.priorities[0]
        assert (goal.status, goal.dropped_reason) == ("dropped", "Moved to another team")


async def test_set_next_check_in_refuses_an_unknown_cadence_then_fills_the_date_from_it(store: Store, clock) -> None:
    app = live_follow_up(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CheckInDialog)
        dialog.query_one("#cadence", Input).focus()
        await type_text(pilot, "daily")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "“daily” is not a check-in cadence: use weekly, every 2 weeks, monthly, quarterly or none." in str(
            dialog.query_one("#preview", Static).render()
        )
        dialog.query_one("#cadence", Input).value = "monthly"
        await pilot.pause()
        assert dialog.query_one("#when", Input).value == "2026-12-23", "a month after today's meeting"
        await pilot.press("enter")
        await pilot.pause()
        meeting = app.screen.meeting
        assert (meeting.next_check_in, meeting.cadence) == (date(2026, 12, 23), "monthly")
        assert app.screen.query_one("#priorities").border_subtitle == "next check-in Wed 23 Dec 2026"


async def test_the_close_check_offers_to_set_the_check_in_and_to_confirm_goals_agreed_without(store: Store, clock) -> None:
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await type_text(pilot, "Grow as a facilitator")
        await pilot.press("enter")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, CloseCheckDialog)
        assert "“Grow as a facilitator” has no measure or date: add it, or confirm it was agreed without." in problems_shown(app)
        assert "No next check-in" in problems_shown(app)
        await pilot.click("#agreed_without")
        await pilot.pause()
        assert isinstance(app.screen, CloseCheckDialog), "the check runs again"
        assert "Grow as a facilitator" not in problems_shown(app)
        assert app.screen.focused.id == "check_in", "enter sets the missing check-in"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        await type_text(pilot, "in 3 weeks")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CloseCheckDialog)
        assert "Ready to close" in str(app.screen.query_one(".dialog-title", Static).render())
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
    saved = store.load(meeting.id)
    assert saved.priorities[0].no_measure_agreed and saved.priorities[0].no_date_agreed, "the confirmation is recorded"
    assert saved.next_check_in == date(2026, 12, 14)


def palette_titles(app) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_the_palette_keeps_add_priority_and_names_the_new_commands(store: Store, clock) -> None:
    app = live_follow_up(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = palette_titles(app)
        for name in ("Add goal", "Add priority", "Update goal", "Set next check-in"):
            assert name in titles
        assert titles.index("Add goal") < titles.index("Add priority") < titles.index("Update goal")
        add_priority = next(command for command in app.get_system_commands(app.screen) if command.title == "Add priority")
        await add_priority.callback()
        await pilot.pause()
        assert type(app.screen).__name__ == "GoalDialog", "the DESIGN name still adds a goal"


async def test_the_record_exports_an_email_draft_and_a_calendar_file_and_keeps_the_wording(store: Store, clock) -> None:
    meeting = past_meeting(clock, 0, [], [Priority(text="Lead Q1 planning", measure="Plan signed off", due=date(2027, 3, 31))])
    meeting.ended_at = meeting.started_at + timedelta(minutes=30)
    meeting.next_check_in = date(2026, 12, 7)
    store.save(meeting)
    Desk(store, clock).team.update_profile("Dana Lee", email="dana@example.com")
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Export email draft" in palette_titles(app)
        await pilot.press("w")
        await pilot.pause()
        opening = app.screen.query_one("#opening")
        opening.load_text("Dear {first_name}, here is our record of {date}.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("m")
        await pilot.press("e")
        await pilot.pause()
        assert "Email draft to Dana Lee <dana@example.com>, written to" in notifications(app)
        assert "the next check-in, for your calendar, to" in notifications(app)
    exports = store.root / "exports"
    draft = email.message_from_bytes(next(exports.glob("*.eml")).read_bytes(), policy=default_policy)
    assert draft["X-Unsent"] == "1" and draft["Subject"] == "Summary: Check-in with Dana Lee, Mon 23 Nov 2026"
    assert draft["To"] == "Dana Lee <dana@example.com>", "addressed from the person's profile"
    assert draft.get_content().startswith("Dear Dana, here is our record of Mon 23 Nov 2026.")
    assert [path.suffix for path in sorted(exports.iterdir())] == [".eml", ".ics", ".md"]
    assert "Dear {first_name}" in (store.root / "settings.json").read_text(), "kept in the settings"


async def test_setting_the_next_check_in_after_the_meeting_is_an_amendment(store: Store, clock) -> None:
    meeting = past_meeting(clock, 2, [], [Priority(text="Lead Q1 planning")])
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await type_text(pilot, "2026-12-10")
        await pilot.press("enter")
        await pilot.pause()
        assert "Next check-in: Thu 10 Dec 2026" in app.screen.query_one("#summary").source
    saved = store.load(meeting.id)
    assert saved.next_check_in == date(2026, 12, 10)
    assert saved.amendments[-1].what == "Next check-in: Thu 10 Dec 2026."


async def test_home_names_who_is_due_and_c_lists_everyone(store: Store, clock) -> None:
    overdue = past_meeting(clock, 30, [], [])
    overdue.next_check_in = clock().date() - timedelta(days=2)
    store.save(overdue)
    later = past_meeting(clock, 3, [], [])
    later.person = "Ravi Patel"
    later.next_check_in = clock().date() + timedelta(days=30)
    store.save(later)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        banner = str(app.screen.query_one("#due", Static).render())
        assert banner == "Check-ins due: Dana Lee (overdue since Sat 21 Nov 2026). Press c for everyone's next check-in."
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, DueScreen)
        table = app.screen.query_one("#check-ins")
        rows = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert rows[0][:2] == ["OVERDUE since Sat 21 Nov 2026", "Dana Lee"]
        assert rows[1][:2] == ["due Wed 23 Dec 2026", "Ravi Patel"]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PersonScreen" and app.screen.person == "Dana Lee"


async def test_escape_in_add_goal_asks_before_throwing_away_what_was_typed(store: Store, clock) -> None:
    from meetingdesk.dialogs.action import ActionDialog
    from meetingdesk.dialogs.goal import GoalDialog

    app = live_follow_up(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GoalDialog)
        await type_text(pilot, "Run the Q2 planning review")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog and "Press escape again to throw away what you typed." in notifications(app)
        assert dialog.query_one("#text", Input).value == "Run the Q2 planning review"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen) and len(app.screen.meeting.priorities) == 2

        await pilot.press("ctrl+o")  # nothing typed: escape closes at once
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, "Book the room @Dana")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog), "the action dialog asks too"
