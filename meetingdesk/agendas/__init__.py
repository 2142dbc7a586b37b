"""Agenda templates: the built-in Markdown files in this folder and the parser for them.

An agenda is Markdown a manager can write in any editor::

    # Career discussion
    One-paragraph purpose shown when the meeting starts.

    ## Where you stand today (8 min)
    - How do you think colleagues and leadership see your work?

The file is read through markdown-it-py's token stream, so line numbers come
from the tokens' source map. Every problem a person can cause in a file becomes
an `AgendaError` naming the file, the line and the fix. Nothing here touches the
disk at import time or imports Textual.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdesk.agendas.blocks import block_prompts, describe_block, plain_text, top_level_blocks
from meetingdesk.locations import builtin_agendas_dir
from meetingdesk.errors import MeetingDeskError
from meetingdesk.models import MAX_MEETING_MINUTES, Agenda, AgendaSection

if TYPE_CHECKING:
    from markdown_it.token import Token

BUILT_IN = "built-in"
"""The `Agenda.source` of the agendas shipped with MeetingDesk."""


MAX_FILE_BYTES = 1_000_000
"""Larger files are refused: an agenda is a page of text, not a document."""

EXAMPLE_SECTION = "## Where you stand today (10 min)"
"""The section heading quoted in error messages as an example to copy."""

# The time box is the last parenthesised group of a section heading.
_TRAILING_PARENS = re.compile(r"^(?P<title>.*?)\s*\((?P<inner>[^()]*)\)\s*$", re.DOTALL)
_UNIT = re.compile(r"^(?P<amount>.*?)\s*(?P<unit>minutes|minute|mins|min)\.?$", re.IGNORECASE)
_OTHER_UNIT = re.compile(r"\d\s*(h|hr|hrs|hour|hours|m|s|sec|secs|seconds?)\.?$", re.IGNORECASE)
_WHOLE = re.compile(r"^\+?[0-9]+$", re.ASCII)
_DECIMAL = re.compile(r"^[-+]?[0-9]*[.,][0-9]+$", re.ASCII)
_NEGATIVE = re.compile(r"^-[0-9]+$", re.ASCII)
_CADENCE_LINE = re.compile(r"^check-in cadence:\s*(?P<cadence>.*)$", re.IGNORECASE)
"""A paragraph before the first section saying how often to check in after a meeting on this agenda."""


class AgendaError(MeetingDeskError):
    """An agenda file that cannot be used, with a sentence saying where and how to fix it."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        """The file (or, for an unknown agenda name, an empty string)."""
        self.line = line
        """The 1-based line of the problem, or None when it concerns the whole file."""
        self.reason = reason
        """What is wrong and what to do, e.g. `the section "Wrap-up" has no time box; ...`."""
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.path:
            return self.reason[:1].upper() + self.reason[1:]
        if self.line is None:
            return f"{self.path}: {self.reason}"
        return f"{self.path}, line {self.line}: {self.reason}"


def parse_agenda(text: str, name: str, source: str) -> Agenda:
    """Parse agenda Markdown into an `Agenda` named `name`; raise `AgendaError` on any problem.

    `source` is "built-in" or the path of the manager's file; errors name that
    path, or `<name>.md` for a built-in.
    """
    path = source if source and source != BUILT_IN else f"{name}.md"
    return _AgendaReader(path).read(text, name=name, source=source)


def load_agenda_file(path: Path) -> Agenda:
    """Read and parse one agenda file; its name is the file name without `.md`."""
    return _load(path, source=str(path))


def load_agendas(user_dir: Path | None) -> tuple[dict[str, Agenda], list[AgendaError]]:
    """Every usable agenda by name, and an error for each file that could not be used.

    Built-ins load first; then the manager's own `*.md` files from `user_dir`
    (when it exists), which replace built-ins of the same name. A broken file
    does not stop the others loading. A broken file of the manager's leaves the
    built-in of the same name (if any) in place; `find_agenda` reports the error.
    """
    agendas: dict[str, Agenda] = {}
    errors: list[AgendaError] = []
    for path in _agenda_files(builtin_agendas_dir(), errors):
        _collect(path, BUILT_IN, agendas, errors)
    if user_dir is not None and user_dir.is_dir():
        for path in _agenda_files(user_dir, errors):
            _collect(path, str(path), agendas, errors)
    return dict(sorted(agendas.items())), errors


def find_agenda(name_or_path: str, user_dir: Path | None) -> Agenda:
    """The agenda called `name_or_path`, or the one in the `.md` file it points to.

    The string is taken as a path when it ends in `.md`, contains a path
    separator, or names an existing file that is not a known agenda.
    """
    if _looks_like_path(name_or_path):
        return load_agenda_file(Path(name_or_path).expanduser())
    # The manager's own file of this name wins even when broken: report its error
    # rather than quietly running the built-in they meant to replace.
    own = user_dir / f"{name_or_path}.md" if user_dir is not None and name_or_path else None
    if own is not None and own.is_file():
        return load_agenda_file(own)
    built_in = builtin_agendas_dir() / f"{name_or_path}.md"
    if name_or_path and not name_or_path.startswith(".") and built_in.is_file():
        return _load(built_in, BUILT_IN)  # only the one asked for is read
    agendas, _ = load_agendas(user_dir)
    if name_or_path in agendas:
        return agendas[name_or_path]
    candidate = Path(name_or_path).expanduser()
    if candidate.is_file():
        return load_agenda_file(candidate)
    available = ", ".join(agendas) or "none"
    raise AgendaError(
        "",
        None,
        f'there is no agenda called "{name_or_path}"; use one of: {available}, '
        "or give the path to a .md file.",
    )


def _looks_like_path(text: str) -> bool:
    separators = {"/", os.sep} | ({os.altsep} if os.altsep else set())
    return text.lower().endswith(".md") or any(sep in text for sep in separators)


def _agenda_files(folder: Path, errors: list[AgendaError]) -> list[Path]:
    try:
        paths = sorted(folder.glob("*.md"))
    except OSError as exc:
        errors.append(
            AgendaError(
                str(folder), None, f"the agendas folder could not be read ({_os_reason(exc)}); check its permissions."
            )
        )
        return []
    # Editors leave hidden lock and swap files (".#career.md", "._career.md") beside real ones.
    return [path for path in paths if not path.name.startswith(".")]


def _collect(path: Path, source: str, agendas: dict[str, Agenda], errors: list[AgendaError]) -> None:
    try:
        agenda = _load(path, source)
    except AgendaError as error:
        errors.append(error)
    else:
        agendas[agenda.name] = agenda


def _load(path: Path, source: str) -> Agenda:
    shown = str(path) if source != BUILT_IN else path.name
    try:
        if path.is_dir():
            raise AgendaError(shown, None, "this is a folder, not an agenda file; give the path to a .md file.")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise AgendaError(shown, None, "the file does not exist; check the path and the spelling.") from None
    except OSError as exc:
        raise AgendaError(
            shown, None, f"the file could not be read ({_os_reason(exc)}); check it exists and you can read it."
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise AgendaError(shown, None, "the file is over 1 MB, too large for an agenda; check it is the right file.")
    if b"\x00" in data:
        raise AgendaError(
            shown, None, "this is a binary file, not a Markdown agenda; give the path to a .md text file."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise AgendaError(
            shown, line, "the file is not UTF-8 text; save it from your editor with the UTF-8 encoding."
        ) from None
    return _AgendaReader(shown).read(text, name=path.stem, source=source)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _SectionDraft:
    def __init__(self, title: str, minutes: int, line: int, private: bool = False) -> None:
        self.title = title
        self.minutes = minutes
        self.line = line
        self.private = private
        self.prompts: list[str] = []


class _AgendaReader:
    """One pass over the top-level Markdown blocks, building the agenda or raising the first error."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, line: int | None, reason: str) -> AgendaError:
        return AgendaError(self.path, line, reason)

    def read(self, text: str, name: str, source: str) -> Agenda:
        from markdown_it import MarkdownIt

        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise self.fail(
                None,
                'the file is empty; start it with a title such as "# Career discussion" '
                f'and add sections such as "{EXAMPLE_SECTION}".',
            )
        tokens = MarkdownIt("commonmark").parse(text)
        title: str | None = None
        title_line = 1
        purpose: list[str] = []
        cadence = None
        sections: list[_SectionDraft] = []
        for block in top_level_blocks(tokens):
            first = block[0]
            line = first.map[0] + 1 if first.map else None
            kind = first.type
            # Hidden HTML (comments) and rules carry nothing to show; skip them anywhere.
            if kind in ("html_block", "hr"):
                continue
            if kind == "heading_open":
                level = int(first.tag[1:])
                heading = plain_text(block[1].children)
                if level == 1:
                    if title is not None:
                        raise self.fail(
                            line,
                            f'the file has a second title "{_quote(heading)}"; keep one "# " title '
                            f'at the top and make this a section such as "## {_quote(heading, 40)} (10 min)".',
                        )
                    if not heading:
                        raise self.fail(line, 'the title is empty; write it as "# Career discussion".')
                    title, title_line = heading, line or 1
                    continue
                if title is None:
                    raise self._missing_title(tokens, line)
                if level == 2:
                    sections.append(self._section(heading, line))
                    self._check_total(sections)
                    continue
                if not sections:
                    raise self.fail(
                        line,
                        f'the heading "{_quote(heading)}" comes before any section; '
                        f'make it a section such as "## {_quote(heading, 40)} (10 min)".',
                    )
                if _TRAILING_PARENS.match(heading) and _looks_like_time_box(heading):
                    raise self.fail(
                        line,
                        f'"{_quote(heading)}" has {level} "#" marks; a section takes two, '
                        f'so write it as "## {_quote(heading, 40)}".',
                    )
                # A deeper heading inside a section groups prompts: keep its text as a prompt.
                sections[-1].prompts.append(heading)
                continue
            if title is None:
                raise self._missing_title(tokens, line)
            if not sections:
                if kind == "paragraph_open":
                    text = plain_text(block[1].children)
                    said = _CADENCE_LINE.match(text)
                    if said is None:
                        purpose.append(text)
                    else:
                        cadence = self._cadence(said["cadence"], line)
                    continue
                raise self.fail(
                    line,
                    f"this {describe_block(kind)} comes before the first section, where only the purpose "
                    f'paragraph belongs; put it under a section heading such as "{EXAMPLE_SECTION}".',
                )
            sections[-1].prompts.extend(block_prompts(block))
        if title is None:
            raise self._missing_title(tokens, None)
        if not sections:
            raise self.fail(
                title_line,
                f'the agenda has no sections; add at least one below the title, such as "{EXAMPLE_SECTION}" '
                "with its prompts as bullets.",
            )
        return Agenda(
            name=name,
            title=title,
            purpose="\n\n".join(part for part in purpose if part),
            cadence=cadence,
            sections=[
                AgendaSection(title=draft.title, minutes=draft.minutes, prompts=draft.prompts, private=draft.private)
                for draft in sections
            ],
            source=source,
        )

    def _cadence(self, typed: str, line: int | None):
        """The cadence a "Check-in cadence:" line suggests, or the error naming the value and the choices."""
        from meetingdesk.goals import CADENCE_CHOICES, PlanError, parse_cadence

        try:
            return parse_cadence(typed)
        except PlanError:
            raise self.fail(line, f'the check-in cadence "{_quote(typed)}" is not one of {CADENCE_CHOICES}; write it as "Check-in cadence: monthly".') from None

    def _missing_title(self, tokens: list[Token], line: int | None) -> AgendaError:
        title_lines = [t.map[0] + 1 for t in tokens if t.type == "heading_open" and t.tag == "h1" and t.map]
        if title_lines:
            return self.fail(
                line,
                f'the agenda must start with its "# " title, but the title is on line {title_lines[0]}; '
                "move it to the top of the file.",
            )
        return self.fail(
            line or 1, 'the agenda has no title; start the file with a line such as "# Career discussion".'
        )

    def _section(self, heading: str, line: int | None) -> _SectionDraft:
        fix_title = _quote(heading, 40) or "Section title"
        match = _TRAILING_PARENS.match(heading)
        if match is None or not _looks_like_time_box(heading):
            raise self.fail(
                line,
                f'the section "{_quote(heading)}" has no time box; write it as "## {fix_title} (5 min)".',
            )
        title = match["title"].strip()
        inner, *flags = (" ".join(part.split()) for part in match["inner"].split(","))
        # "(10 min, private)": the section's notes stay with the manager unless moved to the shared notes.
        for flag in flags:
            if flag.casefold() != "private":
                raise self.fail(
                    line,
                    f'the time box of "{_quote(title)}" says "{flag}"; only "private" may follow the minutes, '
                    f'as in "## {_quote(title, 40)} (10 min, private)".',
                )
        if not title:
            raise self.fail(line, f'the section "({inner})" has no title; write it as "## Wrap-up ({inner})".')
        fix = f'"## {_quote(title, 40)} (5 min)"'
        unit = _UNIT.match(inner)
        if unit is None:
            if _OTHER_UNIT.search(inner):
                raise self.fail(
                    line,
                    f'the time box "({inner})" of "{_quote(title)}" must be in minutes; write it as {fix}.',
                )
            raise self.fail(
                line, f'the time box "({inner})" of "{_quote(title)}" needs the unit "min"; write it as {fix}.'
            )
        amount = unit["amount"].strip()
        if _WHOLE.match(amount):
            digits = amount.lstrip("+").lstrip("0")
            # Very long digit strings exceed int()'s limit; any of them is far over 8 hours anyway.
            minutes = int(digits) if 0 < len(digits) <= 9 else (0 if not digits else MAX_MEETING_MINUTES * 1000)
            if minutes == 0:
                raise self.fail(
                    line, f'the section "{_quote(title)}" has a time box of 0 minutes; give it at least 1, as in {fix}.'
                )
            return _SectionDraft(title, minutes, line or 1, private=bool(flags))
        if _DECIMAL.match(amount):
            reason = f'the time box "({inner})" of "{_quote(title)}" is not a whole number of minutes'
        elif _NEGATIVE.match(amount):
            reason = f'the time box "({inner})" of "{_quote(title)}" is negative'
        elif not amount:
            reason = f'the time box "({inner})" of "{_quote(title)}" has no number'
        else:
            reason = f'the time box "({inner})" of "{_quote(title)}" is not a number'
        raise self.fail(line, f"{reason}; write whole minutes in digits, as in {fix}.")

    def _check_total(self, sections: list[_SectionDraft]) -> None:
        total = sum(draft.minutes for draft in sections)
        if total >= MAX_MEETING_MINUTES:
            hours, minutes = divmod(total, 60)
            if hours >= 1000:
                length = "far more than 8 hours"
            else:
                length = f"{hours} h {minutes} min" if minutes else f"{hours} hours"
            raise self.fail(
                sections[-1].line,
                f'the sections up to "{_quote(sections[-1].title)}" add up to {length}; '
                "an agenda must be under 8 hours, so shorten the time boxes.",
            )


def _looks_like_time_box(heading: str) -> bool:
    """True when the trailing parentheses hold a number or a unit, not words like "(optional)"."""
    match = _TRAILING_PARENS.match(heading)
    if match is None:
        return False
    inner = match["inner"]
    return bool(re.search(r"[0-9]", inner, re.ASCII) or _UNIT.match(inner.strip()))
