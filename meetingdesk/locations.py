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


def people_dir(root: Path) -> Path:
    """One TinyDB database per person: their profile and evidence log."""
    return root / "people"


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


def deleted_dir(root: Path) -> Path:
    """The tombstones of meetings deleted for good (ids and when, no notes): they travel, so no sync brings one back."""
    return root / "deleted"


def _folder_key(root: Path) -> str:
    """`<folder name>-<hash of its real path>`: one per data folder, so two never share machine state."""
    import hashlib

    real = os.path.realpath(root)
    key = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{Path(real).name or 'root'}-{key}"


def locks_dir(root: Path) -> Path:
    """One lock file per meeting running live in some window: in this machine's runtime folder.

    Never in the data folder, so a sync tool can't replace a held lock. The runtime folder
    is emptied when the machine restarts, as locks should be; where the platform has none
    that can be written, the cache folder serves.
    """
    import warnings

    from platformdirs import user_runtime_dir

    with warnings.catch_warnings():  # no runtime folder set: platformdirs warns, and the check below decides
        warnings.simplefilter("ignore")
        runtime = Path(user_runtime_dir("meetingdesk", appauthor=False))
    base = runtime if _mine_to_write(runtime) else Path(_cache_base()) / "runtime"
    return base / _folder_key(root) / "locks"


def _mine_to_write(folder: Path) -> bool:
    """True when `folder`, or the folder it would be made in, exists, is this user's and can be written."""
    for candidate in (folder, folder.parent):
        try:
            info = candidate.stat()
        except OSError:
            continue
        owner = getattr(os, "getuid", None)
        return candidate.is_dir() and os.access(candidate, os.W_OK | os.X_OK) and (owner is None or info.st_uid == owner())
    return False


def _cache_base() -> str:
    from platformdirs import user_cache_dir

    return user_cache_dir("meetingdesk", appauthor=False)


def machine_cache_dir(root: Path) -> Path:
    """This machine's caches for the data folder `root`, under the platform's cache folder.

    Keyed by the folder's real path, so two data folders never share a cache and a
    synced data folder never carries one. Deleting it loses nothing.
    """
    return Path(_cache_base()) / _folder_key(root)


def machine_state_dir(root: Path) -> Path:
    """What this machine keeps about the data folder `root` that is not a cache: under the platform's state folder."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("meetingdesk", appauthor=False)) / _folder_key(root)


def machine_id_path() -> Path:
    """The file holding this machine's id, which every stamp it makes carries."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("meetingdesk", appauthor=False)) / "machine-id"


def copies_path(root: Path) -> Path:
    """What this machine last wrote of each meeting: merged back in when a sync tool replaces the file."""
    return machine_state_dir(root) / "copies.sqlite3"


def merged_copies_dir(root: Path) -> Path:
    """Where sync tools' conflict copies go once merged, kept for a week."""
    return machine_state_dir(root) / "merged-copies"


def index_path(root: Path) -> Path:
    """The SQLite index of the data folder `root`: rows, actions, goals and the search table."""
    return machine_cache_dir(root) / "index.sqlite3"


OLD_CACHES = ("index", "index.lock", "search-cache.json", "search-cache.json.lock", "locks")
"""What earlier versions kept inside the data folder and this one keeps in the machine's cache and runtime folders."""

GITIGNORE = """# Written by MeetingDesk. Everything else in this folder travels between your machines;
# these stay on the machine that made them.
exports/
damaged/
.*.tmp
# Caches and locks that MeetingDesk before version 2 of its files kept here:
index/
index.lock
search-cache.json
search-cache.json.lock
locks/
"""
"""The data folder's `.gitignore`: what must not be shared."""
