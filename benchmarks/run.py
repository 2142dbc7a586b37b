"""Measure MeetingDesk as a manager meets it, against a bare Textual app, and write BENCHMARKS.md.

    python benchmarks/run.py [--sizes 10,10000,100000] [--runs 5] [--keep DIR]

Builds histories of each size with `make_history.py` (kept in DIR for the next run
with --keep), then, with every app in a 120x40 pseudo-terminal, from the key or the
launch to the expected text on the screen, alternating with the floor:

- launch to the home screen showing the newest meeting, and memory there, against the
  bare app's first frame (`bare_app.py`), at every size;
- `meetingdesk new` to the live screen, against the bare app's first frame;
- key echo in the live notes editor, clock running, against the bare app's TextArea;
- search on the home screen: from the last key typed to the list showing its results,
  against the echo of that key in the search box; the first search in a process and
  later ones; memory after searching;
- the shell: `actions --open`, `list --limit 20`, `show ID`, launch to exit, largest size
  against the smallest;
- bytes the app writes to files for a notes-only autosave, for adding an action and for
  ending a meeting, largest size against the smallest;
- rebuilding a deleted cache from the largest history: the home screen's first frame
  meanwhile, and the time until the rebuild is done;
- `meetingdesk log` adding an entry for a person with 1,000 entries (log_speed.py), against
  `meetingdesk --version` and a bare Python start.

Each figure is a median; apps alternate with their floor so the machine's noise hits both.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from bare_app import TITLE as BARE_TITLE  # noqa: E402
from terminal import COLUMNS, LINES, Terminal  # noqa: E402

PYTHON = sys.executable
MEETINGDESK = [PYTHON, "-m", "meetingdesk"]
BARE = [PYTHON, str(BENCH_DIR / "bare_app.py")]
SEARCHES = ("migration", "escalation", "sydney", "accessibility", "mentor")
"""Words typed in the home screen's search box: common ones (half the meetings) and rarer ones."""


@dataclass
class Row:
    """One line of BENCHMARKS.md."""

    name: str
    measured: str
    floor: str
    ratio: str
    goal: str
    met: bool | None
    command: str
    notes: list[str] = field(default_factory=list)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def spread(values: list[float]) -> str:
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f} ms"


class Bench:
    """The histories, the cache folder and the environment every run shares."""

    def __init__(self, workdir: Path, sizes: list[int]) -> None:
        self.workdir = workdir
        self.sizes = sizes
        self.cache = workdir / "cache"

    def home(self, size: int) -> Path:
        return self.workdir / f"history-{size}"

    def env(self, size: int | None) -> dict[str, str]:
        env = {"XDG_CACHE_HOME": str(self.cache), "TZ": "UTC", "USER": "Morgan Avery"}
        if size is not None:
            env["MEETINGDESK_HOME"] = str(self.home(size))
        return env

    def run(self, args: list[str], size: int | None) -> Terminal:
        return Terminal(args, self.env(size), REPO)

    def make_histories(self) -> dict[int, float]:
        took = {}
        for size in self.sizes:
            if (self.home(size) / "meetings").is_dir():
                continue
            started = time.perf_counter()
            subprocess.run(
                [PYTHON, str(BENCH_DIR / "make_history.py"), "--home", str(self.home(size)), "--meetings", str(size)],
                check=True,
                env={**os.environ, **self.env(size)},
                stdout=subprocess.DEVNULL,
            )
            took[size] = time.perf_counter() - started
        return took

    def newest(self, size: int) -> dict:
        """The newest meeting of a history, as `meetingdesk list --format json` gives it."""
        import json

        listed = subprocess.run(
            [*MEETINGDESK, "list", "--limit", "1", "--format", "json"],
            capture_output=True, text=True, check=True, env={**os.environ, **self.env(size)},
        )
        return json.loads(listed.stdout)[0]

    def forget_new_meetings(self, size: int, since: float) -> None:
        """Remove the meetings a benchmark created, so every run sees the same history."""
        for path in (self.home(size) / "meetings").glob("*.json"):
            if path.stat().st_mtime >= since:
                path.unlink()


# --- launching --------------------------------------------------------------------------------


def first_frame(bench: Bench, args: list[str], size: int | None, wanted: str) -> tuple[float, int]:
    """Seconds from spawn to `wanted` on screen, and VmRSS (KiB) one second later."""
    terminal = bench.run(args, size)
    try:
        shown = terminal.wait_for(wanted)
        terminal.drain(1.0)
        rss = terminal.status()["VmRSS"]
    finally:
        terminal.close()
    return shown - terminal.started, rss


