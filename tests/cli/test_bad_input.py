"""Bad input gets a clear answer, never a traceback (issue 4, promise 6).

The shell rows run the real entry point (`python -m meetingdesk`) as a subprocess and
assert on its exit status and stderr. The TUI rows drive the app with Pilot and read
what is drawn on the screen and what lands on disk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from meetingdesk.app import MeetingDeskApp
from meetingdesk.models import Agenda, AgendaSection, Meeting, meeting_from_agenda
from meetingdesk.screens import LiveScreen, RecordScreen
from meetingdesk.storage.store import Store
from tests.builders import type_text

AGENDA = Agenda(
    name="quick",
    title="Quick review",
    sections=[
        AgendaSection(title="How it went", minutes=5),
        AgendaSection(title="What next", minutes=10),
    ],
)


# --- the shell -------------------------------------------------------------------------------


def meetingdesk(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m meetingdesk ARGS` on the data folder `home`, no terminal, as a script would."""
    cwd = cwd or home.parent
    env = {
        "PATH": "/usr/bin:/bin",
        "MEETINGDESK_HOME": str(home),
        "TZ": "UTC",
        "USER": "Sam Rivera",
        "LANG": "C.UTF-8",
        "HOME": str(cwd),
    }
    return subprocess.run(
        [sys.executable, "-m", "meetingdesk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=str(cwd),
    )


def _broken_agenda(home: Path) -> None:
    folder = home / "agendas"
    folder.mkdir(parents=True)
    (folder / "broken.md").write_text("# Broken one\n\nPurpose.\n\n## No time box here\n- a prompt\n")


def _two_meetings_sharing_a_prefix(home: Path) -> None:
    store = Store(home)
    store.open()
    for suffix, person in (("1" * 29, "Ana Souza"), ("2" * 29, "Dana Lee")):
        meeting = meeting_from_agenda(AGENDA, person, "Sam Rivera")
        meeting.id = "abc" + suffix
        store.save(meeting)


def _home_under_a_file(home: Path) -> Path:
    blocker = home.parent / "not-a-folder"
    blocker.write_text("a regular file")
    return blocker / "meetingdesk"


NEW = ("new", "--with", "Dana Lee", "--agenda")

SHELL_ROWS = [
    # (id, setup, args, what stderr must say)
    (
        "unknown agenda lists the available ones",
        None,
        (*NEW, "no-such-agenda"),
        ["no-such-agenda", "career-discussion", "performance-review"],
    ),
    (
        "broken agenda file names the file and the line",
        _broken_agenda,
        (*NEW, "broken"),
        ["broken.md", "line 5", "no time box", "(5 min)"],
    ),
    ("unknown meeting id for show", None, ("show", "zzzz"), ["zzzz", "No meeting"]),
    (
        "ambiguous meeting id for show",
        _two_meetings_sharing_a_prefix,
        ("show", "abc"),
        ["abc", "matches 2 meetings", "Ana Souza", "Dana Lee", "Type more"],
    ),
    ("--minutes 0", None, (*NEW, "career-discussion", "--minutes", "0"), ["--minutes", "whole number"]),
    ("--minutes too large", None, (*NEW, "career-discussion", "--minutes", "100000"), ["--minutes", "480"]),
    ("--minutes not a number", None, (*NEW, "career-discussion", "--minutes", "ten"), ["--minutes", "ten"]),
    ("list --limit 0", None, ("list", "--limit", "0"), ["--limit", "1 or more"]),
    ("list --limit not a number", None, ("list", "--limit", "lots"), ["--limit", "lots"]),
    ("show with an unknown format", None, ("show", "abc", "--format", "pdf"), ["--format", "pdf"]),
]


@pytest.mark.parametrize(("setup", "args", "said"), [row[1:] for row in SHELL_ROWS], ids=[row[0] for row in SHELL_ROWS])
def test_shell_bad_input_exits_2_with_a_sentence(home: Path, setup, args, said: list[str]) -> None:
    if setup is not None:
        setup(home)
    result = meetingdesk(home, *args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for words in said:
        assert words in result.stderr, f"{words!r} missing from: {result.stderr}"
    assert not result.stdout.strip(), "an error prints nothing to stdout"


@pytest.mark.parametrize("args", [("list",), ("show", "abc"), ("resume",), (*NEW, "career-discussion")], ids=" ".join)
def test_unusable_data_folder_is_named_and_exits_2(home: Path, args: tuple[str, ...]) -> None:
    unusable = _home_under_a_file(home)
    result = meetingdesk(unusable, *args, cwd=home.parent)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert str(unusable) in result.stderr
    assert "MEETINGDESK_HOME" in result.stderr, "the sentence says how to choose another folder"


ARGUMENT_ROWS = [
    # (the command line, words the one sentence must hold)
    (("new", "--minutes", "abc", "--agenda", "quick", "--with", "Dana"), ["--minutes", "whole number", "abc"]),
    (("bogus",), ["“bogus” is not a meetingdesk command", "list", "new"]),
    (("show",), ["show needs a meeting ID", "meetingdesk show"]),
    (("new",), ["new needs an agenda and a person", "--agenda", "--with"]),
    (("new", "--agenda", "career-discussion"), ["new needs", "--with"]),
    (("list", "--limit"), ["--limit needs a value", "--limit 20"]),
    (("list", "--with"), ["--with needs a value", '--with "Dana Lee"']),
    (("list", "--surprise"), ["list does not take “--surprise”", "meetingdesk list --help"]),
    (("export", "--format"), ["--format needs a value"]),
    (("import",), ["import needs the path of a JSON export"]),
    (("actions", "--owner"), ["--owner needs a value"]),
    (("show", "abc", "extra"), ["show does not take “extra”"]),
]


@pytest.mark.parametrize(("args", "said"), ARGUMENT_ROWS, ids=[" ".join(row[0]) for row in ARGUMENT_ROWS])
def test_every_argument_error_is_one_sentence_naming_it_and_the_fix(home: Path, args, said: list[str]) -> None:
    result = meetingdesk(home, *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("meetingdesk: "), result.stderr
    assert "usage:" not in result.stderr
    for words in said:
        assert words in result.stderr, f"{words!r} missing from: {result.stderr}"


def test_help_still_shows_the_usage(home: Path) -> None:
    result = meetingdesk(home, "list", "--help")
    assert result.returncode == 0
    assert "usage: meetingdesk list" in result.stdout


def test_export_into_a_folder_that_does_not_exist_says_so_and_creates_nothing(home: Path) -> None:
    store = Store(home)
    store.open()
    meeting = meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera")
    store.save(meeting)
    missing = home.parent / "no-such-folder" / "deeper"
    for args in (("export", meeting.id[:8], "--format", "text", "--out", str(missing / "summary.txt")), ("export", "--all", "--format", "markdown", "--out", str(missing))):
        result = meetingdesk(home, *args)
        assert result.returncode == 2, result.stderr
        assert f"The folder {missing.parent if args[1] == '--all' else missing} does not exist" in result.stderr
        assert not (home.parent / "no-such-folder").exists()


def test_broken_agenda_does_not_stop_the_others(home: Path) -> None:
    _broken_agenda(home)
    result = meetingdesk(home, "agendas")
    assert result.returncode == 0
    assert "career-discussion" in result.stdout and "broken" not in result.stdout
    assert "broken.md, line 5" in result.stderr and "Traceback" not in result.stderr


# --- the TUI -------------------------------------------------------------------------------


def screen_text(app: MeetingDeskApp) -> str:
    """Every row of the terminal as a person sees it (markup already applied, so it must be gone)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def saved(store: Store) -> Meeting:
    """The one meeting file, read back the way a restart would."""
    files = list((store.root / "meetings").glob("*.json"))
    assert len(files) == 1
    return Meeting.model_validate_json(files[0].read_text(encoding="utf-8"))


async def paste(pilot, widget, text: str) -> None:
    """Paste `text` into `widget` the way a terminal's bracketed paste arrives: to the app, for the focused widget."""
    assert pilot.app.focused is widget, f"{widget!r} should have focus, not {pilot.app.focused!r}"
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


MARKUP_NAME = "[b]Dana[/] [link=x]Lee"
MARKUP_NOTE = "Said [red]not red[/] and [/] alone [link=https://e.x]click[/link]"
MARKUP_ACTION = "Fix [b]bold[/b] tag [link=x]"


async def test_markup_in_name_note_action_and_priority_shows_literally(store: Store, clock) -> None:
    meeting = meeting_from_agenda(AGENDA, MARKUP_NAME, "Sam [i]Rivera[/i]")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        notes = app.screen.query_one("#notes", TextArea)
        await paste(pilot, notes, MARKUP_NOTE)
        await pilot.press("ctrl+o")
        await paste(pilot, app.screen.query_one(Input), f"{MARKUP_ACTION} @me by 2026-12-01")
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await paste(pilot, app.screen.query_one(Input), "[bold]Own[/bold] the [/] roadmap")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        shown = screen_text(app)
        assert MARKUP_NAME in shown, "the person's name in the title bar is shown as typed"
        assert "[red]not red[/]" in shown and "[link=https://e.x]click[/link]" in shown
        assert MARKUP_ACTION in shown
        assert "[bold]Own[/bold] the [/] roadmap" in shown

        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        summary = screen_text(app)
        assert "[b]Dana[/] [link=x]Lee" in summary
        assert "[red]not red[/]" in summary
        assert "Fix [b]bold[/b] tag [link=x]" in summary
        assert "Sam [i]Rivera[/i]" in summary

    on_disk = saved(store)
    assert on_disk.person == MARKUP_NAME
    assert on_disk.sections[0].notes == MARKUP_NOTE
    assert on_disk.actions[0].text == MARKUP_ACTION
    assert on_disk.priorities[0].text == "[bold]Own[/bold] the [/] roadmap"


async def test_a_1mb_paste_keeps_typing_going_and_is_saved_whole(store: Store, clock) -> None:
    # Many lines, as a pasted document arrives. One 1 MB line also lands whole, but each
    # key after it takes 7-10 s in Textual's soft-wrapping TextArea; that is reported, not timed here.
    big = "".join(f"{n:07d} the quarter in review, every word kept as pasted......\n" for n in range(16_384))
    assert len(big.encode()) >= 1_000_000
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        notes = app.screen.query_one("#notes", TextArea)
        await paste(pilot, notes, big)
        await type_text(pilot, "END")
        assert notes.text == big + "END", "the key after the paste lands, after the pasted text"
        assert "END" in screen_text(app), "and the screen shows it"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert saved(store).sections[0].notes == big + "END"


SCRIPTS = {
    "person": "Zoe\u0308 \u05d3\u05e0\u05d4 \u05dc\u05d9 \U0001f469\U0001f3fd\u200d\U0001f4bb",
    "note": "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u0928\u092e\u0938\u094d\u0924\u0947 "
    "e\u0301a\u0300 \U0001f1e9\U0001f1ea \U0001f468\u200d\U0001f469\u200d\U0001f467 \u4f60\u597d\n"
    "\u202bembedded RTL\u202c and a zero\u200bwidth space",
    "action": "\u05dc\u05e9\u05dc\u05d5\u05d7 \u0627\u0644\u062a\u0642\u0631\u064a\u0631 Zoe\u0308 \U0001f680",
    "priority": "\u0928\u0947\u0924\u0943\u0924\u094d\u0935 \u0915\u0930\u0947\u0902 e\u0301",
}


async def test_any_script_round_trips_exactly_through_save_and_resume(store: Store, clock) -> None:
    meeting = meeting_from_agenda(AGENDA, SCRIPTS["person"], "Sam Rivera")
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(pilot, app.screen.query_one("#notes", TextArea), SCRIPTS["note"])
        await pilot.press("ctrl+o")
        await paste(pilot, app.screen.query_one(Input), f"{SCRIPTS['action']} @Dana by 2026-12-01")
        await pilot.press("enter")
        await pilot.press("ctrl+g")
        await paste(pilot, app.screen.query_one(Input), SCRIPTS["priority"])
        await pilot.press("enter")
        await pilot.pause()
        assert SCRIPTS["action"] in app.screen.meeting.actions[0].text
        await pilot.press("ctrl+q")
        await pilot.pause()

    fresh = Store(store.root)
    fresh.open()
    loaded = fresh.load(meeting.id)
    assert loaded.person == SCRIPTS["person"], "no Unicode normalisation: the combining mark stays separate"
    assert loaded.sections[0].notes == SCRIPTS["note"]
    assert loaded.actions[0].text == SCRIPTS["action"]
    assert loaded.priorities[0].text == SCRIPTS["priority"]

    again = MeetingDeskApp(fresh, clock=clock, open_meeting_id=meeting.id)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if not isinstance(again.screen, LiveScreen):
            await pilot.press("escape")  # the downtime question: keep the clock as saved
            await pilot.pause()
        assert isinstance(again.screen, LiveScreen)
        assert again.screen.query_one("#notes", TextArea).text == SCRIPTS["note"]
        assert again.screen.meeting.person == SCRIPTS["person"]


async def test_the_screen_keeps_working_at_40x12_and_back(store: Store, clock) -> None:
    app = MeetingDeskApp(store, clock=clock, start_meeting=meeting_from_agenda(AGENDA, "Dana Lee", "Sam Rivera"))
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "before ")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await type_text(pilot, "small")
        assert "small" in screen_text(app), "the notes being typed stay visible in a 40x12 terminal"
        await pilot.press("ctrl+o")
        await type_text(pilot, "Book training @Dana by 2026-12-01")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen), "the action dialog closes at 40x12 too"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await type_text(pilot, " big")
        shown = screen_text(app)
        assert "before small big" in shown
        assert "Book training" in shown
        await pilot.press("ctrl+q")
        await pilot.pause()
    on_disk = saved(store)
    assert on_disk.sections[0].notes == "before small big"
    assert [action.text for action in on_disk.actions] == ["Book training"]
