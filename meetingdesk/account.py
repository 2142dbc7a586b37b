"""Who is at the keyboard, as the operating system knows them: the account's full name."""

from __future__ import annotations

import os


def full_name(entry: object | None = None) -> str:
    """The account's full name from the password database ("Sam Rivera,Room 4,," → "Sam Rivera").

    `entry` is a password-database entry (`pwd.struct_passwd`), the current user's by
    default. "" when there is none (no such database, as on Windows), when the full-name
    field is empty, or when it only repeats the login name ("root"), which is no name
    to greet a manager by.
    """
    if entry is None:
        try:
            import pwd

            entry = pwd.getpwuid(os.getuid())
        except (ImportError, KeyError, OSError, AttributeError):
            return ""
    name = " ".join(str(getattr(entry, "pw_gecos", "")).split(",")[0].split())
    login = str(getattr(entry, "pw_name", ""))
    return "" if name.casefold() == login.casefold() else name
