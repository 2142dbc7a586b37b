"""Find meetings by any word said in them, and every action still open, across the data folder.

`SearchIndex` keeps, per meeting, one lowercased text (person, agenda title, shared
notes, priorities, actions: never private notes) plus the priorities and actions
themselves. It is cached in `<root>/search-cache.json`, keyed by meeting id with the
meeting file's mtime_ns and size, so a start after a change re-reads only the files
that changed. Nothing here imports Textual.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetingdesk.locations import meetings_dir, search_cache_path
from meetingdesk.names import name_key
from meetingdesk.storage.files import StoreError, read_meeting_file, scan_meetings, write_private_file

if TYPE_CHECKING:
    from meetingdesk.models import Meeting

CACHE_VERSION = 1
"""Bumped when the cache's layout changes; an older cache is rebuilt from the meeting files."""


_ACTION_FIELDS = {"id", "text", "owner", "due", "done_on", "dropped_reason", "agreed_on", "carried_count"}


@dataclass(frozen=True)
class PriorityEntry:
    """An agreed priority as the person view lists it."""

    text: str
    """What matters, in a sentence."""
    measure: str
    """How both will know it is achieved ("" when not given)."""
    due: date | None
    """When it should be achieved."""


@dataclass(frozen=True)
class OpenAction:
    """One open action, as the newest meeting holding it has it."""

    id: str
    """The action's id, the same in every meeting it was carried through."""
    text: str
    """What will be done."""
    owner: str
    """Who does it ("" when nobody was named)."""
    due: date | None
    """The deadline, or None."""
    meeting_id: str
    """The newest meeting holding the action: enter opens it."""
    person: str
    """The person that meeting was with."""
    meeting_date: date
    """The day of that meeting."""
    agreed_on: date
    """The day it was first agreed (the meeting's day when not recorded), for its age."""
    carried_count: int
    """How many later meetings it has been carried through while open."""

    def age_days(self, today: date) -> int:
        """Whole days since the action was agreed (never negative)."""
        return max(0, (today - self.agreed_on).days)

    def is_overdue(self, today: date) -> bool:
        """True when its deadline has passed."""
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class _Entry:
    """What the cache keeps about one meeting file."""

    stat: tuple[int, int]
    person: str
    when: str
    """The meeting's start (or set-up) time, ISO 8601 in UTC, so strings sort by time."""
    text: str
    priorities: list[dict[str, Any]]
    actions: list[dict[str, Any]]

    @classmethod
    def from_meeting(cls, meeting: Meeting, stat: tuple[int, int]) -> _Entry:
        parts = [meeting.person, meeting.agenda_title]
        parts += [section.notes for section in meeting.sections]
        for priority in meeting.priorities:
            parts += [priority.text, priority.measure]
        parts += [action.text for action in meeting.actions]
        return cls(
            stat=stat,
            person=meeting.person,
            when=meeting.when.astimezone(timezone.utc).isoformat(timespec="microseconds"),
            text="\n".join(parts).casefold(),
            priorities=[priority.model_dump(mode="json", include={"text", "measure", "due"}) for priority in meeting.priorities],
            actions=[action.model_dump(mode="json", include=_ACTION_FIELDS) for action in meeting.actions],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "mtime_ns": self.stat[0],
            "size": self.stat[1],
            "person": self.person,
            "when": self.when,
            "text": self.text,
            "priorities": self.priorities,
            "actions": self.actions,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Entry:
        return cls(
            stat=(int(data["mtime_ns"]), int(data["size"])),
            person=str(data["person"]),
            when=str(data["when"]),
            text=str(data["text"]),
            priorities=list(data["priorities"]),
            actions=list(data["actions"]),
        )

    @property
    def day(self) -> date:
        """The meeting's day in the manager's time zone."""
        return datetime.fromisoformat(self.when).astimezone().date()


def _date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


class SearchIndex:
    """Every meeting's searchable text and its actions, cached beside the meetings."""

    def __init__(self, root: Path) -> None:
        """An index of the data folder `root`; nothing is read until `refresh()`."""
        self.root = Path(root)
        self.cache_path = search_cache_path(self.root)
        self.reread = 0
        """How many meeting files the last `refresh()` had to parse (the rest came from the cache)."""
        self._entries: dict[str, _Entry] = {}
        self._newest_first: list[tuple[str, str, str]] = []
        self._ready = False
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """True once the index has been built or loaded at least once."""
        return self._ready

    def count_files(self) -> int:
        """How many meeting files there are, for "Indexing N meetings…" (no file is parsed)."""
        try:
            return len(scan_meetings(meetings_dir(self.root)))
        except StoreError:
            return 0

    def refresh(self) -> None:
        """Bring the index up to date: parse new and changed files only, then save the cache if anything changed.

        Safe to call from a worker thread; a search meanwhile sees the previous index.
        """
        with self._lock:
            entries = dict(self._entries) if self._ready else self._read_cache()
            files = self._scan()
            changed = False
            self.reread = 0
            for meeting_id in [meeting_id for meeting_id in entries if meeting_id not in files]:
                del entries[meeting_id]
                changed = True
            for meeting_id, (stat, path) in files.items():
                entry = entries.get(meeting_id)
                if entry is not None and entry.stat == stat:
                    continue
                changed = True
                self.reread += 1
                meeting = _read(path)
                if meeting is None or meeting.id != meeting_id:
                    entries.pop(meeting_id, None)
                else:
                    entries[meeting_id] = _Entry.from_meeting(meeting, stat)
            if changed or not self.cache_path.exists():
                self._write_cache(entries)
            ordered = sorted(((entry.when, meeting_id, entry.text) for meeting_id, entry in entries.items()), reverse=True)
            self._entries, self._newest_first, self._ready = entries, ordered, True

    def search(self, query: str) -> list[str]:
        """Ids of the meetings holding every word of `query` (any letter case), newest first."""
        words = query.casefold().split()
        if not words:
            return []
        return [meeting_id for _when, meeting_id, text in self._newest_first if all(word in text for word in words)]

    def open_actions(self, owner: str | None = None) -> list[OpenAction]:
        """Every open action once (as its newest meeting has it), only `owner`'s (any case) when given.

        An action done or dropped in a later meeting is not open, even if an older copy is.
        """
        wanted = name_key(owner) if owner is not None else None
        newest: dict[str, tuple[str, str, _Entry, dict[str, Any]]] = {}
        for meeting_id, entry in self._entries.items():
            for action in entry.actions:
                key = (entry.when, meeting_id)
                held = newest.get(action["id"])
                if held is None or (held[0], held[1]) < key:
                    newest[action["id"]] = (entry.when, meeting_id, entry, action)
        found: list[OpenAction] = []
        for _when, meeting_id, entry, action in newest.values():
            if action.get("done_on") or action.get("dropped_reason"):
                continue
            if wanted is not None and name_key(str(action.get("owner", ""))) != wanted:
                continue
            day = entry.day
            found.append(
                OpenAction(
                    id=action["id"],
                    text=action["text"],
                    owner=action.get("owner", ""),
                    due=_date(action.get("due")),
                    meeting_id=meeting_id,
                    person=entry.person,
                    meeting_date=day,
                    agreed_on=_date(action.get("agreed_on")) or day,
                    carried_count=int(action.get("carried_count", 0)),
                )
            )
        found.sort(key=lambda action: (action.due is None, action.due or date.max, action.text.casefold()))
        return found

    def owners(self) -> list[str]:
        """Everyone who owns an open action, each once, in alphabetical order."""
        seen: dict[str, str] = {}
        for action in self.open_actions():
            if action.owner:
                seen.setdefault(name_key(action.owner), action.owner)
        return sorted(seen.values(), key=str.casefold)

    def priorities_of(self, person: str) -> list[tuple[date, list[PriorityEntry]]]:
        """The priorities agreed with `person` (any case), grouped by meeting day, newest first."""
        wanted = name_key(person)
        grouped: list[tuple[date, list[PriorityEntry]]] = []
        for _when, meeting_id, _text in self._newest_first:
            entry = self._entries[meeting_id]
            if name_key(entry.person) != wanted or not entry.priorities:
                continue
            priorities = [
                PriorityEntry(text=item["text"], measure=item.get("measure", ""), due=_date(item.get("due")))
                for item in entry.priorities
            ]
            if grouped and grouped[-1][0] == entry.day:
                grouped[-1][1].extend(priorities)
            else:
                grouped.append((entry.day, priorities))
        return grouped

    # --- the cache file ---

    def _read_cache(self) -> dict[str, _Entry]:
        """The cached entries, or none when the cache is missing, damaged or from another version."""
        try:
            data = json.loads(self.cache_path.read_bytes())
            if data.get("version") != CACHE_VERSION:
                return {}
            return {meeting_id: _Entry.from_json(item) for meeting_id, item in data["meetings"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def _write_cache(self, entries: dict[str, _Entry]) -> None:
        document = {"version": CACHE_VERSION, "meetings": {key: entry.to_json() for key, entry in entries.items()}}
        try:
            write_private_file(self.cache_path, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        except StoreError:
            # The cache only saves time: without it the next start re-reads every file.
            pass

    def _scan(self) -> dict[str, tuple[tuple[int, int], str]]:
        try:
            return scan_meetings(meetings_dir(self.root))
        except StoreError:
            return {}


def _read(path: str) -> Meeting | None:
    """The meeting in `path`, or None when it can't be read (the store reports and moves those)."""
    try:
        return read_meeting_file(Path(path))
    except StoreError:
        return None
