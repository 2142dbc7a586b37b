"""The meeting record, used as a manager would: open a past meeting, follow through, amend, delete, restore."""

from __future__ import annotations

import json
from datetime import date, timedelta

from textual.widgets import DataTable, Markdown, Static, TextArea

from meetingdesk import messages
from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, Priority, meeting_from_agenda
from meetingdesk.screens import HomeScreen, RecordScreen
from meetingdesk.dialogs.confirm import ConfirmDialog
from meetingdesk.screens.trash import TrashScreen
from meetingdesk.storage.store import Store
from tests.builders import listed_people, type_text

AGENDA = Agenda(
    name="quick",
    title="Quick review",
    sections=[
        AgendaSection(title="How it went", minutes=10),
        AgendaSection(title="What next", minutes=10),
    ],
)


def ended_meeting(store: Store, clock) -> Meeting:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.status = "ended"
    meeting.started_at = clock() - timedelta(days=3)
    meeting.ended_at = meeting.started_at + timedelta(minutes=20)
    meeting.sections[0].notes = "Shipped the billing migration"
    meeting.priorities = [Priority(text="Lead the Q1 planning review")]
    meeting.actions = [
        ActionItem(text="Write the promotion case", owner="Sam Rivera", due=date(2026, 12, 15)),
        ActionItem(text="Book the facilitation course", owner="Dana Lee", due=date(2026, 12, 4)),
    ]
    store.save(meeting)
    return meeting


def on_disk(store: Store, meeting_id: str) -> Meeting:
    return Meeting.model_validate_json((store.root / "meetings" / f"{meeting_id}.json").read_text())


def shown(app: MeetingDeskApp) -> str:
    return app.screen.query_one("#summary", Markdown).source


def key_bar(app: MeetingDeskApp) -> str:
    return str(app.screen.query_one("KeyBar", Static).render())


