"""Add or edit a goal: what, how it is measured, by when, and its milestones; or a stretch assignment and how it went."""

from __future__ import annotations

import re
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from meetingdesk.app import desk_app
from meetingdesk.dates import QuickAddError, format_date, parse_deadline, weekend_note
from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.locations import styles_dir
from meetingdesk.models import Milestone, Priority

_BY = re.compile(r"\s+by\s+(?!.*\sby\s)", re.IGNORECASE)
"""The last " by " of a milestone line: what comes after it is the date."""


def read_day(text: str, today: date, kept: date | None = None, day_first: bool = True) -> date:
    """The date typed (3/4 read day first unless `day_first` is False); a date saved before (shown as
    it was) is kept even when it has passed."""
    if kept is not None and text.strip() == kept.isoformat():
        return kept
    return parse_deadline(text, today, day_first)


def milestone_lines(milestones: list[Milestone]) -> str:
    """The milestones as the dialog shows them: one a line, `text by YYYY-MM-DD`."""
    return "\n".join(f"{m.text} by {m.due.isoformat()}" if m.due else m.text for m in milestones)


def read_milestones(text: str, today: date, held: list[Milestone], day_first: bool = True) -> list[Milestone]:
    """One milestone per non-empty line, `text by <date>` (the date optional); QuickAddError names the line.

    A line naming a milestone already held keeps its id and the day it was met.
    """
    by_text = {milestone.text: milestone for milestone in held}
    found: list[Milestone] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        parts = _BY.split(line, maxsplit=1)
        words = parts[0]
        old = by_text.get(words)
        due = None
        if len(parts) == 2:
            try:
                due = read_day(parts[1], today, old.due if old else None, day_first)
            except QuickAddError as error:
                raise QuickAddError(f"Milestone “{words}”: {error}") from None
        kept = {"id": old.id, "done_on": old.done_on} if old else {}
        found.append(Milestone(text=words, due=due, **kept))
    return found


class GoalDialog(GuardsTyping, ModalScreen[Priority | None]):
    """Text, measure, date and milestones; only the text is required. Enter in a one-line field saves.

    A stretch assignment (a micro-experience: `stretch`, or editing one) needs its date, and
    has an outcome to fill in once it is done.
    """

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, today: date, goal: Priority | None = None, stretch: bool = False) -> None:
        super().__init__()
        self.today = today
        self.goal = goal
        self.stretch = stretch or (goal is not None and goal.kind == "stretch assignment")

    def compose(self) -> ComposeResult:
        goal = self.goal
        with Vertical(classes="dialog"):
            what = "stretch assignment" if self.stretch else "goal"
            yield Static(f"Edit {what}" if goal else f"Add {what}", classes="dialog-title")
            yield Label("A short, visible assignment that grows them" if self.stretch else "Goal both of you agreed")
            yield Input(goal.text if goal else "", placeholder="Lead the Q1 planning review", id="text", select_on_focus=False, compact=True)
            yield Label("How you will both know it is achieved")
            yield Input(goal.measure if goal else "", placeholder="Plan signed off by the leadership team", id="measure", select_on_focus=False, compact=True)
            yield Label("By when")
            yield Input(
                goal.due.isoformat() if goal and goal.due else "",
                placeholder="2027-03-31, end of quarter, in 6 weeks…",
                id="due",
                select_on_focus=False,
                compact=True,
            )
            if self.stretch:
                yield Label("Outcome, once it is done (optional)")
                yield Input(
                    goal.outcome if goal else "",
                    placeholder="Ran the board review; asked to lead the next one",
                    id="outcome",
                    select_on_focus=False,
                    compact=True,
                )
            yield Label("Milestones (optional), one a line: Draft plan by 15 jan")
            yield TextArea(milestone_lines(goal.milestones) if goal else "", id="milestones", soft_wrap=True, compact=True)
            yield Static("", id="preview", markup=False)
            yield Static("enter in a one-line field saves · tab next field · escape cancels", classes="dialog-keys")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self._read_due()

    def _error(self, text: str, field: str) -> None:
        preview = self.query_one("#preview", Static)
        preview.update(text)
        preview.add_class("-error")
        self.query_one(f"#{field}").focus()

    def _read_due(self) -> tuple[bool, date | None]:
        """Whether the date field is usable, and its date; shows what it resolves to."""
        preview = self.query_one("#preview", Static)
        text = self.query_one("#due", Input).value.strip()
        preview.remove_class("-error")
        if not text:
            preview.update("")
            return True, None
        try:
            due = read_day(text, self.today, self.goal.due if self.goal else None, desk_app(self).desk.day_first())
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
            self._error("Say what the goal is.", "text")
            return
        usable, due = self._read_due()
        if not usable:
            self.query_one("#due", Input).focus()
            return
        if self.stretch and due is None:
            self._error("A stretch assignment needs its date: when will it happen?", "due")
            return
        try:
            held = self.goal.milestones if self.goal else []
            milestones = read_milestones(self.query_one("#milestones", TextArea).text, self.today, held, desk_app(self).desk.day_first())
        except QuickAddError as error:
            self._error(str(error), "milestones")
            return
        measure = " ".join(self.query_one("#measure", Input).value.split())
        changed = {"text": text, "measure": measure, "due": due, "milestones": milestones}
        if self.stretch:
            changed |= {"kind": "stretch assignment", "outcome": " ".join(self.query_one("#outcome", Input).value.split())}
        self.dismiss(self.goal.model_copy(update=changed) if self.goal else Priority(**changed))

