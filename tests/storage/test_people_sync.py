"""A person's profile and evidence log on two machines: git conflicts, whole-file copies and sync tools' conflict
copies all merge, and nothing either machine logged is lost or moved to damaged/."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from meetingdesk.locations import damaged_dir, merged_copies_dir
from meetingdesk.people import Change, Entry, Profile
from meetingdesk.storage.people import PersonRecord
from meetingdesk.storage.person_merge import merge_databases, merge_records, tables
from meetingdesk.storage.store import Store
from meetingdesk.team import Team
from tests.storage.machines import conflicted, machine

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def entry(text: str, minutes: int, entry_id: str, deleted: bool = False) -> Entry:
    return Entry(text=text, day=date(2026, 11, 2), id=entry_id, logged_at=at(minutes), updated_at=at(minutes), deleted_at=at(minutes) if deleted else None)


def texts(store: Store, name: str = "Dana Lee") -> list[str]:
    return [entry.text for entry in Team(store).entries(name)]


# --- the merge itself -------------------------------------------------------------------------


def test_both_machines_entries_survive_and_a_later_deletion_wins() -> None:
    base = PersonRecord(Profile(name="Dana Lee", updated_at=at(0)), entries=[entry("Shipped the importer", 1, "e1")])
    desktop = PersonRecord(base.profile, entries=[*base.entries, entry("Led the incident review", 5, "e2")])
    laptop = PersonRecord(base.profile, entries=[entry("Shipped the importer", 9, "e1", deleted=True), entry("Mentored Ana", 6, "e3")])

    merged = merge_records(desktop, laptop)

    assert {(e.id, e.deleted) for e in merged.entries} == {("e1", True), ("e2", False), ("e3", False)}
    assert tables(merged) == tables(merge_records(laptop, desktop)), "the same whichever machine merges"


def test_profile_fields_changed_on_each_machine_both_survive() -> None:
    base = PersonRecord(Profile(name="Dana Lee", role="Engineer", cadence="monthly", updated_at=at(0)))
    desktop = PersonRecord(
        Profile(name="Dana Lee", role="Senior engineer", cadence="monthly", updated_at=at(5)),
        history=[Change(field="role", value="Senior engineer", at=at(5), id="c1")],
    )
    laptop = PersonRecord(Profile(name="Dana Lee", role="Engineer", cadence="every 2 weeks", updated_at=at(9)))

    with_git_base = merge_records(desktop, laptop, base)
    without_base = merge_records(desktop, laptop)

    assert (with_git_base.profile.role, with_git_base.profile.cadence) == ("Senior engineer", "every 2 weeks")
    assert without_base.profile.role == "Senior engineer", "the role's own history says the desktop changed it last"
    assert [change.id for change in without_base.history] == ["c1"]


def test_two_different_people_are_never_merged() -> None:
    dana = tables(PersonRecord(Profile(name="Dana Lee", updated_at=at(0))))
    bo = tables(PersonRecord(Profile(name="Bo Chen", updated_at=at(0))))
    try:
        merge_databases(dana, bo)
    except ValueError as error:
        assert "different people" in str(error)
    else:
        raise AssertionError("two people's files were merged into one")


records = st.builds(
    lambda entries, role, minute: PersonRecord(
        Profile(name="Dana Lee", role=role, updated_at=at(minute)),
        entries=[entry(text, minutes, f"e{number}", deleted) for number, text, minutes, deleted in entries],
    ),
    st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["A", "B", "C"]), st.integers(0, 3), st.booleans()), max_size=5, unique_by=lambda t: t[0]),
    st.sampled_from(["Engineer", "Lead"]),
    st.integers(0, 3),
)


@settings(deadline=None, max_examples=60)
@given(records, records, records)
def test_merging_is_the_same_in_any_order_and_any_grouping(one: PersonRecord, two: PersonRecord, three: PersonRecord) -> None:
    assert tables(merge_records(one, two)) == tables(merge_records(two, one))
    assert tables(merge_records(merge_records(one, two), three)) == tables(merge_records(one, merge_records(two, three)))
    assert tables(merge_records(one, one)) == tables(one)


# --- in the data folder -----------------------------------------------------------------------


def two_folders(home: Path, tmp_path: Path) -> tuple[Store, Store, Path, Path]:
    """Dana's log started on the desktop and copied to the laptop; then each logs one more entry."""
    desktop = machine(home, "aaaaaaaa")
    Team(desktop).log("Dana Lee", "Shipped the importer", "deliverables")
    laptop_folder = tmp_path / "laptop"
    shutil.copytree(home / "people", laptop_folder / "people")
    laptop = machine(laptop_folder, "bbbbbbbb")
    Team(laptop).log("Dana Lee", "Mentored Ana on the release", "leadership")
    Team(desktop).log("Dana Lee", "Led the incident review", "impact")
    return desktop, laptop, home / "people" / "dana-lee.json", laptop_folder / "people" / "dana-lee.json"


def test_a_persons_file_with_git_conflict_markers_is_merged_never_moved_to_damaged(home: Path, tmp_path: Path) -> None:
    _desktop, _laptop, mine, theirs = two_folders(home, tmp_path)
    mine.write_text(conflicted(mine.read_text(), theirs.read_text()))

    reopened = machine(home, "aaaaaaaa")

    assert sorted(texts(reopened)) == ["Led the incident review", "Mentored Ana on the release", "Shipped the importer"]
    assert not damaged_dir(home).exists()
    assert "<<<<<<<" not in mine.read_text() and json.loads(mine.read_text())
    assert any("git's conflict markers" in sentence and "Dana Lee" in sentence for sentence in reopened.news)


def test_a_persons_file_replaced_by_another_machines_copy_gets_this_machines_entries_back(home: Path, tmp_path: Path) -> None:
    _desktop, _laptop, mine, theirs = two_folders(home, tmp_path)
    shutil.copy2(theirs, mine)  # rsync, cp: the laptop's file over this machine's

    reopened = machine(home, "aaaaaaaa")

    assert sorted(texts(reopened)) == ["Led the incident review", "Mentored Ana on the release", "Shipped the importer"]
    assert any("Another copy replaced Dana Lee's profile and evidence log" in sentence for sentence in reopened.news)
    again = machine(home, "aaaaaaaa")
    assert not again.news, "said once: the merged file is this machine's copy now"


def test_logging_after_the_file_was_replaced_keeps_this_machines_earlier_entries(home: Path, tmp_path: Path) -> None:
    desktop, _laptop, mine, theirs = two_folders(home, tmp_path)
    shutil.copy2(theirs, mine)

    Team(desktop).log("Dana Lee", "Ran the planning session", "leadership")

    assert len(texts(machine(home, "aaaaaaaa"))) == 4


def test_a_sync_tools_conflict_copy_of_a_persons_file_is_merged_and_kept_a_week(home: Path, tmp_path: Path) -> None:
    _desktop, _laptop, mine, theirs = two_folders(home, tmp_path)
    copy = mine.with_name("dana-lee.sync-conflict-20261122-120000-ABCDEFG.json")
    shutil.copy2(theirs, copy)

    reopened = machine(home, "aaaaaaaa")

    assert sorted(texts(reopened)) == ["Led the incident review", "Mentored Ana on the release", "Shipped the importer"]
    assert not copy.exists() and list(merged_copies_dir(home).glob(f"{copy.name}*")), "kept a week in this machine's backups"
    assert [row.name for row in reopened.team.index.rows()] == ["Dana Lee"], "the copy is never listed as a second Dana"
    assert any(sentence.startswith("Syncthing kept a second copy of Dana Lee's profile") for sentence in reopened.news)
