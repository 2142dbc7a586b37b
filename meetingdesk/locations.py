"""Every path MeetingDesk reads or writes, in one place. Nothing is created at import time."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The data folder: `$MEETINGDESK_HOME`, else the platform's user data folder."""
    home = os.environ.get("MEETINGDESK_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("meetingdesk", appauthor=False))


def meetings_dir(root: Path) -> Path:
    """One JSON file per meeting."""
    return root / "meetings"


def user_agendas_dir(root: Path) -> Path:
    """The manager's own agendas, which override built-ins of the same name."""
    return root / "agendas"


def exports_dir(root: Path) -> Path:
    """Where copied and exported summaries are written."""
    return root / "exports"


def builtin_agendas_dir() -> Path:
    """The agendas shipped with MeetingDesk."""
    return PACKAGE_DIR / "agendas"


def styles_dir() -> Path:
    """The `.tcss` files: inside the package in a wheel, beside it in a source checkout."""
    shipped = PACKAGE_DIR / "styles"
    return shipped if shipped.is_dir() else PACKAGE_DIR.parent / "styles"


def settings_path(root: Path) -> Path:
    """The manager's settings (name, date order, what the email holds and its wording), which travel with the meetings."""
    return root / "settings.json"


def damaged_dir(root: Path) -> Path:
    """Where files MeetingDesk can't read are moved, never overwritten."""
    return root / "damaged"


def trash_dir(root: Path) -> Path:
    """Where deleted meetings wait to be restored."""
    return root / "trash"


def locks_dir(root: Path) -> Path:
    """One lock file per meeting running live in some window."""
    return root / "locks"


def machine_cache_dir(root: Path) -> Path:
    """This machine's caches for the data folder `root`, under the platform's cache folder.

    Keyed by the folder's real path, so two data folders never share a cache and a
    synced data folder never carries one. Deleting it loses nothing.
    """
    import hashlib

    from platformdirs import user_cache_dir

    real = os.path.realpath(root)
    key = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(user_cache_dir("meetingdesk", appauthor=False)) / f"{Path(real).name or 'root'}-{key}"


def index_path(root: Path) -> Path:
    """The SQLite index of the data folder `root`: rows, actions, goals and the search table."""
    return machine_cache_dir(root) / "index.sqlite3"


OLD_CACHES = ("index", "index.lock", "search-cache.json", "search-cache.json.lock")
"""What earlier versions kept inside the data folder and this one keeps in the machine's cache folder."""
