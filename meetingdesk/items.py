"""Which parts of a meeting are items that change, and merge, on their own.

Read from the models themselves, so a field added to a model merges without being
named here: every list of records that have an `id` is a collection of items (at any
depth), each item's other fields are its value, and each field of the meeting itself
is its own item. Only two kinds of field are named, because they merge differently:
texts where two machines' edits are both kept, and sets of ticks. Nothing here
touches the disk or imports Textual.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

TEXTS_KEPT_BOTH = frozenset({"notes", "private_notes"})
"""Text fields where edits made on two machines are both kept, marked, rather than one dropped."""
TICK_SETS = frozenset({"prompts_done"})
"""List fields that are sets of ticks: each tick is added or removed on its own."""
MEETING_OWN = frozenset({"id", "schema_version", "updated_at", "sync"})
"""Fields of the meeting that are not items: its identity, its format, when it last changed, its stamps."""


@dataclass(frozen=True, eq=False)
class Shape:
    """Where the items are in one kind of record."""

    collections: dict[str, Shape] = field(default_factory=dict)
    """Fields holding lists of records with ids, and the shape of those records."""
    texts: frozenset[str] = frozenset()
    """Fields that are texts kept from both machines."""
    sets: frozenset[str] = frozenset()
    """Fields that are sets of ticks."""


def _listed_record(annotation: object) -> type[BaseModel] | None:
    """The record type of `list[Record]` (or `list[Record] | None`) when Record has an `id`."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        found = [_listed_record(part) for part in typing.get_args(annotation)]
        return next((record for record in found if record is not None), None)
    if typing.get_origin(annotation) is not list:
        return None
    (inner,) = typing.get_args(annotation) or (None,)
    if isinstance(inner, type) and issubclass(inner, BaseModel) and "id" in inner.model_fields:
        return inner
    return None


def shape_of(model: type[BaseModel]) -> Shape:
    """The shape of `model`'s records, read from its fields."""
    collections: dict[str, Shape] = {}
    for name, info in model.model_fields.items():
        record = _listed_record(info.annotation)
        if record is not None:
            collections[name] = shape_of(record)
    names = set(model.model_fields)
    return Shape(collections, TEXTS_KEPT_BOTH & names, TICK_SETS & names)


@cache
def meeting_shape() -> Shape:
    """The shape of a meeting file."""
    from meetingdesk.models import Meeting

    return shape_of(Meeting)


Stamp = str
"""When and where an item changed: `<milliseconds>.<counter>@<machine>` (storage/stamps.py), "" for never stamped.
Stamps compare as strings, oldest first."""


class TextVersions(BaseModel):
    """A text's merge state: the machines' edits it already includes, and its versions when two machines edited it."""

    model_config = ConfigDict(extra="allow")

    seen: dict[str, Stamp] = Field(default_factory=dict)
    """For each machine, the newest of its edits this text already includes."""
    versions: list[tuple[Stamp, str]] = Field(default_factory=list)
    """When edited on two machines at once: each edit (its stamp and its text), all of them kept."""


class SyncInfo(BaseModel):
    """What two copies of a meeting merge by: when each item last changed, and which were deleted.

    Keys name an item by its place: `status` (a field of the meeting), `actions/<id>`,
    `sections/<id>/notes`, `sections/<id>/prompts_done/<n>` (a tick).
    """

    model_config = ConfigDict(extra="allow")

    items: dict[str, tuple[Stamp, str]] = Field(default_factory=dict)
    """For each item: the stamp of its last change and a digest of its value then (a change since shows as a new digest)."""
    gone: dict[str, Stamp] = Field(default_factory=dict)
    """Deleted items (and removed ticks): when they were deleted. An older edit never brings one back."""
    orders: dict[str, tuple[Stamp, list[str]]] = Field(default_factory=dict)
    """For each list of items: when it was last arranged, and the order of ids then."""
    texts: dict[str, TextVersions] = Field(default_factory=dict)
    """For each text edited on top of another machine's edit, or on two machines at once: its merge state."""
