"""One person's evidence log, newest first: edit an entry (e or enter), delete it (delete), bring it back (undo).

The widget asks the desk for every change and tells its screen with `Changed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message

from meetingdesk.app import desk_app
from meetingdesk.errors import MeetingDeskError
from meetingdesk.people import Entry, theme_label
from meetingdesk.quickadd import format_date
from meetingdesk.widgets.item_list import ItemList


def entry_line(entry: Entry) -> Content:
    """"Tue 3 Mar 2026 · Impact" dimmed over the entry's text."""
    return Content.assemble((f"{format_date(entry.day)} · {theme_label(entry.theme)}\n", "dim"), entry.text)


class EvidenceLog(Vertical):
    """The entries logged about `person`, newest first, editable from the keyboard."""

    DEFAULT_CSS = """
    EvidenceLog ItemList {
        height: 1fr;
    }
    """

    @dataclass
    class Changed(Message):
        """An entry was edited, deleted or brought back."""

        log: EvidenceLog

    def __init__(self, person: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.person = person
        self.entries: list[Entry] = []
        """The entries shown, newest first."""
        self.deleted: list[Entry] = []
        """Entries deleted here, most recent last: undo brings back the last one."""

    def compose(self) -> ComposeResult:
        yield ItemList("Nothing logged yet: l logs what they did", id="evidence-list", movable=False)

    def on_mount(self) -> None:
        self.query_one(ItemList).border_title = "Evidence log · newest first"
        self.reload()

    def reload(self) -> None:
        """Read the log again and show it."""
        try:
            found = desk_app(self).desk.team.entries(self.person)
        except MeetingDeskError as error:
            self.notify(str(error), title="The log can't be read", severity="error", markup=False)
            found = []
        self.entries = list(reversed(found))
        self.query_one(ItemList).show_items([entry_line(entry) for entry in self.entries])

    @property
    def can_undo(self) -> bool:
        """True when an entry deleted here can be brought back."""
        return bool(self.deleted)

    def _done(self, message: str) -> None:
        self.reload()
        self.notify(message, markup=False)
        self.post_message(self.Changed(self))

    def on_item_list_edit(self, event: ItemList.Edit) -> None:
        event.stop()
        from meetingdesk.dialogs.evidence import EvidenceDialog

        desk = desk_app(self).desk
        team = desk.team
        entry = self.entries[event.index]

        def edited(draft) -> None:
            if draft is None:
                return
            try:
                team.edit_entry(self.person, entry.id, draft.text, draft.theme, draft.day)
            except MeetingDeskError as error:
                self.notify(str(error), title="Not changed", severity="error", markup=False)
                return
            self._done(f"Changed “{draft.text}”.")

        dialog = EvidenceDialog(team.today(), [self.person], None, self.person, entry, day_first=desk.day_first())
        self.app.push_screen(dialog, edited)

    def on_item_list_delete(self, event: ItemList.Delete) -> None:
        event.stop()
        entry = self.entries[event.index]
        try:
            desk_app(self).desk.team.delete_entry(self.person, entry.id)
        except MeetingDeskError as error:
            self.notify(str(error), title="Not deleted", severity="error", markup=False)
            return
        self.deleted.append(entry)
        self._done(f"Deleted “{entry.text}”: u brings it back.")

    def undo(self) -> None:
        """Bring back the entry deleted last."""
        if not self.deleted:
            return
        entry = self.deleted.pop()
        try:
            desk_app(self).desk.team.restore_entry(self.person, entry.id)
        except MeetingDeskError as error:
            self.deleted.append(entry)
            self.notify(str(error), title="Not brought back", severity="error", markup=False)
            return
        self._done(f"Brought back “{entry.text}”.")
