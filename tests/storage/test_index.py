"""The index: this machine's SQLite cache of the meeting files, kept current one meeting at a time.

What it must never do: list something the files don't say, read a file twice for
nothing, or need the data folder to hold anything but the meetings.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.locations import index_path
from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.storage import meeting_files
from meetingdesk.storage.search import Search
from meetingdesk.storage.store import Store

AGENDA = Agenda(name="quick", title="Quick review", sections=[AgendaSection(title="How it went", minutes=10)])
DAY = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


def make_meeting(person: str, day: int = 0, **fields) -> Meeting:
    meeting = meeting_from_agenda(AGENDA, person, "Sam Rivera")
    meeting.created_at = DAY + timedelta(days=day)
    meeting.started_at = DAY + timedelta(days=day, minutes=1)
    for name, value in fields.items():
        setattr(meeting, name, value)
    return meeting


def opened(root: Path, **how) -> Store:
    store = Store(root)
    store.open(**how)
    return store


def counting_reads(monkeypatch) -> list[str]:
    """Record the name of every meeting file the store parses from now on."""
    read: list[str] = []
    real = meeting_files.parse_meeting

    def counting(data, path):
        read.append(Path(path).name)
        return real(data, path)

    monkeypatch.setattr(meeting_files, "parse_meeting", counting)
    return read


def write_behind_the_back(root: Path, meeting: Meeting) -> Path:
    """Write a meeting file as a sync tool would: a new file renamed into place."""
    target = root / "meetings" / f"{meeting.id}.json"
    temp = root / "meetings" / f".{meeting.id}.sync"
    temp.write_text(meeting.model_dump_json(indent=1), encoding="utf-8")
    os.replace(temp, target)
    return target


def test_the_index_lives_in_the_machine_cache_and_the_data_folder_holds_only_meetings(home: Path) -> None:
    store = opened(home)
    store.save(make_meeting("Dana Lee"))
    assert sorted(path.name for path in home.iterdir()) == [".gitignore", "meetings"]
    cache = index_path(home)
    assert cache.is_file()
    assert Path(os.environ["XDG_CACHE_HOME"]) in cache.parents
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700


def test_an_older_versions_caches_in_the_data_folder_are_removed(home: Path) -> None:
    (home / "meetings").mkdir(parents=True)
    (home / "index").mkdir()
    (home / "index" / "2026-05.json").write_text('{"meetings": {}}')
    (home / "index.lock").write_text("")
    (home / "search-cache.json").write_text("{}")
    meeting = make_meeting("Dana Lee")
    write_behind_the_back(home, meeting)

    store = opened(home)
    assert sorted(path.name for path in home.iterdir()) == [".gitignore", "meetings"]
    assert [row.id for row in store.rows()] == [meeting.id]


def test_saves_keep_the_index_current_without_reading_any_file_again(home: Path, monkeypatch) -> None:
    store = opened(home)
    meetings = [make_meeting(f"Person {number}", day=number) for number in range(5)]
    for meeting in meetings:
        store.save(meeting)
    typed = meetings[2]
    for word in ("one", "two", "three"):
        typed.sections[0].notes += f" {word}"
        store.save(typed)

    read = counting_reads(monkeypatch)
    assert opened(home).check_files() == set()
    assert read == [], "every save recorded its file's size and time"


def test_a_notes_only_save_writes_only_the_meeting_file(home: Path, monkeypatch) -> None:
    store = opened(home)
    meeting = make_meeting("Dana Lee")
    store.save(meeting)
    written: list[Path] = []
    real = meeting_files.write_private_file
    monkeypatch.setattr(meeting_files, "write_private_file", lambda path, data: (written.append(Path(path)), real(path, data)))

    meeting.sections[0].notes = "Typing away"
    store.save(meeting)

    assert written == [home / "meetings" / f"{meeting.id}.json"], "nothing else in the data folder changes"
    assert [row.id for row in Search(store.index).meetings("typing")] == [meeting.id], "and search finds the new words"


def test_a_change_the_lists_show_reaches_them_at_once(home: Path) -> None:
    store = opened(home)
    other_process = opened(home)
    meeting = make_meeting("Dana Lee")
    store.save(meeting)
    meeting.actions.append(ActionItem(text="Plan the offsite", owner="Sam Rivera", due=date(2025, 4, 1)))
    store.save(meeting)

    assert other_process.rows()[0].open_actions == 1, "another process sees the saved row without reopening"
    [action] = Search(other_process.index).actions()
    assert (action.text, action.meeting_id) == ("Plan the offsite", meeting.id)


def test_files_added_changed_and_removed_behind_its_back_are_found(home: Path) -> None:
    store = opened(home)
    kept, changed, removed = make_meeting("Ana Lima", 0), make_meeting("Bo Chen", 1), make_meeting("Cy Diaz", 2)
    for meeting in (kept, changed, removed):
        store.save(meeting)

    arrived = make_meeting("Eve Park", 3)
    write_behind_the_back(home, arrived)
    changed.person = "Bo Chen-Lind"
    write_behind_the_back(home, changed)
    (home / "meetings" / f"{removed.id}.json").unlink()

    assert store.check_files()
    assert [row.person for row in store.rows()] == ["Eve Park", "Bo Chen-Lind", "Ana Lima"]
    assert store.check_files() == set(), "nothing new the second time"


def test_the_shell_reads_the_folder_only_when_something_moved_there(home: Path, monkeypatch) -> None:
    store = opened(home)
    for number in range(3):
        store.save(make_meeting(f"Person {number}", day=number))
    read = counting_reads(monkeypatch)
    quick = opened(home, quick=True)
    assert read == [] and len(quick.rows()) == 3

    arrived = make_meeting("Eve Park", 9)
    write_behind_the_back(home, arrived)
    quick = opened(home, quick=True)
    assert read == [f"{arrived.id}.json"], "only the new file is read"
    assert quick.rows()[0].person == "Eve Park"


def test_a_file_edited_in_place_is_found_by_the_full_look(home: Path) -> None:
    store = opened(home)
    meeting = make_meeting("Dana Lee")
    store.save(meeting)
    path = home / "meetings" / f"{meeting.id}.json"
    data = json.loads(path.read_text())
    data["person"] = "Dana Lee-Smith"
    with open(path, "r+", encoding="utf-8") as file:  # as an editor that writes in place does
        file.seek(0)
        file.write(json.dumps(data))
        file.truncate()

    assert store.check_files()
    assert store.rows()[0].person == "Dana Lee-Smith"


def test_a_deleted_cache_is_rebuilt_from_the_files(home: Path) -> None:
    store = opened(home)
    saved = [make_meeting(f"Person {number}", day=number) for number in range(3)]
    for meeting in saved:
        store.save(meeting)
    shutil.rmtree(index_path(home).parent)

    assert [row.person for row in opened(home).rows()] == ["Person 2", "Person 1", "Person 0"]


def test_a_cache_folder_deleted_while_the_app_runs_is_made_again_on_every_thread(home: Path) -> None:
    import threading

    store = opened(home)
    store.save(make_meeting("Dana Lee"))
    shutil.rmtree(index_path(home).parent)  # a cache cleaner, while the app is open
    write_behind_the_back(home, make_meeting("Zoe Park", day=1))  # and a sync brings a meeting in

    found: list = []
    searching = threading.Thread(target=lambda: found.append(Search(store.index).meetings("dana")))  # the search worker
    searching.start()
    searching.join()
    store.check_files()  # the app's next look

    assert found == [[]] or [row.person for row in found[0]] == ["Dana Lee"], "a search never fails"
    assert [row.person for row in store.rows()] == ["Zoe Park", "Dana Lee"]
    assert index_path(home).exists()


def test_the_app_shows_at_once_and_reads_a_missing_cache_in_steps(home: Path) -> None:
    store = opened(home)
    for number in range(450):
        store.save(make_meeting(f"Person {number}", day=number))
    shutil.rmtree(index_path(home).parent)

    app_store = opened(home, check_files=False)
    assert app_store.needs_reading
    assert app_store.rows() == [], "nothing was read before the first frame"
    steps: list[tuple[int, int]] = []
    assert app_store.check_files(lambda done, total: steps.append((done, total)))
    assert steps == [(200, 450), (400, 450), (450, 450)]
    assert not app_store.needs_reading
    assert len(app_store.rows()) == 450


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another version"])
def test_a_damaged_or_foreign_cache_is_rebuilt(home: Path, damage: str) -> None:
    store = opened(home)
    meeting = make_meeting("Dana Lee")
    store.save(meeting)
    cache = index_path(home)
    if damage == "garbage":
        cache.write_bytes(b"\x00not a database at all" * 100)
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[:100])
    else:
        with sqlite3.connect(cache) as db:
            db.execute("PRAGMA user_version = 99")
    for suffix in ("-wal", "-shm"):
        Path(f"{cache}{suffix}").unlink(missing_ok=True)

    reopened = opened(home)
    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert [row.id for row in Search(reopened.index).meetings("dana")] == [meeting.id]


def test_meetings_at_the_same_moment_are_both_listed_and_found(home: Path) -> None:
    store = opened(home)
    first, second = make_meeting("Ana Lima"), make_meeting("Bo Chen")
    first.sections[0].notes = second.sections[0].notes = "budget"
    store.save(first)
    store.save(second)
    assert {row.id for row in store.rows()} == {first.id, second.id}
    assert {row.id for row in Search(store.index).meetings("budget")} == {first.id, second.id}


def test_dropping_the_newest_copy_of_an_action_makes_the_older_one_count_again(home: Path) -> None:
    store = opened(home)
    action = ActionItem(text="Write the case", owner="Dana Lee")
    first = make_meeting("Dana Lee", 0, actions=[action])
    second = make_meeting("Dana Lee", 7, actions=[action.model_copy(update={"done_on": date(2025, 3, 10)})])
    store.save(first)
    store.save(second)
    assert Search(store.index).actions() == []

    (home / "meetings" / f"{second.id}.json").unlink()
    store.forget(second.id)
    [open_again] = Search(store.index).actions()
    assert open_again.meeting_id == first.id
