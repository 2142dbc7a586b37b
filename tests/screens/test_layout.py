"""How the screens use the terminal: nothing wraps or is cut at 80x24, the side panels grow at 200x50."""

from __future__ import annotations

from datetime import date

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem
from meetingdesk.storage.store import Store
from tests.builders import FakeClock, screen_text
from tests.screens.test_home import make_meeting, settle
from tests.snapshots.test_screens import filled_meeting


async def test_at_80x24_the_clock_bar_keeps_to_one_line_and_still_says_everything(store: Store, clock) -> None:
    app = MeetingDeskApp(store, clock=clock, start_meeting=filled_meeting(clock, ended=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one("#clock")
        assert bar.size.height == 1
        line = screen_text(app).splitlines()[1]
        for said in ("3:20", "15:00", "11:40 left", "Meeting 8:50", "Ends ~14:49"):
            assert said in line
        await pilot.press("ctrl+t")
        await pilot.pause()
        line = screen_text(app).splitlines()[1]
        assert bar.size.height == 1 and "PAUSED" in line and "Meeting 8:50" in line


async def test_at_200x50_the_side_panels_grow_with_the_terminal(store: Store) -> None:
    clock = FakeClock()
    meeting = filled_meeting(clock, ended=True)
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        summary, side = app.screen.query_one("#summary-scroll"), app.screen.query_one("#record-side")
        assert side.region.x == summary.region.right, "no empty gap between the summary and the lists"
        assert side.size.width >= 90
        text = screen_text(app)
        assert max(len(line.rstrip()) for line in text.splitlines()) > 190
    live = MeetingDeskApp(store, clock=clock, start_meeting=filled_meeting(clock, ended=False))
    async with live.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert live.screen.query_one("#sections").size.width > 30
        assert live.screen.query_one("#side").size.width > 36


async def test_at_80x24_every_column_heading_is_whole(store: Store, clock) -> None:
    long = make_meeting("Alexandra Konstantinopoulou-Smith", 2, agenda_title="Compensation conversation for the year")
    long.actions = [ActionItem(text="Write up the salary band review for the committee", owner="Alexandra Konstantinopoulou-Smith", due=date(2026, 11, 2))]
    store.save(long)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[1]
        assert header.split() == ["With", "Agenda", "Date", "Status", "Open", "actions"]
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        header = next(line for line in text.splitlines() if line.split()[:1] == ["Due"])
        assert header.split() == ["Due", "Action", "Owner", "With", "Age"]
        assert "OVERDUE" in text and "Mon 2 Nov 2026" in text
