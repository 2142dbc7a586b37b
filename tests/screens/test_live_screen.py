"""The live screen as a manager reads it during a review: prompts, dialogs over the meeting, what is hidden or marked."""

from __future__ import annotations

from datetime import date, timedelta

from meetingdesk.app import MeetingDeskApp
from meetingdesk.dialogs.action import ActionDialog
from meetingdesk.dialogs.close_check import CloseCheckDialog
from meetingdesk.dialogs.downtime import DowntimeDialog
from meetingdesk.dialogs.drop import DropDialog
from meetingdesk.dialogs.goal import GoalDialog
from meetingdesk.models import ActionItem, Meeting, Priority, meeting_from_agenda
from meetingdesk.screens import LastMeetingScreen, LiveScreen
from meetingdesk.storage.store import Store
from tests.builders import FakeClock, screen_text, type_text, until
from tests.screens.test_meeting_flow import AGENDA


def meeting_with(**fields) -> Meeting:
    """A new meeting with Dana Lee on the quick agenda, with `fields` set (actions, priorities…)."""
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    for name, value in fields.items():
        setattr(meeting, name, value)
    return meeting


def app_with(store: Store, clock, **fields) -> MeetingDeskApp:
    """The app running `meeting_with(**fields)` live."""
    return MeetingDeskApp(store, clock=clock, start_meeting=meeting_with(**fields))


def carried_meeting() -> Meeting:
    carried = ActionItem(
        text="Share the budget", owner="Sam Rivera", due=date(2026, 11, 2), carried_from="earlier", carry_decision="undecided"
    )
    return meeting_with(actions=[carried])


async def test_every_dialog_opens_over_the_live_screen_which_keeps_its_clock_running(store: Store, clock) -> None:
    app = MeetingDeskApp(store, clock=clock, start_meeting=carried_meeting())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")  # the agenda's purpose, shown at the start, put away as a manager does
        await type_text(pilot, "Shipped the billing migration")
        opened = [("ctrl+o", ActionDialog), ("ctrl+g", GoalDialog), ("ctrl+f", CloseCheckDialog)]
        for key, dialog in opened:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, dialog)
            behind = screen_text(app)
            assert "Shipped the billing migration" in behind, f"{dialog.__name__} hides the notes"
            assert "Share the budget" in behind and "Meeting 0:00" in behind, f"{dialog.__name__} hides the lists or the clock"
            await pilot.press("escape")
            await pilot.pause()
        app.screen.query_one("#actions").focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, DropDialog)
        clock.advance(minutes=2)
        await until(pilot, lambda: "Meeting 2:00" in screen_text(app))
        assert "Share the budget" in screen_text(app)
        assert isinstance(app.screen_stack[-2], LiveScreen)


LONG_PROMPT = (
    "Go through delivery, teamwork, leadership and impact one at a time, with one example each that both "
    "of you saw happen this year."
)


def long_prompt_app(store: Store, clock) -> MeetingDeskApp:
    meeting = meeting_with()
    meeting.sections[0].prompts = [LONG_PROMPT, "What got in the way?", "Which feedback stood out for you this year?"]
    return MeetingDeskApp(store, clock=clock, start_meeting=meeting)


async def test_a_long_prompt_is_readable_whole_at_120x40(store: Store, clock) -> None:
    assert len(LONG_PROMPT) > 120
    app = long_prompt_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert LONG_PROMPT in flat_column(app), "every word of the prompt, in order, on screen"


def flat_column(app) -> str:
    """The prompts list's text as shown, its wrapped lines joined."""
    prompts = app.screen.query_one("#prompts")
    region = prompts.content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right].replace("☐", " ").replace("☑", " ").split()) for line in lines)


