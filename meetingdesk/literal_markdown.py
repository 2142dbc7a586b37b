"""Text typed in a meeting, written into Markdown so it shows exactly as typed, and reads well raw.

Only what would change the rendering is escaped, where it would: `&` only before an
entity (`&amp;`), `~` only when two could strike text through, `*` and `_` only when
two could make emphasis (never inside snake_case), `` ` `` only when two could open a
code span, `[` only before a `]`, `<` only before a tag or a link, `\\` only before
punctuation, `|` only in table cells and in a line that would make a table. At the
start of a block (a note's line, a bullet), what would start a heading, a quote, a
list or a rule is escaped too. Everything else ("R&D", "~5 min", "a < b") is left as
typed. Nothing here imports Textual.
"""

from __future__ import annotations

import re

_PUNCTUATION_AFTER_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_TAG_OR_AUTOLINK = re.compile(r"<(?=[A-Za-z/!?])")
_BOUNDARY_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_RULE_OR_UNDERLINE = re.compile(r"^[-=_*](?:[-=_*\s]*)$")
_TABLE_DELIMITER_ROW = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_CLOSING_HASHES = re.compile(r"(^|\s)(#+)\s*$")


def inline(text: str, paragraph: str | None = None) -> str:
    """`text` (one line) escaped so that, inside a line, Markdown shows it as typed.

    `paragraph` is all the text of the block the line is in (the line itself by default):
    a code span, emphasis or a link may run from one line of a paragraph to the next.
    """
    around = text if paragraph is None else paragraph
    text = _PUNCTUATION_AFTER_BACKSLASH.sub(r"\\\\", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _TAG_OR_AUTOLINK.sub(r"\\<", text)
    for mark in "`*~":
        if around.count(mark) >= 2:
            text = text.replace(mark, "\\" + mark)
    if len(_BOUNDARY_UNDERSCORE.findall(around)) >= 2:
        text = _BOUNDARY_UNDERSCORE.sub(r"\\_", text)
    if "[" in around and "]" in around[around.index("[") :]:
        text = text.replace("[", "\\[")
    return text


def block_line(text: str, paragraph: str | None = None) -> str:
    """`text` (one line) escaped so that, at the start of a block or a note's line, it starts none.

    A heading, a quote, a list item, a rule, a setext underline or a table's delimiter
    row would each change what the lines around it are. `paragraph` as for `inline`.
    """
    escaped = inline(text, paragraph)
    if _TABLE_DELIMITER_ROW.fullmatch(text.strip()) and "|" in text:
        escaped = escaped.replace("|", "\\|")
    if _RULE_OR_UNDERLINE.fullmatch(escaped):
        return "\\" + escaped
    if match := _BLOCK_START.match(escaped):
        marker = match[1]
        return f"{marker}\\{escaped[len(marker):]}" if marker[0].isdigit() else "\\" + escaped
    return escaped


def paragraph_lines(lines: list[str]) -> list[str]:
    """The lines of one paragraph (a note), each escaped as `block_line`, judged together."""
    whole = "\n".join(lines)
    return [block_line(line, whole) for line in lines]


def heading(text: str) -> str:
    """`text` escaped for a `#` heading: inline, and a closing run of `#` kept as text."""
    return _CLOSING_HASHES.sub(lambda m: f"{m[1]}\\{m[2]}", inline(text))


def table_cell(text: str) -> str:
    """`text` escaped for a table cell: inline, and every `|` (which would end the cell)."""
    return inline(text).replace("|", "\\|")
