"""The format of the index's month files: one TinyDB-format JSON file per month, `index/<YYYY-MM>.json`.

Each file is `{"meetings": {"1": row, "2": row, ...}}`, so TinyDB can open it. The
index keeps what it read in memory and writes a whole month file at once.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from meetingdesk.storage.files import MEETING_ID, FileStat
from meetingdesk.storage.rows import MeetingRow

INDEX_TABLE = "meetings"
"""The TinyDB table inside each month file that holds one row per meeting."""

ShardSignature = tuple[int, int, int]
"""A shard file's (inode, mtime_ns, size): atomic replaces change the inode, so another writer shows."""

_STATUSES = frozenset({"live", "ended"})
"""The values of models.MeetingStatus, spelled out so listing meetings needs no pydantic."""


def shard_name(when: datetime) -> str:
    """The index shard that lists a meeting held at `when`: its UTC month, as `YYYY-MM`."""
    when = when.astimezone(timezone.utc)
    return f"{when.year:04d}-{when.month:02d}"


def stored_row(row: MeetingRow, stat: FileStat) -> dict[str, Any]:
    """The index document for `row`: the row's fields, times in ISO 8601, plus its file's mtime_ns and size."""
    return {
        "id": row.id,
        "person": row.person,
        "manager": row.manager,
        "agenda_name": row.agenda_name,
        "agenda_title": row.agenda_title,
        "created_at": row.created_at.isoformat(),
        "started_at": row.started_at.isoformat() if row.started_at is not None else None,
        "ended_at": row.ended_at.isoformat() if row.ended_at is not None else None,
        "status": row.status,
        "open_actions": row.open_actions,
        "actions": row.actions,
        "priorities": row.priorities,
        "mtime_ns": stat[0],
        "size": stat[1],
    }


def row_from_document(document: dict[str, Any]) -> tuple[MeetingRow, FileStat]:
    """A row and its file's stat from one index document, with cheap shape checks instead of pydantic.

    The index is the store's own cache, written atomically; these checks only catch a
    hand-edited or foreign file. KeyError, TypeError or ValueError mean: read that shard's files again.
    Kept lean on purpose: it runs 10,000 times on every start.
    """
    parse = datetime.fromisoformat
    created = parse(document["created_at"])
    started, ended = document["started_at"], document["ended_at"]
    row = MeetingRow(
        document["id"],
        document["person"],
        document["manager"],
        document["agenda_name"],
        document["agenda_title"],
        created,
        None if started is None else parse(started),
        None if ended is None else parse(ended),
        document["status"],
        document["open_actions"],
        document["actions"],
        document["priorities"],
    )
    stat = (document["mtime_ns"], document["size"])
    if not (
        type(row.id) is str
        and type(row.person) is str
        and type(row.manager) is str
        and type(row.agenda_name) is str
        and type(row.agenda_title) is str
        and row.status in _STATUSES
        and type(row.open_actions) is int
        and type(row.actions) is int
        and type(row.priorities) is int
        and type(stat[0]) is int
        and type(stat[1]) is int
        and created.tzinfo is not None
        and (row.started_at is None or row.started_at.tzinfo is not None)
        and MEETING_ID.fullmatch(row.id)
    ):
        raise ValueError("an index row of the wrong shape")
    return row, stat


def shard_text(documents: list[dict[str, Any]]) -> str:
    """One shard as TinyDB stores a table, `{"meetings": {"1": row, "2": row, ...}}`, so TinyDB can still open it.

    Built in one go rather than through TinyDB's `Table.insert`, which copies the whole
    table on every insert and would rewrite the file once per row.
    """
    table = {str(number): document for number, document in enumerate(documents, start=1)}
    return json.dumps({INDEX_TABLE: table}, ensure_ascii=False, separators=(",", ":"))


def list_shards(index_dir: Path) -> dict[str, ShardSignature]:
    """Every month file in `index_dir` with its signature: one scandir, nothing parsed."""
    found: dict[str, ShardSignature] = {}
    try:
        entries = list(os.scandir(index_dir))
    except OSError:
        return found
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not name.endswith(".json"):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        found[name[: -len(".json")]] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return found


def read_shard(path: Path) -> tuple[list[tuple[MeetingRow, FileStat]], ShardSignature | None] | None:
    """The rows in one month file and its signature; None if it is unreadable, ([], None) if it is gone."""
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            raw = file.read()
    except FileNotFoundError:
        return [], None
    except OSError:
        return None
    try:
        table = json.loads(raw)[INDEX_TABLE]
        rows = [row_from_document(document) for document in table.values()]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return rows, (info.st_ino, info.st_mtime_ns, info.st_size)
