"""Agenda templates: the built-ins, the manager's own files, and every way a file can be broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetingdesk.agendas import AgendaError, find_agenda, load_agenda_file, load_agendas, parse_agenda
from meetingdesk.models import Agenda, AgendaSection

BUILT_INS = [
    "career-discussion",
    "compensation-conversation",
    "development-check-in",
    "performance-reset",
    "performance-review",
]

CUSTOM = """\
# Quarterly one-to-one

A short look at the quarter
and what comes next.

## How the quarter went (10 min)
- What went well?
- What would you do *differently*?

## Next quarter (15 mins)
- Which goal matters most?

## Wrap-up (5 minutes)
- Confirm actions, owners and deadlines.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- built-ins ---------------------------------------------------------------------------


def test_every_built_in_loads_without_errors_and_sorted_by_name() -> None:
    agendas, errors = load_agendas(None)
    assert errors == []
    assert set(BUILT_INS) <= set(agendas)
    assert list(agendas) == sorted(agendas)


@pytest.mark.parametrize("name", BUILT_INS)
def test_built_in_is_a_realistic_meeting(name: str) -> None:
    agenda = find_agenda(name, None)
    assert agenda.name == name
    assert agenda.source == "built-in"
    assert agenda.title and agenda.purpose
    assert "\n\n" not in agenda.purpose, "the purpose is one paragraph"
    assert 4 <= len(agenda.sections) <= 6
    assert 30 <= agenda.total_minutes <= 60
    for section in agenda.sections:
        assert 2 <= len(section.prompts) <= 5, section.title
        for prompt in section.prompts:
            assert len(prompt) <= 80, prompt
    wrap_up = agenda.sections[-1]
    assert wrap_up.title.lower().startswith("wrap-up")
    closing = " ".join(wrap_up.prompts).lower()
    assert "goal" in closing and "owner" in closing and "deadline" in closing


def test_performance_reset_covers_expectations_and_support() -> None:
    text = str(find_agenda("performance-reset", None).model_dump()).lower()
    assert "expectation" in text and "support" in text


def test_compensation_conversation_ties_pay_to_results_constraints_and_recognition() -> None:
    agenda = find_agenda("compensation-conversation", None)
    titles = " ".join(section.title for section in agenda.sections).lower()
    everything = str(agenda.model_dump()).lower()
    assert "recognition" in titles
    assert "results" in everything and "budget" in everything


# --- the manager's own file --------------------------------------------------------------


def test_custom_agenda_file_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path, "quarterly.md", CUSTOM)
    agenda = load_agenda_file(path)
    assert agenda == Agenda(
        name="quarterly",
        title="Quarterly one-to-one",
        purpose="A short look at the quarter and what comes next.",
        sections=[
            AgendaSection(
                title="How the quarter went",
                minutes=10,
                prompts=["What went well?", "What would you do differently?"],
            ),
            AgendaSection(title="Next quarter", minutes=15, prompts=["Which goal matters most?"]),
            AgendaSection(title="Wrap-up", minutes=5, prompts=["Confirm actions, owners and deadlines."]),
        ],
        source=str(path),
    )
    assert agenda.total_minutes == 30


def test_purpose_and_prompts_are_optional() -> None:
    agenda = parse_agenda("# Quick sync\n## Anything (10 min)\n", "quick", "built-in")
    assert agenda.purpose == ""
    assert agenda.sections == [AgendaSection(title="Anything", minutes=10)]


def test_an_agenda_may_suggest_a_check_in_cadence_and_a_wrong_one_names_the_line() -> None:
    text = "# Check-in\nHow it is going.\n\nCheck-in cadence: Every two weeks\n\n## News (5 min)\n"
    agenda = parse_agenda(text, "check-in", "check-in.md")
    assert (agenda.cadence, agenda.purpose) == ("every 2 weeks", "How it is going.")
    assert find_agenda("development-check-in", None).cadence == "every 2 weeks"
    assert find_agenda("compensation-conversation", None).cadence is None
    with pytest.raises(AgendaError) as raised:
        parse_agenda(text.replace("Every two weeks", "daily"), "check-in", "check-in.md")
    assert str(raised.value) == (
        'check-in.md, line 4: the check-in cadence "daily" is not one of weekly, every 2 weeks, monthly, quarterly or none; '
        'write it as "Check-in cadence: monthly".'
    )


def test_stray_text_inside_a_section_is_kept_as_prompts_not_dropped() -> None:
    text = "# T\n\n## One (5 min)\n\nA loose paragraph.\n\n> A quote\n\n### Subheading\n\n## Two (5 min)\n- x\n"
    agenda = parse_agenda(text, "t", "built-in")
    assert [s.title for s in agenda.sections] == ["One", "Two"]
    assert agenda.sections[0].prompts == ["A loose paragraph.", "A quote", "Subheading"]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.md", "\ufeff# Title\n\n## Part (5 min)\n".encode())
    assert load_agenda_file(path).title == "Title"


