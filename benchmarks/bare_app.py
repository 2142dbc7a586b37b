"""The floor MeetingDesk is measured against: a bare Textual app with a Header, a focused TextArea and a Footer.

    python benchmarks/bare_app.py

Its title, "Bench floor", is the marker `run.py` waits for to time the first frame.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, TextArea

TITLE = "Bench floor"
"""Shown in the header on the first frame."""


class BareApp(App[None]):
    """Nothing but what every MeetingDesk screen has at least."""

    TITLE = TITLE

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(id="notes", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    BareApp().run()
