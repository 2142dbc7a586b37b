"""Saving a live meeting while the manager types: the newest copy, one write at a time, retried until it lands.

The live screen offers a snapshot of the meeting after each change (and every few
seconds while the clock runs); a worker thread writes it. Only the newest snapshot
is ever written, and never two at once, so an older copy can't land over a newer
one. A failed write (full disk, folder gone) leaves the meeting marked unsaved, and
the next tick offers it again. Nothing here imports Textual.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Literal

from meetingdesk.storage.files import StoreError

if TYPE_CHECKING:
    from meetingdesk.models import Meeting
    from meetingdesk.storage.store import Store
    from meetingdesk.timer import Clock

AUTOSAVE_SECONDS = 0.5
"""How often typing is looked at for saving: half the second the README promises, so the write
itself (and a busy machine) fits inside that second."""
CLOCK_SAVE_SECONDS = 5.0
"""While nothing is typed, the running clock is still saved this often, for resuming after a crash."""

SaveOutcome = Literal["saved", "saved again", "failed", "still failing"]
"""What a write did, so the screen says "Not saved" once and "Saved again" once."""


class Autosave:
    """Keeps one meeting's file up to date with what is on screen."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.problem: str | None = None
        """The sentence from the last failed write, until a write works again."""
        self._dirty = True
        self._last_offer = 0.0
        self._pending: Meeting | None = None
        self._lock = threading.Lock()

    def changed(self) -> None:
        """Something on screen changed: the next tick saves it."""
        self._dirty = True

    def due(self, clock_running: bool) -> bool:
        """True when the meeting should be saved now: changed, failing, or the clock ran a while."""
        if self._dirty or self.problem is not None:
            return True
        return clock_running and self.clock().timestamp() - self._last_offer >= CLOCK_SAVE_SECONDS

    def offer(self, snapshot: Meeting) -> None:
        """Make `snapshot` (a copy the screen no longer changes) the next one to write."""
        self._dirty = False
        self._last_offer = self.clock().timestamp()
        with self._lock:
            self._pending = snapshot

    @property
    def unsaved(self) -> bool:
        """True while the latest changes could not be written."""
        return self.problem is not None

    def write(self) -> SaveOutcome | None:
        """Write the newest offered snapshot, on whatever thread calls it; None when there was none.

        After a failure `problem` says why and the next tick tries again. Callers on two
        threads never write at once, and an older snapshot never lands after a newer one.
        """
        with self._lock:
            snapshot, self._pending = self._pending, None
            if snapshot is None:
                return None
            was_failing = self.problem is not None
            try:
                self.store.save(snapshot)
            except StoreError as error:
                self.problem = str(error)
                self._dirty = True
                return "still failing" if was_failing else "failed"
            self.problem = None
            return "saved again" if was_failing else "saved"
