"""Escape in a dialog that holds typing asks once before throwing the typing away."""

from __future__ import annotations

from textual.widgets import Input, TextArea


class GuardsTyping:
    """Mixed into a dialog (before ModalScreen): escape cancels at once when nothing was typed;
    when something was, the first escape says so and the second one throws it away."""

    _typed_at_start: dict[str, str] | None = None
    _warned = False

    def on_mount(self) -> None:
        # Every class's on_mount runs: the dialog's own one too.
        self._typed_at_start = self._typed()

    def _typed(self) -> dict[str, str]:
        fields = self.query("Input, TextArea")  # type: ignore[attr-defined]
        return {str(n): (field.value if isinstance(field, Input) else field.text) for n, field in enumerate(fields) if isinstance(field, (Input, TextArea))}

    def action_cancel(self) -> None:
        if not self._warned and self._typed_at_start is not None and self._typed() != self._typed_at_start:
            self._warned = True
            self.notify("Press escape again to throw away what you typed.", title="Not saved", severity="warning", timeout=4)  # type: ignore[attr-defined]
            return
        self.dismiss(None)  # type: ignore[attr-defined]
