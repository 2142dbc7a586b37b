"""The review's Compensation section: notes private by default, marked on screen, a line moved to the shared notes."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from meetingdesk.agendas import find_agenda
from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import meeting_from_agenda
from meetingdesk.screens import RecordScreen
from meetingdesk.storage.store import Store
from meetingdesk.summary import summary_markdown, summary_text
from tests.builders import FakeClock, type_text


def test_the_review_has_a_compensation_section_private_by_default() -> None:
    review = find_agenda("performance-review", None)
    compensation = next(section for section in review.sections if section.title == "Compensation")
    assert compensation.private and not any(section.private for section in review.sections if section is not compensation)
    prompts = " ".join(compensation.prompts).casefold()
    for idea in ("results", "budget", "market", "range", "when", "beyond pay", "staged", "milestone"):
        assert idea in prompts, idea
    assert meeting_from_agenda(review, "Dana Lee", "Sam Rivera").sections[review.sections.index(compensation)].private


async def test_compensation_notes_stay_private_until_a_line_is_moved_to_the_shared_notes(store: Store, clock: FakeClock) -> None:
    meeting = meeting_from_agenda(find_agenda("performance-review", None), "Dana Lee", "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "share_line" not in {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert "5 of 6 · Compensation · private" in str(screen.query_one("#section-title", Static).render())
        private = screen.query_one("#private", TextArea)
        assert app.focused is private, "the cursor starts in the private notes"
        assert str(private.border_title) == "Private · stays with you · f8 shares a line" and private.has_class("-private-section")
        await type_text(pilot, "We agreed a staged increase at the Q2 milestone")
        await pilot.press("enter")
        await type_text(pilot, "Budget is tight this year")
        await pilot.press("up", "f8")
        await pilot.pause()
        assert private.text == "Budget is tight this year"
        assert screen.query_one("#notes", TextArea).text == "We agreed a staged increase at the Q2 milestone\n"
        await pilot.press("f8")  # the remaining line, the cursor now on it
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused is screen.query_one("#notes", TextArea), "a shared section starts in the shared notes again"
        assert screen.query_one("#private", TextArea).border_title == "Private notes · only you"
        assert screen.query_one("#notes", TextArea).border_title == "Shared notes · go in the summary"
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        ended = app.screen.meeting
    compensation = ended.sections[4]
    assert compensation.notes.splitlines() == ["We agreed a staged increase at the Q2 milestone", "Budget is tight this year"]
    assert "staged increase" in summary_text(ended) and "staged increase" in summary_markdown(ended)


async def test_with_private_notes_hidden_a_private_section_keeps_the_cursor_in_the_shared_notes(store: Store, clock: FakeClock) -> None:
    meeting = meeting_from_agenda(find_agenda("performance-review", None), "Dana Lee", "Sam Rivera")
    meeting.current_section = 3
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f2")  # private notes off the screen, as when it is shared
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Compensation" in str(app.screen.query_one("#section-title", Static).render())
        assert app.focused is app.screen.query_one("#notes", TextArea), "never a hidden editor"
        assert "share_line" not in {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
