"""The prep screen and Prepare meeting in the app: prep notes saved as typed, Copy agenda without any note."""

from __future__ import annotations

from textual.widgets import Input

from meetingdesk.app import MeetingDeskApp
from meetingdesk.screens import HomeScreen, PrepScreen
from meetingdesk.storage.store import Store
from tests.builders import FakeClock, listed_people, notifications, type_text
from tests.screens.test_home import make_meeting


async def test_prepare_meeting_from_the_person_view_then_prep_notes_are_saved_as_typed(store: Store, clock: FakeClock, monkeypatch) -> None:
    store.save(make_meeting("Dana Lee", 0))
    app = MeetingDeskApp(store, clock=clock)
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: copied.append(text))
    copied: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert app.screen.query_one("#person", Input).value == "Dana Lee"
        await type_text(pilot, "someday")
        await pilot.press("enter")
        await pilot.pause()
        assert "Couldn't read \"someday\" as a date" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#on", Input).value = "friday"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await type_text(pilot, "Thank them for the launch")
        meeting_id = app.screen.meeting.id
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert copied and copied[0].startswith("Performance review with Dana Lee")
        assert "Thank them" not in copied[0]
        assert "Agenda copied via" in notifications(app) or "Agenda not copied" in notifications(app)
        await pilot.press("escape")  # saves the prep notes on the way out
        await pilot.pause()
        saved = store.load(meeting_id)
        assert saved.status == "planned" and saved.sections[0].prep_notes == "Thank them for the launch"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert listed_people(app)[0] == "Dana Lee"
    agenda_files = list((store.root / "exports").glob("*-agenda.txt"))
    assert len(agenda_files) == 1 and "Thank them" not in agenda_files[0].read_text()


async def test_a_name_that_looks_like_someone_known_is_asked_about_then_met_as_someone_new(store: Store, clock: FakeClock) -> None:
    store.save(make_meeting("Dana Lee", 0))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "danna")
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.screen.query_one("#form-error").render())
        assert "“danna” is no one you have met or logged for: did you mean Dana Lee?" in said
        assert "If “danna” is someone new, press Start meeting again." in said
        assert app.screen.query_one("#person", Input).value == "danna", "what was typed stays"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.meeting.person == "danna"
