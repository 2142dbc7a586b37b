"""The one root of every error a person can cause or fix: a bad argument, a broken agenda, a full disk.

Each subclass carries a sentence a person can act on. The shell prints it and exits
with status 2; the app shows it inline. Anything else that escapes is a bug.
"""

from __future__ import annotations


class MeetingDeskError(Exception):
    """A problem told as one sentence that names what is wrong and how to fix it."""
