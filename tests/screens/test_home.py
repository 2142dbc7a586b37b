"""The home screen's search, person filter and paging, and the person and open-actions views, through Pilot."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual.widgets import DataTable, Input, OptionList, Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, Meeting, Priority, SectionRecord
from meetingdesk.screens import HomeScreen, RecordScreen
from meetingdesk.screens.open_actions import OpenActionsScreen
from meetingdesk.screens.person import PersonScreen
from meetingdesk.storage.store import Store
from tests.builders import listed_people, type_text

START = datetime(2026, 10, 1, 10, 0, tzinfo=timezone.utc)
"""Meetings happen from here on; the test clock says 2026-11-23."""


def make_meeting(person: str, day: int, notes: str = "", **changes) -> Meeting:
    meeting = Meeting(
        person=person,
        manager="Sam Rivera",
        agenda_name="career-discussion",
        agenda_title="Career discussion",
        created_at=START + timedelta(days=day),
        started_at=START + timedelta(days=day),
        status="ended",
        sections=[SectionRecord(title="Where you stand", planned_seconds=600, notes=notes)],
    )
    for name, value in changes.items():
        setattr(meeting, name, value)
    return meeting


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_search_finds_a_word_from_notes_and_escape_shows_all_again(store: Store, clock) -> None:
    store.save(make_meeting("Dana Lee", 0, notes="Shipped the billing migration"))
    store.save(make_meeting("Bo Chen", 1, notes="Wants to mentor"))
    hidden = make_meeting("Ana Souza", 2)
    hidden.sections[0].private_notes = "billing worries"
    store.save(hidden)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert listed_people(app) == ["Ana Souza", "Bo Chen", "Dana Lee"]
        await pilot.press("slash")
        assert app.focused.id == "search"
        await type_text(pilot, "Billing")
        await settle(pilot)
        assert listed_people(app) == ["Dana Lee"], "private notes are never searched"
        assert "1 meeting mentions “Billing”." in str(app.screen.query_one("#filter-status", Static).render())

        await pilot.press("enter")
        assert app.focused.id == "meetings"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("slash", "escape")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == ""
        assert listed_people(app) == ["Ana Souza", "Bo Chen", "Dana Lee"]
        assert app.focused.id == "meetings"


async def test_a_search_with_no_match_says_so(store: Store, clock) -> None:
    store.save(make_meeting("Dana Lee", 0, notes="billing"))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "payroll")
        await settle(pilot)
        assert listed_people(app) == []
        assert "No meeting mentions “payroll”" in str(app.screen.query_one("#filter-status", Static).render())


async def test_filter_by_person_and_back_to_everyone(store: Store, clock) -> None:
    for day, person in enumerate(["Dana Lee", "Bo Chen", "Dana Lee", "[b]Kim[/b]"]):
        store.save(make_meeting(person, day))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "Everyone",
            "[b]Kim[/b]",
            "Dana Lee",
            "Bo Chen",
        ]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert listed_people(app) == ["Dana Lee", "Dana Lee"]
        assert "Only meetings with Dana Lee" in str(app.screen.query_one("#filter-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert listed_people(app) == ["[b]Kim[/b]", "Dana Lee", "Bo Chen", "Dana Lee"]


async def test_the_list_pages_in_as_the_cursor_reaches_the_end(store: Store, clock) -> None:
    store.put_many([make_meeting(f"Person {number:03d}", number) for number in range(250)])
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(listed_people(app)) == 100
        await pilot.press("end")
        await pilot.pause()
        assert len(listed_people(app)) == 200
        assert listed_people(app)[100] == "Person 149"
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert len(listed_people(app)) == 250
        assert listed_people(app)[-1] == "Person 000"


async def test_person_view_shows_meetings_priorities_and_open_actions(store: Store, clock) -> None:
    first = make_meeting("Dana Lee", 0, priorities=[Priority(text="Ship billing")])
    carried = ActionItem(text="Write the promotion case", owner="Sam Rivera", due=date(2026, 12, 15))
    first.actions = [carried, ActionItem(text="Already done", owner="Dana Lee", done_on=date(2026, 10, 5))]
    store.save(first)
    second = make_meeting("Dana Lee", 30, priorities=[Priority(text="Lead Q1 planning", measure="Plan signed off")])
    second.actions = [carried.model_copy(update={"carried_from": first.id, "carried_count": 1, "agreed_on": date(2026, 10, 1)})]
    store.save(second)
    store.save(make_meeting("Bo Chen", 40, actions=[ActionItem(text="Bo's own", owner="Bo Chen")]))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "w")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        table = app.screen.query_one("#person-meetings", DataTable)
        assert [str(table.get_row_at(row)[0]) for row in range(table.row_count)] == ["Sat 31 Oct 2026", "Thu 1 Oct 2026"]
        goals = str(app.screen.query_one("#priorities", Static).render())
        assert goals.index("Ship billing") < goals.index("Thu 1 Oct 2026") < goals.index("Lead Q1 planning") < goals.index("Sat 31 Oct 2026")
        assert "measure: Plan signed off" in goals
        actions = str(app.screen.query_one("#actions", Static).render())
        assert "Write the promotion case" in actions
        assert "agreed 53 days ago" in actions and "carried through 1 meeting" in actions
        assert "Already done" not in actions and "Bo's own" not in actions
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.meeting.id == second.id


async def test_open_actions_by_deadline_overdue_marked_and_filtered_by_owner(store: Store, clock) -> None:
    store.save(
        make_meeting(
            "Dana Lee",
            0,
            actions=[
                ActionItem(text="No deadline yet", owner="Dana Lee"),
                ActionItem(text="Write the promotion case", owner="Sam Rivera", due=date(2026, 12, 15)),
                ActionItem(text="Book the course", owner="Dana Lee", due=date(2026, 11, 2)),
            ],
        )
    )
    store.save(make_meeting("Bo Chen", 1, actions=[ActionItem(text="Draft the plan", owner="Bo Chen", due=date(2026, 12, 1))]))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpenActionsScreen)
        table = app.screen.query_one("#open-actions", DataTable)

        def rows() -> list[tuple[str, str, str]]:
            return [tuple(str(cell) for cell in table.get_row_at(row)[:3]) for row in range(table.row_count)]

        assert rows() == [
            ("OVERDUE Mon 2 Nov 2026", "Book the course", "Dana Lee"),
            ("Tue 1 Dec 2026", "Draft the plan", "Bo Chen"),
            ("Tue 15 Dec 2026", "Write the promotion case", "Sam Rivera"),
            ("no deadline", "No deadline yet", "Dana Lee"),
        ]
        await pilot.press("f")
        assert [row[1] for row in rows()] == ["Write the promotion case"], "the manager's own promises come first"
        await pilot.press("f", "f")
        assert [row[1] for row in rows()] == ["Book the course", "No deadline yet"]
        assert "for Dana Lee, 1 overdue" in str(app.screen.query_one("#actions-status", Static).render())
        await pilot.press("f")
        assert len(rows()) == 4
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.meeting.person == "Dana Lee"


async def test_a_damaged_meeting_file_is_reported_on_the_home_screen(home, clock) -> None:
    from meetingdesk.app import MeetingDeskApp
    from meetingdesk.storage.store import Store

    (home / "meetings").mkdir(parents=True)
    (home / "meetings" / "abc123.json").write_text('{"person": "Dana', encoding="utf-8")
    store = Store(home)
    store.open()
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # the files are looked at just after the first frame
        shown = [notification.message for notification in app._notifications]
        assert any("abc123.json" in message and "damaged" in message for message in shown)
    assert list((home / "damaged").iterdir()), "the file is moved aside, not deleted"
