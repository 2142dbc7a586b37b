"""Moving meetings between data folders: a JSON export and its import.

An export is one JSON document, `{"meetingdesk_export": 1, "meetings": [...]}`, each
meeting as its own file would hold it; `export --all` adds `"people": [...]`, each
person's profile and evidence log (storage/transfer_people.py). Private notes are emptied unless the manager
asks for them. An import reads and checks the whole document before it writes
anything, so a bad file leaves the data folder as it was; a meeting already here is
merged with the imported copy item by item (storage/merge.py), so importing the same
file twice changes nothing the second time. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from meetingdesk.errors import MeetingDeskError
from meetingdesk.models import Meeting, UnreadableMeeting, meeting_from_data, utc_now
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.people import PersonRecord
from meetingdesk.storage.store import Store
from meetingdesk.storage.transfer_people import PeopleReport, import_people, person_document, read_people

EXPORT_KEY = "meetingdesk_export"
"""The key that marks a JSON document as a MeetingDesk export; its value is the export format."""
EXPORT_FORMAT = 1
"""The export format this MeetingDesk writes and reads."""
PRIVATE_KEY = "private_notes"
"""The field that holds the manager's private notes, wherever it appears in a meeting."""
PRIVATE_KEYS = (PRIVATE_KEY, "prep_notes")
"""The fields that hold the manager's own notes (private, prepared): emptied in an export unless asked for."""


class TransferError(MeetingDeskError):
    """An export that can't be imported, told as one sentence that names the file."""


def without_private(data: Any) -> Any:
    """A copy of dumped meeting data (dicts and lists) with every private and prep notes value emptied.

    Walks the whole structure rather than only the sections, so a private field added
    to a nested record later is covered without touching this function. Their stamps
    go too (a text's versions would hold it): an emptied note is marked never stamped,
    so it never wins a merge over the real one.
    """
    if isinstance(data, dict):
        # A private note's merge state (`sync.texts`) holds its text: it goes whole.
        return {key: _private_emptied(key, value) for key, value in data.items() if not (_is_private_item(key) and isinstance(value, dict))}
    if isinstance(data, list):
        return [without_private(item) for item in data]
    return data


def _is_private_item(key: object) -> bool:
    """True for a stamp's key naming private or prep notes, e.g. `sections/s1/private_notes`."""
    return isinstance(key, str) and "/" in key and key.rsplit("/", 1)[-1] in PRIVATE_KEYS


def _private_emptied(key: object, value: Any) -> Any:
    if key in PRIVATE_KEYS and isinstance(value, str):
        return ""
    if _is_private_item(key) and isinstance(value, list) and len(value) == 2:
        from meetingdesk.storage.merge import digest

        return ["", digest("")]  # the emptied note: never stamped
    return without_private(value)


def meeting_document(meeting: Meeting, include_private: bool = False) -> dict[str, Any]:
    """`meeting` as JSON-ready data, as its file holds it; private notes emptied unless `include_private`."""
    data = meeting.model_dump(mode="json")
    return data if include_private else without_private(data)


def export_document(
    meetings: Iterable[Meeting],
    include_private: bool = False,
    exported_at: datetime | None = None,
    people: Iterable[PersonRecord] | None = None,
) -> dict[str, Any]:
    """The export of `meetings`: `{"meetingdesk_export": 1, "meetings": [...]}` plus when and whether private,
    and `"people"` when `people` are given (export --all)."""
    document = {
        EXPORT_KEY: EXPORT_FORMAT,
        "exported_at": (exported_at or utc_now()).isoformat(),
        "include_private": include_private,
        "meetings": [meeting_document(meeting, include_private) for meeting in meetings],
    }
    if people is not None:
        document["people"] = [person_document(record, include_private) for record in people]
    return document


def export_json(meetings: Iterable[Meeting], include_private: bool = False, people: Iterable[PersonRecord] | None = None) -> str:
    """The export of `meetings` (and `people`) as JSON text, ready to write to a file."""
    return json.dumps(export_document(meetings, include_private, people=people), ensure_ascii=False, indent=1) + "\n"


@dataclass
class Export:
    """A checked export: every meeting in it is valid and this MeetingDesk can read it."""

    meetings: list[Meeting]
    """The meetings, one per id (copies merged when a file repeats an id)."""
    include_private: bool
    """False when the export was made without private notes (they are empty in `meetings`)."""
    people: list[PersonRecord] = field(default_factory=list)
    """The people and their evidence logs (an export of everything), each checked."""


