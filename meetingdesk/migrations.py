"""Every meeting file format this MeetingDesk reads, brought to today's: each `schema_version` step in one place.

A step changes the parsed JSON (dicts and lists) before the models check it, so an
old file loads with today's fields and is written in today's format at its next
save. Steps are deterministic: two machines upgrading the same old file give every
item the same id, so their copies still merge. Nothing here touches the disk.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from meetingdesk.items import Shape, meeting_shape


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """`raw` (parsed JSON of a meeting) in today's format; changed in place and returned.

    ValueError, naming the place, for a number that is not finite anywhere in it. Data that
    is not a meeting at all is left for the models to refuse with a sentence.
    """
    where = _not_finite(raw)
    if where is not None:
        raise ValueError(f"{where}: numbers must be finite, not Infinity or NaN")
    version = raw.get("schema_version", 1)
    if not isinstance(version, int):  # (a bool is an int here, as the models read it: false is format 0)
        return raw
    if version < 2:
        _sections_and_amendments_get_ids(raw)
        raw["schema_version"] = 2
    fill_missing_ids(raw, meeting_shape())
    return raw


def _not_finite(node: Any, where: str = "") -> str | None:
    """Where in parsed JSON a number is Infinity or NaN (Python's json reads them; fields a model doesn't know aren't checked)."""
    if isinstance(node, float) and not math.isfinite(node):
        return where or "the meeting"
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        part = str(key) if str(key).isprintable() else json.dumps(str(key))
        found = _not_finite(value, f"{where}.{part}" if where else part)
        if found is not None:
            return found
    return None


def _sections_and_amendments_get_ids(raw: dict[str, Any]) -> None:
    """Format 1 → 2: sections are numbered by position (they never move); an amendment's id comes from what it says."""
    sections = raw.get("sections")
    if isinstance(sections, list):
        for number, section in enumerate(sections, start=1):
            if isinstance(section, dict) and not section.get("id"):
                section["id"] = f"s{number}"
    amendments = raw.get("amendments")
    if isinstance(amendments, list):
        for amendment in amendments:
            if isinstance(amendment, dict) and not amendment.get("id"):
                amendment["id"] = content_id(amendment)


def content_id(record: dict[str, Any]) -> str:
    """An id made from a record's content: the same on every machine that reads the same record."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return "c" + hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def fill_missing_ids(node: dict[str, Any], shape: Shape) -> None:
    """Give every listed record in `node` that has no id (or a repeated one) an id, at any depth.

    A record without an id gets one from its content; a repeated id gets `-2`, `-3`… in
    list order. Both are the same on every machine, so the items still merge.
    """
    for name, inner in shape.collections.items():
        listed = node.get(name)
        if not isinstance(listed, list):
            continue
        taken: set[str] = set()
        for record in listed:
            if not isinstance(record, dict):
                continue
            if not isinstance(record.get("id"), str) or not record["id"]:
                record["id"] = content_id(record)
            if record["id"] in taken:
                base, counter = record["id"], 2
                while f"{base}-{counter}" in taken:
                    counter += 1
                record["id"] = f"{base}-{counter}"
            taken.add(record["id"])
            fill_missing_ids(record, inner)