def bench_launch(bench: Bench, runs: int) -> list[Row]:
    bare_times, bare_rss = [], []
    times: dict[int, list[float]] = {size: [] for size in bench.sizes}
    rss: dict[int, list[int]] = {size: [] for size in bench.sizes}
    newest = {size: bench.newest(size)["with"] for size in bench.sizes}
    first_frame(bench, BARE, None, BARE_TITLE)  # warm-up: bytecode and page cache, not counted
    for size in bench.sizes:
        first_frame(bench, MEETINGDESK, size, newest[size])
    for _ in range(runs):
        for size in bench.sizes:
            elapsed, kib = first_frame(bench, BARE, None, BARE_TITLE)
            bare_times.append(elapsed)
            bare_rss.append(kib)
            elapsed, kib = first_frame(bench, MEETINGDESK, size, newest[size])
            times[size].append(elapsed)
            rss[size].append(kib)
    floor = median(bare_times)
    rows = []
    for size in bench.sizes:
        ratio = median(times[size]) / floor
        rows.append(
            Row(
                f"Launch to the newest meeting on the home screen, {size:,} meetings",
                f"{ms(median(times[size]))} ({spread(times[size])})",
                f"{ms(floor)} ({spread(bare_times)})",
                f"{ratio:.2f}x",
                "≤ 1.25x" if size >= 10_000 else "–",
                ratio <= 1.25 if size >= 10_000 else None,
                f"`meetingdesk` until the newest meeting's person (“{newest[size]}”) shows, vs `bare_app.py` until its title shows",
            )
        )
    big = bench.sizes[-1]
    ratio = median(rss[big]) / median(bare_rss)
    rows.append(
        Row(
            f"Memory with the home screen showing, {big:,} meetings",
            f"{median(rss[big]) / 1024:.1f} MiB",
            f"{median(bare_rss) / 1024:.1f} MiB",
            f"{ratio:.2f}x",
            "≤ 1.5x",
            ratio <= 1.5,
            "VmRSS one second after the first frame",
            [f"{size:,} meetings: {median(rss[size]) / 1024:.1f} MiB" for size in bench.sizes[:-1]],
        )
    )
    return rows


def bench_new(bench: Bench, runs: int) -> Row:
    big = bench.sizes[-1]
    args = [*MEETINGDESK, "new", "--agenda", "performance-review", "--with", "Bench Person"]
    bare_times, times = [], []
    since = time.time()
    try:
        for _ in range(runs):
            bare_times.append(first_frame(bench, BARE, None, BARE_TITLE)[0])
            times.append(first_frame(bench, args, big, "Shared notes · go in the summary")[0])
    finally:
        bench.forget_new_meetings(big, since)
    ratio = median(times) / median(bare_times)
    return Row(
        f"`meetingdesk new` to the live screen, {big:,} meetings",
        f"{ms(median(times))} ({spread(times)})",
        f"{ms(median(bare_times))} ({spread(bare_times)})",
        f"{ratio:.2f}x",
        "≤ 1.4x",
        ratio <= 1.4,
        "`meetingdesk new --agenda performance-review --with \"Bench Person\"` until the notes editor shows",
    )


# --- typing -----------------------------------------------------------------------------------


def echo_session(bench: Bench, args: list[str], size: int | None, ready: str, keys: int, rng: random.Random) -> list[float]:
    """Type `keys` letters into the focused editor; seconds from each key to its echo on the screen."""
    terminal = bench.run(args, size)
    latencies = []
    try:
        terminal.wait_for(ready)
        terminal.drain(2.0)  # let start-up work (first save, first ticks) finish before typing
        typed = ""
        for _ in range(keys):
            typed += rng.choice(string.ascii_lowercase)
            sent = terminal.send(typed[-1])
            latencies.append(terminal.wait_for(typed) - sent)
            terminal.drain(rng.uniform(0.08, 0.25))  # a person types a few keys a second
    finally:
        terminal.close()
    return latencies