def read_export(data: str | bytes, source: str) -> Export:
    """Parse and check a whole export; TransferError, naming `source`, on the first problem found."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise TransferError(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}): "
            "import only reads files written by `meetingdesk export --format json`."
        ) from None
    except (ValueError, RecursionError):
        raise TransferError(
            f"{source} is not valid JSON text: import only reads files written by `meetingdesk export --format json`."
        ) from None
    if not isinstance(document, dict) or EXPORT_KEY not in document:
        raise TransferError(
            f"{source} is not a MeetingDesk export (it has no “{EXPORT_KEY}” mark): "
            "make one with `meetingdesk export --all --format json --out FILE`."
        )
    version = document[EXPORT_KEY]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TransferError(f"{source} has an unknown export format ({version!r}), so nothing was imported.")
    if version > EXPORT_FORMAT:
        raise TransferError(
            f"{source} was written by a newer MeetingDesk (export format {version}; this one reads up to "
            f"{EXPORT_FORMAT}): upgrade MeetingDesk to import it."
        )
    raw_meetings = document.get("meetings")
    if not isinstance(raw_meetings, list):
        raise TransferError(f"{source} has no list of meetings, so nothing was imported.")

    by_id: dict[str, Meeting] = {}
    for number, raw in enumerate(raw_meetings, start=1):
        meeting = _checked_meeting(raw, number, source)
        # A repeated id can only come from editing the file by hand, or joining two exports: merge the copies.
        held = by_id.get(meeting.id)
        by_id[meeting.id] = meeting if held is None else _merged(held, meeting, f"Meeting {number} in {source}")
    people = read_people(document.get("people"), source)
    return Export(meetings=list(by_id.values()), include_private=document.get("include_private") is True, people=people)


def _merged(here: Meeting, incoming: Meeting, label: str) -> Meeting:
    from meetingdesk.storage.merge import merge_meetings

    try:
        return merge_meetings(here, incoming)
    except ValueError as error:
        raise TransferError(f"{label} can't be merged with the copy of it already read ({error}), so nothing was imported.") from None


def _checked_meeting(raw: Any, number: int, source: str) -> Meeting:
    """Meeting `number` of the export, or TransferError saying what is wrong with it."""
    label = f"Meeting {number} in {source}"
    try:
        return meeting_from_data(raw)
    except UnreadableMeeting as error:
        advice = ": upgrade MeetingDesk to import it; nothing was imported." if error.newer else ", so nothing was imported."
        raise TransferError(f"{label} {error.reason}{advice}") from None


@dataclass
class ImportReport:
    """What an import did, counted for the sentence the manager reads."""

    imported: int = 0
    """Meetings written: new ones plus those merged into a copy already here."""
    merged: int = 0
    """Of `imported`, how many were merged into a copy already in the data folder."""
    skipped: int = 0
    """Meetings not written: the copy here already holds everything in them, or it can't be read."""
    private_added: int = 0
    """Of `imported`, how many are a meeting already here whose private notes the export brought in."""
    undeleted: int = 0
    """Of `imported`, how many had been deleted for good here: they are back, their tombstones gone."""
    problems: list[str] = field(default_factory=list)
    """Sentences about meetings here that could not be compared (and so were left alone)."""
    people: PeopleReport | None = None
    """What bringing the people in did, when the export had any."""

    def sentence(self) -> str:
        """E.g. "Imported 3 meetings, skipped 1 already here." plus how many were merged with a copy here, and the people."""
        text = f"Imported {_count(self.imported, 'meeting')}, skipped {self.skipped} already here."
        if self.people is not None:
            text += f" {self.people.sentence()}"
        if self.merged:
            text += f" {self.merged} of those imported {'was' if self.merged == 1 else 'were'} merged with the copy here, nothing lost."
        if self.undeleted:
            text += f" {self.undeleted} of those imported had been deleted for good here: {'it is' if self.undeleted == 1 else 'they are'} back."
        if self.private_added:
            text += f" {self.private_added} of those imported brought private notes into a meeting already here."
        return text


