"""A program in a pseudo-terminal, read as a person sees it, for the benchmarks.

Output is drained continuously (an app blocks if nobody reads) and fed to a pyte
screen of the same size, so a figure ends when the expected text is on the screen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 120, 40
"""The pseudo-terminal's size."""
TIMEOUT = 600.0
"""Seconds to wait for any expected frame before giving up (a rebuild of 100,000 meetings takes minutes)."""


class Terminal:
    """One program running in a pty, with its output on a pyte screen."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path, timeout: float = TIMEOUT) -> None:
        environment = dict(os.environ)
        environment.update(TERM="xterm-256color", COLORTERM="truecolor", COLUMNS=str(COLUMNS), LINES=str(LINES))
        environment.pop("TEXTUAL", None)
        # Measure what a user has: Python caching compiled modules (this sandbox turns that off).
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment.update(env)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.started = time.perf_counter()
        self.timeout = timeout
        self.child = pexpect.spawn(args[0], args[1:], env=environment, cwd=str(cwd), dimensions=(LINES, COLUMNS), timeout=timeout)

    def pump(self, wait: float = 0.002) -> bytes:
        """Read whatever output is ready (waiting up to `wait` seconds for some)."""
        try:
            chunk = self.child.read_nonblocking(1 << 16, timeout=wait)
        except pexpect.TIMEOUT:
            return b""
        except pexpect.EOF:
            raise RuntimeError(f"the program exited early; its last screen:\n{self.tail()}") from None
        self.output += chunk
        self.stream.feed(chunk)
        return chunk

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, wanted: str | Callable[[str], bool]) -> float:
        """perf_counter() when the screen first shows `wanted` (a text, or a test of the screen's text)."""
        check = (lambda screen: wanted in screen) if isinstance(wanted, str) else wanted
        if check(self.text()):
            return time.perf_counter()
        deadline = time.perf_counter() + self.timeout
        while time.perf_counter() < deadline:
            if self.pump():
                now = time.perf_counter()
                if check(self.text()):
                    return now
        raise RuntimeError(f"{wanted!r} never appeared; the screen:\n{self.tail()}")

    def wait_for_exit(self) -> float:
        """perf_counter() when the program exited (its output read to the end)."""
        deadline = time.perf_counter() + self.timeout
        while time.perf_counter() < deadline:
            try:
                chunk = self.child.read_nonblocking(1 << 16, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                now = time.perf_counter()
                self.child.close()
                return now
            self.output += chunk
            self.stream.feed(chunk)
        raise RuntimeError("the program did not exit")

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds`."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.pump(wait=0.01)

    def send(self, keys: str) -> float:
        """Type `keys`; perf_counter() just after they were sent."""
        self.child.send(keys)
        return time.perf_counter()

    def status(self) -> dict[str, int]:
        """VmRSS and VmHWM (KiB) of the program, from /proc."""
        values = {}
        with open(f"/proc/{self.child.pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values

    def written(self) -> int:
        """Bytes the program has passed to write() so far, less what it wrote to this terminal: its files."""
        with open(f"/proc/{self.child.pid}/io") as io:
            for line in io:
                if line.startswith("wchar:"):
                    return int(line.split()[1]) - len(self.output)
        raise RuntimeError("no wchar in /proc/<pid>/io")

    def tail(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display if line.strip())[-3000:]

    def close(self) -> None:
        """ctrl+q, then wait for the program to leave; kill it if it won't."""
        try:
            if self.child.isalive():
                self.child.sendcontrol("q")
            end = time.perf_counter() + 15
            while self.child.isalive() and time.perf_counter() < end:
                try:
                    self.child.read_nonblocking(1 << 16, timeout=0.1)
                except pexpect.TIMEOUT:
                    pass
                except pexpect.EOF:
                    break
        finally:
            if self.child.isalive():
                self.child.terminate(force=True)
            self.child.close()
