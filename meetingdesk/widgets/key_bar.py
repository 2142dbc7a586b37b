"""The keys for what can be done now, wrapped onto as many lines as the width needs.

Textual's Footer keeps to one line and hides what does not fit; at 80 columns that
hid "End meeting". Every command must stay visible, so this bar wraps instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

class KeyBar(Static):
    """Shows every enabled, visible binding of the screen as `key description`."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        background: $panel;
        color: $text;
        padding: 0 1;
        max-height: 40%;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self._show()

    def on_resize(self) -> None:
        self._show()

    def _show(self) -> None:
        parts: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.description in seen:
                continue
            seen.add(binding.description)
            parts.append(Content.assemble((self.app.get_key_display(binding), "bold $accent"), " ", binding.description))
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append(Content.assemble(("^p", "bold $accent"), " All commands"))
        self.update(Content("\n").join(self._lines(parts)))

    def _lines(self, parts: list[Content]) -> list[Content]:
        """Pack whole `key description` pairs into lines no wider than the bar."""
        width = max(20, (self.size.width or self.app.size.width) - 2)
        lines: list[list[Content]] = [[]]
        used = 0
        for part in parts:
            needed = part.cell_length + (3 if lines[-1] else 0)
            if lines[-1] and used + needed > width:
                lines.append([])
                used, needed = 0, part.cell_length
            lines[-1].append(part)
            used += needed
        return [Content("   ").join(line) for line in lines]