def import_meetings(store: Store, export: Export) -> ImportReport:
    """Save the export's meetings into `store`: new ids are added, a meeting here is merged with its imported copy.

    Everything is decided before anything is written. A copy that adds nothing to the
    one here is skipped. When the export left private notes out, the private notes here
    are kept as they are. Raises StoreError if the data folder can't be written.
    """
    from meetingdesk.storage.merge import adds_anything, merge_meetings

    report = ImportReport()
    to_write: list[Meeting] = []
    for incoming in export.meetings:
        if not store.has(incoming.id):
            to_write.append(incoming)
            continue
        try:
            here = store.load(incoming.id)
        except StoreError as error:
            if store.has(incoming.id):
                # Too new or unreadable but still in place: never overwrite what we can't read.
                report.problems.append(f"{error} The imported copy of {incoming.id} was not written.")
                report.skipped += 1
                continue
            # The damaged file was moved aside (and reported): the import restores the meeting.
            report.problems.append(str(error))
            to_write.append(incoming)
            continue
        if export.include_private and _shared(incoming) == _shared(here):
            # The same meeting, with its private notes: more of it, not a conflict.
            merged, clashes = _private_brought_in(incoming, here)
            report.problems += clashes
            if merged == here:
                report.skipped += 1
            else:
                to_write.append(merged)
                report.private_added += 1
            continue
        candidate = incoming if export.include_private else _with_private_from(incoming, here)
        try:
            merged = merge_meetings(here, candidate)
        except ValueError as error:
            report.problems.append(f"{error}: the imported copy of {incoming.id} was not written.")
            report.skipped += 1
            continue
        if not adds_anything(merged, here):
            report.skipped += 1
        else:
            to_write.append(merged)
            report.merged += 1
    _bring_back(store, to_write, report)
    report.imported = len(to_write)
    if export.people:
        report.people = import_people(store.team, export.people, export.include_private)
        report.problems += report.people.problems or []
    return report


def _bring_back(store: Store, to_write: list[Meeting], report: ImportReport) -> None:
    """Write the meetings; those deleted for good here lose their tombstone first: importing one asks for it back.

    The tombstones go before the files come, so a running app's next look never removes an
    imported meeting again; if the files can't be written, the tombstones are put back.
    """
    from meetingdesk.locations import deleted_dir
    from meetingdesk.storage.files import write_private_file

    buried: dict[Path, bytes] = {}
    try:
        for path in (deleted_dir(store.root) / f"{meeting.id}.json" for meeting in to_write):
            if path.is_file():
                held = path.read_bytes()
                path.unlink()
                buried[path] = held
        store.put_many(to_write)
    except (StoreError, OSError) as error:
        for path, held in buried.items():
            with suppress(StoreError):
                write_private_file(path, held)
        if isinstance(error, StoreError):
            raise
        raise StoreError(
            f"MeetingDesk couldn't bring back a meeting deleted for good: {error.filename} can't be removed "
            f"({error.strerror or error}), so nothing was imported. Check that you own {deleted_dir(store.root)}."
        ) from error
    report.undeleted = len(buried)


def _with_private_from(incoming: Meeting, here: Meeting) -> Meeting:
    """`incoming` (exported without private notes) with the private and prep notes of `here`, stamps and all."""
    merged = incoming.model_copy(deep=True)
    local = {section.id: section for section in here.sections}
    for section in merged.sections:
        mine = local.get(section.id)
        for field_name in PRIVATE_KEYS:
            if mine is None or getattr(section, field_name):
                continue
            setattr(section, field_name, getattr(mine, field_name))
            key = f"sections/{section.id}/{field_name}"
            for held, target in ((here.sync.items, merged.sync.items), (here.sync.texts, merged.sync.texts)):
                if key in held:
                    target[key] = held[key]
    return merged


def _shared(meeting: Meeting) -> Any:
    """What of `meeting` two copies must agree on to be the same meeting: all but private notes, `updated_at` and stamps."""
    return without_private(meeting.model_dump(mode="json", exclude={"updated_at", "sync"}))


def _private_brought_in(incoming: Meeting, here: Meeting) -> tuple[Meeting, list[str]]:
    """`here` with the private notes of `incoming` where here has none or fewer (incoming's start with them).

    Where both hold different private notes, the ones here are kept and a sentence says so
    (the export file still holds the others).
    """
    merged = here.model_copy(deep=True)
    merged.updated_at = max(here.updated_at, incoming.updated_at)
    clashes = []
    for section, theirs in zip(merged.sections, incoming.sections):
        if theirs.private_notes.startswith(section.private_notes):
            section.private_notes = theirs.private_notes
        elif theirs.private_notes:
            clashes.append(
                f"The meeting with {here.person} ({here.id[:8]}) holds other private notes for “{section.title}” "
                "than the export: the ones here were kept; the export file still has its own."
            )
        if theirs.prep_notes.startswith(section.prep_notes):
            section.prep_notes = theirs.prep_notes
    if merged.model_dump(exclude={"updated_at"}) == here.model_dump(exclude={"updated_at"}):
        return here, clashes
    return merged, clashes


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