# --- broken files ------------------------------------------------------------------------

BROKEN = [
    # (case, file text, line, words the reason must contain)
    ("no title", "Some purpose.\n\n## Part (5 min)\n", 1, ['no title', '"# Career discussion"']),
    ("title not first", "## Part (5 min)\n\n# Title\n", 1, ["title is on line 3"]),
    ("no sections", "# Title\n\nJust a purpose.\n", 1, ["no sections", "(10 min)"]),
    (
        "missing time box",
        "# Title\n\nPurpose.\n\n\n\n## Wrap-up\n- x\n",
        7,
        ['"Wrap-up" has no time box', '"## Wrap-up (5 min)"'],
    ),
    ("zero minutes", "# Title\n\n## Part (0 min)\n", 3, ["0 minutes", "at least 1"]),
    ("fractional minutes", "# Title\n\n## Part (2.5 min)\n", 3, ["not a whole number", '"## Part (5 min)"']),
    ("non-numeric minutes", "# Title\n\n## Part (ten min)\n", 3, ["not a number", '"## Part (5 min)"']),
    ("negative minutes", "# Title\n\n## Part (-5 min)\n", 3, ["negative"]),
    ("no unit", "# Title\n\n## Part (5)\n", 3, ['unit "min"']),
    ("hours", "# Title\n\n## Part (2 hours)\n", 3, ["in minutes"]),
    ("eight hours", "# Title\n\n## A (240 min)\n\n## B (240 min)\n", 5, ["8 hours", "shorten"]),
    ("absurd minutes", "# Title\n\n## A (" + "9" * 5000 + " min)\n", 3, ["8 hours"]),
    ("second title", "# Title\n\n## A (5 min)\n\n# Other\n", 5, ['second title "Other"', '"## Other (10 min)"']),
    ("list before sections", "# Title\n\n- stray\n\n## A (5 min)\n", 3, ["list comes before the first section"]),
    ("empty title", "#\n\n## A (5 min)\n", 1, ["title is empty"]),
]


@pytest.mark.parametrize(("case", "text", "line", "words"), BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_file_names_file_line_and_fix(
    tmp_path: Path, case: str, text: str, line: int, words: list[str]
) -> None:
    path = write(tmp_path, "career.md", text)
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    error = caught.value
    assert error.path == str(path)
    assert error.line == line
    for word in words:
        assert word in error.reason
    assert str(error) == f"{path}, line {line}: {error.reason}"
    assert error.reason.endswith(".")


def test_built_in_source_errors_name_the_md_file() -> None:
    with pytest.raises(AgendaError) as caught:
        parse_agenda("# Title\n\n## Part\n", "career", "built-in")
    assert str(caught.value) == 'career.md, line 3: the section "Part" has no time box; write it as "## Part (5 min)".'


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, "career.md", content)
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    assert caught.value.path == str(path)
    assert caught.value.line is None
    assert str(caught.value).startswith(f"{path}: the file is empty;")


def test_non_utf8_file_points_at_the_bad_line(tmp_path: Path) -> None:
    path = write(tmp_path, "career.md", "# Title\n\n## Caf".encode() + b"\xe9 (5 min)\n")
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    assert caught.value.path == str(path)
    assert caught.value.line == 3
    assert "not UTF-8" in caught.value.reason


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "career.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    assert caught.value.path == str(path)
    assert "binary file" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.md"
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    assert str(caught.value) == f"{path}: the file does not exist; check the path and the spelling."


# --- loading a folder --------------------------------------------------------------------


def test_broken_user_file_is_reported_and_the_others_still_load(tmp_path: Path) -> None:
    write(tmp_path, "good.md", CUSTOM)
    broken = write(tmp_path, "broken.md", "# Broken\n\n## No box\n")
    write(tmp_path, "notes.txt", "not an agenda")
    agendas, errors = load_agendas(tmp_path)
    assert "good" in agendas and "broken" not in agendas and "notes" not in agendas
    assert set(BUILT_INS) <= set(agendas)
    assert [(e.path, e.line) for e in errors] == [(str(broken), 3)]
    assert list(agendas) == sorted(agendas)


def test_user_file_overrides_built_in(tmp_path: Path) -> None:
    path = write(tmp_path, "career-discussion.md", "# Our career talk\n\n## Goals (20 min)\n- Where next?\n")
    agendas, errors = load_agendas(tmp_path)
    assert errors == []
    assert agendas["career-discussion"].title == "Our career talk"
    assert agendas["career-discussion"].source == str(path)
    assert find_agenda("career-discussion", tmp_path).title == "Our career talk"


