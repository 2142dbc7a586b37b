"""Any two (or three) copies of a meeting, edited at random, merge to one result whatever the order and grouping.

Each copy is edited as the app edits a meeting (notes, private notes, ticks, actions
added, changed, moved and deleted, priorities, amendments, the meeting's own fields,
a field from a newer MeetingDesk), stamped as a save stamps it, and now and then
pulls another copy in. Then the copies are merged in every order and grouping.
"""

from __future__ import annotations

import itertools
from datetime import date
from functools import reduce

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.models import ActionItem, Agenda, AgendaSection, Amendment, Meeting, Priority, meeting_from_agenda, meeting_from_data
from meetingdesk.storage.merge import EDITED_TWICE, merge_meetings, stamp, stamps_in
from meetingdesk.storage.stamps import StampClock

AGENDA = Agenda(
    name="review",
    title="Review",
    sections=[
        AgendaSection(title="Looking back", minutes=10, prompts=["What went well?", "What was hard?", "What next?"]),
        AgendaSection(title="Looking ahead", minutes=10, prompts=["Where to?"]),
    ],
)
MACHINES = ("aaaaaaaa", "bbbbbbbb", "cccccccc")
WORDS = st.text(alphabet="abcdeé ", min_size=0, max_size=6)


class Copy:
    """One machine's copy of the meeting, with that machine's clock."""

    def __init__(self, meeting: Meeting, machine: str, wall) -> None:
        self.meeting = meeting
        self.clock = StampClock(machine, wall)
        self.clock.observe(stamps_in(dumped(meeting)))  # as loading a file does

    def save(self, edited: Meeting) -> None:
        document = edited.model_dump(mode="json")
        stamp(document, self.clock)
        self.meeting = meeting_from_data(document)


def apply(copy: Copy, edit: tuple, copies: list[Copy]) -> None:
    """Do one edit to `copy` and save it, as the app does; or pull another copy in."""
    kind, a, b, text = edit
    if kind == "pull":
        other = copies[a % len(copies)]
        if other is not copy:
            copy.clock.observe(stamps_in(dumped(other.meeting)))
            copy.meeting = merge_meetings(copy.meeting, other.meeting)
        return
    meeting = copy.meeting.model_copy(deep=True)
    section = meeting.sections[a % len(meeting.sections)]
    if kind == "notes":
        section.notes = text
    elif kind == "private":
        section.private_notes = text
    elif kind == "tick":
        index = b % len(section.prompts)
        section.prompts_done = sorted(set(section.prompts_done) ^ {index})
    elif kind == "add action":
        meeting.actions.insert(b % (len(meeting.actions) + 1), ActionItem(text=text or "x", owner="Dana"))
    elif kind == "edit action" and meeting.actions:
        action = meeting.actions[b % len(meeting.actions)]
        action.text = text or "y"
        action.done_on = None if action.done_on else date(2026, 1, 1 + a % 28)
    elif kind == "delete action" and meeting.actions:
        del meeting.actions[b % len(meeting.actions)]
    elif kind == "move action" and len(meeting.actions) > 1:
        meeting.actions.insert(a % len(meeting.actions), meeting.actions.pop(b % len(meeting.actions)))
    elif kind == "add priority":
        meeting.priorities.append(Priority(text=text or "p"))
    elif kind == "delete priority" and meeting.priorities:
        del meeting.priorities[b % len(meeting.priorities)]
    elif kind == "amend":
        meeting.amendments.append(Amendment(what=text or "changed"))
    elif kind == "status":
        meeting.status = "ended" if meeting.status == "live" else "live"
        meeting.current_section = b % len(meeting.sections)
    elif kind == "newer field":
        setattr(meeting, "next_check_in_note", text)  # a field only a newer MeetingDesk knows
    copy.save(meeting)


EDITS = st.tuples(
    st.sampled_from(
        [
            "notes",
            "private",
            "tick",
            "add action",
            "edit action",
            "delete action",
            "move action",
            "add priority",
            "delete priority",
            "amend",
            "status",
            "newer field",
            "pull",
        ]
    ),
    st.integers(0, 5),
    st.integers(0, 5),
    WORDS,
)
"""One edit: what, two numbers that pick where, and some text."""


