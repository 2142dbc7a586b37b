"""Words every screen shares: one way to write a date, counts that agree with their noun, the quit key's help."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, Priority
from meetingdesk.storage.store import Store
from tests.builders import screen_text
from tests.screens.test_home import make_meeting, settle

README = Path(__file__).resolve().parents[2] / "README.md"


async def test_a_date_reads_the_same_on_the_home_person_and_open_actions_screens(store: Store, clock) -> None:
    meeting = make_meeting("Dana Lee", 3, priorities=[Priority(text="Lead Q1 planning", due=date(2027, 3, 31))])
    meeting.actions = [ActionItem(text="Book the course", owner="Dana Lee", due=date(2026, 12, 4))]
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Sun 4 Oct 2026 10:00" in screen_text(app)
        await pilot.press("w")
        await settle(pilot)
        person_view = screen_text(app)
        for shown in ("Sun 4 Oct 2026", "by Wed 31 Mar 2027", "due Fri 4 Dec 2026"):
            assert shown in person_view
        await pilot.press("escape", "a")
        await settle(pilot)
        assert "Fri 4 Dec 2026" in screen_text(app)
        for text in (person_view, screen_text(app)):
            assert not re.search(r"\b0\d [A-Z][a-z]{2} \d{4}", text), "no zero-padded day, no other format"


async def test_one_search_match_reads_1_meeting_mentions(store: Store, clock) -> None:
    store.save(make_meeting("Dana Lee", 0, notes="Shipped the billing migration"))
    store.save(make_meeting("Bo Chen", 1, notes="Billing and payroll"))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"payroll")
        await settle(pilot)
        assert "1 meeting mentions “payroll”." in screen_text(app)
        await pilot.press(*["backspace"] * 7, *"billing")
        await settle(pilot)
        assert "2 meetings mention “billing”." in screen_text(app)


async def test_the_palette_says_what_the_readme_says_quit_does(store: Store, clock) -> None:
    row = next(line for line in README.read_text().splitlines() if line.startswith("| Anywhere | `ctrl+q` |"))
    readme_says = row.split("|")[3].strip()
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        quit_command = next(command for command in app.get_system_commands(app.screen) if command.title == "Quit")
        assert quit_command.help == readme_says
