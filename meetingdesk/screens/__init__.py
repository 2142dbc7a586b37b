"""One module per screen."""

from meetingdesk.screens.home import HomeScreen
from meetingdesk.screens.live import LiveScreen
from meetingdesk.screens.summary import SummaryScreen

__all__ = ["HomeScreen", "LiveScreen", "SummaryScreen"]
