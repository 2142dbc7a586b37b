"""The written summary of a meeting: markdown for files and the screen, plain text for email.

One walk over the meeting builds a short list of blocks (headings, paragraphs,
labelled fields, bullet lists, a time table); two small renderers turn the
same blocks into markdown or into plain text. Nothing here imports Textual or
touches the disk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from meetingdesk import literal_markdown
from meetingdesk.email_draft import EmailWording, filled, subject_line
from meetingdesk.goals import status_phrase, what_changed
from meetingdesk.models import ActionItem, Meeting, Priority
from meetingdesk.quickadd import format_date
from meetingdesk.timer import format_minutes, original_seconds

PRIVATE_HEADING = "Private notes (not for sharing)"
"""The heading over the manager's private notes, shown only when asked for."""
PREP_HEADING = "Prep notes (not for sharing)"
"""The heading over what the manager prepared, shown only when private notes are asked for."""
NEAREST_DEADLINES = 3
"""How many of the nearest deadlines "What happens next" names."""


@dataclass(frozen=True)
class _Heading:
    text: str
    level: int


@dataclass(frozen=True)
class _Paragraph:
    lines: tuple[str, ...]
    """Lines kept as written: a note's line breaks survive in both renderings."""


@dataclass(frozen=True)
class _Fields:
    rows: tuple[tuple[str, str], ...]
    """(label, value) pairs such as ("Person", "Dana Lee")."""


@dataclass(frozen=True)
class _Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class _TimeTable:
    rows: tuple[tuple[str, str, str], ...]
    """(section, planned, taken), already formatted."""
    total: tuple[str, str]
    """(planned, taken) for the whole meeting."""


_Block = _Heading | _Paragraph | _Fields | _Bullets | _TimeTable


def summary_markdown(
    meeting: Meeting, include_private: bool = False, tz: tzinfo | None = None, with_time: bool = True
) -> str:
    """The summary as markdown, for files and the screen (the record): private notes only if
    `include_private`, the time table unless `with_time` is False.

    Names, titles, action text and notes come out literally: anything markdown
    would interpret in them is escaped, so no text typed in a meeting can add a
    heading, a link or a table to the summary.
    """
    return _render_markdown(_build_blocks(meeting, include_private, tz, with_time))


def summary_text(
    meeting: Meeting,
    include_private: bool = False,
    tz: tzinfo | None = None,
    with_time: bool = False,
    wording: EmailWording | None = None,
) -> str:
    """The summary as an email to paste: a subject line, then the body (see `email_body`)."""
    return f"Subject: {subject_line(meeting, tz)}\n\n" + email_body(meeting, wording, tz, include_private, with_time)


def email_body(
    meeting: Meeting,
    wording: EmailWording | None = None,
    tz: tzinfo | None = None,
    include_private: bool = False,
    with_time: bool = False,
) -> str:
    """The summary as plain text for an email: the opening, the summary, the closing (`wording`, or the default).

    Private notes only if `include_private`; the time table only if `with_time` (the person
    rarely needs it; the record keeps it).
    """
    wording = wording or EmailWording()
    opening, closing = filled(wording.opening, meeting, tz), filled(wording.closing, meeting, tz)
    blocks = [_Paragraph(tuple(opening.splitlines()))] if opening.strip() else []
    blocks += _build_blocks(meeting, include_private, tz, with_time)
    if closing.strip():
        blocks.append(_Paragraph(tuple(closing.splitlines())))
    return _render_text(blocks)


