"""The summary: what the person receives by email and what lands in the exported file."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetingdesk.models import ActionItem, Meeting, Priority, SectionRecord
from meetingdesk.summary import summary_filename, summary_markdown, summary_text

UTC = timezone.utc
NEW_YORK = timezone(timedelta(hours=-5))


def realistic_meeting() -> Meeting:
    return Meeting(
        person="Dana Lee",
        manager="Sam Park",
        agenda_name="career-discussion",
        agenda_title="Career discussion",
        created_at=datetime(2026, 11, 21, 13, 55, tzinfo=UTC),
        started_at=datetime(2026, 11, 21, 14, 0, tzinfo=UTC),
        ended_at=datetime(2026, 11, 21, 14, 34, tzinfo=UTC),
        status="ended",
        sections=[
            SectionRecord(
                title="Where you stand today",
                planned_seconds=8 * 60,
                actual_seconds=11 * 60,
                notes="Peers rely on Dana's design reviews.\nWants more scope on the platform team.",
                private_notes="PRIVATE-worried-about-burnout",
            ),
            SectionRecord(
                title="Where you want to go",
                planned_seconds=12 * 60,
                actual_seconds=14 * 60 + 50,
                notes="Aiming for staff engineer in 18 months.",
            ),
            SectionRecord(title="Next steps", planned_seconds=10 * 60, actual_seconds=8 * 60),
        ],
        priorities=[
            Priority(text="Lead the Q1 billing migration", measure="zero downtime", due=date(2027, 3, 31)),
            Priority(text="Mentor one new hire"),
        ],
        actions=[
            ActionItem(text="Book the architecture course", owner="Dana Lee"),
            ActionItem(text="Write the migration proposal", owner="Dana Lee", due=date(2026, 12, 15)),
            ActionItem(
                text="Introduce Dana to the platform lead",
                owner="Sam Park",
                due=date(2026, 11, 27),
                done_on=date(2026, 11, 25),
            ),
        ],
    )


def empty_meeting() -> Meeting:
    return Meeting(
        person="Dana Lee",
        manager="Sam Park",
        agenda_name="check-in",
        agenda_title="Development check-in",
        created_at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
        sections=[SectionRecord(title="How it is going", planned_seconds=15 * 60)],
    )


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def test_markdown_holds_who_when_agenda_priorities_actions_notes_and_time() -> None:
    md = summary_markdown(realistic_meeting(), tz=UTC)

    assert lines_of(md)[0] == "# Career discussion with Dana Lee"
    assert "- **Person:** Dana Lee" in md
    assert "- **Manager:** Sam Park" in md
    assert "- **When:** Sat 21 Nov 2026, 14:00–14:34" in md
    assert "- **Agenda:** Career discussion" in md
    assert "- Lead the Q1 billing migration — measure: zero downtime — by Wed 31 Mar 2027" in md
    assert "- Mentor one new hire" in md
    assert "### Where you stand today\n\nPeers rely on Dana's design reviews.  \nWants more scope" in md
    assert "### Where you want to go\n\nAiming for staff engineer in 18 months." in md
    # A section without notes is left out of the notes, but still in the time table.
    assert "### Next steps" not in md
    assert "| Where you stand today | 8 min | 11 min |" in md
    assert "| Where you want to go | 12 min | 15 min |" in md
    assert "| Next steps | 10 min | 8 min |" in md
    assert "| **Total** | **30 min** | **34 min** |" in md


def test_actions_are_sorted_by_deadline_with_owner_and_undated_last() -> None:
    text = summary_text(realistic_meeting(), tz=UTC)
    in_actions = text[text.index("\nActions\n") : text.index("\nNotes\n")]
    action_lines = [line for line in lines_of(in_actions) if " — " in line and ("by " in line or "no deadline" in line)]
    actions = [line for line in action_lines if "measure" not in line and "Mentor" not in line and "Lead" not in line]

    assert actions == [
        "- Introduce Dana to the platform lead — Sam Park, by Fri 27 Nov 2026 — done Wed 25 Nov 2026",
        "- Write the migration proposal — Dana Lee, by Tue 15 Dec 2026",
        "- Book the architecture course — Dana Lee, no deadline yet",
    ]


def test_actions_without_deadline_keep_the_managers_order() -> None:
    meeting = empty_meeting()
    meeting.actions = [
        ActionItem(text="Third undated", owner="A"),
        ActionItem(text="Dated", owner="B", due=date(2026, 12, 1)),
        ActionItem(text="Fourth undated", owner="C"),
    ]
    text = summary_text(meeting, tz=UTC)

    assert text.index("Dated") < text.index("Third undated") < text.index("Fourth undated")


def test_text_reads_as_plain_email_without_markdown() -> None:
    text = summary_text(realistic_meeting(), tz=UTC)

    assert "|" not in text
    assert "**" not in text
    assert not [line for line in lines_of(text) if line.startswith("#")]
    assert lines_of(text)[:12] == [
        "Subject: Summary: Career discussion with Dana Lee, Sat 21 Nov 2026",
        "",
        "Hi Dana,",
        "",
        "Thank you for today's conversation. Here is what we agreed, so we both have the same record.",
        "",
        "Career discussion with Dana Lee",
        "",
        "Person: Dana Lee",
        "Manager: Sam Park",
        "When: Sat 21 Nov 2026, 14:00–14:34",
        "Agenda: Career discussion",
    ]
    assert "\nGoals\n- Lead the Q1 billing migration — measure: zero downtime — by Wed 31 Mar 2027 — new, on track\n" in text
    assert "\nWhere you stand today\nPeers rely on Dana's design reviews.\nWants more scope on the platform team.\n" in text
    assert "\nTime\n" not in text, "the email leaves the time table out unless asked"
    text = summary_text(realistic_meeting(), tz=UTC, with_time=True)
    assert "\nTime\nWhere you stand today: 8 min planned, 11 min taken\n" in text
    assert "\nTotal: 30 min planned, 34 min taken\n" in text
    # Sections come in the promised order.
    order = [text.index(heading) for heading in ("\nGoals\n", "\nActions\n", "\nNotes\n", "\nTime\n", "\nWhat happens next\n")]
    assert order == sorted(order)
    assert text.endswith("\nNext check-in: not set yet\n\nIf I missed or misread anything, reply and I will correct it.\n\nThanks,\nSam Park\n")


def test_when_is_shown_in_the_given_time_zone() -> None:
    text = summary_text(realistic_meeting(), tz=NEW_YORK)

    assert "When: Sat 21 Nov 2026, 09:00–09:34" in text


def test_meeting_across_midnight_names_both_days() -> None:
    meeting = realistic_meeting()
    meeting.started_at = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)
    meeting.ended_at = datetime(2026, 11, 22, 0, 15, tzinfo=UTC)

    assert "When: Sat 21 Nov 2026 23:30 – Sun 22 Nov 2026 00:15" in summary_text(meeting, tz=UTC)


def test_private_notes_stay_out_unless_asked_for() -> None:
    meeting = realistic_meeting()

    for rendered in (summary_markdown(meeting, tz=UTC), summary_text(meeting, tz=UTC)):
        assert "PRIVATE-worried-about-burnout" not in rendered
        assert "Private notes" not in rendered

    md = summary_markdown(meeting, include_private=True, tz=UTC)
    text = summary_text(meeting, include_private=True, tz=UTC)
    assert "## Private notes (not for sharing)\n\n### Where you stand today\n\nPRIVATE-worried-about-burnout\n" in md
    assert "\nPrivate notes (not for sharing)\n\nWhere you stand today\nPRIVATE-worried-about-burnout\n" in text


def test_markup_in_names_and_text_comes_out_literally() -> None:
    meeting = realistic_meeting()
    meeting.person = "[b]Dana[/b] *Lee*"
    meeting.manager = "<script>Sam</script>"
    meeting.agenda_title = "#1 review | Q4"
    meeting.sections[0].title = "## Growth"
    meeting.sections[0].notes = "# not a heading\n- not a list\n```\n<div>kept</div>\n---"
    meeting.actions = [ActionItem(text="1. Ship **it**", owner="_Sam_", due=date(2026, 12, 1))]

    md = summary_markdown(meeting, tz=UTC)
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    rendered = MarkdownIt("commonmark").enable("table").render(md)

    # Only the summary's own headings exist, and names read exactly as typed.
    assert [_unescape(h) for h in headings] == [
        "#1 review | Q4 with [b]Dana[/b] *Lee*",
        "Goals",
        "Actions",
        "Notes",
        "## Growth",
        "Where you want to go",
        "Time",
        "What happens next",
    ]
    assert not [t for t in tokens if t.type in ("html_block", "fence", "hr", "bullet_list_open") and t.level > 0]
    inline_types = [child.type for t in tokens if t.type == "inline" for child in t.children or []]
    assert not {"em_open", "html_inline", "link_open", "s_open"} & set(inline_types)
    # Bold only where the summary puts it: four field labels and three totals.
    assert inline_types.count("strong_open") == 7
    assert "&lt;script&gt;Sam&lt;/script&gt;" in rendered
    assert "1. Ship **it** — _Sam_, by Tue 1 Dec 2026" in rendered
    assert "# not a heading<br />\n- not a list<br />\n```<br />\n&lt;div&gt;kept&lt;/div&gt;<br />\n---" in rendered
    # The plain text keeps everything exactly as typed.
    text = summary_text(meeting, tz=UTC)
    assert "#1 review | Q4 with [b]Dana[/b] *Lee*" in text
    assert "Manager: <script>Sam</script>" in text
    assert "- 1. Ship **it** — _Sam_, by Tue 1 Dec 2026" in text


def test_empty_meeting_renders_cleanly() -> None:
    meeting = empty_meeting()
    md = summary_markdown(meeting, tz=UTC)
    text = summary_text(meeting, tz=UTC)

    assert "## Goals\n\nNone agreed.\n\n## Actions\n\nNone agreed.\n\n## Notes\n\nNo shared notes." in md
    assert "\nGoals\nNone agreed.\n\nActions\nNone agreed.\n\nNotes\nNo shared notes.\n" in text
    assert md.endswith("## What happens next\n\nNext check-in: not set yet\n")
    assert "When: Sat 21 Nov 2026, not started (set up at 09:00)" in text
    assert "| **Total** | **15 min** | **0 min** |" in md
    assert not text.endswith("\n\n")


def test_summary_filename_is_a_safe_dated_slug() -> None:
    meeting = realistic_meeting()
    meeting.started_at = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)

    assert summary_filename(meeting, "md") == "2026-11-21-dana-lee-career-discussion.md"
    assert summary_filename(meeting, ".txt") == "2026-11-21-dana-lee-career-discussion.txt"

    meeting.person = "Zoë Ångström/../etc"
    assert summary_filename(meeting, "md") == "2026-11-21-zoe-angstrom-etc-career-discussion.md"

    meeting.person = "李雷"
    meeting.agenda_title = "***"
    assert summary_filename(meeting, "md") == "2026-11-21-meeting.md"


_PRIVATE = "ZZPRIVATEZZ"
_any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def arbitrary_meetings(draw: st.DrawFn) -> Meeting:
    def clean(value: str) -> str:
        # The marker must stay unique to private notes to prove they never leak.
        return value.replace(_PRIVATE, "")

    sections = [
        SectionRecord(
            title=clean(draw(_any_text)),
            planned_seconds=draw(st.integers(0, 7200)),
            actual_seconds=draw(st.floats(0, 7200)),
            notes=clean(draw(_any_text)),
            private_notes=f"{_PRIVATE}{index}{draw(_any_text)}",
        )
        for index in range(draw(st.integers(1, 3)))
    ]
    dates = st.none() | st.dates(date(2020, 1, 1), date(2035, 12, 31))
    return Meeting(
        person=clean(draw(_any_text)),
        manager=clean(draw(_any_text)),
        agenda_name="x",
        agenda_title=clean(draw(_any_text)),
        started_at=draw(st.none() | st.just(datetime(2026, 11, 21, 14, tzinfo=UTC))),
        ended_at=draw(st.none() | st.just(datetime(2026, 11, 21, 15, tzinfo=UTC))),
        sections=sections,
        priorities=[
            Priority(text=clean(draw(_any_text)), measure=clean(draw(_any_text)), due=draw(dates))
            for _ in range(draw(st.integers(0, 2)))
        ],
        actions=[
            ActionItem(text=clean(draw(_any_text)), owner=clean(draw(_any_text)), due=draw(dates))
            for _ in range(draw(st.integers(0, 3)))
        ],
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(arbitrary_meetings())
def test_any_meeting_renders_without_leaking_private_notes_or_breaking_structure(meeting: Meeting) -> None:
    md = summary_markdown(meeting, tz=UTC)
    text = summary_text(meeting, tz=UTC)

    assert _PRIVATE not in text
    assert _PRIVATE not in md
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    noted = [_as_read(s.title) or f"Section {n}" for n, s in enumerate(meeting.sections, 1) if _as_read(s.notes)]
    assert [_unescape(h) for h in headings[1:]] == ["Goals", "Actions", "Notes", *noted, "Time", "What happens next"]
    assert sum(t.type == "table_open" for t in tokens) == 1
    assert not [t for t in tokens if t.type in ("html_block", "html_inline", "fence", "code_block", "hr")]
    with_private = summary_text(meeting, include_private=True, tz=UTC)
    assert all(f"{_PRIVATE}{n}" in with_private for n in range(len(meeting.sections)))


def _as_read(text: str) -> str:
    """A name as the summary shows it: on one line, control characters (NUL, escape...) dropped."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85")
    return " ".join(visible.split())


def _unescape(inline_source: str) -> str:
    """The text markdown shows for an inline source, as a reader sees it."""
    inline = MarkdownIt("commonmark").parseInline(inline_source)[0]
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
