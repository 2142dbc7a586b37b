"""One module per screen, each loaded when first asked for.

`from meetingdesk.screens import SummaryScreen` still works, but importing this package
does not load every screen: the summary screen pulls in markdown-it and the live screen
its widgets, which the home screen doesn't need at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from meetingdesk.screens.home import HomeScreen
    from meetingdesk.screens.live import LiveScreen
    from meetingdesk.screens.summary import SummaryScreen

__all__ = ["HomeScreen", "LiveScreen", "SummaryScreen"]

_MODULES = {"HomeScreen": "home", "LiveScreen": "live", "SummaryScreen": "summary"}


def __getattr__(name: str) -> Any:
    """Import a screen's module the first time the screen is asked for."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    screen = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = screen  # later lookups skip this function
    return screen