def test_broken_override_is_reported_by_find_agenda(tmp_path: Path) -> None:
    path = write(tmp_path, "career-discussion.md", "# Our career talk\n\n## Goals (twenty min)\n")
    with pytest.raises(AgendaError) as caught:
        find_agenda("career-discussion", tmp_path)
    assert caught.value.path == str(path) and caught.value.line == 3


def test_missing_user_folder_loads_built_ins(tmp_path: Path) -> None:
    agendas, errors = load_agendas(tmp_path / "does-not-exist")
    assert errors == []
    assert set(BUILT_INS) <= set(agendas)
    assert {agenda.source for agenda in agendas.values()} == {"built-in"}


# --- find_agenda -------------------------------------------------------------------------


def test_find_by_name() -> None:
    assert find_agenda("performance-reset", None).title == "Performance reset"


def test_find_by_path(tmp_path: Path) -> None:
    path = write(tmp_path, "quarterly.md", CUSTOM)
    by_path = find_agenda(str(path), None)
    assert by_path.name == "quarterly"
    assert by_path.source == str(path)


def test_find_by_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(AgendaError) as caught:
        find_agenda(str(tmp_path / "missing.md"), None)
    assert "does not exist" in str(caught.value)


def test_unknown_name_lists_available_agendas(tmp_path: Path) -> None:
    write(tmp_path, "quarterly.md", CUSTOM)
    with pytest.raises(AgendaError) as caught:
        find_agenda("carer-discussion", tmp_path)
    message = str(caught.value)
    assert message.startswith('There is no agenda called "carer-discussion"; use one of: ')
    for name in [*BUILT_INS, "quarterly"]:
        assert name in caught.value.reason


# --- properties --------------------------------------------------------------------------

markdownish_line = st.one_of(
    st.text(max_size=30),
    st.builds(lambda t: "# " + t, st.text(max_size=20)),
    st.builds(
        lambda t, n, u: f"## {t} ({n} {u})",
        st.text(max_size=20),
        st.text(max_size=6),
        st.sampled_from(["min", "mins", "minutes", "h", ""]),
    ),
    st.builds(lambda t: "- " + t, st.text(max_size=20)),
    st.builds(lambda t, n: f"## {t} ({n} min)", st.text(max_size=20), st.integers(min_value=-1, max_value=500)),
    st.sampled_from(["", "---", "```", "> quote", "    code", "<!-- c -->", "1. item", "===", "\ufeff", "### Sub"]),
)
# Half the documents open with a good title, so the property reaches the section rules too.
any_text = st.one_of(
    st.text(),
    st.builds(
        lambda start, lines: start + "\n".join(lines),
        st.sampled_from(["", "# Title\n\n"]),
        st.lists(markdownish_line, max_size=15),
    ),
)


@given(any_text)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_gives_an_agenda_or_an_agenda_error(text: str) -> None:
    try:
        agenda = parse_agenda(text, "any", "built-in")
    except AgendaError as error:
        assert error.path == "any.md"
        assert error.line is None or error.line >= 1
        assert str(error).startswith("any.md")
    else:
        assert agenda.sections and agenda.title
        assert agenda.total_minutes < 8 * 60


# Text that Markdown reads back literally: starts with a letter, no markup characters.
plain_words = st.from_regex(r"[A-Za-zéüß][A-Za-z0-9éüß ,?']{0,40}", fullmatch=True).map(
    lambda s: " ".join(s.split())
)
sections = st.builds(
    AgendaSection,
    title=plain_words,
    minutes=st.integers(min_value=1, max_value=79),
    prompts=st.lists(plain_words, max_size=5),
)
agendas = st.builds(
    Agenda,
    name=st.sampled_from(["career", "my-agenda", "review 2"]),
    title=plain_words,
    purpose=st.one_of(st.just(""), plain_words),
    sections=st.lists(sections, min_size=1, max_size=6),
    source=st.sampled_from(["built-in", "/home/me/agendas/career.md"]),
)


def render(agenda: Agenda, unit: str) -> str:
    """The agenda as a manager would write it by hand."""
    lines = [f"# {agenda.title}", ""]
    if agenda.purpose:
        lines += [agenda.purpose, ""]
    for section in agenda.sections:
        lines += [f"## {section.title} ({section.minutes} {unit})", ""]
        lines += [f"- {prompt}" for prompt in section.prompts]
        lines.append("")
    return "\n".join(lines)


@given(agendas, st.sampled_from(["min", "mins", "minutes"]))
def test_rendered_valid_agenda_parses_back_equal(agenda: Agenda, unit: str) -> None:
    assert parse_agenda(render(agenda, unit), agenda.name, agenda.source) == agenda
