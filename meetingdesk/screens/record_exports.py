"""What the record screen sends out: the summary copied as an email, exported as Markdown (with the next
check-in's calendar file) or as an email draft, and the email's opening and closing.

RecordScreen is one of these, kept apart so each module stays about one concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from meetingdesk.app import desk_app
from meetingdesk.errors import MeetingDeskError
from meetingdesk.locations import exports_dir
from meetingdesk.summary import summary_filename

if TYPE_CHECKING:
    from meetingdesk.email_draft import EmailWording
    from meetingdesk.models import Meeting


class RecordExports(Screen[None]):
    """A screen showing one meeting's record that can copy it, export it and change the email's wording."""

    meeting: Meeting
    """The meeting shown."""

    def _wording(self) -> EmailWording:
        """The settings' opening and closing; the defaults, with a word why, when the settings can't be read."""
        from meetingdesk.email_draft import EmailWording

        try:
            return desk_app(self).desk.settings.wording
        except MeetingDeskError as error:
            self.notify(f"{error} The default wording is used.", title="Settings", severity="warning", markup=False)
            return EmailWording()

    def _warn_if_two_versions(self, title: str) -> None:
        """Say so when shared notes still hold both machines' versions under the merge's mark: the person would read them."""
        from meetingdesk.storage.merge import EDITED_TWICE

        marked = [section.title for section in self.meeting.sections if EDITED_TWICE in section.notes]
        if marked:
            where = f"“{marked[0]}”" + (f" and {len(marked) - 1} more" if len(marked) > 1 else "")
            self.notify(
                f"The notes of {where} still hold both machines' versions, with their marks, and the person will read them. "
                "Edit the notes (n) to keep what you want, then send it again.",
                title=title,
                severity="warning",
                timeout=20,
                markup=False,
            )

    def action_copy_summary(self) -> None:
        self.notify("Copying the summary…", timeout=2, markup=False)
        self._warn_if_two_versions("Copy summary")
        self._copy(desk_app(self).desk.email_text(self.meeting, self._wording()))

    @work(thread=True, exclusive=True, group="copy")
    def _copy(self, text: str) -> None:
        from meetingdesk.clipboard import copy_text

        app = desk_app(self)
        path = exports_dir(app.desk.store.root) / summary_filename(self.meeting, "txt")
        result = copy_text(text, path, lambda copied: app.call_from_thread(app.copy_to_clipboard, copied))
        severity = "information" if result.file is not None else "warning"
        app.call_from_thread(app.notify, result.message(), title="Copy summary", severity=severity, timeout=12, markup=False)

    def action_export_summary(self) -> None:
        try:
            written = desk_app(self).desk.export_summary(self.meeting)
        except MeetingDeskError as error:
            self.notify(str(error), title="Export summary", severity="error", markup=False)
            return
        self._warn_if_two_versions("Export summary")
        told = f"Summary written to {written[0]}"
        if len(written) > 1:
            told += f"; the next check-in, for your calendar, to {written[1]}"
        self.notify(told, title="Export summary", timeout=12, markup=False)

    def action_export_email_draft(self) -> None:
        try:
            path, address = desk_app(self).desk.export_email_draft(self.meeting, self._wording())
        except MeetingDeskError as error:
            self.notify(str(error), title="Export email draft", severity="error", markup=False)
            return
        self._warn_if_two_versions("Export email draft")
        to = f"to {address}" if address else f"without a To (no email in {self.meeting.person}'s profile: i on their person view adds it)"
        self.notify(f"Email draft {to}, written to {path}: open it in your mail client to send it.", title="Export email draft", timeout=12, markup=False)

    def action_email_wording(self) -> None:
        from meetingdesk.dialogs.email_wording import EmailWordingDialog

        def chosen(wording: EmailWording | None) -> None:
            if wording is None:
                return
            try:
                desk_app(self).desk.save_email_wording(wording)
            except MeetingDeskError as error:
                self.notify(str(error), title="Email wording", severity="error", markup=False)
                return
            self.notify("Saved: every summary email opens and closes this way now.", title="Email wording", markup=False)

        self.app.push_screen(EmailWordingDialog(self._wording()), chosen)
