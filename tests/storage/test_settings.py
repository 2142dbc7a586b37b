"""settings.json: defaults when missing, kept privately, unknown keys kept, a bad file named with its key and fix."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from meetingdesk.cli import main
from meetingdesk.settings import Settings
from meetingdesk.storage.settings import SettingsError, read_settings, write_settings


def test_missing_settings_are_the_defaults(home: Path) -> None:
    settings = read_settings(home)
    assert (settings.manager_name, settings.date_order, settings.time_in_email) == ("", "locale", False)
    assert not (home / "settings.json").exists()


def test_settings_are_written_privately_and_keep_keys_a_later_version_added(home: Path) -> None:
    write_settings(home, Settings.model_validate({"manager_name": "Sam Rivera", "theme": "dark"}))
    path = home / "settings.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    back = read_settings(home)
    assert back.manager_name == "Sam Rivera"
    write_settings(home, back.model_copy(update={"date_order": "month-first"}))
    assert json.loads(path.read_text()) == {
        "manager_name": "Sam Rivera",
        "date_order": "month-first",
        "time_in_email": False,
        "hide_private_notes": False,
        "email_opening": Settings().email_opening,
        "email_closing": Settings().email_closing,
        "theme": "dark",
    }


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"date_order": "sideways"}', "has a bad value for “date_order”"),
        ("{not json", "is not valid JSON (line 1)"),
        ("[]", "must hold a JSON object"),
    ],
)
def test_a_bad_settings_file_names_the_file_the_key_and_the_fix(home: Path, text: str, said: str) -> None:
    home.mkdir(parents=True, mode=0o700)
    (home / "settings.json").write_text(text)
    with pytest.raises(SettingsError) as raised:
        read_settings(home)
    assert str(home / "settings.json") in str(raised.value) and said in str(raised.value)
    assert "fix it" in str(raised.value)


def test_the_app_does_not_start_on_a_bad_settings_file_and_says_why(home: Path, capsys) -> None:
    home.mkdir(parents=True, mode=0o700)
    (home / "settings.json").write_text('{"date_order": "sideways"}')
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("meetingdesk: The settings file ") and "“date_order”" in err and err.count("\n") == 1
    assert (home / "settings.json").read_text() == '{"date_order": "sideways"}'


def test_new_with_a_manager_on_the_first_run_keeps_the_name_and_asks_nothing(home: Path, capsys, monkeypatch) -> None:
    from meetingdesk.desk import Desk
    from meetingdesk.storage.store import Store

    monkeypatch.setattr("meetingdesk.app.MeetingDeskApp.run", lambda app: None)
    assert main(["new", "--agenda", "career-discussion", "--with", "Dana Lee", "--manager", "  Sam   Rivera "]) == 0
    assert read_settings(home).manager_name == "Sam Rivera"
    store = Store(home)
    store.open()
    assert Desk(store).manager_name_to_ask() is None, "nothing left to ask"
    assert main(["new", "--agenda", "career-discussion", "--with", "Dana Lee", "--manager", "Kim Lead"]) == 0
    assert read_settings(home).manager_name == "Sam Rivera", "a name once given is not replaced by --manager"
