"""How fast `meetingdesk log` adds an entry from the shell, on a person with 1,000 entries.

    python benchmarks/log_speed.py [--runs 21] [--entries 1000] [--keep DIR]

The log is meant for a hotkey or an alias, so it must come back in well under a second
(goal: a median under 300 ms). Measured launch to exit, as a shell runs it, alternating
with two floors so the machine's noise hits all three alike: `meetingdesk --version`
(the same interpreter, the same package, no work) and a bare `python -c pass`.

The data folder holds a 100-meeting history (`make_history.py`) and one person whose
database holds `--entries` entries, written through the store's one atomic writer.
`run.py` runs the same measure as its `log` step.
Each run adds one entry, so the last run sees `--entries` + runs - 1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO))

PERSON = "Bench Person"
GOAL_MS = 300


def prepare(home: Path, cache: Path, entries: int, meetings: int = 100) -> None:
    """A history of `meetings` meetings and `entries` evidence entries for PERSON, unless already there."""
    env = {**os.environ, "MEETINGDESK_HOME": str(home), "XDG_CACHE_HOME": str(cache), "TZ": "UTC"}
    if not (home / "meetings").is_dir():
        subprocess.run(
            [sys.executable, str(BENCH_DIR / "make_history.py"), "--home", str(home), "--meetings", str(meetings)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    code = f"""
import sys
from datetime import date, timedelta
from meetingdesk.desk import Desk
from meetingdesk.people import THEMES, new_entry, utc_now
from meetingdesk.storage.store import Store

store = Store({str(home)!r}); store.open()
desk = Desk(store)
if store.team.book({PERSON!r}) is None:
    desk.team.add_person({PERSON!r}, role="Engineer")
    start = date.today() - timedelta(days=365)
    made = [new_entry(f"Entry {{n}}: shipped the billing migration step and wrote up what the team learned", THEMES[n % 6],
                      start + timedelta(days=n * 365 // {entries}), utc_now()) for n in range({entries})]
    store.team.change({PERSON!r}, lambda record: (made, None, []))
print(len(desk.team.entries({PERSON!r})))
"""
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=REPO)


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(home: Path, cache: Path, runs: int) -> dict[str, list[float]]:
    """Seconds per run for `log`, `--version` and a bare Python start, alternating."""
    env = {**os.environ, "MEETINGDESK_HOME": str(home), "XDG_CACHE_HOME": str(cache), "TZ": "UTC"}
    meetingdesk = [sys.executable, "-m", "meetingdesk"]
    commands = {
        "log": [*meetingdesk, "log", "--with", "bench", "--theme", "impact", "Ran the incident review and wrote it up"],
        "version": [*meetingdesk, "--version"],
        "python": [sys.executable, "-c", "pass"],
    }
    for args in commands.values():  # the first run writes the bytecode cache, as a user's first run does
        timed(args, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            times[name].append(timed(args, env))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the data folder here for the next run")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="meetingdesk-log-"))
    home, cache = workdir / "home", workdir / "cache"
    prepare(home, cache, args.entries)
    times = measure(home, cache, args.runs)
    log, version, python = (statistics.median(times[name]) for name in ("log", "version", "python"))
    spread = f"{min(times['log']) * 1000:.0f}–{max(times['log']) * 1000:.0f} ms"
    print(
        f"`meetingdesk log` on a person with {args.entries:,} entries: median {log * 1000:.0f} ms ({spread}) over "
        f"{args.runs} runs; `meetingdesk --version` {version * 1000:.0f} ms ({log / version:.2f}x), bare "
        f"`python -c pass` {python * 1000:.0f} ms ({log / python:.2f}x); goal under {GOAL_MS} ms: "
        f"{'met' if log * 1000 < GOAL_MS else 'missed'}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
