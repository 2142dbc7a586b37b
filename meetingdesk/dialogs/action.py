"""Add or edit an action in one line: `Write the promotion case @Dana by 2026-12-15`."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from meetingdesk.app import desk_app
from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.locations import styles_dir
from meetingdesk.models import ActionItem, Meeting
from meetingdesk.quickadd import (
    ActionDraft,
    QuickAddError,
    describe_draft,
    parse_action,
)


def action_line(action: ActionItem, meeting: Meeting) -> str:
    """The one-line form of an existing action, so editing starts from what was saved."""
    parts = [action.text]
    if action.owner:
        first_names = {participant: participant.split()[0] for participant in meeting.participants if participant}
        if action.owner == meeting.manager:
            parts.append("@me")
        else:
            parts.append("@" + first_names.get(action.owner, action.owner.replace(" ", "")))
    if action.due:
        parts.append(f"by {action.due.isoformat()}")
    return " ".join(parts)


class ActionDialog(GuardsTyping, ModalScreen[ActionItem | None]):
    """One input; the owner and deadline it resolves to are shown before anything is saved."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, meeting: Meeting, today: date, action: ActionItem | None = None) -> None:
        super().__init__()
        self.meeting = meeting
        self.today = today
        self.action = action

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Edit action" if self.action else "Add action", classes="dialog-title")
            yield Static(
                f"What will be done, @who (@me is you, @{self.meeting.person.split()[0]} is {self.meeting.person}), "
                "by when (a date, friday, in 2 weeks, end of month, Q1, mid-January…).",
                classes="dialog-help",
                markup=False,
            )
            yield Input(
                action_line(self.action, self.meeting) if self.action else "",
                placeholder=f"Write the promotion case @{self.meeting.person.split()[0]} by end of month",
                id="line",
                select_on_focus=False,
            )
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · escape cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        desk = desk_app(self).desk
        self._known = desk.known_names()
        self._day_first = desk.day_first()
        self._preview(self.query_one("#line", Input).value)

    def _read(self, line: str) -> ActionDraft:
        """The line read with the people known by name and the manager's date order."""
        return parse_action(
            line, self.meeting.person, self.meeting.manager, self.today, known=self._known, day_first=self._day_first
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, line: str) -> None:
        preview = self.query_one("#preview", Static)
        preview.remove_class("-error")
        if not line.strip():
            preview.update("")
            return
        try:
            draft = self._read(line)
        except QuickAddError as error:
            preview.update(str(error))
            preview.add_class("-error")
        else:
            preview.update("Will save: " + describe_draft(draft, self.today))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            draft = self._read(event.value)
        except QuickAddError as error:
            preview = self.query_one("#preview", Static)
            preview.update(str(error))
            preview.add_class("-error")
            return
        kept = {"id": self.action.id, "done_on": self.action.done_on} if self.action else {}
        self.dismiss(ActionItem(text=draft.text, owner=draft.owner, due=draft.due, **kept))