def bench_echo(bench: Bench, sessions: int, keys: int) -> Row:
    big = bench.sizes[-1]
    rng = random.Random(11)
    args = [*MEETINGDESK, "new", "--agenda", "performance-review", "--with", "Echo Person"]
    bare, live = [], []
    since = time.time()
    try:
        for _ in range(sessions):
            bare += echo_session(bench, BARE, None, BARE_TITLE, keys, rng)
            live += echo_session(bench, args, big, "Shared notes · go in the summary", keys, rng)
    finally:
        bench.forget_new_meetings(big, since)
    ratio = median(live) / median(bare)
    return Row(
        f"Key echo in the live notes, clock running, {big:,} meetings",
        f"{ms(median(live))} (p90 {ms(statistics.quantiles(live, n=10)[-1])})",
        f"{ms(median(bare))} (p90 {ms(statistics.quantiles(bare, n=10)[-1])})",
        f"{ratio:.2f}x",
        "≤ 1.1x (the floor)",
        ratio <= 1.1,
        f"{len(live)} keys typed into `meetingdesk new` and into the bare app's TextArea, key to character on screen",
    )


# --- search -----------------------------------------------------------------------------------


def type_search(terminal: Terminal, word: str) -> tuple[float, float]:
    """Type `word` into the open search box; (echo of the last key, last key to the results) in seconds."""
    for number, letter in enumerate(word, start=1):
        typed = word[:number]
        sent = terminal.send(letter)
        echoed = terminal.wait_for(lambda screen, typed=typed: any(typed in line and "mention" not in line for line in screen.splitlines()))
        if number < len(word):
            terminal.drain(0.12)
    found = terminal.wait_for(lambda screen: f"mention “{word}”" in screen or f"mentions “{word}”" in screen)
    return echoed - sent, found - sent


def bench_search(bench: Bench, runs: int) -> Row:
    big = bench.sizes[-1]
    newest = bench.newest(big)["with"]
    first, later, echo, rss = [], [], [], []
    for run in range(runs):
        terminal = bench.run(MEETINGDESK, big)
        try:
            terminal.wait_for(newest)
            terminal.drain(2.0)
            for number, word in enumerate((SEARCHES[run % len(SEARCHES)], *SEARCHES)):
                terminal.send("/")
                terminal.wait_for("Search person, agenda")
                key, result = type_search(terminal, word)
                echo.append(key)
                (first if number == 0 else later).append(result)
                terminal.send("\x1b")
                terminal.drain(0.4)
            rss.append(terminal.status()["VmRSS"])
        finally:
            terminal.close()
    over = median(first + later) - median(echo)
    return Row(
        f"Search on the home screen, last key to the list updated, {big:,} meetings",
        f"{ms(median(later))} ({spread(later)}); first search in a process {ms(median(first))}",
        f"key echo {ms(median(echo))}",
        f"echo + {ms(over)}",
        "≤ key echo + 50 ms",
        median(first) - median(echo) <= 0.05 and median(later) - median(echo) <= 0.05,
        f"`/` then the words {', '.join(SEARCHES)} typed a key at a time; ends when “N meetings mention “word”” shows",
        [f"memory after searching: {median(rss) / 1024:.1f} MiB"],
    )


# --- the shell --------------------------------------------------------------------------------


def until_exit(bench: Bench, args: list[str], size: int) -> float:
    terminal = bench.run(args, size)
    return terminal.wait_for_exit() - terminal.started


def bench_shell(bench: Bench, runs: int) -> list[Row]:
    small, big = bench.sizes[0], bench.sizes[-1]
    newest = {size: bench.newest(size)["id"][:8] for size in (small, big)}
    commands = {
        "actions --open": lambda size: ["actions", "--open"],
        "list --limit 20": lambda size: ["list", "--limit", "20"],
        "show ID": lambda size: ["show", newest[size]],
    }
    rows = []
    for name, arguments in commands.items():
        times: dict[int, list[float]] = {small: [], big: []}
        until_exit(bench, [*MEETINGDESK, *arguments(big)], big)  # warm-up
        for _ in range(runs):
            for size in (small, big):
                times[size].append(until_exit(bench, [*MEETINGDESK, *arguments(size)], size))
        ratio = median(times[big]) / median(times[small])
        rows.append(
            Row(
                f"`meetingdesk {name}`, {big:,} against {small:,} meetings",
                f"{ms(median(times[big]))} ({spread(times[big])})",
                f"{ms(median(times[small]))} ({spread(times[small])})",
                f"{ratio:.2f}x",
                "≤ 1.5x",
                ratio <= 1.5,
                "launch to exit in the pseudo-terminal",
            )
        )
    return rows


