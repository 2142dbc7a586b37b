"""Search: what it finds, what it never finds, in what order, and open actions and goals across meetings."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from meetingdesk.models import ActionItem, Meeting, Priority, SectionRecord
from meetingdesk.storage.search import Search
from meetingdesk.storage.store import Store

START = datetime(2026, 9, 1, 10, 0, tzinfo=timezone.utc)


def make_meeting(person: str, day: int, **changes) -> Meeting:
    meeting = Meeting(
        person=person,
        manager="Sam Rivera",
        agenda_name="career-discussion",
        agenda_title="Career discussion",
        created_at=START + timedelta(days=day),
        started_at=START + timedelta(days=day),
        sections=[SectionRecord(title="Where you stand", planned_seconds=600)],
    )
    for name, value in changes.items():
        setattr(meeting, name, value)
    return meeting


def built(store: Store) -> Search:
    return Search(store.index)


def found(store: Store, query: str) -> list[str]:
    return [row.id for row in built(store).meetings(query)]


def test_search_finds_each_field_but_never_private_notes(store: Store) -> None:
    meeting = make_meeting("Dana Lee", 0)
    meeting.agenda_title = "Performance review"
    meeting.sections[0].notes = "Shipped the Billing migration early"
    meeting.sections[0].private_notes = "Seems burnt out"
    meeting.priorities = [Priority(text="Lead planning", measure="Roadmap signed off")]
    meeting.actions = [ActionItem(text="Book the facilitation course", owner="Dana Lee")]
    store.save(meeting)
    store.save(make_meeting("Ana Souza", 1))

    for query in ["dana", "performance", "billing MIGRATION", "lead planning", "roadmap", "facilitation", "migr"]:
        assert found(store, query) == [meeting.id], query
    assert found(store, "burnt") == []
    assert found(store, "billing souza") == [], "every word must match in the same meeting"
    assert b"burnt" not in store.index.cache.path.read_bytes(), "private notes never reach the index"


def test_words_match_from_their_start_and_inside_only_when_asked(store: Store) -> None:
    meeting = make_meeting("Zoë O'Brien", 0)
    meeting.sections[0].notes = "Led the immigration project; 100% on time"
    store.save(meeting)

    assert found(store, "immig") == [meeting.id]
    assert found(store, "gration") == [], "a plain word matches from the start of a word"
    assert found(store, "*gration") == [meeting.id], "a leading * matches inside words"
    assert found(store, "zoe") == [meeting.id], "accents are ignored"
    assert found(store, "o'brien") == [meeting.id]
    assert found(store, '"100%" AND NOT') == [], "the index's own query syntax is just text"
    assert found(store, "*100%") == [meeting.id]


def test_results_are_newest_first(store: Store) -> None:
    old, new = make_meeting("Dana Lee", 0), make_meeting("Dana Lee", 9)
    middle = make_meeting("Bo Chen", 4)
    for meeting in (new, old, middle):
        meeting.sections[0].notes = "budget"
        store.save(meeting)
    assert found(store, "budget") == [new.id, middle.id, old.id]
    assert [row.id for row in built(store).meetings("budget", person="dana lee")] == [new.id, old.id]
    assert [row.id for row in built(store).meetings("budget", limit=2)] == [new.id, middle.id]
    assert built(store).count("budget") == 3


def test_unreadable_files_are_skipped(store: Store) -> None:
    good = make_meeting("Dana Lee", 0)
    store.save(good)
    (store.root / "meetings" / "broken.json").write_text("{not json")
    store.check_files()
    assert found(store, "dana") == [good.id]


def test_notes_saved_since_the_last_search_are_found(store: Store) -> None:
    meeting = make_meeting("Dana Lee", 0)
    store.save(meeting)
    assert found(store, "kaleidoscope") == []
    meeting.sections[0].notes = "A kaleidoscope of ideas"
    store.save(meeting)
    assert found(store, "kaleidoscope") == [meeting.id]


def test_open_actions_newest_copy_wins_and_closed_ones_are_left_out(store: Store) -> None:
    carried = ActionItem(text="Write the promotion case", owner="Sam Rivera", due=date(2026, 12, 15))
    finished = ActionItem(text="Send the offer", owner="Dana Lee")
    dropped = ActionItem(text="Find a mentor", owner="Dana Lee", dropped_reason="Not needed any more")
    first = make_meeting("Dana Lee", 0, actions=[carried, finished])
    store.save(first)
    later_copy = carried.model_copy(update={"carried_from": first.id, "carried_count": 2, "carry_decision": "kept"})
    later_done = finished.model_copy(update={"done_on": date(2026, 9, 20)})
    second = make_meeting("Dana Lee", 14, actions=[later_copy, later_done, dropped])
    store.save(second)

    [action] = built(store).actions()
    assert action.id == carried.id
    assert action.meeting_id == second.id
    assert action.carried_count == 2
    assert action.agreed_on == date(2026, 9, 15), "no agreed_on means the day of the meeting that holds it"
    later_copy.agreed_on = date(2026, 9, 1)
    store.save(second)
    assert built(store).actions()[0].agreed_on == date(2026, 9, 1)


def test_open_actions_sorted_by_deadline_and_filtered_by_owner(store: Store) -> None:
    store.save(
        make_meeting(
            "Dana Lee",
            0,
            actions=[
                ActionItem(text="No date", owner="Dana Lee"),
                ActionItem(text="Late", owner="Sam Rivera", due=date(2026, 12, 20)),
                ActionItem(text="Soon", owner="Dana Lee", due=date(2026, 10, 1)),
            ],
        )
    )
    store.save(make_meeting("Bo Chen", 1, actions=[ActionItem(text="Middle", owner="Bo Chen", due=date(2026, 11, 1))]))
    index = built(store)
    assert [action.text for action in index.actions()] == ["Soon", "Middle", "Late", "No date"]
    assert [action.text for action in index.actions(owner=" dana LEE")] == ["Soon", "No date"]
    assert [action.text for action in index.actions(owner="sam rivera")] == ["Late"]
    assert index.owners() == ["Bo Chen", "Dana Lee", "Sam Rivera"]


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_finds_nothing(store: Store, query: str) -> None:
    store.save(make_meeting("Dana Lee", 0))
    assert found(store, query) == []
