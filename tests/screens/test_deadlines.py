"""The action and priority dialogs read the deadlines and owners a manager types, with the date order
from the settings, and say when a deadline falls on a weekend."""

from __future__ import annotations

from textual.widgets import Input, Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, meeting_from_agenda
from meetingdesk.settings import Settings
from meetingdesk.storage.settings import write_settings
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, past_meeting, type_text


async def test_the_action_preview_reads_a_known_owner_of_two_words_the_settings_date_order_and_weekends(store: Store, clock) -> None:
    store.save(past_meeting(clock, 20, [ActionItem(text="Share the rubric", owner="Marta Lopez Garcia")]))
    write_settings(store.root, Settings(date_order="month-first"))
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await type_text(pilot, "Check in with HR @Marta Lopez by 3/4")
        await pilot.pause()
        preview = str(app.screen.query_one("#preview", Static).render())
        assert preview == "Will save: Check in with HR — owner Marta Lopez Garcia — due Thu 4 Mar 2027 (in 101 days)"
        app.screen.query_one("#line", Input).value = "Send the deck @dana in 2 weeks"
        await pilot.pause()
        assert str(app.screen.query_one("#preview", Static).render()) == (
            "Will save: Send the deck — owner Dana Lee — due Mon 7 Dec 2026 (in 14 days)"
        )
        app.screen.query_one("#line", Input).value = "Send the deck @dana by 12/5"
        await pilot.pause()
        assert str(app.screen.query_one("#preview", Static).render()).endswith("due Sat 5 Dec 2026 (in 12 days) — on a weekend")
        await pilot.press("enter")
        await pilot.pause()
        assert [(a.text, a.owner, a.due.isoformat()) for a in app.screen.meeting.actions if not a.is_carried] == [
            ("Send the deck", "Dana Lee", "2026-12-05")
        ]


async def test_the_priority_preview_says_when_a_date_is_on_a_weekend(store: Store, clock, monkeypatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        await type_text(pilot, "Lead the planning")
        await pilot.press("tab", "tab")
        await type_text(pilot, "by mid-January".removeprefix("by "))
        await pilot.pause()
        assert str(app.screen.query_one("#preview", Static).render()) == "Due Fri 15 Jan 2027"
        app.screen.query_one("#due", Input).value = "5/12"  # day first, as en_GB writes dates
        await pilot.pause()
        assert str(app.screen.query_one("#preview", Static).render()) == "Due Sat 5 Dec 2026 — on a weekend"