# --- bytes written ----------------------------------------------------------------------------


def bytes_session(bench: Bench, size: int) -> tuple[int, int, int]:
    """Bytes written to files by a notes-only autosave, by adding an action, and by ending the meeting."""
    terminal = bench.run([*MEETINGDESK, "new", "--agenda", "development-check-in", "--with", "Bytes Person"], size)
    try:
        terminal.wait_for("Shared notes · go in the summary")
        terminal.drain(3.0)
        before = terminal.written()
        terminal.send("Steady progress")
        terminal.wait_for("Steady progress")
        terminal.drain(2.5)
        notes = terminal.written()
        terminal.send("\x0f")  # ctrl+o
        terminal.wait_for("Add action")
        terminal.send("Send the notes @me by friday\r")
        terminal.wait_for("Send the notes")
        terminal.drain(2.5)
        action = terminal.written()
        terminal.send("\x06")  # ctrl+f
        terminal.wait_for("close")
        terminal.send("\x06")
        terminal.wait_for("Summary ·")
        terminal.drain(2.0)
        ended = terminal.written()
    finally:
        terminal.close()
    return notes - before, action - notes, ended - action


def bench_bytes(bench: Bench, runs: int) -> list[Row]:
    small, big = bench.sizes[0], bench.sizes[-1]
    found: dict[int, list[tuple[int, int, int]]] = {small: [], big: []}
    since = time.time()
    try:
        for _ in range(runs):
            for size in (small, big):
                found[size].append(bytes_session(bench, size))
    finally:
        for size in (small, big):
            bench.forget_new_meetings(size, since)
    rows = []
    for index, what in enumerate(("a notes-only autosave", "adding an action", "ending the meeting")):
        at_big = median([sample[index] for sample in found[big]])
        at_small = median([sample[index] for sample in found[small]])
        ratio = at_big / at_small if at_small else float("inf")
        rows.append(
            Row(
                f"Bytes written to files by {what}, {big:,} against {small:,} meetings",
                f"{at_big:,.0f} bytes",
                f"{at_small:,.0f} bytes",
                f"{ratio:.2f}x",
                "≤ 1.5x",
                ratio <= 1.5,
                "wchar of /proc/<pid>/io over the step (a clock save may fall in it), less what went to the terminal",
            )
        )
    return rows


# --- rebuilding the cache ---------------------------------------------------------------------


def bench_rebuild(bench: Bench) -> Row:
    big = bench.sizes[-1]
    newest = bench.newest(big)["with"]
    os.environ["XDG_CACHE_HOME"] = str(bench.cache)
    sys.path.insert(0, str(REPO))
    from meetingdesk.locations import machine_cache_dir

    shutil.rmtree(machine_cache_dir(bench.home(big)), ignore_errors=True)
    terminal = bench.run(MEETINGDESK, big)
    try:
        shown = terminal.wait_for("Reading")
        done = terminal.wait_for(lambda screen: "Reading" not in screen and newest in screen)
        terminal.send("/")
        terminal.wait_for("Search person, agenda")
    finally:
        terminal.close()
    return Row(
        f"Rebuilding a deleted cache from {big:,} meeting files",
        f"{(done - terminal.started):.0f} s in a worker",
        f"home screen shown after {ms(shown - terminal.started)}",
        "–",
        "in a worker, home usable meanwhile",
        True,
        "`meetingdesk` after removing the cache folder: until “Reading N meetings…” shows, then until it goes",
    )


# --- the report -------------------------------------------------------------------------------


def bench_log(bench: Bench, runs: int) -> Row:
    """`meetingdesk log` adding an entry for a person with 1,000 entries, launch to exit (log_speed.py)."""
    from log_speed import GOAL_MS, measure, prepare

    home, cache = bench.workdir / "log-home", bench.workdir / "log-cache"
    prepare(home, cache, 1000, meetings=bench.sizes[0])
    times = measure(home, cache, max(runs, 3))
    log, version, python = (median(times[name]) for name in ("log", "version", "python"))
    return Row(
        "`meetingdesk log` adding an entry, a person with 1,000 entries",
        f"{ms(log)} ({spread(times['log'])})",
        f"`meetingdesk --version` {ms(version)}; `python -c pass` {ms(python)}",
        f"{log / version:.2f}x",
        f"< {GOAL_MS} ms",
        log * 1000 < GOAL_MS,
        "`meetingdesk log --with bench --theme impact TEXT`, launch to exit, alternating with the two floors",
        [f"{log / python:.1f}x a bare Python start"],
    )


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return [
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Textual", importlib.metadata.version("textual")),
        ("SQLite", __import__("sqlite3").sqlite_version),
        ("Terminal", f"pseudo-terminal {COLUMNS}x{LINES}, TERM=xterm-256color"),
    ]


