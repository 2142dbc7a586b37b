"""The Markdown export reads well pasted raw: only what would change the rendering is escaped, and
everything typed still renders exactly as typed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetingdesk import literal_markdown
from meetingdesk.models import ActionItem
from meetingdesk.summary import summary_markdown
from tests.domain.test_summary_time import rebalanced_meeting

PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def rendered_lines(markdown: str) -> list[list[str]]:
    """Each block's text as a reader sees it, line by line (escapes gone, breaks kept)."""
    blocks = []
    for token in PARSER.parse(markdown):
        if token.type == "inline":
            text = "".join(
                "\n" if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            blocks.append(text.split("\n"))
    return blocks


def test_ordinary_text_is_left_as_typed() -> None:
    meeting = rebalanced_meeting()
    typed = [
        "R&D budget is ~5 min of the call, a < b, see snake_case_name",
        "2 * 3 people, C# and F# teams; 50% done (v1.2)",
        "Q&A at the end: questions?",
    ]
    meeting.sections[0].notes = "\n".join(typed)
    meeting.actions = [ActionItem(text="Ship v1.2 & v1.3 ~ early", owner="Dana Lee")]
    md = summary_markdown(meeting)
    assert "\n".join(line + "  " for line in typed[:-1]) + "\n" + typed[-1] in md
    assert "- Ship v1.2 & v1.3 ~ early — Dana Lee, no deadline yet" in md
    assert "\\" not in md, "nothing here needed escaping, so no backslash is written"


def test_what_would_change_the_rendering_is_escaped_there_only() -> None:
    assert literal_markdown.inline("Use **bold** and `code` and ~~old~~") == "Use \\*\\*bold\\*\\* and \\`code\\` and \\~\\~old\\~\\~"
    assert literal_markdown.inline("see [the doc](x) <b>hi</b> &amp; __init__") == (
        "see \\[the doc](x) \\<b>hi\\</b> \\&amp; \\_\\_init\\_\\_"
    )
    assert literal_markdown.block_line("# not a heading") == "\\# not a heading"
    assert literal_markdown.block_line("- a point") == "\\- a point"
    assert literal_markdown.block_line("1. first") == "1\\. first"
    assert literal_markdown.block_line("---") == "\\---"
    assert literal_markdown.block_line("| --- | --- |") == "\\| --- \\| --- \\|"
    assert literal_markdown.heading("Language C #") == "Language C \\#"
    assert literal_markdown.table_cell("Yes | no") == "Yes \\| no"


MARKDOWN_MINDED = st.sampled_from(list("`*_~[]()<>#|&\\-+=:!.;/ 1aZ")) | st.sampled_from(["&amp;", "&#35;", "http://", "- ", "1. ", "```", "---"])
typed_line = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
    | st.lists(MARKDOWN_MINDED, min_size=1, max_size=12).map("".join)
).filter(str.strip)
lines_typed = st.lists(typed_line, min_size=1, max_size=4)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(lines_typed)
def test_any_note_renders_as_typed_in_one_paragraph(lines: list[str]) -> None:
    flat = [" ".join(line.split()) for line in lines]
    markdown = "## Notes\n\n" + "  \n".join(literal_markdown.paragraph_lines(flat)) + "\n"
    assert [token.type for token in PARSER.parse(markdown)][3:] == ["paragraph_open", "inline", "paragraph_close"]
    assert rendered_lines(markdown)[1] == flat


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(typed_line)
def test_any_bullet_heading_and_cell_renders_as_typed(text: str) -> None:
    flat = " ".join(text.split())
    assert rendered_lines(f"- {literal_markdown.block_line(flat)}\n") == [[flat]]
    assert rendered_lines(f"### {literal_markdown.heading(flat)}\n") == [[flat]]
    table = f"| A | B |\n| --- | --- |\n| {literal_markdown.table_cell(flat)} | x |\n"
    assert rendered_lines(table) == [["A"], ["B"], [flat], ["x"]]
