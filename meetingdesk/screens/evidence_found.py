"""The evidence entries a search on the home screen found, newest first; enter opens the person's view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from meetingdesk import messages
from meetingdesk.locations import styles_dir
from meetingdesk.people import theme_label
from meetingdesk.quickadd import format_date
from meetingdesk.storage.people_index import EvidenceHit
from meetingdesk.widgets.key_bar import KeyBar


class EvidenceFoundScreen(Screen[None]):
    """Each entry found: who, when, its theme and what happened."""

    CSS_PATH = styles_dir() / "team.tcss"
    AUTO_FOCUS = "#found"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Return to the search"),
        Binding("o", "open_person", "Person view", id="found_person_view", tooltip="Everything about the entry's person"),
    ]

    def __init__(self, query: str, hits: list[EvidenceHit]) -> None:
        super().__init__()
        self.query_text = query
        self.hits = hits

    def compose(self) -> ComposeResult:
        yield Header()
        count = len(self.hits)
        yield Static(f"{count} evidence entr{'ies' if count != 1 else 'y'} mention “{self.query_text}”.", id="team-status", markup=False)
        yield OptionList(
            *[
                Content.assemble(
                    (f"{format_date(hit.day)} · {hit.person} · {theme_label(hit.theme)}\n", "$text-muted"), hit.text
                )
                for hit in self.hits
            ],
            id="found",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Evidence found"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_person()

    def action_open_person(self) -> None:
        index = self.query_one("#found", OptionList).highlighted
        if index is not None and 0 <= index < len(self.hits):
            self.post_message(messages.ShowPerson(self.hits[index].person))

    def action_back(self) -> None:
        self.app.pop_screen()
