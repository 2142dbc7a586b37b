"""The first run asks the manager's name once, offering the account's full name (never the login),
and keeps it in the settings for every meeting after."""

from __future__ import annotations

import pwd

from textual.widgets import Input

from meetingdesk.account import full_name
from meetingdesk.app import MeetingDeskApp
from meetingdesk.desk import Desk
from meetingdesk.dialogs.manager_name import ManagerNameDialog
from meetingdesk.models import meeting_from_agenda
from meetingdesk.screens import HomeScreen, LiveScreen
from meetingdesk.storage.settings import read_settings
from meetingdesk.storage.store import Store
from tests.builders import CHECK_IN, type_text


def entry(login: str, gecos: str) -> pwd.struct_passwd:
    return pwd.struct_passwd((login, "x", 1000, 1000, gecos, "/home/x", "/bin/sh"))


def test_the_full_name_comes_from_the_account_never_the_login() -> None:
    assert full_name(entry("srivera", "Sam Rivera,Room 4,555-0101,")) == "Sam Rivera"
    assert full_name(entry("root", "root")) == ""
    assert full_name(entry("dana", "")) == ""
    assert isinstance(full_name(), str)


def test_only_a_brand_new_data_folder_asks(store: Store, clock, monkeypatch) -> None:
    monkeypatch.setattr("meetingdesk.desk.account_full_name", lambda: "Samuel Rivera")
    assert Desk(store, clock).manager_name_to_ask() == "Samuel Rivera"
    store.save(meeting_from_agenda(CHECK_IN, "Dana Lee", "Sam Rivera"))
    desk = Desk(store, clock)
    assert desk.manager_name_to_ask() is None, "a folder with meetings takes the last manager's name"
    assert read_settings(store.root).manager_name == "Sam Rivera"
    assert Desk(store, clock).manager_name_to_ask() is None


async def test_the_name_is_asked_once_offered_from_the_account_and_kept(store: Store, clock, monkeypatch) -> None:
    monkeypatch.setattr("meetingdesk.desk.account_full_name", lambda: "Samuel Rivera")
    app = MeetingDeskApp(store, clock=clock, ask_manager_name=Desk(store, clock).manager_name_to_ask())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ManagerNameDialog)
        assert app.screen.query_one("#name", Input).value == "Samuel Rivera"
        app.screen.query_one("#name", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ManagerNameDialog), "an empty name is not taken"
        await type_text(pilot, "Sam Rivera")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#manager", Input).value == "Sam Rivera"
    assert read_settings(store.root).manager_name == "Sam Rivera"
    assert Desk(store, clock).manager_name_to_ask() is None, "asked once"


async def test_a_meeting_started_from_the_shell_on_the_first_run_is_the_named_managers(store: Store, clock) -> None:
    meeting = meeting_from_agenda(CHECK_IN, "Dana Lee", "Manager")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting, ask_manager_name="")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Sam Rivera")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.meeting.manager == "Sam Rivera"
