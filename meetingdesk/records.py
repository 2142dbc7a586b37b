"""What every record MeetingDesk saves is built on. Nothing here touches the disk or imports Textual."""

from __future__ import annotations

from datetime import datetime, timezone

from pydantic import BaseModel, ConfigDict, model_validator


class Record(BaseModel):
    """What every saved record shares: numbers must be finite (JSON's Infinity and NaN are refused).

    Fields this MeetingDesk does not know (written by a newer one) are kept on load and
    written back on save, never dropped.
    """

    model_config = ConfigDict(allow_inf_nan=False, extra="allow")

    @model_validator(mode="before")
    @classmethod
    def _not_what_it_works_out(cls, data: object) -> object:
        # A value the record works out itself (a computed field, written for other tools) is not read back.
        if isinstance(data, dict) and cls.model_computed_fields:
            return {key: value for key, value in data.items() if key not in cls.model_computed_fields}
        return data


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)
