"""Moving meetings between data folders: a JSON export and its import.

An export is one JSON document, `{"meetingdesk_export": 1, "meetings": [...]}`, each
meeting as its own file would hold it. Private notes are emptied unless the manager
asks for them. An import reads and checks the whole document before it writes
anything, so a bad file leaves the data folder as it was; importing the same file
twice changes nothing the second time. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from meetingdesk.errors import MeetingDeskError
from meetingdesk.models import Meeting, UnreadableMeeting, meeting_from_data, utc_now
from meetingdesk.storage.files import StoreError
from meetingdesk.storage.store import Store

EXPORT_KEY = "meetingdesk_export"
"""The key that marks a JSON document as a MeetingDesk export; its value is the export format."""
EXPORT_FORMAT = 1
"""The export format this MeetingDesk writes and reads."""
PRIVATE_KEY = "private_notes"
"""The field that holds the manager's private notes, wherever it appears in a meeting."""


class TransferError(MeetingDeskError):
    """An export that can't be imported, told as one sentence that names the file."""


def without_private(data: Any) -> Any:
    """A copy of dumped meeting data (dicts and lists) with every `private_notes` value emptied.

    Walks the whole structure rather than only the sections, so a private field added
    to a nested record later is covered without touching this function.
    """
    if isinstance(data, dict):
        return {
            key: ("" if key == PRIVATE_KEY and isinstance(value, str) else without_private(value))
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [without_private(item) for item in data]
    return data


def meeting_document(meeting: Meeting, include_private: bool = False) -> dict[str, Any]:
    """`meeting` as JSON-ready data, as its file holds it; private notes emptied unless `include_private`."""
    data = meeting.model_dump(mode="json")
    return data if include_private else without_private(data)


def export_document(
    meetings: Iterable[Meeting], include_private: bool = False, exported_at: datetime | None = None
) -> dict[str, Any]:
    """The export of `meetings`: `{"meetingdesk_export": 1, "meetings": [...]}` plus when and whether private."""
    return {
        EXPORT_KEY: EXPORT_FORMAT,
        "exported_at": (exported_at or utc_now()).isoformat(),
        "include_private": include_private,
        "meetings": [meeting_document(meeting, include_private) for meeting in meetings],
    }


def export_json(meetings: Iterable[Meeting], include_private: bool = False) -> str:
    """The export of `meetings` as JSON text, ready to write to a file."""
    return json.dumps(export_document(meetings, include_private), ensure_ascii=False, indent=1) + "\n"


@dataclass
class Export:
    """A checked export: every meeting in it is valid and this MeetingDesk can read it."""

    meetings: list[Meeting]
    """The meetings, one per id (the newest copy when a file repeats an id)."""
    include_private: bool
    """False when the export was made without private notes (they are empty in `meetings`)."""


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
        # A repeated id can only come from editing the file by hand; the newest copy wins.
        held = by_id.get(meeting.id)
        if held is None or meeting.updated_at > held.updated_at:
            by_id[meeting.id] = meeting
    return Export(meetings=list(by_id.values()), include_private=document.get("include_private") is True)


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
    """Meetings written: new ones plus those that replaced an older copy."""
    replaced: int = 0
    """Of `imported`, how many replaced an older copy already in the data folder."""
    skipped: int = 0
    """Meetings not written: identical here, or the copy here is newer, or it can't be replaced."""
    kept_newer: int = 0
    """Of `skipped`, how many differ but the copy here was changed later, so it was kept."""
    private_added: int = 0
    """Of `imported`, how many are a meeting already here whose private notes the export brought in."""
    problems: list[str] = field(default_factory=list)
    """Sentences about meetings here that could not be compared (and so were left alone)."""

    def sentence(self) -> str:
        """E.g. "Imported 3 meetings, skipped 1 already here." plus what replaced or was kept."""
        text = f"Imported {_count(self.imported, 'meeting')}, skipped {self.skipped} already here."
        if self.replaced:
            text += f" {self.replaced} of those imported replaced an older copy here."
        if self.private_added:
            text += f" {self.private_added} of those imported brought private notes into a meeting already here."
        if self.kept_newer:
            text += f" {self.kept_newer} of those skipped differ, but the copy here is newer, so it was kept."
        return text


def import_meetings(store: Store, export: Export) -> ImportReport:
    """Save the export's meetings into `store`: new ids are added, an equal copy is skipped, the newer `updated_at` wins.

    Everything is decided before anything is written. When the export left private
    notes out, a replaced meeting keeps the private notes already written here, so an
    import never wipes them. Raises StoreError if the data folder can't be written.
    """
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
        if candidate == here:
            report.skipped += 1
        elif candidate.updated_at > here.updated_at:
            to_write.append(candidate)
            report.replaced += 1
        else:
            report.skipped += 1
            report.kept_newer += 1
    store.put_many(to_write)
    report.imported = len(to_write)
    return report


def _with_private_from(incoming: Meeting, here: Meeting) -> Meeting:
    """`incoming`, with the private notes of `here` where incoming's are empty and the section is the same."""
    merged = incoming.model_copy(deep=True)
    for section, local in zip(merged.sections, here.sections):
        if not section.private_notes and local.private_notes and section.title == local.title:
            section.private_notes = local.private_notes
    return merged


def _shared(meeting: Meeting) -> Any:
    """What of `meeting` two copies must agree on to be the same meeting: all but private notes and `updated_at`."""
    return without_private(meeting.model_dump(mode="json", exclude={"updated_at"}))


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
    if merged.model_dump(exclude={"updated_at"}) == here.model_dump(exclude={"updated_at"}):
        return here, clashes
    return merged, clashes


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
