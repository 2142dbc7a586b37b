"""A profile, not a figure: the CPU time and memory of asking who is due for a check-in, on a kept history.

    XDG_CACHE_HOME=DIR/cache python benchmarks/profile_check_ins.py DIR/history-10000

DIR is a folder `run.py --keep DIR` wrote. Prints the resident memory after opening the
store, after the question, and the question's time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from meetingdesk.desk import Desk
from meetingdesk.storage.store import Store


def rss() -> str:
    """This process's resident memory, as /proc says it."""
    return Path("/proc/self/status").read_text().split("VmRSS:")[1].splitlines()[0].strip()


def main() -> None:
    store = Store(Path(sys.argv[1]))
    store.open()
    print("store open:", rss())
    started = time.perf_counter()
    due = Desk(store).check_ins()
    print(f"check_ins: {len(due)} people in {(time.perf_counter() - started) * 1000:.0f} ms; memory {rss()}")


if __name__ == "__main__":
    main()
