"""Export and import of meetings as JSON: what goes out, what comes back, and what a bad file leaves behind."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from meetingdesk.models import ActionItem, Agenda, AgendaSection, Meeting, Priority, meeting_from_agenda
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import (
    EXPORT_KEY,
    TransferError,
    export_document,
    export_json,
    import_meetings,
    meeting_document,
    read_export,
    without_private,
)

PRIVATE = "ZEBRA-PRIVATE-7731"
AGENDA = Agenda(
    name="career",
    title="Career discussion",
    sections=[AgendaSection(title="Where you stand", minutes=10), AgendaSection(title="Where you go", minutes=20)],
)
START = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)


def make_meeting(person: str = "Dana Lee", day: int = 0) -> Meeting:
    """An ended meeting `day` days after START, with shared notes, private notes, a priority and an action."""
    meeting = meeting_from_agenda(AGENDA, person, "Sam Rivera")
    meeting.created_at = meeting.started_at = START + timedelta(days=day)
    meeting.ended_at = meeting.started_at + timedelta(minutes=30)
    meeting.updated_at = meeting.ended_at
    meeting.status = "ended"
    meeting.sections[0].notes = "Growth into a lead role."
    meeting.sections[0].private_notes = f"{PRIVATE} worried about burnout"
    meeting.sections[0].actual_seconds = 612.25
    meeting.priorities = [Priority(text="Lead the Q1 launch", measure="launch shipped", due=date(2027, 3, 1))]
    meeting.actions = [ActionItem(text="Draft the launch plan", owner=person, due=date(2026, 12, 1))]
    return meeting


def saved(store: Store, *meetings: Meeting) -> list[Meeting]:
    """Write meetings as they are (keeping updated_at) and return them."""
    store.put_many(list(meetings))
    return list(meetings)


def test_export_leaves_private_notes_out_unless_asked():
    meeting = make_meeting()
    plain = export_json([meeting])
    with_private = export_json([meeting], include_private=True)

    assert PRIVATE not in plain
    assert PRIVATE in with_private
    document = json.loads(plain)
    assert document[EXPORT_KEY] == 1
    assert document["include_private"] is False
    assert document["meetings"][0]["sections"][0]["private_notes"] == ""
    assert document["meetings"][0]["sections"][0]["notes"] == "Growth into a lead role."


def test_without_private_empties_private_notes_at_any_depth():
    data = {"private_notes": "a", "x": [{"private_notes": "b", "notes": "kept"}], "y": {"z": {"private_notes": "c"}}}
    assert without_private(data) == {"private_notes": "", "x": [{"private_notes": "", "notes": "kept"}], "y": {"z": {"private_notes": ""}}}
    assert data["x"][0]["private_notes"] == "b"


def test_meeting_document_with_private_is_the_models_own_dump():
    meeting = make_meeting()
    assert meeting_document(meeting, include_private=True) == meeting.model_dump(mode="json")


def test_read_export_gives_back_equal_meetings():
    meetings = [make_meeting(), make_meeting("Ravi Patel", day=3)]
    export = read_export(export_json(meetings, include_private=True), "export.json")
    assert export.meetings == meetings
    assert export.include_private is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "export.json is not valid JSON (line 1, column 2)"),
        ("[1, 2]", "export.json is not a MeetingDesk export"),
        ('{"meetings": []}', "export.json is not a MeetingDesk export"),
        ('{"meetingdesk_export": 2, "meetings": []}', "written by a newer MeetingDesk (export format 2"),
        ('{"meetingdesk_export": "one", "meetings": []}', "has an unknown export format"),
        ('{"meetingdesk_export": 1}', "has no list of meetings"),
        ('{"meetingdesk_export": 1, "meetings": [7]}', "Meeting 1 in export.json is not a meeting"),
        ('{"meetingdesk_export": 1, "meetings": [{"person": "Dana"}]}', "Meeting 1 in export.json can't be read (manager"),
    ],
)
def test_read_export_names_the_problem(text, expected):
    with pytest.raises(TransferError) as caught:
        read_export(text, "export.json")
    assert expected in str(caught.value)


def test_read_export_refuses_a_meeting_from_a_newer_meetingdesk():
    document = export_document([make_meeting()])
    document["meetings"][0]["schema_version"] = 99
    with pytest.raises(TransferError, match="Meeting 1 in x.json was saved by a newer MeetingDesk"):
        read_export(json.dumps(document), "x.json")


def test_import_into_an_empty_folder_adds_everything_and_lists_it(store: Store, home: Path):
    meetings = [make_meeting(), make_meeting("Ravi Patel", day=3)]
    report = import_meetings(store, read_export(export_json(meetings, include_private=True), "x.json"))

    assert report.sentence() == "Imported 2 meetings, skipped 0 already here."
    reopened = Store(home)
    reopened.open()
    assert [row.person for row in reopened.rows()] == ["Ravi Patel", "Dana Lee"]
    assert [reopened.load(m.id) for m in meetings] == meetings


def test_importing_twice_adds_nothing_the_second_time(store: Store):
    text = export_json([make_meeting(), make_meeting(day=1)], include_private=True)
    import_meetings(store, read_export(text, "x.json"))
    files_before = sorted(p.name for p in store.meetings_dir.iterdir())

    report = import_meetings(store, read_export(text, "x.json"))

    assert report.sentence() == "Imported 0 meetings, skipped 2 already here."
    assert sorted(p.name for p in store.meetings_dir.iterdir()) == files_before
    assert len(store.rows()) == 2


def test_the_newer_copy_wins_either_way(store: Store):
    here_newer, here_older = make_meeting(), make_meeting("Ravi Patel", day=1)
    saved(store, here_newer.model_copy(deep=True), here_older.model_copy(deep=True))
    incoming_older = here_newer.model_copy(deep=True)
    incoming_older.sections[0].notes = "an old draft"
    incoming_older.updated_at = here_newer.updated_at - timedelta(days=1)
    incoming_newer = here_older.model_copy(deep=True)
    incoming_newer.sections[0].notes = "amended later"
    incoming_newer.updated_at = here_older.updated_at + timedelta(days=1)

    report = import_meetings(
        store, read_export(export_json([incoming_older, incoming_newer], include_private=True), "x.json")
    )

    assert report.sentence() == (
        "Imported 1 meeting, skipped 1 already here. 1 of those imported replaced an older copy here. "
        "1 of those skipped differ, but the copy here is newer, so it was kept."
    )
    assert store.load(here_newer.id).sections[0].notes == "Growth into a lead role."
    assert store.load(here_older.id).sections[0].notes == "amended later"


def test_an_export_without_private_notes_never_wipes_the_ones_here(store: Store):
    here = make_meeting()
    saved(store, here.model_copy(deep=True))
    newer = here.model_copy(deep=True)
    newer.actions[0].done_on = date(2026, 11, 20)
    newer.updated_at = here.updated_at + timedelta(hours=1)

    same = import_meetings(store, read_export(export_json([here]), "x.json"))
    changed = import_meetings(store, read_export(export_json([newer]), "x.json"))

    assert same.sentence() == "Imported 0 meetings, skipped 1 already here."
    assert changed.replaced == 1
    loaded = store.load(here.id)
    assert loaded.actions[0].done_on == date(2026, 11, 20)
    assert loaded.sections[0].private_notes == f"{PRIVATE} worried about burnout"


def test_put_many_keeps_updated_at_and_has_sees_the_files(store: Store):
    meeting = make_meeting()
    assert not store.has(meeting.id)
    saved(store, meeting)
    assert store.has(meeting.id)
    assert store.load(meeting.id).updated_at == meeting.updated_at
    assert oct(store.meetings_dir.joinpath(f"{meeting.id}.json").stat().st_mode & 0o777) == "0o600"


def test_an_export_with_private_notes_brings_them_into_the_same_meeting_here(store: Store):
    meeting = make_meeting()
    # The copy here came from an export without private notes: the same meeting, its private notes empty.
    here = meeting.model_copy(deep=True)
    here.sections[0].private_notes = ""
    saved(store, here)

    report = import_meetings(store, read_export(export_json([meeting], include_private=True), "x.json"))

    assert report.sentence() == (
        "Imported 1 meeting, skipped 0 already here. 1 of those imported brought private notes into a meeting already here."
    )
    assert report.problems == []
    assert store.load(meeting.id).sections[0].private_notes == f"{PRIVATE} worried about burnout"
    again = import_meetings(store, read_export(export_json([meeting], include_private=True), "x.json"))
    assert again.sentence() == "Imported 0 meetings, skipped 1 already here."


def test_private_notes_that_differ_here_are_kept_and_the_import_says_so(store: Store):
    meeting = make_meeting()
    here = meeting.model_copy(deep=True)
    here.sections[0].private_notes = "written here"
    here.sections[1].private_notes = "More to say"
    meeting.sections[1].private_notes = "More to say, and more"
    saved(store, here)

    report = import_meetings(store, read_export(export_json([meeting], include_private=True), "x.json"))

    loaded = store.load(meeting.id)
    assert [s.private_notes for s in loaded.sections] == ["written here", "More to say, and more"]
    assert report.private_added == 1
    assert report.problems == [
        f"The meeting with Dana Lee ({meeting.id[:8]}) holds other private notes for “Where you stand” than the export: "
        "the ones here were kept; the export file still has its own."
    ]
