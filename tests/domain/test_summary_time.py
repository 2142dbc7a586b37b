"""The summary's Time block: planned is the agenda's time box, a short section reads "<1 min", and the
table is left out of the email unless asked for."""

from __future__ import annotations

from datetime import timezone

from meetingdesk.models import Agenda, AgendaSection, meeting_from_agenda
from meetingdesk.summary import summary_markdown, summary_text

AGENDA = Agenda(
    name="check-in",
    title="Check-in",
    sections=[
        AgendaSection(title="News", minutes=10),
        AgendaSection(title="Blockers", minutes=15),
        AgendaSection(title="Wrap-up", minutes=5),
    ],
)


def rebalanced_meeting():
    """News ran long, so the rest was rebalanced; Blockers took 20 seconds; Wrap-up was never reached."""
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    meeting.sections[0].actual_seconds = 18 * 60
    meeting.sections[1].planned_seconds = 9 * 60
    meeting.sections[1].actual_seconds = 20
    meeting.sections[2].planned_seconds = 3 * 60
    return meeting


def test_planned_is_the_agendas_time_box_and_a_short_section_reads_under_a_minute() -> None:
    text = summary_text(rebalanced_meeting(), tz=timezone.utc, with_time=True)
    assert "\nTime\nNews: 10 min planned, 18 min taken\nBlockers: 15 min planned, <1 min taken\n" in text
    assert "Wrap-up: 5 min planned, 0 min taken\nTotal: 30 min planned, 18 min taken\n" in text
    md = summary_markdown(rebalanced_meeting(), tz=timezone.utc)
    assert "| Blockers | 15 min | <1 min |" in md
    assert "| **Total** | **30 min** | **18 min** |" in md


def test_the_email_leaves_the_time_table_out_unless_asked_and_the_record_keeps_it() -> None:
    meeting = rebalanced_meeting()
    assert "Time" not in summary_text(meeting).splitlines()
    assert "## Time" in summary_markdown(meeting)
    assert "## Time" not in summary_markdown(meeting, with_time=False)