def start(seconds: list[float]) -> list[Copy]:
    """Three machines holding the same saved meeting with one action and one priority; clocks that drift apart."""
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.actions = [ActionItem(text="Write the case", owner="Dana")]
    meeting.priorities = [Priority(text="Lead the migration")]
    times = iter(seconds * 1000)
    clock = [1_800_000_000.0]

    def wall() -> float:
        # Each machine's clock moves on by its own random steps, and may even be behind the others.
        clock[0] += next(times, 0.5)
        return clock[0]

    first = Copy(meeting, MACHINES[0], wall)
    first.save(meeting)
    return [Copy(first.meeting.model_copy(deep=True), machine, wall) for machine in MACHINES]


def dumped(meeting: Meeting) -> dict:
    return meeting.model_dump(mode="json")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(st.tuples(st.integers(0, 2), EDITS), max_size=30),
    steps=st.lists(st.floats(-0.5, 2.0), min_size=1, max_size=5),
)
def test_copies_edited_at_random_merge_to_one_result_in_any_order_and_grouping(edits, steps) -> None:
    copies = start(steps)
    for which, edit in edits:
        apply(copies[which], edit, copies)
    a, b, c = (copy.meeting for copy in copies)

    results = [dumped(merge_meetings(*order)) for order in itertools.permutations((a, b, c))]
    results.append(dumped(merge_meetings(merge_meetings(a, b), c)))
    results.append(dumped(merge_meetings(a, merge_meetings(b, c))))
    results.append(dumped(merge_meetings(merge_meetings(c, a), merge_meetings(b, a))))
    results.append(dumped(reduce(lambda x, y: merge_meetings(x, y), (b, merge_meetings(a, a), c, b))))
    assert all(result == results[0] for result in results)

    merged = merge_meetings(a, b, c)
    assert_every_latest_edit_is_present(merged, (a, b, c))


def assert_every_latest_edit_is_present(merged: Meeting, copies: tuple[Meeting, ...]) -> None:
    """For each item, the value of the latest stamp any copy has is in the merge, unless a later deletion removed it."""
    gone: dict[str, str] = {}
    for copy in copies:
        for key, stamp_ in copy.sync.gone.items():
            gone[key] = max(gone.get(key, ""), stamp_)
    newest: dict[str, tuple[str, Meeting]] = {}
    for copy in copies:
        for key, (stamp_, _digest) in copy.sync.items.items():
            if key not in newest or stamp_ > newest[key][0]:
                newest[key] = (stamp_, copy)
    for key, (stamp_, holder) in newest.items():
        if (key in gone and stamp_ <= gone[key]) or _deleted_parent(key, newest, gone):
            assert _value(merged, key) is None or merged.sync.items[key][0] > gone.get(key, ""), key
            continue
        expected, got = _value(holder, key), _value(merged, key)
        if key.endswith("notes") and got is not None and got.startswith(EDITED_TWICE):
            # Edited on two machines at once: every version the newest copy kept is kept, beside any a third machine adds.
            for version in _versions(expected):
                assert version in got, key
        else:
            assert got == expected, key


def _deleted_parent(key: str, newest, gone) -> bool:
    parts = key.split("/")
    parent = "/".join(parts[:2])
    return parent != key and parent in gone and newest.get(parent, ("",))[0] <= gone[parent]


def _value(meeting: Meeting, key: str):
    """The value of the item `key` in `meeting`, or None when it has no such item."""
    document = dumped(meeting)
    parts = key.split("/")
    if len(parts) == 1:
        return document.get(key)
    listed = {record["id"]: record for record in document.get(parts[0], [])}
    record = listed.get(parts[1])
    if record is None:
        return None
    if len(parts) == 2:
        return {name: value for name, value in record.items() if name not in ("notes", "private_notes", "prompts_done")}
    if parts[2] == "prompts_done":
        return True if int(parts[3]) in record["prompts_done"] else None
    return record[parts[2]]


def _versions(text: str) -> list[str]:
    """The versions a text edited on two machines at once shows, each with its "--- saved … ---" line; the text itself otherwise."""
    if not text.startswith(EDITED_TWICE):
        return [text]
    return ["--- " + block for block in text.removeprefix(EDITED_TWICE).split("\n--- ")[1:]]