def actions_in_order(actions: list[ActionItem]) -> list[ActionItem]:
    """Actions as the summary lists them: soonest deadline first, none last; the same deadline keeps the manager's order."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.min))


def summary_filename(meeting: Meeting, extension: str) -> str:
    """A safe file name for the summary, e.g. "2026-11-21-dana-lee-career-discussion.md"."""
    when = meeting.when.astimezone()
    slug = _slug(f"{meeting.person} {meeting.agenda_title}") or "meeting"
    extension = _slug(extension.lstrip(".")) or "txt"
    return f"{when.date().isoformat()}-{slug}.{extension}"


def agenda_text(
    meeting: Meeting, open_actions: Iterable[ActionItem] = (), goals: Iterable[Priority] = (), tz: tzinfo | None = None
) -> str:
    """The agenda to send the person ahead, as plain text: purpose, sections with their minutes,
    their open actions and the goals to review.

    Built from the agenda's title, purpose and time boxes, never from a note: no shared,
    private or prep note can reach it.
    """
    when = format_date(meeting.planned_for) if meeting.status == "planned" and meeting.planned_for else _when(meeting, tz)
    blocks: list[_Block] = [
        _Heading(f"{_or(meeting.agenda_title, 'Meeting')} with {_or(meeting.person, 'someone')}", 1),
        _Fields((("When", when), ("With", _or(meeting.manager, "not given")), ("Length", format_minutes(meeting.planned_seconds)))),
    ]
    purpose = _note_lines(meeting.purpose)
    if purpose:
        blocks.append(_Paragraph(tuple(purpose)))
    blocks.append(_Heading("Agenda", 2))
    blocks.append(
        _Bullets(
            tuple(
                f"{_or(section.title, f'Section {number}')} ({format_minutes(section.planned_seconds)})"
                for number, section in enumerate(meeting.sections, start=1)
            )
        )
    )
    ordered = sorted(open_actions, key=lambda a: (a.due is None, a.due or date.min))
    blocks.append(_Heading("Open actions to review", 2))
    blocks.append(_Bullets(tuple(_action_line(a) for a in ordered)) if ordered else _Paragraph(("None open.",)))
    listed = list(goals)
    blocks.append(_Heading("Goals to review", 2))
    blocks.append(_Bullets(tuple(_goal_line(goal) for goal in listed)) if listed else _Paragraph(("None agreed yet.",)))
    return _render_text(blocks)


def agenda_filename(meeting: Meeting) -> str:
    """A safe file name for the agenda, e.g. "2026-12-01-dana-lee-performance-review-agenda.txt"."""
    day = meeting.when.astimezone().date()
    slug = _slug(f"{meeting.person} {meeting.agenda_title}") or "meeting"
    return f"{day.isoformat()}-{slug}-agenda.txt"


# --- the walk over the meeting -------------------------------------------------


def _build_blocks(meeting: Meeting, include_private: bool, tz: tzinfo | None, with_time: bool) -> list[_Block]:
    blocks: list[_Block] = [
        _Heading(f"{_or(meeting.agenda_title, 'Meeting')} with {_or(meeting.person, 'someone')}", 1),
        *_amended_blocks(meeting, tz),
        _Fields(
            (
                ("Person", _or(meeting.person, "not given")),
                ("Manager", _or(meeting.manager, "not given")),
                ("When", _when(meeting, tz)),
                ("Agenda", _or(meeting.agenda_title, meeting.agenda_name or "not given")),
            )
        ),
        _Heading("Goals", 2),
    ]
    if meeting.priorities:
        blocks.append(_Bullets(tuple(_goal_line(goal) for goal in meeting.priorities)))
    else:
        blocks.append(_Paragraph(("None agreed.",)))

    blocks.append(_Heading("Actions", 2))
    if meeting.actions:
        blocks.append(_Bullets(tuple(_action_line(a) for a in actions_in_order(meeting.actions))))
    else:
        blocks.append(_Paragraph(("None agreed.",)))

    blocks.append(_Heading("Notes", 2))
    blocks.extend(_notes_blocks([(s.title, s.notes) for s in meeting.sections], "No shared notes."))

    if with_time:
        # Planned is the agenda's time box, not a plan rebalanced during the meeting.
        blocks.append(_Heading("Time", 2))
        blocks.append(
            _TimeTable(
                tuple(
                    (
                        _or(s.title, f"Section {number}"),
                        format_minutes(original_seconds(s)),
                        format_minutes(s.actual_seconds),
                    )
                    for number, s in enumerate(meeting.sections, start=1)
                ),
                (format_minutes(sum(map(original_seconds, meeting.sections))), format_minutes(meeting.actual_seconds)),
            )
        )

    if include_private:
        blocks.append(_Heading(PRIVATE_HEADING, 2))
        blocks.extend(_notes_blocks([(s.title, s.private_notes) for s in meeting.sections], "None."))
        if any(s.prep_notes.strip() for s in meeting.sections):
            blocks.append(_Heading(PREP_HEADING, 2))
            blocks.extend(_notes_blocks([(s.title, s.prep_notes) for s in meeting.sections], "None."))
    return blocks + _next_blocks(meeting)


def _next_blocks(meeting: Meeting) -> list[_Block]:
    # Last, so the summary ends on when the two meet again.
    blocks: list[_Block] = [_Heading("What happens next", 2)]
    deadlines = [(action.due, _action_line(action)) for action in meeting.actions if action.is_open and action.due]
    for goal in meeting.priorities:
        milestone = goal.next_milestone if goal.is_active else None
        if milestone is not None and milestone.due:
            deadlines.append((milestone.due, f"Milestone: {_one_line(milestone.text)} — {_one_line(goal.text)}, by {format_date(milestone.due)}"))
    deadlines.sort(key=lambda deadline: deadline[0])
    if deadlines:
        blocks.append(_Bullets(tuple(line for _, line in deadlines[:NEAREST_DEADLINES])))
    when = format_date(meeting.next_check_in) if meeting.next_check_in else "not set yet"
    blocks.append(_Paragraph((f"Next check-in: {when}",)))
    return blocks


AMENDMENTS_LISTED = 5
"""The most changes the "Amended on …" list names; the rest are counted."""


def _amended_blocks(meeting: Meeting, tz: tzinfo | None) -> list[_Block]:
    # The person should know the record changed after the meeting, when it last did, and what changed.
    # A change to private notes is the manager's alone: the person is never told of it.
    # In the order they were made: copies merged from two machines keep each machine's changes together.
    amendments = sorted((amendment for amendment in meeting.amendments if not amendment.private), key=lambda amendment: (amendment.at, amendment.id))
    if not amendments:
        return []
    latest = max(amendment.at for amendment in amendments)
    count = len(amendments)
    changes = "1 change" if count == 1 else f"{count} changes"
    # The same change made again (notes edited twice) is named once, with how often.
    times: dict[str, int] = {}
    for amendment in amendments:
        what = _one_line(amendment.what) or "A change"
        times[what] = times.get(what, 0) + 1
    listed = [what if n == 1 else f"{what} ({n} times)" for what, n in times.items()]
    if len(listed) > AMENDMENTS_LISTED:  # the latest changes are the ones worth naming
        rest = len(listed) - AMENDMENTS_LISTED + 1
        listed = [f"{rest} earlier changes, then:", *listed[-(AMENDMENTS_LISTED - 1) :]]
    return [
        _Paragraph((f"Amended on {format_date(_local(latest, tz).date())} ({changes} since the meeting):",)),
        _Bullets(tuple(listed)),
    ]


def _notes_blocks(notes: list[tuple[str, str]], when_empty: str) -> list[_Block]:
    # Sections without notes are left out: the time table already lists every section.
    blocks: list[_Block] = []
    for number, (title, text) in enumerate(notes, start=1):
        lines = _note_lines(text)
        if lines:
            blocks.append(_Heading(_or(title, f"Section {number}"), 3))
            blocks.append(_Paragraph(tuple(lines)))
    return blocks or [_Paragraph((when_empty,))]


def _note_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.translate(_CONTROL_CHARACTERS).splitlines()]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _goal_line(goal: Priority) -> str:
    text = _one_line(goal.text) or "(no text)"
    parts = [f"Stretch assignment: {text}" if goal.kind == "stretch assignment" else text]
    if goal.measure.strip():
        parts.append(f"measure: {_one_line(goal.measure)}")
    if goal.due:
        parts.append(f"by {format_date(goal.due)}")
    changes = what_changed(goal)
    parts.append(_one_line(status_phrase(goal) + (f" ({'; '.join(changes)})" if changes else "")))
    if goal.progress.strip():
        parts.append(f"progress: {_one_line(goal.progress)}")
    if goal.outcome.strip():
        parts.append(f"outcome: {_one_line(goal.outcome)}")
    if goal.milestones:
        steps = [
            f"{_one_line(m.text)}, " + (f"met {format_date(m.done_on)}" if m.done_on else f"by {format_date(m.due)}" if m.due else "no date")
            for m in goal.milestones
        ]
        parts.append("milestones: " + "; ".join(steps))
    return " — ".join(parts)


def _action_line(action: ActionItem) -> str:
    owner = _one_line(action.owner) or "no owner yet"
    due = f"by {format_date(action.due)}" if action.due else "no deadline yet"
    line = f"{_one_line(action.text) or '(no text)'} — {owner}, {due}"
    if action.done_on:
        line += f" — done {format_date(action.done_on)}"
    elif action.dropped_reason.strip():
        line += f" — dropped: {_one_line(action.dropped_reason)}"
    if action.settled_on and not action.is_open:
        line += f" (settled in the meeting of {format_date(action.settled_on)})"
    return line


def _when(meeting: Meeting, tz: tzinfo | None) -> str:
    started = meeting.started_at
    if started is None:
        created = _local(meeting.created_at, tz)
        return f"{format_date(created.date())}, not started (set up at {created:%H:%M})"
    start = _local(started, tz)
    if meeting.ended_at is None:
        return f"{format_date(start.date())}, from {start:%H:%M}"
    end = _local(meeting.ended_at, tz)
    if end.date() == start.date():
        return f"{format_date(start.date())}, {start:%H:%M}–{end:%H:%M}"
    return f"{format_date(start.date())} {start:%H:%M} – {format_date(end.date())} {end:%H:%M}"


def _local(moment: datetime, tz: tzinfo | None) -> datetime:
    # astimezone(None) converts to the machine's local zone.
    return moment.astimezone(tz)


def _or(text: str, fallback: str) -> str:
    return _one_line(text) or _one_line(fallback)


# Control characters (NUL, escape sequences...) are never meant in a summary and
# could drive a terminal; line breaks and tabs are kept for splitting.
_CONTROL_CHARACTERS = dict.fromkeys(
    c for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85"
)


def _one_line(text: str) -> str:
    """Whitespace, line breaks included, collapsed to single spaces; control characters dropped."""
    return " ".join(text.translate(_CONTROL_CHARACTERS).split())


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    # Keep names well under every file system's limit; cut at a word boundary.
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0].strip("-") or slug[:60]
    return slug


# --- markdown ------------------------------------------------------------------

def _md(text: str) -> str:
    """`text` on one line, escaped so markdown shows it as typed where a line (or a bullet) starts."""
    return literal_markdown.block_line(_one_line(text))


def _render_markdown(blocks: list[_Block]) -> str:
    chunks: list[str] = []
    for block in blocks:
        match block:
            case _Heading(text, level):
                chunks.append(f"{'#' * level} {literal_markdown.heading(_one_line(text))}")
            case _Paragraph(lines):
                chunks.append(_md_paragraph(lines))
            case _Fields(rows):
                chunks.append("\n".join(f"- **{label}:** {literal_markdown.inline(_one_line(value))}" for label, value in rows))
            case _Bullets(items):
                chunks.append("\n".join(f"- {_md(item)}" for item in items))
            case _TimeTable(rows, (planned, taken)):
                table = ["| Section | Planned | Taken |", "| --- | ---: | ---: |"]
                table += [f"| {literal_markdown.table_cell(_one_line(title))} | {p} | {t} |" for title, p, t in rows]
                table.append(f"| **Total** | **{planned}** | **{taken}** |")
                chunks.append("\n".join(table))
    return "\n\n".join(chunks) + "\n"


def _md_paragraph(lines: tuple[str, ...]) -> str:
    """A note's lines as markdown paragraphs (a blank line starts the next), each line kept on its own."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            runs[-1].append(_one_line(line))
        elif runs[-1]:
            runs.append([])
    # Two trailing spaces are markdown's hard line break: they keep the note's line breaks
    # and, unlike a backslash, nobody reading the file raw sees them.
    return "\n\n".join("  \n".join(literal_markdown.paragraph_lines(run)) for run in runs if run)


# --- plain text ----------------------------------------------------------------


def _render_text(blocks: list[_Block]) -> str:
    lines: list[str] = []
    previous: _Block | None = None
    for block in blocks:
        # A section heading sits directly on its content; everything else is set apart by a blank line.
        sits_on_heading = isinstance(previous, _Heading) and previous.level > 1 and not isinstance(block, _Heading)
        if previous is not None and not sits_on_heading:
            lines.append("")
        match block:
            case _Heading(text, _):
                lines.append(_one_line(text))
            case _Paragraph(body):
                lines.extend(body)
            case _Fields(rows):
                lines.extend(f"{label}: {value}" for label, value in rows)
            case _Bullets(items):
                lines.extend(f"- {item}" for item in items)
            case _TimeTable(rows, (planned, taken)):
                lines.extend(f"{title}: {p} planned, {t} taken" for title, p, t in rows)
                lines.append(f"Total: {planned} planned, {taken} taken")
        previous = block
    return "\n".join(lines) + "\n"
