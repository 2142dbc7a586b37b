"""Merging copies of a meeting item by item, so any order and any grouping of merges give the same meeting.

A copy is read as a state: each item's value with the stamp of its last change, the
deleted items with when they were deleted, how each list was last arranged, and each
text's versions. Two states join item by item: the later stamp wins; a deletion wins
over every older edit; a text edited on two machines at once keeps both versions, marked.
Each of these joins is commutative, associative and idempotent, and so is the whole.
`whole-file` times such as `updated_at` decide nothing.

`stamp()` is the other half: before a save, every item whose value changed since its
last stamp gets a new one, and every item gone since gets a tombstone. Which parts of
a meeting are items is read from the models (items.py), so new fields merge too.
Nothing here touches the disk or imports Textual.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from meetingdesk.items import Shape, meeting_shape
from meetingdesk.storage.stamps import StampClock, machine_of, stamp_millis

if TYPE_CHECKING:
    from meetingdesk.models import Meeting

EDITED_TWICE = "[Edited on two machines at once: both versions are kept below. Edit these notes to keep what you want.]"
"""The first line of a text that two machines edited at once; each version follows under its own line."""


def canonical(value: Any) -> str:
    """One JSON text per value, whatever its key order: what ties are broken on and digests are made of."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(value: Any) -> str:
    """A short digest of a value: a different digest means the value changed since it was stamped."""
    return hashlib.blake2b(canonical(value).encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True)
class Text:
    """A text's merge state: its versions (stamp, text), and the newest edit per machine it already includes."""

    versions: frozenset[tuple[str, str]]
    seen: tuple[tuple[str, str], ...]


@dataclass
class State:
    """One copy of a meeting, as the join sees it."""

    values: dict[str, tuple[str, Any]]
    """Each item's stamp and value (a field of the meeting, a listed record's own fields, a tick)."""
    gone: dict[str, str]
    """Deleted items: when."""
    orders: dict[str, tuple[str, tuple[str, ...]]]
    """Each list: when it was last arranged, and its ids in that order."""
    texts: dict[str, Text]
    """Each text kept from both machines."""
    own: dict[str, Any]
    """The meeting's id, format and when it last changed: merged by rule, not by stamp."""


@dataclass
class _Content:
    values: dict[str, Any]
    orders: dict[str, list[str]]
    texts: dict[str, str]


def _content(doc: dict[str, Any], shape: Shape) -> _Content:
    """The items of a dumped meeting, each under its key, without any stamp."""
    found = _Content({}, {}, {})
    _walk(doc, shape, "", found, root=True)
    return found


def _walk(node: dict[str, Any], shape: Shape, prefix: str, found: _Content, *, root: bool = False) -> dict[str, Any]:
    """Put the items of `node` into `found`; the fields that are `node`'s own value."""
    from meetingdesk.items import MEETING_OWN

    own: dict[str, Any] = {}
    for name, value in node.items():
        key = prefix + name
        if name in shape.collections and isinstance(value, list):
            ids: list[str] = []
            for record in value:
                item_key = f"{key}/{record['id']}"
                if record["id"] in ids:
                    continue
                ids.append(record["id"])
                found.values[item_key] = _walk(record, shape.collections[name], item_key + "/", found)
            found.orders[key] = ids
        elif name in shape.texts and isinstance(value, str):
            found.texts[key] = value
        elif name in shape.sets and isinstance(value, list):
            for element in value:
                found.values[f"{key}/{canonical(element)}"] = True
        elif not root:
            own[name] = value
        elif name not in MEETING_OWN:
            found.values[key] = value
    return own


def _newer(seen: dict[str, str], stamps: list[str]) -> dict[str, str]:
    """`seen` with each machine's entry moved on to the newest of `stamps` made there."""
    merged = dict(seen)
    for stamp in stamps:
        machine = machine_of(stamp)
        if machine and stamp > merged.get(machine, ""):
            merged[machine] = stamp
    return merged


EDITED_OUTSIDE = "~"
"""Added to the stamp of a value changed outside MeetingDesk (its digest no longer matches): it then counts as
changed just after that stamp, on every machine alike, and wins over the value it replaced."""


