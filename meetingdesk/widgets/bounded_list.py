"""A list whose cursor stops at its first and last entries.

Textual's OptionList wraps around: `down` on the last entry jumps to the first. In
a meeting that reads as the list having changed under the cursor, and a key meant
for the last action lands on the first one. Every list in MeetingDesk stops instead.
"""

from __future__ import annotations

from textual._widget_navigation import find_next_enabled_no_wrap
from textual.widgets import OptionList


class BoundedList(OptionList):
    """An OptionList whose cursor stays on the first or last entry instead of wrapping around."""

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def _step(self, direction: int) -> None:
        step = find_next_enabled_no_wrap(self.options, anchor=self.highlighted, direction=direction)  # type: ignore[arg-type]
        if step is not None:
            self.highlighted = step
