"""The store: what lands on disk, what the home screen lists, and what happens when the disk says no."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.locations import index_path
from meetingdesk.storage import store as store_module
from meetingdesk.models import (
    SCHEMA_VERSION,
    ActionItem,
    Agenda,
    AgendaSection,
    Meeting,
    Priority,
    meeting_from_agenda,
)
from meetingdesk.storage.files import StoreError, write_private_file
from meetingdesk.storage.rows import MeetingRow
from meetingdesk.storage.store import Store

AGENDA = Agenda(
    name="career",
    title="Career discussion",
    purpose="Where you are and where you want to go.",
    sections=[
        AgendaSection(title="Where you stand today", minutes=8, prompts=["How do peers see your work?"]),
        AgendaSection(title="Where you want to go", minutes=12),
    ],
)
DAY = datetime(2024, 5, 6, 9, 30, tzinfo=timezone.utc)


def make_meeting(person: str = "Ana Lima", manager: str = "Sam Boss", *, day: int = 0, **fields) -> Meeting:
    """A meeting started `day` days after DAY."""
    meeting = meeting_from_agenda(AGENDA, person, manager)
    meeting.created_at = DAY + timedelta(days=day)
    meeting.started_at = DAY + timedelta(days=day, minutes=1)
    for name, value in fields.items():
        setattr(meeting, name, value)
    return meeting


def opened(root: Path) -> Store:
    store = Store(root)
    store.open()
    return store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listing(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


def index_ids(root: Path) -> set[str]:
    """The meeting ids the index lists, read straight from its database."""
    with sqlite3.connect(index_path(root)) as db:
        ids = [meeting_id for (meeting_id,) in db.execute("SELECT id FROM meetings")]
    assert len(ids) == len(set(ids))
    return set(ids)


def write_files(root: Path, meetings: list[Meeting]) -> None:
    """Put meeting files in place the way a sync tool would, without the store."""
    folder = root / "meetings"
    folder.mkdir(parents=True, exist_ok=True)
    for meeting in meetings:
        (folder / f"{meeting.id}.json").write_text(meeting.model_dump_json(indent=1), encoding="utf-8")


def counting_writes(monkeypatch) -> list[tuple[Path, int]]:
    """Record (path, bytes) of every write_private_file the store makes from now on."""
    written: list[tuple[Path, int]] = []
    real_write = store_module.write_private_file

    def counting(path, data):
        written.append((Path(path), len(data.encode("utf-8") if isinstance(data, str) else data)))
        real_write(path, data)

    monkeypatch.setattr(store_module, "write_private_file", counting)
    return written


def test_save_and_load_round_trip_keeps_every_character(tmp_path: Path) -> None:
    store = opened(tmp_path / "data")
    meeting = make_meeting("Zoë Ångström 🚀", "دانا حداد")
    meeting.sections[0].notes = "Shipped the sync engine 🎉\nשלום — it reads right to left.\nn\u0303 e\u0301 a\u030a"
    meeting.sections[0].private_notes = "Watch for burnout 😶‍🌫️"
    meeting.sections[0].prompts_done = [0]
    meeting.priorities.append(Priority(text="Lead the 2.0 release", measure="ships by June", due=date(2024, 6, 30)))
    meeting.actions.append(ActionItem(text="Book the design review", owner="Zoë", due=date(2024, 5, 20)))

    store.save(meeting)
    loaded = opened(tmp_path / "data").load(meeting.id)

    assert loaded == meeting
    assert loaded.sections[0].notes.endswith("n\u0303 e\u0301 a\u030a")
    on_disk = json.loads((tmp_path / "data" / "meetings" / f"{meeting.id}.json").read_text(encoding="utf-8"))
    assert on_disk["person"] == "Zoë Ångström 🚀"


def test_save_stamps_updated_at(tmp_path: Path) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    meeting.updated_at = DAY
    store.save(meeting)
    assert meeting.updated_at > DAY
    assert store.load(meeting.id).updated_at == meeting.updated_at


def test_rows_are_newest_first_and_filter_by_person(tmp_path: Path) -> None:
    store = opened(tmp_path)
    old = make_meeting("Ana Lima", day=0)
    newest = make_meeting("Bo Chen", day=9)
    middle = make_meeting("Ana Lima", day=4)
    never_started = make_meeting("Ana Lima", day=6, started_at=None)
    for meeting in (old, newest, middle, never_started):
        store.save(meeting)

    assert [row.id for row in store.rows()] == [newest.id, never_started.id, middle.id, old.id]
    assert [row.id for row in store.rows(person="ana lima")] == [never_started.id, middle.id, old.id]
    assert [row.id for row in store.rows(limit=2)] == [newest.id, never_started.id]
    assert store.rows(person="Nobody") == []
    assert store.rows()[1].when == never_started.created_at


def test_row_counts_actions_and_priorities(tmp_path: Path) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    meeting.actions = [
        ActionItem(text="Write the plan", owner="Ana", due=date(2024, 6, 1)),
        ActionItem(text="Send the notes", owner="Sam", due=date(2024, 5, 7), done_on=date(2024, 5, 7)),
    ]
    meeting.priorities = [Priority(text="Grow as a lead")]
    store.save(meeting)

    [row] = opened(tmp_path).rows()
    assert (row.actions, row.open_actions, row.priorities) == (2, 1, 1)
    assert row == MeetingRow.from_meeting(meeting)


def test_people_last_manager_and_latest_unfinished(tmp_path: Path) -> None:
    store = opened(tmp_path)
    assert store.people() == []
    assert store.last_manager() is None
    assert store.latest_unfinished() is None

    store.save(make_meeting("Ana Lima", "Sam Boss", day=0))
    live = make_meeting("Bo Chen", "Sam Boss", day=3)
    store.save(live)
    store.save(make_meeting("ana lima", "Kim Lead", day=5, status="ended", ended_at=DAY + timedelta(days=5)))

    assert store.people() == ["Ana Lima", "Bo Chen"]  # most recent first, spelled as first given
    assert store.last_manager() == "Kim Lead"
    unfinished = store.latest_unfinished()
    assert unfinished is not None and unfinished.id == live.id

    live.status = "ended"
    store.save(live)
    assert opened(tmp_path).latest_unfinished().person == "Ana Lima"


def test_resolve_id_exact_prefix_unknown_and_ambiguous(tmp_path: Path) -> None:
    store = opened(tmp_path)
    ids = ["abc111", "abc222", "abd333", "abc"]
    for number, meeting_id in enumerate(ids):
        store.save(make_meeting(day=number, id=meeting_id))

    assert store.resolve_id("abc") == "abc"
    assert store.resolve_id("abd") == "abd333"
    assert store.resolve_id("  ABC2 ") == "abc222"
    with pytest.raises(StoreError, match="No meeting has an id starting with “zz”"):
        store.resolve_id("zz")
    with pytest.raises(StoreError, match="“ab” matches 4 meetings: ") as ambiguous:
        store.resolve_id("ab")
    assert "abd333" in str(ambiguous.value)


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o277])
def test_everything_written_is_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        root = tmp_path / "home" / "data"
        store = opened(root)
        store.save(make_meeting())
        write_private_file(root / "exports" / "summary.txt", "Summary")
        (root / "meetings" / "broken.json").write_text("{not json")
        store.rebuild_index()
    finally:
        os.umask(previous)

    cache = index_path(root).parent
    for folder in (root, root / "meetings", root / "exports", root / "damaged", cache):
        assert mode(folder) == 0o700, folder
    files = [root / "exports" / "summary.txt", *cache.iterdir()]
    assert index_path(root) in files
    files += list((root / "meetings").iterdir()) + list((root / "damaged").iterdir())
    for file in files:
        assert mode(file) == 0o600, file


def test_failed_replace_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    meeting.sections[0].notes = "first version"
    store.save(meeting)
    path = tmp_path / "meetings" / f"{meeting.id}.json"
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    meeting.sections[0].notes = "second version"
    with pytest.raises(StoreError, match="can't write to") as failure:
        store.save(meeting)

    assert str(tmp_path / "meetings") in str(failure.value)
    assert path.read_bytes() == before
    assert listing(tmp_path / "meetings") == {path.name}


def test_disk_full_keeps_the_old_file_and_says_so(tmp_path: Path, monkeypatch) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    store.save(meeting)
    path = tmp_path / "meetings" / f"{meeting.id}.json"
    before = path.read_bytes()

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    meeting.sections[0].notes = "this does not fit"
    with pytest.raises(StoreError, match="disk is full") as failure:
        store.save(meeting)
    monkeypatch.undo()

    assert str(path) in str(failure.value)
    assert path.read_bytes() == before
    assert listing(tmp_path / "meetings") == {path.name}
    assert opened(tmp_path).load(meeting.id).sections[0].notes == ""


def test_a_data_folder_that_cannot_be_created_names_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    root = blocker / "data"
    with pytest.raises(StoreError) as failure:
        Store(root).open()
    assert str(root) in str(failure.value)


def test_store_does_not_touch_the_disk_until_opened(tmp_path: Path) -> None:
    Store(tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_corrupt_meeting_file_is_moved_aside_and_reported(tmp_path: Path) -> None:
    store = opened(tmp_path)
    good = make_meeting("Ana Lima")
    store.save(good)
    not_json = tmp_path / "meetings" / "deadbeef.json"
    not_json.write_bytes(b'{"person": "Half a fi')
    not_a_meeting = tmp_path / "meetings" / "cafe01.json"
    not_a_meeting.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "id": "cafe01", "person": "Bo"}))

    store.rebuild_index()

    assert [row.id for row in store.rows()] == [good.id]
    assert listing(tmp_path / "meetings") == {f"{good.id}.json"}
    moved = sorted((tmp_path / "damaged").iterdir())
    assert [path.name.split(".json.")[0] for path in moved] == ["cafe01", "deadbeef"]
    assert moved[1].read_bytes() == b'{"person": "Half a fi'
    assert len(store.problems) == 2
    assert any(str(not_json) in problem and "not valid JSON" in problem for problem in store.problems)
    assert any(str(moved[0]) in problem for problem in store.problems)


def test_damaged_files_never_overwrite_each_other(tmp_path: Path) -> None:
    store = opened(tmp_path)
    broken = tmp_path / "meetings" / "abc.json"
    broken.write_text("first broken copy")
    store.rebuild_index()
    broken.write_text("second broken copy")
    store.rebuild_index()
    contents = sorted(path.read_text() for path in (tmp_path / "damaged").iterdir())
    assert contents == ["first broken copy", "second broken copy"]


def test_corrupt_file_found_at_open_is_moved_aside(tmp_path: Path) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    store.save(meeting)
    path = tmp_path / "meetings" / f"{meeting.id}.json"
    path.write_text("garbage from a bad sync")

    reopened = opened(tmp_path)
    assert reopened.rows() == []
    assert not path.exists()
    assert [p.read_text() for p in (tmp_path / "damaged").iterdir()] == ["garbage from a bad sync"]
    assert str(path) in reopened.problems[0]


def test_loading_a_damaged_file_moves_it_aside_and_says_where(tmp_path: Path) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    store.save(meeting)
    path = tmp_path / "meetings" / f"{meeting.id}.json"
    path.write_text("[]")
    with pytest.raises(StoreError, match="damaged") as failure:
        store.load(meeting.id)
    assert str(path) in str(failure.value)
    assert store.rows() == []
    assert [p.read_text() for p in (tmp_path / "damaged").iterdir()] == ["[]"]


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    future = json.loads(meeting.model_dump_json())
    future["schema_version"] = SCHEMA_VERSION + 1
    future["sections"] = "a shape this version does not know"
    path = tmp_path / "meetings" / f"{meeting.id}.json"
    path.write_text(json.dumps(future))
    before = path.read_bytes()

    with pytest.raises(StoreError, match="newer MeetingDesk") as failure:
        store.load(meeting.id)
    assert str(path) in str(failure.value)

    store.rebuild_index()
    assert store.rows() == []
    assert any("newer MeetingDesk" in problem for problem in store.problems)
    assert path.read_bytes() == before
    assert not (tmp_path / "damaged").exists()


def test_files_changed_behind_the_stores_back_show_after_reopening(tmp_path: Path) -> None:
    store = opened(tmp_path)
    kept = make_meeting("Ana Lima", day=0)
    removed = make_meeting("Bo Chen", day=1)
    store.save(kept)
    store.save(removed)

    # As a sync tool would: a meeting from another machine arrives, one is edited, one is deleted.
    arrived = make_meeting("Cy Diaz", day=2)
    (tmp_path / "meetings" / f"{arrived.id}.json").write_text(arrived.model_dump_json(indent=1))
    kept.person = "Ana Lima-Souza"
    (tmp_path / "meetings" / f"{kept.id}.json").write_text(kept.model_dump_json(indent=1))
    (tmp_path / "meetings" / f"{removed.id}.json").unlink()

    reopened = opened(tmp_path)
    assert [row.person for row in reopened.rows()] == ["Cy Diaz", "Ana Lima-Souza"]
    assert index_ids(tmp_path) == {arrived.id, kept.id}
    assert reopened.load(arrived.id) == arrived


def test_a_sync_conflict_copy_is_reported_not_listed(tmp_path: Path) -> None:
    store = opened(tmp_path)
    meeting = make_meeting()
    store.save(meeting)
    copy = tmp_path / "meetings" / f"{meeting.id}-conflict.json"
    copy.write_text(meeting.model_dump_json())

    reopened = opened(tmp_path)
    assert [row.id for row in reopened.rows()] == [meeting.id]
    assert copy.exists()
    assert any(str(copy) in problem for problem in reopened.problems)


def test_two_processes_saving_different_meetings_keep_both_rows(tmp_path: Path) -> None:
    first, second = opened(tmp_path), opened(tmp_path)
    from_first = make_meeting("Ana Lima", day=0)
    from_second = make_meeting("Bo Chen", day=1)

    first.save(from_first)
    second.save(from_second)
    first.save(make_meeting("Cy Diaz", day=2))

    assert len(index_ids(tmp_path)) == 3
    assert {from_first.id, from_second.id} <= index_ids(tmp_path)
    assert [row.person for row in second.rows()] == ["Cy Diaz", "Bo Chen", "Ana Lima"]
    assert [row.person for row in first.rows()] == ["Cy Diaz", "Bo Chen", "Ana Lima"]


def test_write_private_file_replaces_atomically_and_creates_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "exports" / "summary.txt"
    write_private_file(target, "first")
    write_private_file(target, "second — ✓".encode("utf-8"))
    assert target.read_text(encoding="utf-8") == "second — ✓"
    assert listing(target.parent) == {"summary.txt"}
    assert mode(target.parent) == 0o700


def test_forget_removes_the_row_once_the_file_is_gone(tmp_path: Path) -> None:
    store = opened(tmp_path)
    kept = make_meeting("Ana Lima", day=0)
    trashed = make_meeting("Bo Chen", day=1)
    store.save(kept)
    store.save(trashed)
    other = opened(tmp_path)

    # As the trash does: move the file out of meetings/, then forget it.
    (tmp_path / "trash").mkdir()
    os.rename(tmp_path / "meetings" / f"{trashed.id}.json", tmp_path / "trash" / f"{trashed.id}.json")
    store.forget(trashed.id)

    assert [row.person for row in store.rows()] == ["Ana Lima"]
    assert index_ids(tmp_path) == {kept.id}
    assert [row.person for row in other.rows()] == ["Ana Lima"]
    assert [row.person for row in opened(tmp_path).rows()] == ["Ana Lima"]

    store.forget(trashed.id)  # not listed any more: nothing to do
    store.forget(kept.id)
    assert store.rows() == []
    assert index_ids(tmp_path) == set()
    with pytest.raises(StoreError, match="is not a meeting id"):
        store.forget("../index")



def test_the_look_at_the_files_can_wait_until_after_the_first_frame(tmp_path: Path) -> None:
    store = opened(tmp_path)
    store.save(make_meeting("Ana Lima", day=0))
    arrived = make_meeting("Cy Diaz", day=2)
    (tmp_path / "meetings" / f"{arrived.id}.json").write_text(arrived.model_dump_json(indent=1))

    quick = Store(tmp_path)
    quick.open(check_files=False)
    assert [row.person for row in quick.rows()] == ["Ana Lima"], "the index as it was, at once"
    assert quick.check_files() is True
    assert [row.person for row in quick.rows()] == ["Cy Diaz", "Ana Lima"]
    assert quick.check_files() is False
