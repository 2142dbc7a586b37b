"""MeetingDesk: run review and career conversations from the terminal."""

__version__ = "0.1.0"
