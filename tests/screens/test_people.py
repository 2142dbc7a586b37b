"""The new-meeting form knows the people met before: a name in any case is that person, spelled as first given."""

from __future__ import annotations

from textual.widgets import Input, Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import meeting_from_agenda
from meetingdesk.screens import LiveScreen
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, type_text


async def test_the_form_takes_a_known_person_in_any_case_and_asks_when_a_name_fits_two(store: Store, clock) -> None:
    for person in ("Priya Raman", "Priya Shah"):
        store.save(meeting_from_agenda(CHECK_IN, person, "Sam Rivera"))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "priya")
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "“priya” could be Priya Shah or Priya Raman: give more of the name" in error  # most recent first
        app.screen.query_one("#person", Input).value = ""
        await type_text(pilot, "priya raman")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.meeting.person == "Priya Raman"
