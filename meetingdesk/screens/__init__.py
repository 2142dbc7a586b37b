"""One module per screen, each loaded when first asked for.

`from meetingdesk.screens import RecordScreen` works, but importing this package
does not load every screen: the record screen pulls in markdown-it and the live
screen its widgets, which the home screen doesn't need at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meetingdesk.screens.due import DueScreen
    from meetingdesk.screens.home import HomeScreen
    from meetingdesk.screens.last_meeting import LastMeetingScreen
    from meetingdesk.screens.live import LiveScreen
    from meetingdesk.screens.new_meeting import NewMeetingScreen
    from meetingdesk.screens.open_actions import OpenActionsScreen
    from meetingdesk.screens.person import PersonScreen
    from meetingdesk.screens.prep import PrepScreen
    from meetingdesk.screens.record import RecordScreen
    from meetingdesk.screens.team import TeamScreen
    from meetingdesk.screens.trash import TrashScreen

__all__ = [
    "DueScreen",
    "HomeScreen",
    "LastMeetingScreen",
    "LiveScreen",
    "NewMeetingScreen",
    "OpenActionsScreen",
    "PersonScreen",
    "PrepScreen",
    "RecordScreen",
    "TeamScreen",
    "TrashScreen",
]

_MODULES = {
    "DueScreen": "due",
    "HomeScreen": "home",
    "LastMeetingScreen": "last_meeting",
    "LiveScreen": "live",
    "NewMeetingScreen": "new_meeting",
    "OpenActionsScreen": "open_actions",
    "PersonScreen": "person",
    "PrepScreen": "prep",
    "RecordScreen": "record",
    "TeamScreen": "team",
    "TrashScreen": "trash",
}


def __getattr__(name: str) -> Any:
    """Import a screen's module the first time the screen is asked for."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    screen = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = screen  # later lookups skip this function
    return screen
