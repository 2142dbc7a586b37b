"""What every record MeetingDesk saves is built on. Nothing here touches the disk or imports Textual."""

from __future__ import annotations

from datetime import datetime, timezone

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """What every saved record shares: numbers must be finite (JSON's Infinity and NaN are refused)."""

    model_config = ConfigDict(allow_inf_nan=False)


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)
