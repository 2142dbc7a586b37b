"""Set next check-in: how often the two of you meet, and the day you meet next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from meetingdesk.app import desk_app
from meetingdesk.dates import QuickAddError, format_date, weekend_note
from meetingdesk.dialogs.goal import read_day
from meetingdesk.goals import CADENCE_CHOICES, PlanError, parse_cadence
from meetingdesk.locations import styles_dir
from meetingdesk.models import CADENCES, Cadence


@dataclass(frozen=True)
class CheckInChoice:
    """What the manager agreed: the next check-in (None: not planned) and the cadence."""

    next_check_in: date | None
    cadence: Cadence | None


class CheckInDialog(ModalScreen[CheckInChoice | None]):
    """Two fields: the cadence (prefilled with the person's) and the date (prefilled from the cadence)."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, person: str, today: date, cadence: Cadence | None, current: date | None, suggest: Callable[[Cadence | None], date | None]) -> None:
        super().__init__()
        self.person = person
        self.today = today
        self.cadence = cadence
        self.current = current
        self.suggest = suggest
        self._suggested = ""
        """The date the form last put in the date field; while it is still there, a new cadence replaces it."""

    def compose(self) -> ComposeResult:
        suggested = self.suggest(self.cadence)
        self._suggested = suggested.isoformat() if suggested else ""
        with Vertical(classes="dialog"):
            yield Static(f"Next check-in with {self.person}", classes="dialog-title", markup=False)
            yield Label(f"How often: {CADENCE_CHOICES}")
            yield Input(
                self.cadence or "",
                placeholder="every 2 weeks",
                id="cadence",
                suggester=SuggestFromList(CADENCES, case_sensitive=False),
                select_on_focus=False,
                compact=True,
            )
            yield Label("The next check-in (a date, in 2 weeks, next friday, 15 jan…)")
            yield Input(self.current.isoformat() if self.current else self._suggested, placeholder="in 2 weeks", id="when", select_on_focus=False, compact=True)
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · tab next field · escape cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()
        self._read()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "cadence":
            cadence = self._cadence(quiet=True)
            when = self.query_one("#when", Input)
            if cadence is not False and when.value.strip() == self._suggested:
                suggested = self.suggest(cadence)
                self._suggested = suggested.isoformat() if suggested else ""
                when.value = self._suggested
        self._read()

    def _cadence(self, quiet: bool = False):
        """The cadence typed (None for none typed), or False when it names none."""
        text = self.query_one("#cadence", Input).value
        if not text.strip():
            return None
        try:
            return parse_cadence(text)
        except PlanError as error:
            if not quiet:
                self._show(str(error), error=True)
            return False

    def _show(self, text: str, error: bool = False) -> None:
        preview = self.query_one("#preview", Static)
        preview.update(text)
        preview.set_class(error, "-error")

    def _read(self) -> CheckInChoice | None:
        """What the form says, shown as it resolves; None (with the reason shown) when a field can't be read."""
        cadence = self._cadence()
        if cadence is False:
            return None
        text = self.query_one("#when", Input).value.strip()
        when = None
        if text:
            try:
                when = read_day(text, self.today, self.current, desk_app(self).desk.day_first())
            except QuickAddError as error:
                self._show(str(error), error=True)
                return None
        rhythm = f" ({cadence})" if cadence and cadence != "none" else ""
        self._show(f"Next check-in: {format_date(when)}{weekend_note(when)}{rhythm}" if when else f"No next check-in planned{rhythm}.")
        return CheckInChoice(when, cadence)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        choice = self._read()
        if choice is None:
            failing = "#cadence" if self._cadence(quiet=True) is False else "#when"
            self.query_one(failing, Input).focus()
            return
        self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)