def _stamp_of(held: tuple[str, str] | None, value: Any) -> str:
    """The stamp a value counts with: its recorded one, just after it when the value was edited by another tool."""
    if not held:
        return ""
    stamp, recorded = held[0], held[1]
    return stamp + EDITED_OUTSIDE if recorded and not stamp.endswith(EDITED_OUTSIDE) and digest(value) != recorded else stamp


def state_of(doc: dict[str, Any], shape: Shape | None = None) -> State:
    """A dumped meeting (`model_dump(mode="json")`) as the join sees it."""
    shape = shape or meeting_shape()
    content = _content(doc, shape)
    sync = doc.get("sync") or {}
    items = sync.get("items") or {}
    registers = sync.get("orders") or {}
    entries = sync.get("texts") or {}
    texts = {}
    for key, text in content.texts.items():
        entry = entries.get(key) or {}
        versions = entry.get("versions") or []
        seen = dict(entry.get("seen") or {})
        stamp_ = _stamp_of(items.get(key), text)
        if len(versions) > 1 and not stamp_.endswith(EDITED_OUTSIDE):
            held = frozenset((stamp, version) for stamp, version in versions)
        else:
            held = frozenset({(stamp_, text)})
            if stamp_.endswith(EDITED_OUTSIDE):  # whoever edited it had read what it replaced
                seen = _newer(seen, [version[0] for version in versions] or [stamp_.removesuffix(EDITED_OUTSIDE)])
        texts[key] = Text(held, tuple(sorted(seen.items())))
    return State(
        values={key: (_stamp_of(items.get(key), value), value) for key, value in content.values.items()},
        gone=dict(sync.get("gone") or {}),
        orders={
            key: (registers[key][0], tuple(registers[key][1])) if key in registers else ("", tuple(ids))
            for key, ids in content.orders.items()
        },
        texts=texts,
        own={name: doc[name] for name in ("id", "schema_version", "updated_at") if name in doc},
    )


# --- the join -------------------------------------------------------------------------


def join(a: State, b: State) -> State:
    """Both copies in one: item by item, the later stamp; deletions over older edits; both texts of a two-machine edit."""
    values = dict(a.values)
    for key, held in b.values.items():
        mine = values.get(key)
        if mine is None or (held[0], canonical(held[1])) > (mine[0], canonical(mine[1])):
            values[key] = held
    gone = dict(a.gone)
    for key, stamp in b.gone.items():
        if stamp > gone.get(key, ""):
            gone[key] = stamp
    orders = dict(a.orders)
    for key, register in b.orders.items():
        if key not in orders or register > orders[key]:
            orders[key] = register
    texts = dict(a.texts)
    for key, text in b.texts.items():
        texts[key] = _join_text(texts[key], text) if key in texts else text
    return State(values, gone, orders, texts, _join_own(a.own, b.own))


def _covered(stamp: str, other: Text) -> bool:
    """True when the copy `other` has already replaced the version stamped `stamp`.

    A version never stamped (a file older than stamps, an import) is replaced by any text
    that was: stamping a text is editing it after reading it.
    """
    machine = machine_of(stamp)
    seen = dict(other.seen)
    if not machine:
        return bool(seen) or any(machine_of(version[0]) for version in other.versions)
    return machine in seen and stamp <= seen[machine]


def _join_text(a: Text, b: Text) -> Text:
    """Keep each version the other copy has too, or has not replaced; include what both have seen."""
    seen_a, seen_b = dict(a.seen), dict(b.seen)
    kept = {v for v in a.versions if v in b.versions or not _covered(v[0], b)}
    kept |= {v for v in b.versions if v in a.versions or not _covered(v[0], a)}
    if not kept:  # each copy claims to have replaced the other's: keep the newest rather than nothing
        kept = {max(a.versions | b.versions)}
    seen = dict(seen_a)
    for machine, stamp in seen_b.items():
        if stamp > seen.get(machine, ""):
            seen[machine] = stamp
    return Text(frozenset(kept), tuple(sorted(seen.items())))