async def test_mark_an_action_done_and_reopen_it(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert "Amended" not in shown(app)
        await pilot.press("tab")
        assert app.focused.id == "record-actions"
        assert app.focused.highlighted == 0, "listed as the summary lists them: the soonest deadline first"
        assert "Mark done" in key_bar(app)
        await pilot.press("d")
        await pilot.pause()

        saved = on_disk(store, meeting.id)
        assert [a.done_on for a in saved.actions] == [None, date(2026, 11, 23)]
        assert [a.what for a in saved.amendments] == ["Marked “Book the facilitation course” done."]
        assert saved.amendments[0].at == clock()
        assert "Amended on Mon 23 Nov 2026 (1 change since the meeting)" in shown(app)
        assert "Book the facilitation course — Dana Lee, by Fri 4 Dec 2026 — done Mon 23 Nov 2026" in shown(app)
        assert "Reopen" in key_bar(app) and "Mark done" not in key_bar(app)

        clock.advance(minutes=60 * 24)
        await pilot.press("d")
        await pilot.pause()
        saved = on_disk(store, meeting.id)
        assert saved.actions[1].done_on is None and saved.actions[1].is_open
        assert len(saved.amendments) == 2
        assert "Amended on Tue 24 Nov 2026 (2 changes since the meeting)" in shown(app)
        assert "done Mon 23 Nov" not in shown(app)


async def test_e_still_exports_while_the_actions_list_has_focus(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "e")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
    assert len(list((store.root / "exports").glob("*.md"))) == 1


async def test_amend_the_notes_of_a_section(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen.query_one("#note-text", TextArea)
        assert editor.text == "Shipped the billing migration"
        editor.move_cursor(editor.document.end)
        await type_text(pilot, " two weeks early")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert "Shipped the billing migration two weeks early" in shown(app)
        assert "Amended on" in shown(app)
    saved = on_disk(store, meeting.id)
    assert saved.sections[0].notes == "Shipped the billing migration two weeks early"
    assert [a.what for a in saved.amendments] == ["Edited the shared notes of “How it went”."]


async def test_cancelled_notes_change_nothing(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "stray words")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecordScreen), "the first escape asks before throwing the typing away"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
    saved = on_disk(store, meeting.id)
    assert saved.sections[0].notes == "Shipped the billing migration" and saved.amendments == []


async def test_add_an_action_and_a_priority_after_the_meeting(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await type_text(pilot, "Share the budget @me by 2026-12-01")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await type_text(pilot, "Mentor a new hire")
        await pilot.press("enter")
        await pilot.pause()
        assert "Share the budget — Sam Rivera, by Tue 1 Dec 2026" in shown(app)
        assert "Mentor a new hire" in shown(app)
    saved = on_disk(store, meeting.id)
    assert saved.actions[-1].text == "Share the budget" and saved.actions[-1].owner == "Sam Rivera"
    assert [p.text for p in saved.priorities] == ["Lead the Q1 planning review", "Mentor a new hire"]
    assert [a.what for a in saved.amendments] == [
        "Added the action “Share the budget”.",
        "Added the goal “Mentor a new hire”.",
    ]


async def test_edit_an_action_keeps_it_the_same_action(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        await pilot.press(*["backspace"] * len("2026-12-15"))
        await type_text(pilot, "2026-12-18")
        await pilot.press("enter")
        await pilot.pause()
    saved = on_disk(store, meeting.id)
    assert saved.actions[0].id == meeting.actions[0].id
    assert saved.actions[0].due == date(2026, 12, 18)
    assert [a.what for a in saved.amendments] == ["Edited the action “Write the promotion case”."]


async def test_deleting_an_action_asks_first(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert len(on_disk(store, meeting.id).actions) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Write the promotion case —" not in shown(app)
        assert "Deleted the action “Write the promotion case”." in shown(app), "the summary says what changed"
    saved = on_disk(store, meeting.id)
    assert [a.text for a in saved.actions] == ["Book the facilitation course"]
    assert [a.what for a in saved.amendments] == ["Deleted the action “Write the promotion case”."]


async def test_delete_the_meeting_then_restore_it_from_the_trash(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one("#question", Static).render())
        assert question == "Move the meeting with Dana Lee on Fri 20 Nov 2026 to the trash? It can be restored."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen), "enter on the focused Cancel button keeps the meeting"
        assert (store.root / "meetings" / f"{meeting.id}.json").exists()

        await pilot.press("ctrl+d", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert (store.root / "trash" / f"{meeting.id}.json").exists()
        assert not (store.root / "meetings" / f"{meeting.id}.json").exists()
        assert store.rows() == []
        assert listed_people(app) == []

        app.push_screen(TrashScreen())
        await pilot.pause()
        table = app.screen.query_one("#trashed", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)][:3] == ["Dana Lee", "Quick review", "Fri 20 Nov 2026"]
        assert "Restore meeting" in key_bar(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "The trash is empty." in str(app.screen.query_one("#trash-empty", Static).render())
        assert app.screen.query_one("#trash-empty").display
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert listed_people(app)[0] == "Dana Lee"
    restored = json.loads((store.root / "meetings" / f"{meeting.id}.json").read_text())
    assert restored["sections"][0]["notes"] == "Shipped the billing migration"
    assert not list((store.root / "trash").glob("*.json"))


async def test_restore_when_the_meeting_exists_again_merges_the_two(store: Store, clock) -> None:
    from meetingdesk.storage.trash import move_to_trash

    meeting = ended_meeting(store, clock)
    move_to_trash(store, meeting.id)
    meeting.sections[0].notes = "Saved again after the delete"
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(TrashScreen())
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert any("is back in the list" in n.message for n in app._notifications)
        assert app.screen.query_one("#trashed", DataTable).row_count == 0
    assert store.load(meeting.id).sections[0].notes == "Saved again after the delete"


async def test_start_follow_up_posts_its_message(store: Store, clock) -> None:
    meeting = ended_meeting(store, clock)
    posted: list[messages.StartFollowUp] = []

    def record(message) -> None:
        if isinstance(message, messages.StartFollowUp):
            posted.append(message)

    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40), message_hook=record) as pilot:
        await pilot.pause()
        assert "Start follow-up" in {command.title for command in app.get_system_commands(app.screen)}
        await pilot.press("f")
        await pilot.pause()
    # The hook sees the message at the screen and again as it bubbles to the app: count it once.
    once = list({id(message): message for message in posted}.values())
    assert [m.meeting.id for m in once] == [meeting.id]


def test_the_summary_says_when_it_was_amended_in_markdown_and_text(store: Store, clock) -> None:
    from datetime import datetime, timezone

    from meetingdesk.models import Amendment
    from meetingdesk.summary import summary_markdown, summary_text

    meeting = ended_meeting(store, clock)
    meeting.actions[0].dropped_reason = "No longer needed after the reorg"
    meeting.amendments = [
        Amendment(at=datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), what="Edited the notes."),
        Amendment(at=datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc), what="Marked “x” done."),
    ]
    text = summary_text(meeting).splitlines()
    start = text.index("Quick review with Dana Lee")
    assert text[start : start + 6] == [
        "Quick review with Dana Lee",
        "",
        "Amended on Thu 26 Nov 2026 (2 changes since the meeting):",
        "",
        "- Edited the notes.",
        "- Marked “x” done.",
    ]
    assert "- Write the promotion case — Sam Rivera, by Tue 15 Dec 2026 — dropped: No longer needed after the reorg" in text
    assert "Amended on Thu 26 Nov 2026 (2 changes since the meeting):\n\n- Edited the notes.\n- Marked “x” done." in summary_markdown(meeting)


async def test_the_trash_opens_from_the_home_screen(store, clock) -> None:
    from meetingdesk.app import MeetingDeskApp
    from meetingdesk.screens.trash import TrashScreen

    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrashScreen)
