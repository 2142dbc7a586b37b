"""Add or edit an agreed priority: what, how it is measured, by when; or a stretch assignment and how it went."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from meetingdesk.app import desk_app
from meetingdesk.dates import QuickAddError, format_date, parse_deadline, weekend_note
from meetingdesk.locations import styles_dir
from meetingdesk.models import Priority


class PriorityDialog(ModalScreen[Priority | None]):
    """What, the measure, the date; only the text is required. Enter in any field saves.

    A stretch assignment (a micro-experience: `stretch`, or editing one) needs its date, and
    has an outcome to fill in once it is done.
    """

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, today: date, priority: Priority | None = None, stretch: bool = False) -> None:
        super().__init__()
        self.today = today
        self.priority = priority
        self.stretch = stretch or (priority is not None and priority.kind == "stretch assignment")

    def compose(self) -> ComposeResult:
        priority = self.priority
        with Vertical(classes="dialog"):
            what = "stretch assignment" if self.stretch else "priority"
            yield Static(f"Edit {what}" if priority else f"Add {what}", classes="dialog-title")
            yield Label("A short, visible assignment that grows them" if self.stretch else "Priority both of you agreed")
            yield Input(priority.text if priority else "", placeholder="Lead the Q1 planning review", id="text", select_on_focus=False)
            yield Label("How you will both know it is done (optional)")
            yield Input(priority.measure if priority else "", placeholder="Plan signed off by the leadership team", id="measure", select_on_focus=False)
            yield Label("By when" if self.stretch else "By when (optional)")
            yield Input(
                priority.due.isoformat() if priority and priority.due else "",
                placeholder="2027-03-31, end of quarter, in 6 weeks…",
                id="due",
                select_on_focus=False,
            )
            if self.stretch:
                yield Label("Outcome, once it is done (optional)")
                yield Input(
                    priority.outcome if priority else "",
                    placeholder="Ran the board review; asked to lead the next one",
                    id="outcome",
                    select_on_focus=False,
                )
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · tab next field · escape cancels", classes="dialog-keys")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self._read_due()

    def _read_due(self) -> tuple[bool, date | None]:
        """Whether the date field is usable, and its date; shows what it resolves to."""
        preview = self.query_one("#preview", Static)
        text = self.query_one("#due", Input).value.strip()
        preview.remove_class("-error")
        if not text:
            preview.update("")
            return True, None
        try:
            due = parse_deadline(text, self.today, desk_app(self).desk.day_first())
        except QuickAddError as error:
            preview.update(str(error))
            preview.add_class("-error")
            return False, None
        preview.update(f"Due {format_date(due)}{weekend_note(due)}")
        return True, due

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(self.query_one("#text", Input).value.split())
        if not text:
            preview = self.query_one("#preview", Static)
            preview.update("Say what the priority is.")
            preview.add_class("-error")
            self.query_one("#text", Input).focus()
            return
        usable, due = self._read_due()
        if not usable:
            self.query_one("#due", Input).focus()
            return
        stretch = self.stretch
        if stretch and due is None:
            preview = self.query_one("#preview", Static)
            preview.update("A stretch assignment needs its date: when will it happen?")
            preview.add_class("-error")
            self.query_one("#due", Input).focus()
            return
        fields = {
            "text": text,
            "measure": " ".join(self.query_one("#measure", Input).value.split()),
            "due": due,
            "kind": "stretch assignment" if stretch else "goal",
            "outcome": " ".join(self.query_one("#outcome", Input).value.split()) if stretch else "",
        }
        # Editing keeps everything else the goal holds (its id, its history).
        self.dismiss(self.priority.model_copy(update=fields) if self.priority else Priority(**fields))

    def action_cancel(self) -> None:
        self.dismiss(None)