def _join_own(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    own = dict(a)
    if "schema_version" in b:
        own["schema_version"] = max(a.get("schema_version", 0), b["schema_version"])
    if "updated_at" in b:
        own["updated_at"] = max(a.get("updated_at", b["updated_at"]), b["updated_at"], key=datetime.fromisoformat)
    return own


# --- back to a meeting ----------------------------------------------------------------


def arrange(register: tuple[str, tuple[str, ...]] | None, stamps: dict[str, str]) -> list[str]:
    """The ids of a list's living items in order: as last arranged, then the others by when they changed."""
    placed = [item_id for item_id in dict.fromkeys(register[1] if register else ()) if item_id in stamps]
    rest = set(stamps) - set(placed)
    return placed + sorted(rest, key=lambda item_id: (stamps[item_id], item_id))


def render(state: State, shape: Shape | None = None) -> dict[str, Any]:
    """The meeting a state describes, as dumped JSON with its `sync`, ready for the models to check."""
    shape = shape or meeting_shape()
    children: dict[str, list[tuple[str, str, Any]]] = {}
    for key, (stamp, value) in state.values.items():
        parent, _, last = key.rpartition("/")
        children.setdefault(parent, []).append((last, stamp, value))
    sync: dict[str, Any] = {"items": {}, "gone": dict(sorted(state.gone.items())), "orders": {}, "texts": {}}

    def alive(key: str, stamp: str) -> bool:
        return key not in state.gone or stamp > state.gone[key]

    def build(node: dict[str, Any], inner: Shape, prefix: str) -> dict[str, Any]:
        for name, records in inner.collections.items():
            key = prefix + name
            living = {item_id: (stamp, value) for item_id, stamp, value in children.get(key, ()) if alive(f"{key}/{item_id}", stamp)}
            order = arrange(state.orders.get(key), {item_id: stamp for item_id, (stamp, _) in living.items()})
            register = state.orders.get(key)
            # A list never arranged by hand, shown as it was listed, needs no record: reading it gives the same.
            if register is not None and (register[0] or list(register[1]) != order):
                sync["orders"][key] = [register[0], list(register[1])]
            node[name] = []
            for item_id in order:
                stamp, value = living[item_id]
                sync["items"][f"{key}/{item_id}"] = [stamp, digest(value)]
                node[name].append(build(dict(sorted(value.items())), records, f"{key}/{item_id}/"))
        for name in sorted(inner.texts):
            key = prefix + name
            if key in state.texts:
                node[name] = _text(key, state.texts[key], sync)
        for name in sorted(inner.sets):
            key = prefix + name
            ticks = [(element, stamp) for element, stamp, _ in children.get(key, ()) if alive(f"{key}/{element}", stamp)]
            for element, stamp in ticks:
                sync["items"][f"{key}/{element}"] = [stamp, digest(True)]
            node[name] = sorted((json.loads(element) for element, _ in ticks), key=canonical)
        return node

    doc: dict[str, Any] = {}
    for key in sorted(key for key in state.values if "/" not in key):
        stamp, value = state.values[key]
        doc[key] = value
        sync["items"][key] = [stamp, digest(value)]
    doc.update(state.own)
    build(doc, shape, "")
    sync["items"] = dict(sorted(sync["items"].items()))
    doc["sync"] = sync
    return doc


def _text(key: str, text: Text, sync: dict[str, Any]) -> str:
    """The text to show for a text's versions, recording its merge state in `sync`."""
    versions = sorted(text.versions)
    shown = versions[0][1] if len({version for _, version in versions}) == 1 else _both(versions)
    sync["items"][key] = [versions[-1][0], digest(shown)]
    entry: dict[str, Any] = {}
    if text.seen:
        entry["seen"] = dict(text.seen)
    if len(versions) > 1:
        entry["versions"] = [list(version) for version in versions]
    if entry:
        sync["texts"][key] = entry
    return shown


def _both(versions: list[tuple[str, str]]) -> str:
    """Every version of a text two machines edited at once, oldest first, under the mark that says so."""
    lines = [EDITED_TWICE]
    for stamp, text in versions:
        millis = stamp_millis(stamp)
        when = (
            f"saved {datetime.fromtimestamp(millis / 1000, timezone.utc):%Y-%m-%d %H:%M} UTC on machine {machine_of(stamp)}"
            if millis is not None
            else "saved before versions were kept"
        )
        lines += [f"--- {when} ---", text]
    return "\n".join(lines)


# --- stamping a save ------------------------------------------------------------------


def stamp(doc: dict[str, Any], clock: StampClock, shape: Shape | None = None) -> None:
    """Give every item of `doc` that changed since its last stamp a new one, and every item gone a tombstone.

    `doc` is a dumped meeting whose `sync` is as it was loaded (or last stamped); it is
    changed in place. A value changed when its digest differs from the one its stamp
    recorded, so this needs no copy of the meeting as it was loaded.
    """
    shape = shape or meeting_shape()
    sync = doc.setdefault("sync", {})
    items = sync.setdefault("items", {})
    gone = sync.setdefault("gone", {})
    orders = sync.setdefault("orders", {})
    texts = sync.setdefault("texts", {})
    content = _content(doc, shape)
    for key, value in content.values.items():
        made = digest(value)
        held = items.get(key)
        if held is None or held[1] != made:
            items[key] = [clock.now(), made]
    for key in [key for key in items if "/" in key and key not in content.values and key not in content.texts]:
        del items[key]
        gone[key] = clock.now()
    for key, text in content.texts.items():
        made = digest(text)
        held = items.get(key)
        if held is not None and held[1] == made:
            continue
        entry = texts.get(key) or {}
        versions = entry.get("versions") or []
        replaced = [version[0] for version in versions] if len(versions) > 1 else ([held[0]] if held else [])
        seen = _newer(entry.get("seen") or {}, replaced)
        items[key] = [clock.now(), made]
        if seen:
            texts[key] = {"seen": seen}
        else:
            texts.pop(key, None)
    for key, ids in content.orders.items():
        stamps = {item_id: items[f"{key}/{item_id}"][0] for item_id in ids}
        register = orders.get(key)
        if arrange((register[0], tuple(register[1])) if register else None, stamps) != ids:
            orders[key] = [clock.now(), list(ids)]


def stamps_digest(sync: Any) -> str:
    """A digest of a meeting's stamps (its dumped `sync`): equal digests, the same stamps."""
    return digest(sync)


def stamps_in(doc: dict[str, Any]) -> list[str]:
    """Every stamp a dumped meeting holds, for the clock to observe."""
    sync = doc.get("sync") or {}
    found = [held[0] for held in (sync.get("items") or {}).values()]
    found += list((sync.get("gone") or {}).values())
    found += [register[0] for register in (sync.get("orders") or {}).values()]
    return found


# --- meetings -------------------------------------------------------------------------


def merge_documents(*docs: dict[str, Any]) -> dict[str, Any]:
    """Dumped copies of one meeting merged into one (any number, any order: the same result)."""
    shape = meeting_shape()
    states = [state_of(doc, shape) for doc in docs]
    joined = states[0]
    for state in states[1:]:
        joined = join(joined, state)
    return render(joined, shape)


def adds_anything(merged: Meeting, base: Meeting) -> bool:
    """True when `merged` holds something `base` does not (when each changed is not counted: it decides nothing)."""
    return merged.model_dump(mode="json", exclude={"updated_at"}) != merge_meetings(base).model_dump(mode="json", exclude={"updated_at"})


def merge_meetings(*meetings: Meeting) -> Meeting:
    """Copies of one meeting merged into one; ValueError if the result is not a meeting this MeetingDesk can read."""
    from meetingdesk.models import UnreadableMeeting, meeting_from_data

    merged = merge_documents(*(meeting.model_dump(mode="json") for meeting in meetings))
    try:
        return meeting_from_data(merged)
    except UnreadableMeeting as error:
        raise ValueError(f"The merged meeting {error.reason}") from None
