"""`settings.json` in the data folder: read it (defaults when missing), write it atomically.

A file that can't be read stops the command with one sentence naming the file, the
key and the fix; it is never overwritten behind the manager's back.
"""

from __future__ import annotations

import json
from pathlib import Path

from meetingdesk.locations import settings_path
from meetingdesk.settings import Settings
from meetingdesk.storage.files import StoreError, write_private_file


class SettingsError(StoreError):
    """settings.json can't be read: the sentence names the file, the key and how to fix it."""


def read_settings(root: Path) -> Settings:
    """The settings kept in the data folder `root`; the defaults when there is no file yet."""
    from pydantic import ValidationError

    path = settings_path(root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise SettingsError(f"MeetingDesk can't read its settings file {path} ({reason}): check its permissions.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SettingsError(
            f"The settings file {path} is not valid JSON (line {error.lineno}): fix it, or delete it to start from the defaults."
        ) from None
    if not isinstance(data, dict):
        raise SettingsError(f"The settings file {path} must hold a JSON object: fix it, or delete it to start from the defaults.")
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "the file"
        raise SettingsError(
            f"The settings file {path} has a bad value for “{key}” ({first['msg']}): fix it, or delete the key to use the default."
        ) from None


def write_settings(root: Path, settings: Settings) -> None:
    """Replace settings.json in `root` with `settings` (0600, atomically); StoreError says why it could not."""
    write_private_file(settings_path(root), settings.model_dump_json(indent=1) + "\n")
