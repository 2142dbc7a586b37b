"""Stamps: when and on which machine an item changed, ordered even when the machines' clocks disagree.

A stamp is `<milliseconds since 1970, 13 digits>.<counter, 4 digits>@<machine id>`, so
stamps compare as plain strings. It comes from a hybrid logical clock: the wall clock,
except that it never goes back and never falls behind a stamp this process has seen in
a file, so an edit made after reading another machine's edit is always later than it.
The machine id is made once per machine and kept in its state folder, never in the
data folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import suppress

STAMP = re.compile(r"(\d{13})\.(\d{4})@(.*)", re.DOTALL)
"""What a stamp looks like: milliseconds, a counter within the millisecond, the machine."""
_MACHINE_LENGTH = 8


def machine_of(stamp: str) -> str:
    """The machine a stamp was made on ("" for a stamp this MeetingDesk did not make)."""
    found = STAMP.fullmatch(stamp)
    return found[3] if found else ""


def stamp_millis(stamp: str) -> int | None:
    """When a stamp was made, in milliseconds since 1970; None when it is not a stamp."""
    found = STAMP.fullmatch(stamp)
    return int(found[1]) if found else None


class StampClock:
    """Hands out stamps that only go forward, for one machine."""

    def __init__(self, machine: Callable[[], str] | str | None = None, wall: Callable[[], float] = time.time) -> None:
        """`machine` is the machine id or a function giving it (read once, when the first stamp is made)."""
        self._machine = machine if machine is not None else machine_id
        self._wall = wall
        self._last = (0, 0)
        self._lock = threading.Lock()

    @property
    def machine(self) -> str:
        """This machine's id."""
        if callable(self._machine):
            self._machine = self._machine()
        return self._machine

    def now(self) -> str:
        """A new stamp, later than every stamp made or seen before by this clock."""
        machine = self.machine
        with self._lock:
            wall = int(self._wall() * 1000)
            millis, counter = self._last
            if wall > millis:
                millis, counter = wall, 0
            else:
                counter += 1
                if counter > 9999:  # ten thousand stamps in one millisecond: borrow the next one
                    millis, counter = millis + 1, 0
            self._last = (millis, counter)
        return f"{millis:013d}.{counter:04d}@{machine}"

    def observe(self, stamps: Iterable[str]) -> None:
        """Stamps read from a file: every stamp made from now on is later than each of them."""
        newest = max((found for stamp in stamps if (found := STAMP.fullmatch(stamp))), key=lambda m: m[0], default=None)
        if newest is None:
            return
        seen = (int(newest[1]), int(newest[2]))
        with self._lock:
            self._last = max(self._last, seen)


def machine_id() -> str:
    """This machine's id: made once and kept in the state folder; from the host and user when that can't be written."""
    from meetingdesk.locations import machine_id_path

    path = machine_id_path()
    with suppress(OSError):
        held = path.read_text(encoding="ascii").strip()
        if re.fullmatch(rf"[0-9a-f]{{{_MACHINE_LENGTH}}}", held):
            return held
    made = secrets.token_hex(_MACHINE_LENGTH // 2)
    from meetingdesk.storage.files import StoreError, write_private_file

    try:
        write_private_file(path, made + "\n")
        return made
    except StoreError:
        # A state folder that can't be written: an id from the machine's own names, the same every run.
        name = f"{socket.gethostname()}/{getattr(os, 'getuid', lambda: 0)()}/{os.environ.get('USER', '')}"
        return hashlib.blake2b(name.encode("utf-8"), digest_size=_MACHINE_LENGTH // 2).hexdigest()


STAMPS = StampClock()
"""This process's clock: every store stamps with it, so two stores in one process never make the same stamp."""
