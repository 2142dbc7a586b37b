"""The manager's settings, kept in the data folder's `settings.json` so they travel with the meetings.

A missing file means every default. A file that can't be used is never overwritten
without a word: reading it raises StoreError naming the file, the key and the fix.
Keys this version does not know (written by a newer one) are kept when saving.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from meetingdesk.email_draft import DEFAULT_CLOSING, DEFAULT_OPENING, EmailWording
from meetingdesk.locations import settings_path
from meetingdesk.storage.files import StoreError, write_private_file


class Settings(BaseModel):
    """What the manager can change about MeetingDesk."""

    model_config = ConfigDict(extra="allow")

    email_opening: str = DEFAULT_OPENING
    """The summary email's opening; {first_name}, {person}, {manager}, {date} and {agenda} are filled in."""
    email_closing: str = DEFAULT_CLOSING
    """The summary email's closing, with the same blanks."""

    @property
    def wording(self) -> EmailWording:
        """The opening and closing, as the summary email takes them."""
        return EmailWording(opening=self.email_opening, closing=self.email_closing)


def load_settings(root: Path) -> Settings:
    """The settings of the data folder `root`; every default when there is no file yet."""
    path = settings_path(root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"MeetingDesk can't read its settings {path} ({error}): check the file, or remove it to start from the defaults.") from None
    try:
        return Settings.model_validate(json.loads(text))
    except json.JSONDecodeError as error:
        raise StoreError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}): fix it in a text editor, or remove it to start from the defaults."
        ) from None
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "the file"
        raise StoreError(f"{path}: “{key}” {first['msg'].lower()}: fix it in a text editor, or remove the key to use its default.") from None


def save_settings(root: Path, settings: Settings) -> None:
    """Write the settings of the data folder `root` atomically, readable by the owner only."""
    write_private_file(settings_path(root), settings.model_dump_json(indent=1) + "\n")
