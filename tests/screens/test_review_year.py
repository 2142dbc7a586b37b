"""A year between two reviews, as a manager lives it: evidence logged from the shell across themes, a review
prepared, the prep screen grouping the evidence by theme, the live meeting showing it and putting one entry
in the notes, and the summary holding that entry only where it was put, with no prep note anywhere."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual.widgets import Static, TextArea

from meetingdesk import cli
from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import meeting_from_agenda
from meetingdesk.people import THEMES
from meetingdesk.screens import HomeScreen, LiveScreen, PrepScreen, RecordScreen
from meetingdesk.storage.store import Store
from meetingdesk.summary import agenda_text, summary_text
from tests.builders import FakeClock, listed_people, type_text

TODAY = date.today()
PREP = "Open with the billing launch"


def last_years_review(store: Store) -> date:
    """Dana's review a year and a week ago, ended."""
    from meetingdesk.agendas import find_agenda

    review = meeting_from_agenda(find_agenda("performance-review", None), "Dana Lee", "Sam Rivera")
    review.started_at = datetime.combine(TODAY - timedelta(days=372), datetime.min.time(), timezone.utc).replace(hour=10)
    review.ended_at = review.started_at + timedelta(hours=1)
    review.status = "ended"
    store.save(review)
    return review.started_at.date()


def log_a_year(capsys) -> list[tuple[date, str, str]]:
    """Two entries a month for a year, cycling through the themes, from the shell; one before the last review."""
    logged = []
    assert cli.main(["log", "--with", "dana", "--on", (TODAY - timedelta(days=380)).isoformat(), "Before the last review"]) == 0
    for number in range(24):
        day = TODAY - timedelta(days=360 - number * 15)
        theme = THEMES[number % len(THEMES)]
        text = f"Entry {number:02d}: {theme} work worth naming"
        assert cli.main(["log", "--with", "Dana", "--theme", theme[:4], "--on", day.isoformat(), text]) == 0
        logged.append((day, theme, text))
    capsys.readouterr()
    return logged


async def test_a_year_of_evidence_reaches_the_review_and_only_the_entry_put_in_the_notes_reaches_the_summary(
    store: Store, capsys
) -> None:
    last_review = last_years_review(store)
    logged = log_a_year(capsys)
    assert cli.main(["prepare", "--agenda", "performance-review", "--with", "dana lee", "--on", "next week"]) == 0
    capsys.readouterr()

    clock = FakeClock(datetime.combine(TODAY, datetime.min.time(), timezone.utc).replace(hour=14))
    store = Store(store.root)
    store.open()
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert listed_people(app)[0] == "Dana Lee" and "planned" in str(app.screen.query_one("#meetings").get_option_at_index(0).prompt)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

        # The prep screen: the year's evidence by theme, in review order, each theme with its count.
        assert isinstance(app.screen, PrepScreen)
        assert f"Evidence since the last review ({last_review:%a} {last_review.day} {last_review:%b %Y})" in str(
            app.screen.query_one("#brief-evidence-heading", Static).render()
        )
        evidence = str(app.screen.query_one("#brief-evidence", Static).render()).splitlines()
        headings = [line for line in evidence if not line.startswith("  ")]
        assert headings == [f"{theme.capitalize()} (4)" for theme in THEMES]
        assert "Before the last review" not in "\n".join(evidence)
        await type_text(pilot, PREP)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()

        # Live: the prep note beside the notes, the evidence panel by theme; one entry goes into section 2's notes.
        assert isinstance(app.screen, LiveScreen)
        assert str(app.screen.query_one("#prep-note", Static).render()).strip() == PREP
        panel = app.screen.query_one("#evidence")
        assert app.screen.has_class("-evidence") and len(panel.entries) == 24
        await type_text(pilot, "Opening went well")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("f5")
        options = app.screen.query_one("#evidence-options")
        assert app.focused is options
        first = options.get_option_at_index(options.highlighted)
        assert not first.disabled and first.id in panel.entries, "i inserts at once: an entry is highlighted, not a heading"
        chosen = next(text for day, theme, text in logged if theme == "leadership")
        target = next(i for i in range(options.option_count) if chosen in str(options.get_option_at_index(i).prompt))
        while options.highlighted != target:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        notes = app.screen.query_one("#notes", TextArea)
        assert app.focused is notes and notes.text.endswith(f"): {chosen}\n")
        await pilot.press("ctrl+f", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        meeting = app.screen.meeting

    text = summary_text(meeting)
    assert text.count(chosen) == 1
    sections = text.split("\nNotes\n")[1]
    assert sections.index("Results and evidence") < sections.index(chosen), "in the section it was put in"
    assert meeting.sections[0].notes == "Opening went well" and chosen not in meeting.sections[0].notes
    others = [entry for _day, _theme, entry in logged if entry != chosen]
    assert not any(entry in text for entry in others)
    assert PREP not in text and PREP not in agenda_text(meeting)
    assert meeting.sections[0].prep_notes == PREP, "kept with the record, for the manager"
