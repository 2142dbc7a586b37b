"""Whole meetings run through the screens with Pilot, as a manager would: keys in, screen and disk out."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Markdown, OptionList, Static, TextArea

from meetingdesk.app import PALETTE_COMMANDS, MeetingDeskApp
from meetingdesk.models import Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.screens import HomeScreen, LiveScreen, RecordScreen
from meetingdesk.dialogs.close_check import CloseCheckDialog
from meetingdesk.storage.store import Store
from tests.builders import listed_people, type_text, until

AGENDA = Agenda(
    name="quick",
    title="Quick review",
    purpose="A short check of how things stand.",
    sections=[
        AgendaSection(title="How it went", minutes=5, prompts=["What went well?", "What got in the way?"]),
        AgendaSection(title="What next", minutes=10, prompts=["What matters most next quarter?"]),
        AgendaSection(title="Wrap-up", minutes=5, prompts=["Read back the actions"]),
    ],
)


def live_app(store: Store, clock, person: str = "Dana Lee") -> MeetingDeskApp:
    meeting = meeting_from_agenda(AGENDA, person, "Sam Rivera")
    return MeetingDeskApp(store, clock=clock, start_meeting=meeting)


def saved(store: Store) -> Meeting:
    """The one meeting on disk, read back the way a restart would."""
    files = list((store.root / "meetings").glob("*.json"))
    assert len(files) == 1
    return Meeting.model_validate_json(files[0].read_text())


async def test_whole_meeting_from_keys_to_summary(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.focused.id == "notes", "the notes editor has focus when the meeting opens"

        await type_text(pilot, "Shipped the billing migration")
        clock.advance(minutes=4)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Wants to lead planning")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Write the promotion case @Dana by 2026-12-15")
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await type_text(pilot, "Lead the Q1 planning review")
        await pilot.press("tab")
        await type_text(pilot, "Plan signed off")
        await pilot.press("tab")
        await type_text(pilot, "2027-03-31")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await type_text(pilot, "in 2 weeks")
        await pilot.press("enter")
        clock.advance(minutes=6)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, CloseCheckDialog)
        assert "Ready to close" in str(app.screen.query_one(".dialog-title", Static).render())
        await pilot.press("ctrl+f")
        await pilot.pause()

        assert isinstance(app.screen, RecordScreen)
        shown = app.screen.query_one(Markdown).source
        assert "Write the promotion case" in shown and "Dana Lee" in shown
        assert "Lead the Q1 planning review" in shown
        assert "Shipped the billing migration" in shown and "Wants to lead planning" in shown

    meeting = saved(store)
    assert meeting.status == "ended"
    assert [s.notes for s in meeting.sections[:2]] == ["Shipped the billing migration", "Wants to lead planning"]
    assert meeting.actions[0].owner == "Dana Lee" and meeting.actions[0].due == date(2026, 12, 15)
    assert meeting.priorities[0].measure == "Plan signed off"
    assert meeting.next_check_in == date(2026, 12, 7), "the next check-in agreed with ctrl+s is kept"
    assert meeting.sections[0].actual_seconds == pytest.approx(240)
    assert meeting.sections[1].actual_seconds == pytest.approx(360)


async def test_notes_are_saved_about_a_second_after_typing(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "First thought")
        await pilot.pause(1.3)
        assert saved(store).sections[0].notes == "First thought"


async def test_the_close_check_opens_with_the_last_words_already_on_disk(store: Store, clock, monkeypatch) -> None:
    # The periodic save never comes in this test: only the close check's own save can put the words there.
    monkeypatch.setattr("meetingdesk.screens.live.AUTOSAVE_SECONDS", 3600)
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "Said just before closing")
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, CloseCheckDialog)
        assert saved(store).sections[0].notes == "Said just before closing"


async def test_private_notes_never_reach_the_summary(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "Shared line")
        await pilot.press("tab")
        assert app.focused.id == "private"
        await type_text(pilot, "Worried about burnout")
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert "Shared line" in app.screen.query_one(Markdown).source
        assert "burnout" not in app.screen.query_one(Markdown).source
    assert saved(store).sections[0].private_notes == "Worried about burnout"


async def test_each_section_keeps_its_own_notes_and_time(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "one")
        clock.advance(seconds=90)
        await pilot.press("ctrl+n")
        await type_text(pilot, "two")
        clock.advance(seconds=30)
        await pilot.press("ctrl+l")
        assert app.screen.query_one("#notes", TextArea).text == "one"
        clock.advance(seconds=10)
        screen = app.screen
        assert screen.timer.section_elapsed(0) == pytest.approx(100)
        assert screen.timer.section_elapsed(1) == pytest.approx(30)


async def test_pause_stops_every_clock_and_resume_restarts_them(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        clock.advance(seconds=20)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "PAUSED" in str(app.screen.query_one("#clock", Static).render())
        clock.advance(minutes=5)
        assert app.screen.timer.meeting_elapsed() == pytest.approx(20)
        await pilot.press("ctrl+t")
        clock.advance(seconds=5)
        assert app.screen.timer.meeting_elapsed() == pytest.approx(25)


async def test_overrun_is_marked_on_the_clock(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        clock_bar = app.screen.query_one("#clock", Static)
        clock.advance(minutes=4, seconds=30)
        # The bar redraws on its own tick: wait for it rather than for a fixed time, which a busy machine misses.
        await until(pilot, lambda: clock_bar.has_class("-warning"))
        clock.advance(minutes=1)
        await until(pilot, lambda: clock_bar.has_class("-overrun"))
        assert clock_bar.has_class("-overrun")
        assert "OVER by 0:30" in str(clock_bar.render())


async def test_bad_deadline_keeps_the_action_open_and_saves_nothing(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o")
        await type_text(pilot, "Send the offer letter @me by fridy")
        await pilot.press("enter")
        await pilot.pause()
        preview = app.screen.query_one("#preview", Static)
        assert "fridy" in str(preview.render())
        assert preview.has_class("-error")
        await pilot.press(*["backspace"] * 5)
        await type_text(pilot, "friday")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        action = app.screen.meeting.actions[0]
        assert action.owner == "Sam Rivera"
        assert action.due == date(2026, 11, 27)


async def test_actions_can_be_edited_reordered_and_deleted(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for line in ("Book the training @Dana by 2026-12-01", "Share the budget @me by 2026-12-05"):
            await pilot.press("ctrl+o")
            await type_text(pilot, line)
            await pilot.press("enter")
        actions = app.screen.query_one("#actions", OptionList)
        actions.focus()
        actions.highlighted = 1
        await pilot.press("shift+up")
        assert [a.text for a in app.screen.meeting.actions] == ["Share the budget", "Book the training"]
        await pilot.press("e")
        await pilot.press(*["backspace"] * len("by 2026-12-05"))
        await type_text(pilot, "by 2026-12-09")
        await pilot.press("enter")
        assert app.screen.meeting.actions[0].due == date(2026, 12, 9)
        live = app.screen
        await pilot.press("delete")
        assert [a.text for a in live.meeting.actions] == ["Share the budget", "Book the training"], "asks first"
        await pilot.press("n")
        assert len(live.meeting.actions) == 2
        await pilot.press("delete", "y")
        assert [a.text for a in live.meeting.actions] == ["Book the training"]


async def test_close_check_lists_what_is_missing_and_fix_goes_back(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+o")
        await type_text(pilot, "Look into a mentor")
        await pilot.press("enter")
        await pilot.press("ctrl+f")
        await pilot.pause()
        problems = str(app.screen.query_one("#problems", Static).render())
        assert "No goal going forward" in problems and "No next check-in" in problems
        assert "no owner" in problems and "no deadline" in problems and "look into" in problems
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.focused.id == "priorities", "back where the first thing is missing"
        assert saved(store).status == "live"


async def test_rebalance_keeps_the_wrap_up_after_an_overrun(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        clock.advance(minutes=9)
        await pilot.press("ctrl+r")
        sections = app.screen.meeting.sections
        assert sections[2].planned_seconds == 300
        assert app.screen.timer.projected_end() <= app.screen.timer.planned_end()


async def test_palette_names_match_the_design(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Next section", "Pause timer", "Add action", "Add priority", "End meeting", "Rebalance time"} <= names
        assert "Resume timer" not in names
        assert "Previous section" not in names, "nothing before the first section"
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+n")
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert "Resume timer" in names and "Pause timer" not in names
        assert "Previous section" in names
    assert set(PALETTE_COMMANDS) >= {"Copy summary", "Export summary", "New meeting", "Open meeting"}


async def test_palette_runs_a_command(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Next section")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.meeting.current_section == 1


async def test_new_meeting_form_suggests_and_starts(store: Store, clock) -> None:
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "No meetings yet" in str(app.screen.query_one("#empty", Static).render())
        await pilot.press("n")
        await pilot.press("enter")
        await pilot.pause()
        assert "Say who you are meeting" in str(app.screen.query_one("#form-error", Static).render())
        await type_text(pilot, "Ana Souza")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.meeting.person == "Ana Souza"
        assert app.screen.meeting.manager == "Sam Rivera"


async def test_total_minutes_scale_every_time_box(store: Store, clock) -> None:
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Ana Souza")
        app.screen.query_one("#minutes").value = "25"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.meeting.planned_seconds == 25 * 60


async def test_home_lists_meetings_newest_first_and_opens_a_summary(store: Store, clock) -> None:
    older = meeting_from_agenda(AGENDA, "Ana Souza", "Sam Rivera")
    older.status = "ended"
    older.started_at = clock()
    store.save(older)
    clock.advance(minutes=60)
    newer = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    newer.status = "ended"
    newer.started_at = clock()
    store.save(newer)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert listed_people(app)[:2] == ["Dana Lee", "Ana Souza"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert "Dana Lee" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_export_summary_writes_a_private_markdown_file(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "Good quarter")
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
    files = list((store.root / "exports").glob("*.md"))
    assert len(files) == 1
    assert "Good quarter" in files[0].read_text()
    assert files[0].stat().st_mode & 0o777 == 0o600


async def test_copy_summary_sends_plain_text_to_the_terminal_and_a_file(store: Store, clock, monkeypatch) -> None:
    import pyperclip

    monkeypatch.setattr(pyperclip, "copy", lambda text: (_ for _ in ()).throw(pyperclip.PyperclipException("none")))
    copied: list[str] = []
    app = live_app(store, clock)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+o")
        await type_text(pilot, "Write the promotion case @Dana by 2026-12-15")
        await pilot.press("enter", "ctrl+f", "ctrl+f")
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert len(copied) == 1
    assert "Write the promotion case" in copied[0]
    assert "|" not in copied[0]
    assert not any(line.startswith("#") for line in copied[0].splitlines())
    files = list((store.root / "exports").glob("*.txt"))
    assert [f.read_text() for f in files] == [copied[0]]


async def test_markup_in_names_and_notes_shows_literally(store: Store, clock) -> None:
    app = live_app(store, clock, person="[b]Dana[/b] [link=x]Lee")
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "[red]not red[/]")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Fix [b] tag @me by 2026-12-01")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#notes", TextArea).text == "[red]not red[/]"
        assert app.screen.meeting.actions[0].text == "Fix [b] tag"
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
    assert saved(store).person == "[b]Dana[/b] [link=x]Lee"


async def test_quitting_mid_meeting_keeps_it_live_for_later(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "Half a thought")
        clock.advance(seconds=75)
        await pilot.press("ctrl+q")
        await pilot.pause()
    meeting = saved(store)
    assert meeting.status == "live"
    assert meeting.sections[0].notes == "Half a thought"
    assert meeting.sections[0].actual_seconds == pytest.approx(75)
    reopened = Store(store.root)
    reopened.open()
    assert [row.status for row in reopened.rows()] == ["live"]


async def test_resuming_asks_whether_the_downtime_counts(store: Store) -> None:
    from datetime import datetime, timezone

    from tests.builders import FakeClock

    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.started_at = datetime.now(timezone.utc)
    meeting.sections[0].actual_seconds = 120
    meeting.sections[0].notes = "Before the crash"
    store.save(meeting)
    clock = FakeClock(meeting.updated_at)
    clock.advance(minutes=10)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "press r to resume" in str(app.screen.query_one("#resume", Static).render()).lower()
        await pilot.press("r")
        await pilot.pause()
        assert "closed for 10 min" in str(app.screen.query_one("#problems", Static).render())
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.query_one("#notes", TextArea).text == "Before the crash"
        assert app.screen.timer.section_elapsed(0) == pytest.approx(720)
        await type_text(pilot, " and after")
        assert app.screen.query_one("#notes", TextArea).text == "Before the crash and after"


async def test_a_crash_saves_first_and_reports_without_notes(store: Store, clock, capfd) -> None:
    app = live_app(store, clock)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test() as pilot:
            await type_text(pilot, "Confidential remark")
            app.screen.query_one("#notes").action_cursor_left = lambda: 1 / 0
            await pilot.press("left")
            await pilot.pause()
    assert saved(store).sections[0].notes == "Confidential remark"
    printed = capfd.readouterr().err
    assert "ZeroDivisionError" in printed and "meetingdesk resume" in printed
    assert "Confidential" not in printed


async def test_typing_goes_on_when_the_terminal_shrinks_and_grows(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "wide ")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await type_text(pilot, "narrow ")
        await pilot.press("ctrl+n")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await type_text(pilot, "wide again")
        assert app.screen.meeting.sections[0].notes == "wide narrow "
        assert app.screen.query_one("#notes", TextArea).text == "wide again"


async def test_quitting_while_saves_fail_warns_before_losing_notes(store: Store, clock, monkeypatch) -> None:
    from meetingdesk.storage.files import StoreError

    app = live_app(store, clock)
    async with app.run_test() as pilot:
        await type_text(pilot, "Before")
        await pilot.pause(1.3)

        def disk_full(meeting):
            raise StoreError("The disk is full.")

        monkeypatch.setattr(store, "save", disk_full)
        await type_text(pilot, " after")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running, "the first ctrl+q only warns"
        monkeypatch.undo()
        await pilot.pause(1.3)
        await pilot.press("ctrl+q")
    assert saved(store).sections[0].notes == "Before after"


async def test_backspace_on_the_priorities_list_deletes_nothing(store: Store, clock) -> None:
    app = live_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+g")
        await type_text(pilot, "Lead planning")
        await pilot.press("enter")
        app.screen.query_one("#priorities").focus()
        await pilot.press("backspace")
        assert [p.text for p in app.screen.meeting.priorities] == ["Lead planning"]


async def test_every_key_of_the_home_screen_is_in_the_palette_too(store: Store, clock) -> None:
    store.save(meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert names[0] == "New meeting"
        assert {"Search", "Filter by person", "Open actions", "Trash"} <= set(names)
