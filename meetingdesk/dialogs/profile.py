"""Add a person, or edit what you know about them: email, role, the roles they aim for, aspirations, cadence, notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from meetingdesk.dialogs.typing_guard import GuardsTyping
from meetingdesk.locations import styles_dir
from meetingdesk.errors import MeetingDeskError
from meetingdesk.people import Profile, changed_profile, utc_now

FIELDS = (
    ("email", "Email", "dana.lee@example.com"),
    ("role", "Current role", "Senior engineer"),
    ("target_roles", "Roles they aim for (separate with ;)", "Tech lead; Engineering manager"),
    ("aspirations", "Aspirations, in their words", "Lead a product team within two years"),
    ("cadence", "Check-in cadence", "monthly"),
    ("notes", "Notes", "Prefers written feedback before a review"),
)
"""Each field: its profile name, its label, an example."""


class ProfileDialog(GuardsTyping, ModalScreen[tuple[str, dict[str, str]] | None]):
    """Dismisses with (name, fields) — the name typed when adding, the person's when editing — or None."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, profile: Profile | None = None) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        profile = self.profile
        with Vertical(classes="dialog"):
            yield Static(f"Profile of {profile.name}" if profile else "Add person", classes="dialog-title", markup=False)
            if profile is None:
                yield Label("Full name")
                yield Input(placeholder="Dana Lee", id="name")
            for name, label, example in FIELDS:
                yield Label(label)
                yield Input(profile.value(name) if profile else "", placeholder=example, id=name, select_on_focus=False)
            yield Static("", id="preview", markup=False)
            yield Static("enter saves · tab next field · escape cancels", classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.profile.name if self.profile else " ".join(self.query_one("#name", Input).value.split())
        if not name:
            preview = self.query_one("#preview", Static)
            preview.update("Give the person's full name.")
            preview.add_class("-error")
            self.query_one("#name", Input).focus()
            return
        values = {field: self.query_one(f"#{field}", Input).value for field, _label, _example in FIELDS}
        for field, value in values.items():  # a field that can't be kept is said here, and nothing typed is lost
            try:
                changed_profile(Profile(name=name), utc_now(), **{field: value})
            except MeetingDeskError as error:
                preview = self.query_one("#preview", Static)
                preview.update(str(error))
                preview.add_class("-error")
                self.query_one(f"#{field}", Input).focus()
                return
        self.dismiss((name, values))
