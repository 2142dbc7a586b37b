"""Career discussion outcomes as data: aims kept in the profile with their history, stretch assignments as goals."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Static

from meetingdesk.agendas import find_agenda
from meetingdesk.app import MeetingDeskApp
from meetingdesk.desk import Desk
from meetingdesk.models import meeting_from_agenda
from meetingdesk.screens import PersonScreen, RecordScreen
from meetingdesk.storage.store import Store
from meetingdesk.summary import agenda_text, summary_text
from tests.builders import FakeClock, notifications, type_text


async def test_a_career_discussion_updates_aims_and_agrees_a_stretch_assignment_with_its_date_and_outcome(
    store: Store, clock: FakeClock
) -> None:
    Desk(store, clock).team.add_person("Dana Lee", role="Engineer", target_roles="Senior engineer")
    clock.advance(minutes=60 * 24 * 60)
    meeting = meeting_from_agenda(find_agenda("career-discussion", None), "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.query_one("#target_roles", Input).value == "Senior engineer"
        app.screen.query_one("#target_roles", Input).value = "Tech lead; Engineering manager"
        app.screen.query_one("#aspirations", Input).value = "Lead a product team within two years"
        await pilot.press("enter")
        await pilot.pause()
        assert "Dana Lee aims for Tech lead; Engineering manager." in notifications(app)

        await pilot.press("f6")
        await pilot.pause()
        assert "Add stretch assignment" in str(app.screen.query_one(".dialog-title", Static).render())
        await type_text(pilot, "Present the platform roadmap to the board")
        await pilot.press("enter")
        await pilot.pause()
        assert "A stretch assignment needs its date" in str(app.screen.query_one("#preview", Static).render())
        app.screen.query_one("#due", Input).value = "2027-02-15"
        await pilot.press("enter")
        await pilot.pause()
        goal = app.screen.meeting.priorities[0]
        assert (goal.kind, goal.due, goal.outcome) == ("stretch assignment", date(2027, 2, 15), "")
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        # Afterwards, on the record: how it went.
        app.screen.query_one("#record-priorities").focus()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#outcome", Input).value = "Board asked for a quarterly update from her"
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen.meeting

    goal = record.priorities[0]
    assert (goal.kind, goal.outcome) == ("stretch assignment", "Board asked for a quarterly update from her")
    text = summary_text(record)
    assert (
        "- Stretch assignment: Present the platform roadmap to the board — by Mon 15 Feb 2027 — new, on track — "
        "outcome: Board asked for a quarterly update from her"
    ) in text
    assert "Stretch assignment: Present the platform roadmap" in agenda_text(record, goals=record.priorities)

    record_of_dana = Desk(store, clock).team.record("Dana Lee")
    assert record_of_dana.profile.target_roles == ("Tech lead", "Engineering manager")
    assert [(c.field, c.value, c.meeting_id) for c in record_of_dana.history] == [
        ("role", "Engineer", None),
        ("target_roles", "Senior engineer", None),
        ("target_roles", "Tech lead; Engineering manager", meeting.id),
        ("aspirations", "Lead a product team within two years", meeting.id),
    ]

    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PersonScreen)
        history = str(app.screen.query_one("#history", Static).render()).splitlines()
        assert history[-2:] == [
            "22 Jan 2027 (career discussion)  Aiming for: Tech lead; Engineering manager",
            "22 Jan 2027 (career discussion)  Aspirations: Lead a product team within two years",
        ]
        priorities = str(app.screen.query_one("#priorities", Static).render())
        assert "stretch assignment: Present the platform roadmap to the board" in priorities
        assert "outcome: Board asked for a quarterly update from her" in priorities
