"""Following through after the meeting: the record's actions as the summary lists them, private notes amended,
actions marked done from the open-actions view, the trash emptied."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

from textual.widgets import DataTable, TextArea

from meetingdesk.app import MeetingDeskApp
from meetingdesk.dialogs.confirm import ConfirmDialog
from meetingdesk.models import ActionItem, Meeting
from meetingdesk.screens import RecordScreen
from meetingdesk.screens.trash import TrashScreen
from meetingdesk.storage.store import Store
from meetingdesk.storage.trash import move_to_trash
from meetingdesk.summary import summary_markdown, summary_text
from tests.builders import notifications, screen_text, type_text
from tests.screens.test_home import make_meeting, settle
from tests.screens.test_record import ended_meeting, on_disk


@asynccontextmanager
async def record_of(store: Store, clock, meeting: Meeting) -> AsyncIterator[tuple[MeetingDeskApp, object]]:
    """The app showing `meeting`'s record at 120x40, and its pilot."""
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        yield app, pilot


async def test_the_record_lists_actions_as_the_summary_does_with_no_owner_and_why_one_was_dropped(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    meeting.actions += [
        ActionItem(text="Find a mentor", due=date(2026, 12, 1)),
        ActionItem(text="Plan the offsite", owner="Dana Lee", dropped_reason="the offsite was cancelled"),
    ]
    store.save(meeting)
    async with record_of(store, clock, meeting) as (app, _pilot):
        actions = app.screen.query_one("#record-actions")
        listed = [str(actions.get_option_at_index(number).prompt) for number in range(actions.option_count)]
        assert [line.split(" · ")[0][2:] for line in listed] == [
            "Find a mentor",
            "Book the facilitation course",
            "Write the promotion case",
            "Plan the offsite",
        ], "the summary's order: by deadline, none last"
        assert "no owner" in listed[0]
        assert "dropped: the offsite was cancelled" in listed[3]
        summary = summary_text(meeting)
        assert [summary.index(text) for text in ("Find a mentor", "Book the facilitation", "Write the promotion", "Plan the offsite")] == sorted(
            summary.index(text) for text in ("Find a mentor", "Book the facilitation", "Write the promotion", "Plan the offsite")
        )


async def test_private_notes_are_edited_after_the_meeting_and_the_summary_never_names_it(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    async with record_of(store, clock, meeting) as (app, pilot):
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#private-text", TextArea).focus()
        await type_text(pilot, "Ask about workload next time")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
    saved = on_disk(store, meeting.id)
    assert saved.sections[0].private_notes == "Ask about workload next time"
    assert [(a.what, a.private) for a in saved.amendments] == [("Edited the private notes of “How it went”.", True)]
    assert saved.amendments[0].at == clock()
    for summary in (summary_markdown(saved), summary_text(saved)):
        assert "Amended" not in summary and "private" not in summary.lower() and "workload" not in summary
    assert "Ask about workload next time" in summary_text(saved, include_private=True)


async def test_with_private_notes_hidden_edit_notes_leaves_them_out(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    meeting.sections[0].private_notes = "Seems tired"
    store.save(meeting)
    async with record_of(store, clock, meeting) as (app, pilot):
        await pilot.press("f2", "n")
        await pilot.pause()
        assert "Private notes are hidden: f2 shows them." in screen_text(app)
        assert "Seems tired" not in screen_text(app)
        assert not app.screen.query("#private-text")
        await pilot.press("ctrl+s")
    assert on_disk(store, meeting.id).sections[0].private_notes == "Seems tired"


async def test_d_marks_an_action_done_from_the_open_actions_view(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    live = make_meeting("Bo Chen", 40, status="live", actions=[ActionItem(text="Draft the plan", owner="Bo Chen", due=date(2026, 11, 30))])
    store.save(live)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#open-actions", DataTable)
        assert [str(table.get_row_at(row)[1]) for row in range(table.row_count)] == [
            "Draft the plan",
            "Book the facilitation course",
            "Write the promotion case",
        ]
        await pilot.press("d")
        await settle(pilot)
        assert "unfinished meeting with Bo Chen: resume it" in notifications(app), "a running meeting's action is marked there"
        assert table.row_count == 3
        await pilot.press("down", "d")
        await settle(pilot)
        assert [str(table.get_row_at(row)[1]) for row in range(table.row_count)] == ["Draft the plan", "Write the promotion case"]
    saved = on_disk(store, meeting.id)
    assert [(a.text, a.done_on) for a in saved.actions if a.done_on] == [("Book the facilitation course", date(2026, 11, 23))]
    assert [a.what for a in saved.amendments] == ["Marked “Book the facilitation course” done."]


async def test_the_trash_can_be_emptied_after_confirming(store: Store, clock) -> None:
    for day, person in enumerate(["Dana Lee", "Bo Chen"]):
        meeting = make_meeting(person, day)
        store.save(meeting)
        move_to_trash(store, meeting.id)
    kept = make_meeting("Ana Souza", 3)
    store.save(kept)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Delete all 2 meetings in the trash for good?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(list((store.root / "trash").glob("*.json"))) == 2
        await pilot.press("e", "y")
        await pilot.pause()
        assert "The trash is empty." in screen_text(app)
    assert not list((store.root / "trash").glob("*.json"))
    assert len(list((store.root / "deleted").glob("*.json"))) == 2, "a tombstone each, so no sync brings them back"
    assert store.has(kept.id)
