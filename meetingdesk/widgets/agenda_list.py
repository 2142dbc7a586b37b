"""The agenda beside a live meeting: each section with its time taken against its time box."""

from __future__ import annotations

from textual.content import Content

from meetingdesk.timer import MeetingTimer, format_duration
from meetingdesk.widgets.bounded_list import BoundedList


class AgendaList(BoundedList):
    """One entry per section; the current one marked ▶, overruns in the error colour. Enter jumps to one."""

    def show(self, timer: MeetingTimer) -> None:
        """Redraw every section and highlight the current one."""
        meeting = timer.meeting
        self.clear_options()
        self.add_options([_section_line(timer, index) for index in range(len(meeting.sections))])
        self.highlighted = meeting.current_section

    def show_current(self, timer: MeetingTimer) -> None:
        """Redraw only the current section's clock (every tick)."""
        current = timer.meeting.current_section
        if self.option_count == len(timer.meeting.sections):
            self.replace_option_prompt_at_index(current, _section_line(timer, current))


def _section_line(timer: MeetingTimer, index: int) -> Content:
    meeting = timer.meeting
    section = meeting.sections[index]
    current = index == meeting.current_section
    marker = "▶ " if current else "  "
    elapsed = timer.section_elapsed(index)
    times = f"{format_duration(elapsed)} / {format_duration(section.planned_seconds)}"
    style = "bold" if current else ""
    if elapsed > section.planned_seconds:
        times += " over"
        style = "bold $error" if current else "$error"
    return Content.assemble((f"{marker}{index + 1}. {section.title}\n", style), (f"   {times}", style or "dim"))
