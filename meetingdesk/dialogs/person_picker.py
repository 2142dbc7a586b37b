"""Pick whose meetings to show, or everyone's."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from meetingdesk.locations import styles_dir
from meetingdesk.widgets.bounded_list import BoundedList

EVERYONE = "\x00everyone"
"""The person picker's option id for "show every meeting again"."""


class PersonPicker(ModalScreen[str | None]):
    """Pick whose meetings to show; the first option shows everyone's again."""

    CSS_PATH = styles_dir() / "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, people: list[str], current: str | None) -> None:
        super().__init__()
        self.people = people
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(Text("Everyone"), id=EVERYONE)]
        options += [Option(Text(person), id=f"person-{number}") for number, person in enumerate(self.people)]
        with Vertical(classes="picker"):
            yield Static("Show the meetings with…", classes="picker-title")
            yield BoundedList(*options, id="people")
            yield Static("enter picks · escape cancels", classes="picker-keys")

    def on_mount(self) -> None:
        if self.current in self.people:
            self.query_one(OptionList).highlighted = self.people.index(self.current) + 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or EVERYONE
        self.dismiss(EVERYONE if option_id == EVERYONE else self.people[int(option_id.removeprefix("person-"))])

    def action_cancel(self) -> None:
        self.dismiss(None)
