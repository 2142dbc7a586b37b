"""Ids of meetings and of what they hold. Nothing here imports pydantic, Textual or storage."""

from __future__ import annotations

import re
import uuid

MEETING_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
"""What a meeting id may look like: it is also its file's name."""


def new_id() -> str:
    """A new meeting, priority or action id: 32 hex digits, so any 6-digit prefix is usually unique."""
    return uuid.uuid4().hex
