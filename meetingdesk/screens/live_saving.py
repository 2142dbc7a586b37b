"""How the live screen keeps its meeting on disk: a snapshot about a second after each change, in a worker.

The screen's base class: the live screen sets `meeting`, `timer`, `autosave` and
`claim` when it mounts, and this keeps them saved, says when a save failed and when
it worked again, and saves once more on leaving.
"""

from __future__ import annotations

from textual import work
from textual.reactive import reactive
from textual.screen import Screen

from meetingdesk.models import Meeting
from meetingdesk.storage.autosave import Autosave, SaveOutcome
from meetingdesk.storage.claims import MeetingClaim
from meetingdesk.timer import MeetingTimer


class SavingScreen(Screen[None]):
    """A screen that runs one meeting and keeps it saved (unless another window runs it)."""

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
            self.app.call_from_thread(self._saved, outcome)

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