def write_report(out: Path, rows: list[Row], args: argparse.Namespace, took: float, findings: Path | None) -> None:
    command = f"python benchmarks/run.py --sizes {args.sizes} --runs {args.runs} --sessions {args.sessions} --keys {args.keys}"
    lines = [
        "# MeetingDesk benchmarks",
        "",
        f"Written by `{command}` on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} in {took / 60:.0f} minutes.",
        "Every figure is measured as a manager meets it: the app runs in a 120x40 pseudo-terminal and a",
        "figure ends when the expected text is on the screen (or the command exits). Medians; ranges in",
        "brackets. Apps alternate with their floor, so the machine's noise hits both alike.",
        "",
        "Reproduce from a clone (the histories are written once and kept with `--keep DIR`):",
        "",
        "```",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]'",
        f".venv/bin/{command} --keep /tmp/meetingdesk-histories",
        "```",
        "",
        "| What | MeetingDesk | Against | Ratio | Goal | | How |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        verdict = "–" if row.met is None else ("met" if row.met else "**missed**")
        lines.append(f"| {row.name} | {row.measured} | {row.floor} | {row.ratio} | {row.goal} | {verdict} | {row.command} |")
    notes = [f"- {row.name}: {note}" for row in rows for note in row.notes]
    if notes:
        lines += ["", "## Notes", "", *notes]
    lines += ["", "## Machine", "", "| | |", "|---|---|", *[f"| {key} | {value} |" for key, value in machine()]]
    missed = [row for row in rows if row.met is False]
    lines += ["", "## Goals missed", ""]
    lines += [f"- {row.name}: {row.measured} against {row.floor} ({row.ratio}); goal {row.goal}." for row in missed] or ["None."]
    if findings is not None and findings.is_file():
        lines += ["", findings.read_text(encoding="utf-8").rstrip()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,10000,100000", help="history sizes, smallest first (comma-separated)")
    parser.add_argument("--runs", type=int, default=5, help="launches per figure")
    parser.add_argument("--sessions", type=int, default=2, help="typing sessions for key echo")
    parser.add_argument("--keys", type=int, default=30, help="keys typed per session")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md", help="where to write the report")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the histories and their caches in this folder")
    parser.add_argument("--findings", type=Path, default=BENCH_DIR / "findings.md", help="added to the report")
    parser.add_argument("--only", help="run only these steps (comma-separated: launch, new, search, shell, bytes, echo, rebuild, log)")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    began = time.perf_counter()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="meetingdesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, sizes)
    try:
        print(f"Histories of {', '.join(f'{size:,}' for size in sizes)} meetings in {workdir} ...", flush=True)
        made = bench.make_histories()
        rows = [
            Row(
                f"`make_history.py --meetings {size:,}`", f"{seconds:.0f} s", "–", "–", "reasonable", None,
                "writes the files, then builds the cache once",
            )
            for size, seconds in made.items()
        ]
        steps = [
            ("launch", lambda: bench_launch(bench, args.runs)),
            ("new", lambda: [bench_new(bench, args.runs)]),
            ("search", lambda: [bench_search(bench, args.runs)]),
            ("shell", lambda: bench_shell(bench, args.runs)),
            ("bytes", lambda: bench_bytes(bench, args.runs)),
            ("echo", lambda: [bench_echo(bench, args.sessions, args.keys)]),
            ("rebuild", lambda: [bench_rebuild(bench)]),
            ("log", lambda: [bench_log(bench, args.runs)]),
        ]
        wanted = set(args.only.split(",")) if args.only else {name for name, _ in steps}
        for name, step in steps:
            if name not in wanted:
                continue
            print(f"{name} ...", flush=True)
            for row in step():
                rows.append(row)
                verdict = "      " if row.met is None else ("ok    " if row.met else "MISSED")
                print(f"{verdict} {row.name}: {row.measured} against {row.floor} ({row.ratio})", flush=True)
        write_report(args.out, rows, args, time.perf_counter() - began, args.findings)
        print(f"Wrote {args.out}")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
