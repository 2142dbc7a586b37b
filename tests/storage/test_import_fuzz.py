"""Import, fuzzed: any export is either refused with one sentence and nothing written, or it is
imported and then readable, resumable and exportable with the same content.

The inputs are a real export with a few values changed the way a hand edit, another
tool or a broken sync would change them: numbers out of range or not finite, wrong
types, missing or unknown fields, indices past the end, dates out of order.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.models import ActionItem, Agenda, AgendaSection, Priority, meeting_from_agenda
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer import TransferError, export_json, import_meetings, read_export
from meetingdesk.summary import summary_markdown, summary_text
from meetingdesk.timer import MeetingTimer, format_duration
from tests.builders import FakeClock

AGENDA = Agenda(
    name="review",
    title="Performance review",
    sections=[
        AgendaSection(title="Your view first", minutes=10, prompts=["What went well?", "What was hard?"]),
        AgendaSection(title="Goals", minutes=15, prompts=["What next?"]),
    ],
)


def base_document() -> dict:
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.started_at = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)
    meeting.sections[0].notes = "Shipped the billing migration"
    meeting.sections[0].private_notes = "Watch the workload"
    meeting.sections[0].prompts_done = [1]
    meeting.sections[0].actual_seconds = 540.5
    meeting.current_section = 1
    meeting.priorities = [Priority(text="Lead the Q1 review", measure="Plan signed off", due=date(2027, 3, 31))]
    meeting.actions = [ActionItem(text="Write the case", owner="Dana Lee", due=date(2026, 12, 15))]
    return json.loads(export_json([meeting], include_private=True))


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308, -1.0, 1e30, 0.5, 86401, 10**6]),
    st.text(max_size=20),
    st.sampled_from(["2026-13-45", "2026-11-02T10:00:00", "2026-11-02T10:00:00+00:00", "1999-01-01T00:00:00Z", "live", "ended"]),
    st.lists(st.integers(min_value=-3, max_value=9), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document a value sits."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


@st.composite
def edited_exports(draw) -> str:
    document = base_document()
    meeting = document["meetings"][0]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        where = draw(st.sampled_from(paths(meeting)))
        *parents, last = where
        node = meeting
        for part in parents:
            node = node[part]
        how = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
        if how == "delete" and isinstance(node, dict):
            del node[last]
        elif how == "add" and isinstance(node, dict):
            node[draw(st.text(min_size=1, max_size=8))] = draw(ODD_VALUES)
        else:
            node[last] = draw(ODD_VALUES)
    return json.dumps(document)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_exports())
def test_any_export_is_refused_in_one_sentence_or_imported_readable_resumable_and_the_same_again(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "data")
        store.open()
        try:
            export = read_export(text, "edited.json")
        except TransferError as refused:
            sentence = str(refused)
            assert sentence and "\n" not in sentence and "Traceback" not in sentence
            assert list(store.meetings_dir.iterdir()) == [], "a refused import writes nothing"
            return
        import_meetings(store, export)
        for imported in export.meetings:
            again = Store(store.root)
            again.open()
            loaded = again.load(imported.id)
            assert loaded == imported, "what was imported reads back the same"
            summary_markdown(loaded, include_private=True)
            summary_text(loaded)
            timer = MeetingTimer(loaded, FakeClock())
            timer.start()
            for index in range(len(loaded.sections)):
                assert len(format_duration(timer.section_elapsed(index))) <= 10
            timer.projected_end()
            timer.planned_end()
            timer.state()
            timer.rebalance()
            assert loaded.sections[loaded.current_section] is not None
            round_trip = read_export(export_json([loaded], include_private=True), "again.json").meetings[0]
            assert round_trip == loaded, "exporting it gives the same meeting"
