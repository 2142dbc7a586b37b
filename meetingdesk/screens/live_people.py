"""The live meeting's part about the person: evidence since their last review, the prep for each section,
and sections whose notes stay private unless a line is moved to the shared notes (compensation).

`LiveScreen` takes these methods; they touch only the evidence panel, the prep note and the two notes
editors, so the live screen itself stays about the clock and the agenda.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static, TextArea

from meetingdesk.models import SectionRecord
from meetingdesk.widgets.evidence_panel import EvidencePanel, note_line
from meetingdesk.widgets.prep_note import PrepNote

PRIVATE_SECTION_TITLES = ("Private · stays with you · f8 shares a line", "Private · f8 shares")
"""The private notes' title in a private section, on a wide screen and in a narrow column."""
SHARED_IN_PRIVATE_SECTION_TITLES = ("Shared notes · only lines you share", "Shared · lines shared")
"""The shared notes' title in a private section, likewise."""


class LivePeople:
    """Evidence, prep and private sections on the live screen."""

    # f2-f4 are the live screen's own. The notes editor would take f5 and f6 (select a word, a line):
    # these win while the live screen is on top.
    PEOPLE_BINDINGS = [
        Binding("f5", "toggle_evidence", "Evidence", id="toggle_evidence", priority=True, tooltip="Evidence since the last review, in place of the agenda"),
        Binding("f8", "share_line", "Share line", id="share_line", tooltip="Move the private line under the cursor to the shared notes"),
        Binding("f9", "career_outcomes", "Career outcomes", id="career_outcomes", tooltip="The roles they aim for and their aspirations, kept in their profile"),
        Binding("f6", "add_stretch", "Add stretch assignment", id="add_stretch", priority=True, tooltip="A short, visible assignment that grows them, with its date"),
    ]

    def show_people_part(self, section: SectionRecord) -> None:
        """Show `section`'s prep, and mark it when its notes are private by default (the cursor starts there)."""
        self.query_one(PrepNote).show(section)
        notes, private = self.query_one("#notes", TextArea), self.query_one("#private", TextArea)
        leaving_private = private.has_class("-private-section") and not section.private
        private.set_class(section.private, "-private-section")
        self.on_resize()  # the live screen's own titles for this width, then a private section's
        self._title_private_section()
        title = self.query_one("#section-title", Static)
        title.set_class(section.private, "-private-section")
        if section.private:
            index = self.meeting.current_section
            title.update(f"{index + 1} of {len(self.meeting.sections)} · {section.title} · private")
        hidden = self.has_class("-private-hidden")  # f2: private notes kept off a shared screen
        if section.private and not self.read_only and not hidden and (notes.has_focus or private.has_focus):
            private.focus()
        elif leaving_private and private.has_focus:
            notes.focus()
        self.refresh_bindings()

    PEOPLE_ACTIONS = frozenset({"share_line", "career_outcomes", "add_stretch"})
    """The commands `check_people_action` decides about."""

    def check_people_action(self, action: str) -> bool | None:
        """Whether a people command can run now: only in the window running the meeting; Share line only
        in a private section whose private notes are on screen."""
        if self.read_only:
            return False
        if action == "share_line":
            private = self.meeting.sections[self.meeting.current_section].private
            return True if private and not self.has_class("-private-hidden") else None
        return True

    def on_resize(self) -> None:
        # Textual calls this after the live screen's own on_resize, which puts back the usual titles.
        self._title_private_section()

    def _title_private_section(self) -> None:
        """In a private section, titles that say so, fitted to the width."""
        if not self.meeting.sections[self.meeting.current_section].private:
            return
        narrow = self.size.width < 100
        self.query_one("#private", TextArea).border_title = PRIVATE_SECTION_TITLES[narrow]
        self.query_one("#notes", TextArea).border_title = SHARED_IN_PRIVATE_SECTION_TITLES[narrow]

    # ---- evidence since the last review ---------------------------------------------------------

    def on_evidence_panel_loaded(self, event: EvidencePanel.Loaded) -> None:
        event.stop()
        # Shown from the start when there is something to bring up; f4 swaps it with the agenda.
        self.set_class(event.count > 0, "-evidence")

    def action_toggle_evidence(self) -> None:
        """Go to the evidence (showing it in the agenda's place); from the evidence, back to the agenda and the notes."""
        options = self.query_one("#evidence-options")
        if self.has_class("-evidence") and options.has_focus:
            self.set_class(False, "-evidence")
            self.query_one("#notes", TextArea).focus()
        else:
            self.set_class(True, "-evidence")
            options.focus()

    def on_evidence_panel_insert(self, event: EvidencePanel.Insert) -> None:
        event.stop()
        if self.read_only:
            return
        _append_line(self.query_one("#notes", TextArea), note_line(event.entry))

    # ---- career outcomes --------------------------------------------------------------------------

    def action_add_stretch(self) -> None:
        """Agree a stretch assignment: a goal of its own kind, with its date and, later, its outcome."""
        from meetingdesk.widgets.agreed_panel import AgreedPanel

        self.query_one(AgreedPanel).add_goal(stretch=True)

    def action_career_outcomes(self) -> None:
        """Ask for the roles aimed for and the aspirations settled today, and keep them in the profile, from this meeting."""
        from meetingdesk.dialogs.career import CareerDialog
        from meetingdesk.errors import MeetingDeskError

        team = self.desk.team
        person, meeting_id = self.meeting.person, self.meeting.id

        def settled(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                profile = team.update_profile(person, meeting_id=meeting_id, **values)
            except MeetingDeskError as error:
                self.notify(str(error), title="Profile not changed", severity="error", markup=False)
                return
            aim = "; ".join(profile.target_roles) or "no target role"
            self.notify(f"{person} aims for {aim}.", title="Profile updated", markup=False)

        try:
            profile = team.profile(person)
        except MeetingDeskError as error:
            self.notify(str(error), title="The profile can't be read", severity="error", markup=False)
            return
        self.app.push_screen(CareerDialog(profile), settled)

    # ---- private sections ---------------------------------------------------------------------

    def action_share_line(self) -> None:
        """Move the private notes' line under the cursor to the end of the shared notes."""
        private = self.query_one("#private", TextArea)
        row = private.cursor_location[0]
        lines = private.text.split("\n")
        if row >= len(lines) or not lines[row].strip():
            self.notify("Put the cursor on a line of the private notes to share it.", severity="warning", markup=False)
            return
        line = lines.pop(row)
        private.load_text("\n".join(lines))
        private.move_cursor((min(row, len(lines) - 1) if lines else 0, 0))
        _append_line(self.query_one("#notes", TextArea), line.strip(), keep_focus=private)
        self.notify(f"Moved to the shared notes: “{line.strip()}”.", markup=False)


def _append_line(notes: TextArea, line: str, keep_focus: TextArea | None = None) -> None:
    """Add `line` at the end of `notes` on a line of its own; the cursor goes after it unless `keep_focus`."""
    notes.insert(("\n" if notes.text and not notes.text.endswith("\n") else "") + line + "\n", notes.document.end)
    (keep_focus or notes).focus()
    if keep_focus is None:
        notes.move_cursor(notes.document.end)
