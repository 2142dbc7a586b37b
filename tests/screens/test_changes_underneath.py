"""A running app and files changed underneath it (a pull, a sync, another process), screen by screen, through Pilot.

The app looks for changes every LOOK_SECONDS; these tests make one look happen with
`app.look_for_changes()` instead of waiting for the timer, so they never sleep.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from textual.widgets import TextArea

from meetingdesk.app import LOOK_SECONDS, MeetingDeskApp
from meetingdesk.locations import index_path
from meetingdesk.models import ActionItem, Meeting, meeting_from_agenda
from meetingdesk.screens import LiveScreen, RecordScreen
from meetingdesk.storage.stamps import StampClock
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, listed_people, notifications, type_text


def other_process(root: Path) -> Store:
    """Another MeetingDesk (another machine's sync, a pull) writing into the same data folder."""
    store = Store(root, StampClock("bbbbbbbb"))
    store.open()
    return store


def ended(person: str, actions: list[ActionItem] = ()) -> Meeting:
    meeting = meeting_from_agenda(CHECK_IN, person, "Sam Rivera")
    meeting.started_at = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    meeting.status = "ended"
    meeting.actions = list(actions)
    return meeting


async def one_look(pilot) -> None:
    """What happens within LOOK_SECONDS: the app looks, and the screens show what it found."""
    pilot.app.look_for_changes()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def test_the_app_looks_at_least_every_second_so_a_change_shows_within_two() -> None:
    assert LOOK_SECONDS <= 1.0


async def test_the_home_screen_lists_a_meeting_another_process_added(store: Store, clock) -> None:
    store.save(ended("Dana Lee"))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await one_look(pilot)
        assert listed_people(app) == ["Dana Lee"]
        other_process(store.root).save(ended("Bo Chen"))

        await one_look(pilot)

        assert sorted(listed_people(app)) == ["Bo Chen", "Dana Lee"]


async def test_a_deleted_index_is_rebuilt_and_the_list_never_says_no_meetings(store: Store, clock) -> None:
    store.save(ended("Dana Lee"))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await one_look(pilot)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{index_path(store.root)}{suffix}").unlink(missing_ok=True)

        await one_look(pilot)

        assert listed_people(app) == ["Dana Lee"]
        assert not app.screen.has_class("-empty"), "never “No meetings yet.”"
        assert index_path(store.root).exists()


async def test_the_home_screen_says_what_was_merged_from_a_sync_conflict_copy(store: Store, clock) -> None:
    meeting = ended("Dana Lee", [ActionItem(text="Write the case", owner="Dana Lee")])
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await one_look(pilot)
        laptop = other_process(store.root)
        theirs = laptop.load(meeting.id)
        theirs.actions[0].done_on = date(2026, 11, 21)
        copy = store.meetings_dir / f"{meeting.id}.sync-conflict-20261121-090000-LAPTOP1.json"
        copy.write_text(theirs.model_dump_json(indent=1))

        await one_look(pilot)

        assert "Syncthing kept a second copy of the meeting with Dana Lee" in notifications(app)
        assert not copy.exists()
        assert store.load(meeting.id).actions[0].done_on == date(2026, 11, 21)


async def test_a_record_screen_open_during_a_pull_shows_it_and_never_undoes_it(store: Store, clock) -> None:
    meeting = ended("Dana Lee", [ActionItem(text="Write the case", owner="Dana Lee"), ActionItem(text="Book the course", owner="Sam Rivera")])
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        pulled = other_process(store.root).load(meeting.id)
        pulled.actions.append(ActionItem(text="Pair with Ana", owner="Dana Lee"))
        pulled.sections[0].notes = "Written on the laptop"
        other_process(store.root).save(pulled)

        # The manager marks an action done before the app has even looked.
        app.screen.query_one("#record-actions").focus()
        await pilot.press("down", "d")
        await pilot.pause()

        on_disk = store.load(meeting.id)
        assert [(a.text, a.done_on is not None) for a in on_disk.actions] == [
            ("Write the case", False),
            ("Book the course", True),
            ("Pair with Ana", False),
        ]
        assert on_disk.sections[0].notes == "Written on the laptop"
        assert "Pair with Ana" in str(app.screen.query_one("#summary").source)

        other = other_process(store.root)
        later = other.load(meeting.id)
        later.actions[0].done_on = date(2026, 11, 22)
        other.save(later)
        await one_look(pilot)
        assert app.screen.meeting.actions[0].done_on == date(2026, 11, 22), "the screen shows the pull without a key"


async def test_a_live_meeting_takes_in_an_action_added_elsewhere_and_keeps_what_is_typed(store: Store, clock) -> None:
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await type_text(pilot, "Typed here")
        app.screen.save_now()
        other = other_process(store.root)
        elsewhere = other.load(meeting.id)
        elsewhere.actions.append(ActionItem(text="Added in the other window", owner="Dana Lee"))
        other.save(elsewhere)
        await type_text(pilot, " and more")

        await one_look(pilot)

        assert [a.text for a in app.screen.meeting.actions] == ["Added in the other window"]
        assert app.screen.query_one("#notes", TextArea).text == "Typed here and more"
        app.screen.save_now()
        on_disk = store.load(meeting.id)
        assert on_disk.sections[0].notes == "Typed here and more"
        assert [a.text for a in on_disk.actions] == ["Added in the other window"]


async def test_a_key_still_waiting_in_the_queue_survives_a_merge_that_redraws_the_notes(store: Store, clock) -> None:
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Typed here")
        app.screen.save_now()
        other = other_process(store.root)
        elsewhere = other.load(meeting.id)
        elsewhere.actions.append(ActionItem(text="Added in the other window", owner="Dana Lee"))
        other.save(elsewhere)
        notes = app.screen.query_one("#notes", TextArea)
        # The editor holds the key, but its change event has not been handled when the merge is taken in.
        notes.insert(" and more", notes.document.end)
        app.screen._take_in_changes()
        await pilot.pause()
        assert notes.text == "Typed here and more"
        assert [a.text for a in app.screen.meeting.actions] == ["Added in the other window"]
        assert store.load(meeting.id).sections[0].notes == "Typed here and more"


async def test_copying_a_summary_whose_notes_still_hold_both_machines_versions_says_so(store: Store, clock, monkeypatch) -> None:
    from meetingdesk.storage.merge import EDITED_TWICE

    meeting = ended("Dana Lee")
    meeting.sections[0].notes = f"{EDITED_TWICE}\n--- saved on machine aaaaaaaa ---\nReady.\n--- saved on machine bbbbbbbb ---\nNearly ready."
    store.save(meeting)
    app = MeetingDeskApp(store, clock=clock, open_meeting_id=meeting.id)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()

        said = notifications(app)
        assert f"Copy summary: The notes of “{meeting.sections[0].title}” still hold both machines' versions" in said
