"""The Team screen, Log evidence from the app, the person view's profile and evidence log, and search, through Pilot."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from meetingdesk.app import MeetingDeskApp
from meetingdesk.desk import Desk
from meetingdesk.screens import HomeScreen, PersonScreen, TeamScreen
from meetingdesk.storage.store import Store
from tests.builders import FakeClock, notifications, past_meeting, type_text
from tests.screens.test_home import make_meeting


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def team_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#team", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


async def test_team_lists_everyone_with_role_aims_meetings_and_overdue_actions_and_sorts(store: Store, clock: FakeClock) -> None:
    from meetingdesk.models import ActionItem, Priority

    store.save(past_meeting(clock, 40, [ActionItem(text="Draft the plan", owner="Dana Lee", due=date(2026, 11, 1))]))
    bo = make_meeting("Bo Chen", 50)
    bo.priorities = [Priority(text="Own the release checklist", status="at risk")]
    store.save(bo)
    desk = Desk(store, clock)
    desk.team.add_person("Ana Souza", role="Analyst", target_roles="Data lead")
    desk.team.update_profile("Dana Lee", role="Engineer", target_roles="Tech lead; Manager")
    desk.team.log("Bo Chen", "Ran the retro")
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
        assert team_rows(app) == [
            ["Ana Souza", "Analyst → Data lead", "never", "none planned", "–", "–", "–", "none"],
            ["Bo Chen", "–", "Fri 20 Nov", "none planned", "–", "–", "1", "1"],
            ["Dana Lee", "Engineer → Tech lead; Manager", "Wed 14 Oct", "none planned", "1", "1", "–", "none"],
        ]
        await pilot.press("s")  # longest since the last meeting first: never met, then October
        assert [row[0] for row in team_rows(app)] == ["Ana Souza", "Dana Lee", "Bo Chen"]
        assert "by longest since the last meeting" in str(app.screen.query_one("#team-status", Static).render())
        await pilot.press("s", "s")  # most overdue actions first
        assert [row[0] for row in team_rows(app)] == ["Dana Lee", "Ana Souza", "Bo Chen"]
        assert app.screen.query_one("#team", DataTable).cursor_row == 1, "the highlight stays on the same person"
        await pilot.press("s")  # most goals at risk first
        assert [row[0] for row in team_rows(app)][0] == "Bo Chen"
        assert "by most goals at risk" in str(app.screen.query_one("#team-status", Static).render())
        await pilot.resize_terminal(80, 24)  # role → aims goes under the name, every number stays on screen
        await pilot.pause()
        table = app.screen.query_one("#team", DataTable)
        assert [column.label.plain for column in table.columns.values()][0] == "Name · role"
        dana = next(row for row in team_rows(app) if row[0].startswith("Dana Lee\n"))
        assert dana[0] == "Dana Lee\nEngineer → Tech…", dana
        assert table.virtual_size.width <= 80, "the Evidence column is on screen"
        await pilot.press("s", "s", "s", "s", "s")  # round again to most overdue
        await pilot.press("up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen) and app.screen.person == "Dana Lee"
        assert "Aiming for: Tech lead; Manager" in str(app.screen.query_one("#profile", Static).render())


async def test_add_person_from_the_team_screen(store: Store, clock: FakeClock) -> None:
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        assert "No one yet" in str(app.screen.query_one("#team-status", Static).render())
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        assert "Give the person's full name." in str(app.screen.query_one("#preview", Static).render())
        await type_text(pilot, "Noor Haddad")
        await pilot.press("tab")
        await type_text(pilot, "noor at example")
        await pilot.press("tab")
        await type_text(pilot, "Analyst")
        await pilot.press("enter")
        await pilot.pause()
        assert "“noor at example” is not an email address" in str(app.screen.query_one("#preview", Static).render())
        assert app.screen.focused.id == "email" and app.screen.query_one("#role", Input).value == "Analyst", "nothing typed is lost"
        app.screen.query_one("#email", Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert team_rows(app)[0][:2] == ["Noor Haddad", "Analyst"]
    assert Desk(store, clock).team.profile("Noor Haddad").role == "Analyst"


async def test_log_evidence_from_home_refuses_bad_input_inline_then_logs(store: Store, clock: FakeClock) -> None:
    store.save(make_meeting("Dana Lee", 0))
    store.save(make_meeting("Bo Chen", 1))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        person = app.screen.query_one("#person", Input)
        assert person.value == "Bo Chen", "the highlighted meeting's person"
        person.value = "Dna"
        await pilot.press("enter")
        preview = app.screen.query_one("#preview", Static)
        assert "“Dna” is no one you have met or logged for: did you mean Dana Lee?" in str(preview.render())
        person.value = "dana"
        await pilot.press("enter")
        assert "the entry is empty" in str(preview.render())
        app.screen.query_one("#text", Input).value = "Presented the roadmap to the board"
        app.screen.query_one("#theme", Input).value = "le"
        await pilot.pause()
        assert "could be leadership or learning" in str(preview.render())
        app.screen.query_one("#theme", Input).value = "lead"
        app.screen.query_one("#day", Input).value = "3 days ago"
        await pilot.pause()
        assert str(preview.render()) == "Leadership · Fri 20 Nov 2026"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Logged for Dana Lee: Presented the roadmap to the board" in notifications(app)
    entries = Desk(store, clock).team.entries("Dana Lee")
    assert [(e.text, e.theme, e.day) for e in entries] == [("Presented the roadmap to the board", "leadership", date(2026, 11, 20))]


async def test_the_person_view_logs_edits_deletes_and_brings_back_an_entry(store: Store, clock: FakeClock) -> None:
    store.save(make_meeting("Dana Lee", 0))
    desk = Desk(store, clock)
    desk.team.log("Dana Lee", "Led the incident review", "impact", date(2026, 10, 2))
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.query_one("#person", Input).value == "Dana Lee"
        await type_text(pilot, "Mentored two new starters")
        await pilot.press("enter")
        await settle(pilot)
        evidence = app.screen.query_one("#evidence")
        assert [entry.text for entry in evidence.entries] == ["Mentored two new starters", "Led the incident review"]
        await pilot.press("tab", "tab")  # past the profile and priorities, which scroll
        assert app.focused.id == "evidence-list"
        await pilot.press("down", "e")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = "Led the payments incident review"
        await pilot.press("enter")
        await settle(pilot)
        assert [entry.text for entry in evidence.entries][1] == "Led the payments incident review"
        await pilot.press("delete")
        await pilot.pause()
        assert [entry.text for entry in evidence.entries] == ["Mentored two new starters"]
        assert "Deleted “Led the payments incident review”: u brings it back." in notifications(app)
        assert [entry.text for entry in Desk(store, clock).team.entries("Dana Lee")] == ["Mentored two new starters"]
        await pilot.press("u")
        await pilot.pause()
        assert len(evidence.entries) == 2
    assert sorted(entry.text for entry in Desk(store, clock).team.entries("Dana Lee")) == [
        "Led the payments incident review",
        "Mentored two new starters",
    ]


async def test_the_person_view_edits_the_profile_and_shows_how_it_changed(store: Store, clock: FakeClock) -> None:
    store.save(make_meeting("Dana Lee", 0))
    Desk(store, clock).team.update_profile("Dana Lee", role="Engineer")
    clock.advance(minutes=60 * 24 * 30)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#role", Input).value = "Senior engineer"
        app.screen.query_one("#target_roles", Input).value = "Tech lead"
        await pilot.press("enter")
        await settle(pilot)
        history = str(app.screen.query_one("#history", Static).render())
        assert history.splitlines() == [
            "23 Nov 2026  Role: Engineer",
            "23 Dec 2026  Role: Senior engineer",
            "23 Dec 2026  Aiming for: Tech lead",
        ]
        assert "Dana Lee · Senior engineer → Tech lead" in str(app.screen.query_one("#person-title", Static).render())


async def test_search_finds_evidence_entries_and_opens_their_person(store: Store, clock: FakeClock) -> None:
    store.save(make_meeting("Dana Lee", 0, notes="Talked about the billing migration"))
    store.save(make_meeting("Bo Chen", 1))
    Desk(store, clock).team.log("Bo Chen", "Wrote the migration runbook", "deliverables")
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "migr")
        await settle(pilot)
        status = str(app.screen.query_one("#filter-status", Static).render())
        assert "1 evidence entry too: v shows them from the list (enter goes there)." in status
        await pilot.press("enter", "v")
        await pilot.pause()
        assert "Wrote the migration runbook" in str(app.screen.query_one("#found").get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen) and app.screen.person == "Bo Chen"
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("slash")  # a word only the evidence holds: enter shows it
        app.screen.query_one("#search", Input).value = "runbook"
        await settle(pilot)
        assert "1 evidence entry: enter shows them." in str(app.screen.query_one("#filter-status", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert "Wrote the migration runbook" in str(app.screen.query_one("#found").get_option_at_index(0).prompt)


async def test_a_damaged_persons_database_is_reported_on_the_home_screen_and_the_rest_keeps_working(store: Store, clock: FakeClock) -> None:
    store.save(make_meeting("Dana Lee", 0))
    store.save(make_meeting("Bo Chen", 1))
    desk = Desk(store, clock)
    desk.team.log("Dana Lee", "Led the incident review")
    desk.team.log("Bo Chen", "Wrote the runbook")
    (store.root / "people" / "dana-lee.json").write_text("{ not json", encoding="utf-8")
    reopened = Store(store.root)
    reopened.open(check_files=False)  # as the app opens it: the folders are looked at after the first frame
    app = MeetingDeskApp(reopened, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = notifications(app)
        assert "A file can't be read: " in said and "dana-lee.json is not valid JSON" in said and "damaged" in said
        await pilot.press("m")
        await settle(pilot)
        rows = {row[0]: row for row in team_rows(app)}
        assert rows["Bo Chen"][-1] == "1" and rows["Dana Lee"][-1] == "none"
    assert len(list((store.root / "damaged").glob("dana-lee.json.*"))) == 1
