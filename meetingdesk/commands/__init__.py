"""The shell commands that print or write and return: they never start Textual.

Each module adds its subcommands to the parser (`add_commands`) and maps each name
to the function that runs it (`COMMANDS`). Each function imports only what it needs,
inside itself, so `meetingdesk list` does not pay for what `meetingdesk show` uses.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from meetingdesk.errors import MeetingDeskError

if TYPE_CHECKING:
    from meetingdesk.desk import Desk
    from meetingdesk.storage.store import Store


class CommandError(MeetingDeskError):
    """A mistake in how the command was called: one sentence naming the argument and the fix."""


def open_desk(check_files: bool = True) -> Desk:
    """The desk on the data folder; what it merged and files it could not use are reported on stderr.

    The index reads the meetings folder only if something was added, replaced or
    removed there since it last looked (a file edited in place by hand shows after the
    app's next look), so a shell command costs the same at 10 or 100,000 meetings.
    """
    from meetingdesk.desk import Desk

    return Desk(open_store(check_files))


def open_store(check_files: bool = True) -> Store:
    """The data folder's store, opened as `open_desk` opens it, for a command that needs no more (`log`)."""
    from meetingdesk.locations import data_dir
    from meetingdesk.storage.store import Store

    store = Store(data_dir())
    store.open(check_files=check_files, quick=True, progress=_reading if sys.stderr.isatty() else None)
    for sentence in [*store.warnings, *store.news, *store.problems]:
        print(f"meetingdesk: {sentence}", file=sys.stderr)
    return store


def _reading(done: int, total: int) -> None:
    """Say how far reading every meeting into a new index has come (only on a terminal)."""
    end = "\n" if done >= total else ""
    print(f"\rmeetingdesk: reading {total:,} meetings into a new index: {done:,} so far", end=end, file=sys.stderr, flush=True)