async def test_at_80x24_the_highlighted_prompt_is_shown_whole_and_the_marks_differ_without_colour(store: Store, clock) -> None:
    app = long_prompt_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")
        assert app.focused.id == "prompts"
        assert app.focused.highlighted == 0, "entering the list lands on a prompt"
        await pilot.press("space")
        assert app.screen.meeting.sections[0].prompts_done == [0], "the first space ticks the first prompt"
        assert "☑" in screen_text(app) and "☐" in screen_text(app)
        for number, prompt in enumerate(app.screen.meeting.sections[0].prompts):
            app.focused.highlighted = number
            await pilot.pause()
            assert prompt in flat_column(app), f"prompt {number} is cut"


async def test_the_close_check_names_unticked_prompts_without_blocking_the_close(store: Store, clock) -> None:
    meeting = meeting_with(priorities=[Priority(text="Lead planning", measure="Plan signed off", due=date(2027, 3, 31))])
    meeting.next_check_in = date(2026, 12, 7)
    meeting.sections[0].prompts_done = [0]
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Ready to close" in screen_text(app)
        reminder = str(app.screen.query_one("#unticked").render())
        assert "What got in the way? (How it went)" in reminder and "Read back the actions (Wrap-up)" in reminder
        assert "What went well?" not in reminder, "a ticked prompt is not named"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.meeting.status == "ended"


async def test_fix_them_puts_the_cursor_on_the_first_item_to_fix(store: Store, clock) -> None:
    actions = [
        ActionItem(text="Book the training", owner="Dana Lee", due=date(2026, 12, 1)),
        ActionItem(text="Share the budget", owner="Sam Rivera"),
        ActionItem(text="Write the case"),
    ]
    goals = [Priority(text="Lead planning", measure="Plan signed off", due=date(2027, 3, 31))]
    app = app_with(store, clock, priorities=goals, actions=actions, next_check_in=date(2026, 12, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.click("#fix")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.focused.id == "actions" and app.focused.highlighted == 1
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog) and "Share the budget" in app.screen.query_one("#line").value


async def test_lists_stop_at_their_ends(store: Store, clock) -> None:
    app = app_with(store, clock, actions=[ActionItem(text="First"), ActionItem(text="Last")])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for list_id, last in (("actions", 1), ("sections", 2), ("prompts", 1)):
            listed = app.screen.query_one(f"#{list_id}")
            listed.focus()
            listed.highlighted = last
            await pilot.press("down")
            assert listed.highlighted == last, f"{list_id} wrapped from the bottom to the top"
            listed.highlighted = 0
            await pilot.press("up")
            assert listed.highlighted == 0, f"{list_id} wrapped from the top to the bottom"


async def test_deleting_a_goal_asks_first(store: Store, clock) -> None:
    app = app_with(store, clock, priorities=[Priority(text="Lead planning"), Priority(text="Mentor a new hire")])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#priorities").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert "Delete the goal “Lead planning”?" in screen_text(app)
        await pilot.press("escape")
        assert len(app.screen.meeting.priorities) == 2
        await pilot.press("delete", "y")
        assert [p.text for p in app.screen.meeting.priorities] == ["Mentor a new hire"]


async def test_an_overdue_carried_action_is_marked_overdue_as_in_the_other_views(store: Store, clock) -> None:
    meeting = carried_meeting()
    meeting.actions.append(ActionItem(text="Book the course", owner="Dana Lee", due=date(2026, 12, 4)))
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        actions = app.screen.query_one("#actions")

        def line(number: int) -> str:
            return str(actions.get_option_at_index(number).prompt)

        assert "OVERDUE Share the budget" in line(0), "due Mon 2 Nov, today is Mon 23 Nov"
        assert "OVERDUE" not in line(1)
        actions.focus()
        actions.highlighted = 0
        await pilot.press("d")
        assert "OVERDUE" not in line(0), "done is no longer overdue"


async def test_f2_hides_private_notes_and_the_choice_is_remembered_after_a_restart(store: Store, clock) -> None:
    meeting = meeting_with()
    meeting.sections[0].private_notes = "Worried about burnout"
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Worried about burnout" in screen_text(app)
        await pilot.press("tab")
        assert app.focused.id == "private"
        await pilot.press("f2")
        await pilot.pause()
        assert "Worried about burnout" not in screen_text(app)
        assert app.focused.id == "notes", "the cursor leaves the hidden notes"
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Show private notes" in names and "Hide private notes" not in names
        await type_text(pilot, "Shared line")
        await pilot.press("tab")
        assert app.focused.id != "private", "tab skips hidden notes"
    assert '"hide_private_notes": true' in (store.root / "settings.json").read_text()

    # Back five minutes after the last save: the app asks about the gap first.
    later = FakeClock(store.load(meeting.id).updated_at + timedelta(minutes=5))
    again = MeetingDeskApp(store, clock=later, open_meeting_id=meeting.id)
    async with again.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(again.screen, DowntimeDialog))
        await pilot.press("escape")
        assert "Worried about burnout" not in screen_text(again), "still hidden after a restart"
        await pilot.press("ctrl+p")
        await type_text(pilot, "Show private notes")
        await until(pilot, lambda: "Show private notes again" in screen_text(again))
        await pilot.press("enter")
        await pilot.pause()
        assert "Worried about burnout" in screen_text(again)
    assert '"hide_private_notes": false' in (store.root / "settings.json").read_text()


