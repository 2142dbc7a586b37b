"""Copying a summary: every route tried, failures reported, and the text always saved 0600."""

from __future__ import annotations

import stat
import subprocess
import threading
from pathlib import Path

import pyperclip
import pytest

from meetingdesk.clipboard import CopyResult, copy_text

SUMMARY = "Career discussion with Dana Lee\n\nActions\n- Write the proposal — Dana Lee, by Tue 15 Dec 2026\n"


class FakeClipboard:
    """Stands in for pyperclip's copy and paste, recording what was copied."""

    def __init__(self) -> None:
        self.held: str | None = None

    def copy(self, text: str) -> None:
        self.held = text

    def paste(self) -> str:
        return self.held or ""


@pytest.fixture
def clipboard(monkeypatch: pytest.MonkeyPatch) -> FakeClipboard:
    fake = FakeClipboard()
    monkeypatch.setattr(pyperclip, "copy", fake.copy)
    monkeypatch.setattr(pyperclip, "paste", fake.paste)
    return fake


@pytest.fixture
def no_subprocess(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Records every subprocess.run call; tmux "succeeds"."""
    calls: list[dict] = []

    def fake_run(args, **kwargs):
        calls.append({"args": args, **kwargs})
        return subprocess.CompletedProcess(args, 0, b"", b"")

    monkeypatch.setattr(subprocess, "run", fake_run)
    return calls


@pytest.fixture(autouse=True)
def home_elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the messages' paths whole: tmp_path is never under this stand-in home folder."""
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "home"))


def assert_saved(path: Path, text: str) -> None:
    assert path.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_all_routes_work_outside_tmux(tmp_path: Path, clipboard: FakeClipboard, no_subprocess: list) -> None:
    sent: list[str] = []
    target = tmp_path / "exports" / "2026-11-21-dana-lee-career-discussion.txt"

    result = copy_text(SUMMARY, target, sent.append, env={})

    assert sent == [SUMMARY]
    assert clipboard.held == SUMMARY
    assert no_subprocess == []  # not in tmux: tmux is left alone
    assert result.routes == ["terminal (OSC 52)", "system clipboard"]
    assert result.problems == []
    assert result.file == target
    assert_saved(target, SUMMARY)
    assert result.message() == (
        f"Summary copied via terminal (OSC 52), system clipboard. Saved to {target}."
    )


def test_inside_tmux_the_paste_buffer_gets_the_text_on_stdin(
    tmp_path: Path, clipboard: FakeClipboard, no_subprocess: list
) -> None:
    result = copy_text(SUMMARY, tmp_path / "s.txt", lambda text: None, env={"TMUX": "/tmp/tmux-1000/default,1,0"})

    assert [call["args"] for call in no_subprocess] == [["tmux", "load-buffer", "-"]]
    assert no_subprocess[0]["input"] == SUMMARY.encode("utf-8")
    assert no_subprocess[0]["timeout"] == 2.0
    assert result.routes == ["terminal (OSC 52)", "tmux paste buffer", "system clipboard"]
    assert "tmux paste buffer" in result.message()


def test_tmux_failures_are_reported_not_raised(
    tmp_path: Path, clipboard: FakeClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcomes = iter(
        [
            FileNotFoundError("tmux"),
            subprocess.TimeoutExpired(["tmux"], 2.0),
            subprocess.CompletedProcess([], 1, b"", b"no server running on /tmp/tmux-1000/default"),
        ]
    )

    def fake_run(args, **kwargs):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(subprocess, "run", fake_run)
    problems = []
    for attempt in range(3):
        target = tmp_path / f"s{attempt}.txt"
        result = copy_text(SUMMARY, target, None, env={"TMUX": "x"})
        assert result.routes == ["system clipboard"]
        assert_saved(target, SUMMARY)
        problems += result.problems

    assert problems == [
        "The tmux paste buffer was not loaded: the tmux command was not found on PATH.",
        "The tmux paste buffer was not loaded: tmux did not answer within 2 seconds.",
        "The tmux paste buffer was not loaded: no server running on /tmp/tmux-1000/default.",
    ]


def test_no_copy_tool_is_reported_and_the_file_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_subprocess: list
) -> None:
    def no_tool(text: str) -> None:
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", no_tool)
    sent: list[str] = []
    target = tmp_path / "s.txt"

    result = copy_text(SUMMARY, target, sent.append, env={})

    assert result.routes == ["terminal (OSC 52)"]
    assert result.problems == [
        "The system clipboard is not available: no copy tool was found "
        "(on Linux, install xclip, xsel or wl-clipboard)."
    ]
    assert_saved(target, SUMMARY)
    assert result.message().startswith(f"Summary copied via terminal (OSC 52). Saved to {target}. The system clipboard")


def test_a_hanging_clipboard_is_abandoned_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_subprocess: list
) -> None:
    release = threading.Event()
    copied: list[str] = []

    def hang(text: str) -> None:
        release.wait()
        copied.append(text)

    monkeypatch.setattr(pyperclip, "copy", hang)
    monkeypatch.setattr(pyperclip, "paste", lambda: SUMMARY)
    target = tmp_path / "s.txt"
    try:
        result = copy_text(SUMMARY, target, None, timeout=0.05, env={})
    finally:
        release.set()

    assert result.routes == []
    assert result.problems == ["The system clipboard did not answer within 0.05 seconds."]
    assert result.file == target
    assert_saved(target, SUMMARY)
    assert result.message().startswith(f"Summary not copied to any clipboard. Saved to {target}.")


def test_a_copy_the_clipboard_does_not_hold_is_not_claimed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_subprocess: list
) -> None:
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "something copied earlier")

    result = copy_text(SUMMARY, tmp_path / "s.txt", None, env={})

    assert "system clipboard" not in result.routes
    assert result.problems == ["The system clipboard reported a copy but does not hold the summary."]


def test_clipboard_line_endings_still_count_as_the_same_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_subprocess: list
) -> None:
    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: SUMMARY.replace("\n", "\r\n").rstrip())

    assert copy_text(SUMMARY, tmp_path / "s.txt", None, env={}).routes == ["system clipboard"]


def test_a_failing_terminal_route_is_reported(
    tmp_path: Path, clipboard: FakeClipboard, no_subprocess: list
) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("app is shutting down")

    result = copy_text(SUMMARY, tmp_path / "s.txt", broken, env={})

    assert result.routes == ["system clipboard"]
    assert result.problems == ["The terminal clipboard (OSC 52) failed: app is shutting down."]


def test_a_failed_save_is_a_problem_not_an_exception(
    tmp_path: Path, clipboard: FakeClipboard, no_subprocess: list
) -> None:
    blocker = tmp_path / "exports"
    blocker.write_text("a file where the folder should be")
    target = blocker / "s.txt"
    sent: list[str] = []

    result = copy_text(SUMMARY, target, sent.append, env={})

    assert result.file is None
    assert result.routes == ["terminal (OSC 52)", "system clipboard"]
    assert len(result.problems) == 1 and str(blocker) in result.problems[0]
    assert "Saved to" not in result.message()
    assert result.message().startswith("Summary copied via terminal (OSC 52), system clipboard. ")


def test_message_shortens_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    result = CopyResult(routes=["terminal (OSC 52)"], file=tmp_path / "exports" / "s.txt", problems=[])

    assert result.message() == "Summary copied via terminal (OSC 52). Saved to ~/exports/s.txt."
