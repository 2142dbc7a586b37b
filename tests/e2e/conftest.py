"""Drive the installed `meetingdesk` command in a pseudo-terminal and read its screen.

Everything the child prints is fed to a pyte screen of the same size, so a test
asserts on the text a person would see in their terminal, and on `raw`, every
byte written, for sequences a terminal acts on without showing them (OSC 52).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pexpect
import pyte
import pytest

MEETINGDESK = Path(sys.executable).parent / "meetingdesk"
"""The console script installed beside the Python running the tests (`pip install -e .[test]`)."""
COLUMNS, LINES = 120, 40

ENTER = "\r"
ESCAPE = "\x1b"
TAB = "\t"
CTRL_F = "\x06"
CTRL_G = "\x07"
CTRL_L = "\x0c"
CTRL_N = "\x0e"
CTRL_O = "\x0f"
CTRL_Q = "\x11"
CTRL_S = "\x13"
CTRL_T = "\x14"


def command_env(home: Path) -> dict[str, str]:
    """A small, fixed environment: our data folder, UTC, a known manager, no tmux, no desktop clipboard."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home.parent),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
        "MEETINGDESK_HOME": str(home),
        "TZ": "UTC",
        "USER": "Sam Rivera",
    }


class Terminal:
    """One run of `meetingdesk` in a 120x40 pseudo-terminal, read through a pyte screen."""

    def __init__(self, args: Sequence[str], home: Path) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self._stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        """Every byte the command wrote, including the sequences pyte does not show."""
        self.exited = False
        self.child = pexpect.spawn(
            str(MEETINGDESK),
            list(args),
            env=command_env(home),
            cwd=str(home.parent),
            dimensions=(LINES, COLUMNS),
            timeout=10,
        )

    # ---- reading ---------------------------------------------------------------------------

    def _read(self, timeout: float) -> None:
        """Feed whatever the child prints within `timeout` seconds to the screen."""
        if self.exited:
            return
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            self.exited = True
            return
        self.raw += data
        self._stream.feed(data)

    @property
    def text(self) -> str:
        """The screen as a person sees it, one line per row."""
        return "\n".join(self.screen.display)

    def dump(self) -> str:
        """The screen for a failure message, without the trailing blanks of each row."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, text: str, timeout: float = 10) -> str:
        """Read output until `text` is on the screen; fail with the screen's contents if it never is."""
        deadline = time.monotonic() + timeout
        while text not in self.text:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.exited:
                reason = "the command exited" if self.exited else f"{timeout:g} s passed"
                pytest.fail(f"{text!r} never appeared on screen ({reason}). The screen:\n{self.dump()}")
            self._read(min(remaining, 0.1))
        return self.text

    def wait_until(self, condition, what: str, timeout: float = 10) -> None:
        """Keep reading output until `condition()` is true; fail naming `what` and showing the screen."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() >= deadline:
                pytest.fail(f"{what} did not happen within {timeout:g} s. The screen:\n{self.dump()}")
            self._read(0.05)

    def drain(self, seconds: float = 0.2) -> None:
        """Read output for `seconds`: Textual tells a lone escape from a key sequence by a pause."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0 and not self.exited:
            self._read(remaining)

    # ---- writing ---------------------------------------------------------------------------

    def send(self, keys: str) -> None:
        """Type `keys` as a person would, control keys included."""
        self.child.send(keys)
        if keys.endswith(ESCAPE):
            self.drain(0.2)

    # ---- ending ----------------------------------------------------------------------------

    def wait_for_exit(self, timeout: float = 10) -> int | None:
        """Read until the command exits; its exit status."""
        self.wait_until(lambda: self.exited, "The command exiting", timeout)
        self.child.close()
        return self.child.exitstatus

    def close(self) -> int | None:
        """Save and quit with ctrl+q, as a person would; the exit status."""
        if not self.exited:
            self.send(CTRL_Q)
        return self.wait_for_exit()

    def terminate(self) -> None:
        """Make sure no child outlives its test."""
        if self.child.isalive():
            self.child.kill(9)
        self.child.close(force=True)


@pytest.fixture
def run(home: Path) -> Iterator:
    """Start `meetingdesk ARGS...` in a terminal on the test's data folder (`home`); none outlives the test."""
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        terminal = Terminal(args, home)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        terminal.terminate()
