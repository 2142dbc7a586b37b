"""Record what a career discussion settled about the person's aims: the roles they aim for and their aspirations."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.locations import styles_dir
from meetingdesk.people import Profile


class CareerDialog(GuardsTyping, ModalScreen[dict[str, str] | None]):
    """Prefilled from the profile; dismisses with the fields to set (the profile keeps what they were), or None."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        profile = self.profile
        with Vertical(classes="dialog"):
            yield Static(f"Career outcomes · {profile.name}", classes="dialog-title", markup=False)
            yield Static(
                "What you settled today about where they are heading. Their profile keeps what it said before, "
                "so the person view shows how their aims moved.",
                classes="dialog-help",
                markup=False,
            )
            yield Label("Current role")
            yield Input(profile.role, placeholder="Senior engineer", id="role", select_on_focus=False)
            yield Label("Roles they aim for (separate with ;)")
            yield Input(profile.value("target_roles"), placeholder="Tech lead; Engineering manager", id="target_roles", select_on_focus=False)
            yield Label("Aspirations, in their words")
            yield Input(profile.aspirations, placeholder="Lead a product team within two years", id="aspirations", select_on_focus=False)
            yield Static("enter saves · tab next field · escape cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#target_roles", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss({field: self.query_one(f"#{field}", Input).value for field in ("role", "target_roles", "aspirations")})
