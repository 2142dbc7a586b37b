"""How the live screen keeps its meeting on disk: a snapshot about a second after each change, in a worker.

The screen's base class: the live screen sets `meeting`, `timer`, `autosave` and
`claim` when it mounts, and this keeps them saved, says when a save failed and when
it worked again, takes in what a save merged from a change made elsewhere, and saves
once more on leaving.
"""

from __future__ import annotations

from textual import work
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import TextArea

from meetingdesk.models import Meeting
from meetingdesk.storage.autosave import Autosave, SaveOutcome
from meetingdesk.storage.claims import MeetingClaim
from meetingdesk.timer import MeetingTimer


class SavingScreen(Screen[None]):
    """A screen that runs one meeting and keeps it saved (unless another window runs it).

    The screen shows the meeting with `_show_everything()`, called again after a save merged
    in a change made elsewhere.
    """

    read_only: reactive[bool] = reactive(False)
    """True when another MeetingDesk window is running this meeting: this one only watches, and never saves."""

    meeting: Meeting
    """The meeting on screen."""
    timer: MeetingTimer
    """Its clock."""
    autosave: Autosave
    """What is waiting to be written, and whether the last write failed."""
    claim: MeetingClaim
    """This window's hold on the meeting, released when it leaves."""

    @property
    def unsaved(self) -> bool:
        """True while the latest changes could not be written (and this window owns the meeting)."""
        return not self.read_only and self.autosave.unsaved

    def _offer_snapshot(self) -> None:
        self.timer.sync()
        self.autosave.offer(self.meeting.model_copy(deep=True))

    def _autosave(self) -> None:
        if self.autosave.due(self.timer.running):
            self._offer_snapshot()
            self._save_in_background()

    @work(thread=True, group="save")
    def _save_in_background(self) -> None:
        outcome = self.autosave.write()
        if outcome is not None:
            self.app.call_from_thread(self._saved_in_background, outcome)

    def _saved_in_background(self, outcome: SaveOutcome) -> None:
        self._saved(outcome)
        if self.autosave.merged is not None:
            # The file had changed underneath (a sync, another window): show the merge here too.
            self._take_in_changes()

    def _take_in_changes(self) -> None:
        """Save now, merged with the file, and show the merge: nothing typed here or saved elsewhere is lost."""
        self.autosave.merged = None
        self._keep_what_is_typed()
        self.save_now()
        merged = self.autosave.merged
        if merged is None:
            return
        self.autosave.merged = None
        meeting = self.meeting
        # In place: the timer and the side panel hold this very meeting.
        for name in type(merged).model_fields:
            setattr(meeting, name, getattr(merged, name))
        meeting.__pydantic_extra__ = dict(merged.__pydantic_extra__ or {})
        self._show_everything()

    def keep_typed(self, editor: TextArea) -> bool:
        """Put what `editor` holds (the shared or the private notes) into the current section; True if it changed."""
        section = self.meeting.sections[self.meeting.current_section]
        field = {"notes": "notes", "private": "private_notes"}.get(editor.id or "")
        if field is None or getattr(section, field) == editor.text:
            return False
        setattr(section, field, editor.text)
        return True

    def _keep_what_is_typed(self) -> None:
        """Put the editors' text into the meeting before a merge redraws them: a key whose change
        event is still waiting in the queue is saved and shown, not lost."""
        for editor in self.query(TextArea):
            self.keep_typed(editor)

    def save_now(self) -> None:
        """Save on this thread (on start and on leaving), so nothing waits in a worker."""
        self._offer_snapshot()
        outcome = self.autosave.write()
        if outcome is not None:
            self._saved(outcome)

    def _saved(self, outcome: SaveOutcome) -> None:
        if outcome == "failed":
            self.notify(
                f"{self.autosave.problem} Keep typing: MeetingDesk retries every second.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
        elif outcome == "saved again":
            self.notify("Saved again: nothing was lost.", title="Saved", markup=False)

    def on_unmount(self) -> None:
        if not self.read_only:
            self.save_now()
            self.claim.release()