async def test_the_agendas_purpose_shows_when_the_meeting_starts_and_on_f3(store: Store, clock) -> None:
    app = app_with(store, clock)
    purpose = "A short check of how things stand."
    assert AGENDA.purpose == purpose
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert purpose in screen_text(app)
        assert app.focused.id == "notes", "typing goes on while it shows"
        await pilot.press("ctrl+n")
        assert purpose not in screen_text(app), "moving on puts it away"
        await pilot.press("f3")
        assert purpose in screen_text(app)
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Hide purpose" in names and "Show purpose" not in names
        await pilot.press("f3")
        assert purpose not in screen_text(app)
        assert "Show purpose" in [command.title for command in app.get_system_commands(app.screen)]


async def test_a_resumed_meeting_does_not_show_the_purpose_again(store: Store, clock) -> None:
    meeting = meeting_with()
    store.save(meeting)
    app = MeetingDeskApp(store, clock=FakeClock(store.load(meeting.id).updated_at), open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LiveScreen))
        assert "A short check of how things stand." not in screen_text(app)
        await pilot.press("f3")
        assert "A short check of how things stand." in screen_text(app)


async def test_f4_reads_last_time_while_the_meeting_and_its_clock_go_on(store: Store, clock) -> None:
    from tests.builders import past_meeting

    earlier = past_meeting(clock, 14, [ActionItem(text="Book the course", owner="Dana Lee")])
    earlier.sections[0].notes = "Shipped the billing migration"
    earlier.sections[0].private_notes = "Seems tired"
    store.save(earlier)
    app = app_with(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        live = app.screen
        await type_text(pilot, "Picking up")
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, LastMeetingScreen)
        await until(pilot, lambda: "Shipped the billing migration" in screen_text(app))
        assert "Meeting 0:00" in screen_text(app), "the running meeting's clock is on top"
        await pilot.press("end")
        await until(pilot, lambda: "Seems tired" in screen_text(app))
        clock.advance(minutes=3)
        await until(pilot, lambda: "Meeting 3:00" in screen_text(app))
        await pilot.press("f2")
        await until(pilot, lambda: "Seems tired" not in screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live and app.focused.id == "notes"
        assert live.timer.meeting_elapsed() == 180
        assert live.meeting.sections[0].notes == "Picking up"
        assert store.load(live.meeting.id).status == "live", "reading last time ends nothing"


async def test_without_an_earlier_meeting_f4_is_not_offered(store: Store, clock) -> None:
    app = app_with(store, clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Previous meeting" not in [command.title for command in app.get_system_commands(app.screen)]
        await pilot.press("f4")
        assert isinstance(app.screen, LiveScreen)
