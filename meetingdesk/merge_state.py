"""What two copies of a meeting merge by: the stamps a meeting file keeps in its `sync` field.

Pure data, read and written with the meeting (models.py); storage/merge.py gives it
meaning. Fields a newer MeetingDesk adds here are kept. Nothing here touches the disk
or imports Textual.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

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
