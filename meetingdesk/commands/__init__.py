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


class CommandError(MeetingDeskError):
    """A mistake in how the command was called: one sentence naming the argument and the fix."""


def open_desk(check_files: bool = True) -> Desk:
    """The desk on the data folder; files it could not use are reported on stderr."""
    from meetingdesk.desk import Desk
    from meetingdesk.locations import data_dir
    from meetingdesk.storage.store import Store

    store = Store(data_dir())
    store.open(check_files=check_files)
    for problem in store.problems:
        print(f"meetingdesk: {problem}", file=sys.stderr)
    return Desk(store)
