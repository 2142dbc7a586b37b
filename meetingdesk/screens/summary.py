"""The summary of a meeting: rendered on screen, copied for email, exported to a file."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from meetingdesk.widgets.key_bar import KeyBar
from meetingdesk import messages
from meetingdesk.locations import exports_dir, styles_dir
from meetingdesk.models import Meeting
from meetingdesk.store import Store, StoreError, write_private_file
from meetingdesk.summary import summary_filename, summary_markdown, summary_text


class SummaryScreen(Screen[None]):
    """What was agreed, ready to copy into an email."""

    CSS_PATH = styles_dir() / "summary.tcss"
    BINDINGS = [
        Binding("c", "copy_summary", "Copy summary", id="copy_summary", tooltip="Copy the email text to the clipboard"),
        Binding("e", "export_summary", "Export summary", id="export_summary", tooltip="Write the summary to a Markdown file"),
        Binding("escape", "home", "Meetings", id="home", tooltip="Back to the list of meetings"),
    ]

    def __init__(self, store: Store, meeting: Meeting) -> None:
        super().__init__()
        self.store = store
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(summary_markdown(self.meeting), id="summary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Summary · {self.meeting.agenda_title} with {self.meeting.person}"
        self.query_one("#summary-scroll").focus()

    def action_copy_summary(self) -> None:
        self.notify("Copying the summary…", timeout=2, markup=False)
        self._copy(summary_text(self.meeting))

    @work(thread=True, exclusive=True, group="copy")
    def _copy(self, text: str) -> None:
        from meetingdesk.clipboard import copy_text

        app = self.app
        path = exports_dir(self.store.root) / summary_filename(self.meeting, "txt")
        result = copy_text(text, path, lambda copied: app.call_from_thread(app.copy_to_clipboard, copied))
        severity = "information" if result.file is not None else "warning"
        app.call_from_thread(app.notify, result.message(), title="Copy summary", severity=severity, timeout=12, markup=False)

    def action_export_summary(self) -> None:
        path = exports_dir(self.store.root) / summary_filename(self.meeting, "md")
        try:
            write_private_file(path, summary_markdown(self.meeting))
        except StoreError as error:
            self.notify(str(error), title="Export summary", severity="error", markup=False)
            return
        self.notify(f"Summary written to {path}", title="Export summary", timeout=12, markup=False)

    def action_home(self) -> None:
        self.post_message(messages.ShowHome())
