"""Which parts of a meeting are items that change, and merge, on their own.

Read from the models themselves, so a field added to a model merges without being
named here: every list of records that have an `id` is a collection of items (at any
depth), each item's other fields are its value, and each field of the meeting itself
is its own item. Only two kinds of field are named, because they merge differently:
texts where two machines' edits are both kept, and sets of ticks. Nothing here
touches the disk or imports Textual, and pydantic only once a shape is asked for.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cache


TEXTS_KEPT_BOTH = frozenset({"notes", "private_notes", "prep_notes"})
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


def _listed_record(annotation: object) -> type | None:
    """The record type of `list[Record]` (or `list[Record] | None`) when Record has an `id`."""
    from pydantic import BaseModel

    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        found = [_listed_record(part) for part in typing.get_args(annotation)]
        return next((record for record in found if record is not None), None)
    if typing.get_origin(annotation) is not list:
        return None
    (inner,) = typing.get_args(annotation) or (None,)
    if isinstance(inner, type) and issubclass(inner, BaseModel) and "id" in inner.model_fields:
        return inner
    return None


def shape_of(model: type) -> Shape:
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

