"""Measure MeetingDesk against its goals and write BENCHMARKS.md.

    python benchmarks/run.py [--runs 5] [--keys 30] [--out BENCHMARKS.md]

Builds a 10,000-meeting and a 10-meeting history in a temporary folder (never in the
repository; deleted at the end unless --keep), then measures, side by side in one run:

- launch to the home screen showing the newest meeting (real pseudo-terminal) against
  the bare Textual app's first frame (`bare_app.py`);
- key-to-screen echo in the live notes editor, clock running, against the bare TextArea;
- bytes written and time per autosave (`Store.save`) with 10,000 meetings against 10;
- the home screen's search (person, agenda, notes, priorities, actions) across 10,000 meetings;
- resident memory of the running app with 10,000 meetings against the bare app;
- building the summary of a 12-section meeting with 40 actions.

Each figure is the median of several runs. Apps run as subprocesses in a pty of
120x40; output is read as it comes, and a frame counts as shown when the expected
text arrives (raw bytes for start-up, a pyte screen for typed keys).
"""

from __future__ import annotations

import argparse
import gc
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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pyte

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH_DIR))

import make_history  # noqa: E402
from bare_app import TITLE as BARE_TITLE  # noqa: E402

from meetingdesk.storage import index as index_module  # noqa: E402
from meetingdesk.storage import store as store_module  # noqa: E402
from meetingdesk.agendas import load_agendas  # noqa: E402
from meetingdesk.models import ActionItem, Priority, SectionRecord, meeting_from_agenda  # noqa: E402
from meetingdesk.storage.store import Store  # noqa: E402
from meetingdesk.summary import summary_markdown, summary_text  # noqa: E402

COLUMNS, LINES = 120, 40
"""The pseudo-terminal's size."""
BIG, SMALL = 10_000, 10
"""History sizes compared."""
ECHO_PERSON = "Bench Person"
"""Who the live meeting in the echo benchmark is with."""
TIMEOUT = 60.0
"""Seconds to wait for any expected frame before giving up."""


# --- results ---------------------------------------------------------------------------------------


@dataclass
class Result:
    """One line of BENCHMARKS.md: what was measured, its figures, the goal and whether it was met."""

    name: str
    measured: str
    floor: str
    ratio: str
    goal: str
    met: bool
    notes: list[str] = field(default_factory=list)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def spread(values: list[float]) -> str:
    """min–max in ms, to show how noisy a median is."""
    return f"{min(values) * 1000:.1f}–{max(values) * 1000:.1f} ms"


# --- the pseudo-terminal ----------------------------------------------------------------------------


class Terminal:
    """One app running in a pty, its output drained continuously (an app blocks if nobody reads)."""

    def __init__(self, args: list[str], home: Path | None = None) -> None:
        env = dict(os.environ)
        env.update(TERM="xterm-256color", COLORTERM="truecolor", COLUMNS=str(COLUMNS), LINES=str(LINES))
        env.pop("TEXTUAL", None)
        # Measure what a user has: Python caching compiled modules (this sandbox turns that off).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if home is not None:
            env["MEETINGDESK_HOME"] = str(home)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            args[0], args[1:], env=env, cwd=str(REPO), dimensions=(LINES, COLUMNS), timeout=TIMEOUT
        )

    def pump(self, wait: float = 0.002, feed_screen: bool = True) -> bytes:
        """Read whatever output is ready (waiting up to `wait` seconds for some)."""
        try:
            chunk = self.child.read_nonblocking(1 << 16, timeout=wait)
        except pexpect.TIMEOUT:
            return b""
        except pexpect.EOF:
            raise RuntimeError(f"the app exited early; its last output was:\n{self.tail()}") from None
        self.output += chunk
        if feed_screen:
            self.stream.feed(chunk)
        return chunk

    def wait_for_bytes(self, marker: bytes, feed_screen: bool = True) -> float:
        """perf_counter() when `marker` first appeared in the raw output."""
        searched = 0
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            self.pump(feed_screen=feed_screen)
            now = time.perf_counter()
            if self.output.find(marker, max(0, searched - len(marker))) >= 0:
                return now
            searched = len(self.output)
        raise RuntimeError(f"{marker!r} never appeared; last output:\n{self.tail()}")

    def wait_for_screen(self, predicate: Callable[[list[str]], bool]) -> float:
        """perf_counter() when the emulated screen first satisfied `predicate`."""
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            if self.pump():
                now = time.perf_counter()
                if predicate(self.screen.display):
                    return now
        raise RuntimeError(f"the expected screen never appeared:\n{self.tail()}")

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds`."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.pump(wait=0.01)

    def rss_kib(self) -> tuple[int, int]:
        """(VmRSS, VmHWM) of the app process in KiB."""
        values = {}
        with open(f"/proc/{self.child.pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values["VmRSS"], values["VmHWM"]

    def tail(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display if line.strip())[-3000:]

    def close(self) -> None:
        """ctrl+q, then wait for the app to leave; kill it if it won't."""
        try:
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


PYTHON = sys.executable
MEETINGDESK = [PYTHON, "-m", "meetingdesk"]
BARE = [PYTHON, str(BENCH_DIR / "bare_app.py")]


def launch_once(args: list[str], home: Path | None, marker: bytes) -> tuple[float, int, int]:
    """Seconds from spawn to `marker` on screen, and (VmRSS, VmHWM) KiB once the app has settled."""
    gc.collect()
    terminal = Terminal(args, home)
    try:
        shown = terminal.wait_for_bytes(marker, feed_screen=False)
        elapsed = shown - terminal.started
        terminal.drain(1.0)
        rss, hwm = terminal.rss_kib()
    finally:
        terminal.close()
    return elapsed, rss, hwm


def echo_session(args: list[str], home: Path | None, ready: bytes, keys: int, rng: random.Random) -> list[float]:
    """Type `keys` letters into the focused editor; seconds from each key to its echo on the screen."""
    terminal = Terminal(args, home)
    latencies: list[float] = []
    try:
        terminal.wait_for_bytes(ready)
        # Let start-up work (first save, first ticks) finish before typing.
        terminal.drain(2.0)
        typed = ""
        for _ in range(keys):
            key = rng.choice(string.ascii_lowercase)
            typed += key
            expected = typed
            sent = time.perf_counter()
            terminal.child.send(key)
            echoed = terminal.wait_for_screen(lambda lines: any(expected in line for line in lines))
            latencies.append(echoed - sent)
            # A person types a few keys a second; spread them over clock ticks and autosaves.
            terminal.drain(rng.uniform(0.08, 0.25))
    finally:
        terminal.close()
    return latencies


# --- the measurements ----------------------------------------------------------------------------------


def bench_startup(big: Path, small: Path, runs: int) -> tuple[list[Result], dict[str, float]]:
    newest = Store(big)
    newest.open()
    person = newest.rows(limit=1)[0].person
    marker = person.encode("utf-8")
    few = Store(small)
    few.open()
    small_marker = few.rows(limit=1)[0].person.encode("utf-8")
    small_times, small_rss = [], []
    # Warm-up: compile bytecode and fill the page cache for both, not counted.
    launch_once(BARE, None, BARE_TITLE.encode())
    launch_once(MEETINGDESK, big, marker)
    bare_times, md_times, bare_rss, md_rss, md_hwm, bare_hwm = [], [], [], [], [], []
    for _ in range(runs):
        elapsed, rss, hwm = launch_once(BARE, None, BARE_TITLE.encode())
        bare_times.append(elapsed)
        bare_rss.append(rss)
        bare_hwm.append(hwm)
        elapsed, rss, hwm = launch_once(MEETINGDESK, big, marker)
        md_times.append(elapsed)
        md_rss.append(rss)
        md_hwm.append(hwm)
        elapsed, rss, _ = launch_once(MEETINGDESK, small, small_marker)
        small_times.append(elapsed)
        small_rss.append(rss)
    startup_ratio = median(md_times) / median(bare_times)
    rss_ratio = median(md_rss) / median(bare_rss)
    results = [
        Result(
            f"Launch to home screen showing the newest meeting ({BIG:,} meetings)",
            f"{ms(median(md_times))} ({spread(md_times)})",
            f"{ms(median(bare_times))} ({spread(bare_times)})",
            f"{startup_ratio:.2f}x",
            "≤ 1.5x the bare app's first frame",
            startup_ratio <= 1.5,
            [
                f"waits for “{person}” (the newest meeting's person) in the output of `python -m meetingdesk`",
                f"the same launch with {SMALL} meetings: {ms(median(small_times))} "
                f"({median(small_times) / median(bare_times):.2f}x the bare app)",
            ],
        ),
        Result(
            f"Resident memory with the home screen showing ({BIG:,} meetings)",
            f"{median(md_rss) / 1024:.1f} MiB (peak {median(md_hwm) / 1024:.1f} MiB)",
            f"{median(bare_rss) / 1024:.1f} MiB (peak {median(bare_hwm) / 1024:.1f} MiB)",
            f"{rss_ratio:.2f}x",
            "≤ 2x the bare app",
            rss_ratio <= 2,
            [
                "VmRSS from /proc/<pid>/status one second after the expected frame",
                f"with {SMALL} meetings: {median(small_rss) / 1024:.1f} MiB "
                f"({median(small_rss) / median(bare_rss):.2f}x the bare app)",
            ],
        ),
    ]
    return results, {"startup": startup_ratio}


def bench_echo(big: Path, sessions: int, keys: int) -> Result:
    rng = random.Random(11)
    new_live = [*MEETINGDESK, "new", "--agenda", "performance-review", "--with", ECHO_PERSON]
    bare, live = [], []
    for _ in range(sessions):
        bare += echo_session(BARE, None, BARE_TITLE.encode(), keys, rng)
        live += echo_session(new_live, big, ECHO_PERSON.encode(), keys, rng)
    ratio = median(live) / median(bare)
    return Result(
        "Key-to-screen echo in the live notes editor, clock running",
        f"{ms(median(live))} (p90 {ms(statistics.quantiles(live, n=10)[-1])})",
        f"{ms(median(bare))} (p90 {ms(statistics.quantiles(bare, n=10)[-1])})",
        f"{ratio:.2f}x",
        "≤ 1.5x the bare app's TextArea",
        ratio <= 1.5,
        [
            f"{len(live)} keys over {sessions} sessions of `meetingdesk new --agenda performance-review` "
            f"in the {BIG:,}-meeting folder; a key counts as echoed when the typed text shows on the pyte screen"
        ],
    )


def bench_autosave(big: Path, small: Path, saves: int) -> tuple[Result, Result]:
    agenda = load_agendas(None)[0]["performance-review"]
    written: list[tuple[str, int]] = []
    original = store_module.write_private_file

    def counting_write(path: Path, data: str | bytes) -> None:
        written.append((Path(path).name, len(data.encode("utf-8") if isinstance(data, str) else data)))
        original(path, data)

    stores = {}
    meetings = {}
    first: dict[int, tuple[float, int]] = {}
    store_module.write_private_file = index_module.write_private_file = counting_write
    try:
        for size, home in ((BIG, big), (SMALL, small)):
            store = Store(home)
            store.open()
            meeting = meeting_from_agenda(agenda, "Autosave Person", make_history.MANAGER)
            meeting.started_at = datetime.now(timezone.utc)
            written.clear()
            started = time.perf_counter()
            store.save(meeting)
            first[size] = (time.perf_counter() - started, sum(n for _, n in written))
            stores[size], meetings[size] = store, meeting
        times: dict[int, list[float]] = {BIG: [], SMALL: []}
        sizes: dict[int, list[int]] = {BIG: [], SMALL: []}
        files: dict[int, set[str]] = {BIG: set(), SMALL: set()}
        words = make_history.notes(random.Random(3), 300).split(" ")
        for number in range(saves):
            # Alternate, so disk noise hits both the same.
            for size in (BIG, SMALL):
                meeting = meetings[size]
                meeting.sections[0].notes = " ".join(words[: 50 + number * 5])
                written.clear()
                started = time.perf_counter()
                stores[size].save(meeting)
                times[size].append(time.perf_counter() - started)
                sizes[size].append(sum(n for _, n in written))
                files[size].update(name if name != f"{meeting.id}.json" else "<meeting>.json" for name, _ in written)
        # Adding an action changes the meeting's index row (its action counts), as does a new priority.
        row_times: dict[int, list[float]] = {BIG: [], SMALL: []}
        row_sizes: dict[int, list[int]] = {BIG: [], SMALL: []}
        for number in range(max(5, saves // 3)):
            for size in (BIG, SMALL):
                meeting = meetings[size]
                meeting.actions.append(ActionItem(text=f"Bench action {number}", owner="Autosave Person"))
                written.clear()
                started = time.perf_counter()
                stores[size].save(meeting)
                row_times[size].append(time.perf_counter() - started)
                row_sizes[size].append(sum(n for _, n in written))
    finally:
        store_module.write_private_file = index_module.write_private_file = original
    row_time_ratio = median(row_times[BIG]) / median(row_times[SMALL])
    row_byte_ratio = median(row_sizes[BIG]) / median(row_sizes[SMALL])
    with_row = Result(
        f"Autosave after adding an action (index row changes), {BIG:,} vs {SMALL} meetings",
        f"{median(row_sizes[BIG]):,.0f} bytes, {ms(median(row_times[BIG]))}",
        f"{median(row_sizes[SMALL]):,.0f} bytes, {ms(median(row_times[SMALL]))}",
        f"bytes {row_byte_ratio:.0f}x, time {row_time_ratio:.0f}x",
        "≤ 1.5x (flat)",
        row_byte_ratio <= 1.5 and row_time_ratio <= 1.5,
        ["the same happens on a new priority, on ending the meeting, and on the first save of a new meeting"],
    )
    time_ratio = median(times[BIG]) / median(times[SMALL])
    byte_ratio = median(sizes[BIG]) / median(sizes[SMALL])
    notes = [
        f"files written per autosave: {', '.join(sorted(files[BIG]))} ({BIG:,}) / {', '.join(sorted(files[SMALL]))} ({SMALL})",
        f"first save of a new meeting (adds its index row): {ms(first[BIG][0])}, {first[BIG][1]:,} bytes "
        f"with {BIG:,}; {ms(first[SMALL][0])}, {first[SMALL][1]:,} bytes with {SMALL}",
        "each save fsyncs the file and the folder, so the time is mostly the disk's",
    ]
    return (
        Result(
            f"Autosave (Store.save after a notes change), {BIG:,} vs {SMALL} meetings",
            f"{median(sizes[BIG]):,.0f} bytes, {ms(median(times[BIG]))}",
            f"{median(sizes[SMALL]):,.0f} bytes, {ms(median(times[SMALL]))}",
            f"bytes {byte_ratio:.2f}x, time {time_ratio:.2f}x",
            "≤ 1.5x (flat)",
            byte_ratio <= 1.5 and time_ratio <= 1.5,
            notes,
        ),
        with_row,
    )


def bench_search(big: Path, repeats: int = 20) -> tuple[Result, float]:
    """The home screen's search: SearchIndex.search over every meeting's person, agenda, notes and actions."""
    from meetingdesk.locations import search_cache_path
    from meetingdesk.storage.search import SearchIndex

    store = Store(big)
    started = time.perf_counter()
    store.open()
    open_seconds = time.perf_counter() - started
    search_cache_path(big).unlink(missing_ok=True)
    index = SearchIndex(big)
    started = time.perf_counter()
    index.refresh()
    cold = time.perf_counter() - started
    index = SearchIndex(big)
    started = time.perf_counter()
    index.refresh()
    warm = time.perf_counter() - started
    # Queries as a manager types them: a word from some meeting's notes, sometimes with a person's name.
    rng = random.Random(5)
    rows = store.rows()
    queries = []
    for row in rng.sample(rows, repeats):
        words = [w.strip(".,;:") for w in " ".join(s.notes for s in store.load(row.id).sections).split() if len(w) > 5]
        queries.append(rng.choice(words) if rng.random() < 0.5 else f"{row.person.split()[0]} {rng.choice(words)}")
    times, hits = [], 0
    for query in queries:
        started = time.perf_counter()
        hits += len(index.search(query))
        times.append(time.perf_counter() - started)
    return (
        Result(
            f"Search on the home screen: person, agenda, notes, priorities, actions ({BIG:,} meetings)",
            f"{ms(median(times))} ({spread(times)})",
            "–",
            "–",
            "< 100 ms to results",
            median(times) < 0.1,
            [
                f"{repeats} queries of a word from some meeting's notes, half with a first name; {hits:,} results in all",
                f"the index is built in a worker after the home screen shows: {cold:.1f} s the first time "
                f"(every file parsed), {ms(warm)} on later starts (cache in search-cache.json, only changed files re-read)",
                f"Store.open() with {BIG:,} meetings (index loaded, files stat'ed): {ms(open_seconds)}",
            ],
        ),
        open_seconds,
    )


def bench_summary(repeats: int = 30) -> Result:
    rng = random.Random(9)
    agenda = load_agendas(None)[0]["career-discussion"]
    meeting = meeting_from_agenda(agenda, "Dana Lee", make_history.MANAGER)
    meeting.sections = [
        SectionRecord(
            title=f"Section {number}",
            planned_seconds=300,
            actual_seconds=rng.uniform(200, 400),
            notes=make_history.notes(rng, 300),
            private_notes=make_history.notes(rng, 50),
        )
        for number in range(1, 13)
    ]
    meeting.started_at = datetime.now(timezone.utc)
    meeting.ended_at = meeting.started_at + timedelta(hours=1)
    today = meeting.started_at.date()
    meeting.actions = [
        ActionItem(
            text=f"{rng.choice(make_history.ACTIONS)} ({number})",
            owner=rng.choice(("Dana Lee", make_history.MANAGER)),
            due=today + timedelta(days=rng.randint(1, 60)),
        )
        for number in range(40)
    ]
    meeting.priorities = [Priority(text=text, measure=measure) for text, measure in make_history.PRIORITIES[:3]]
    started = time.perf_counter()
    summary_markdown(meeting)
    summary_text(meeting)
    cold = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        summary_markdown(meeting)
        summary_text(meeting)
        times.append(time.perf_counter() - started)
    return Result(
        "Summary of a 12-section meeting with 40 actions (markdown + plain text)",
        f"{ms(median(times))} ({spread(times)})",
        "–",
        "–",
        "< 50 ms",
        median(times) < 0.05,
        [f"first call {ms(cold)}; about 3,600 words of notes"],
    )


def bench_history(home: Path, meetings: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, str(BENCH_DIR / "make_history.py"), "--home", str(home), "--meetings", str(meetings)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


# --- the report ------------------------------------------------------------------------------------------


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
        ("Terminal", f"pseudo-terminal {COLUMNS}x{LINES}, TERM=xterm-256color"),
    ]


def write_report(out: Path, results: list[Result], history_seconds: float, args: argparse.Namespace, total: float) -> None:
    history = Result(
        f"`make_history.py --meetings {BIG:,}`",
        f"{history_seconds:.1f} s",
        "–",
        "–",
        "< 60 s",
        history_seconds < 60,
    )
    rows = [history, *results]
    lines = [
        "# MeetingDesk benchmarks",
        "",
        f"Generated by `benchmarks/run.py` on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} "
        f"in {total / 60:.1f} minutes. Figures are medians ({args.runs} launches, "
        f"{args.sessions}x{args.keys} keys, {args.saves} saves); the range or p90 is in brackets.",
        "",
        "Reproduce from a clone:",
        "",
        "```",
        "python -m venv .venv && .venv/bin/pip install -e '.[test]'",
        f".venv/bin/python benchmarks/run.py --runs {args.runs} --sessions {args.sessions} --keys {args.keys}",
        "```",
        "",
        "| What | MeetingDesk | Against | Ratio | Goal | |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.measured} | {row.floor} | {row.ratio} | {row.goal} | {'met' if row.met else '**missed**'} |"
        )
    lines += ["", "“Against” is the bare Textual app (`benchmarks/bare_app.py`: Header, focused TextArea, Footer)"
              f" or, for autosave, the same save in a {SMALL}-meeting folder.", "", "## Notes", ""]
    for row in rows:
        for note in row.notes:
            lines.append(f"- {row.name.split(' (')[0]}: {note}")
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in machine()]
    missed = [row for row in rows if not row.met]
    lines += ["", "## Goals missed", ""]
    if not missed:
        lines.append("None.")
    else:
        for row in missed:
            lines.append(f"- {row.name}: {row.measured} against {row.floor} ({row.ratio}); goal {row.goal}.")
        if args.findings and Path(args.findings).is_file():
            lines += ["", Path(args.findings).read_text(encoding="utf-8").rstrip()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches per app for start-up and memory")
    parser.add_argument("--sessions", type=int, default=2, help="typing sessions per app")
    parser.add_argument("--keys", type=int, default=30, help="keys typed per session")
    parser.add_argument("--saves", type=int, default=30, help="autosaves per history size")
    parser.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md", help="where to write the report")
    parser.add_argument("--keep", action="store_true", help="keep the generated histories")
    parser.add_argument(
        "--findings", default=str(BENCH_DIR / "findings.md"),
        help="markdown explaining missed goals (profile, cause, fix), added to the report when a goal is missed",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="meetingdesk-bench-"))
    big, small = workdir / "history-10000", workdir / "history-10"
    try:
        print(f"Writing {BIG:,} meetings to {big} ...", flush=True)
        history_seconds = bench_history(big, BIG)
        bench_history(small, SMALL)
        print(f"  {history_seconds:.1f} s", flush=True)
        results: list[Result] = []
        print("Start-up and memory ...", flush=True)
        startup, _ = bench_startup(big, small, args.runs)
        results += startup
        print("Search ...", flush=True)
        search, _ = bench_search(big)
        print("Summary ...", flush=True)
        summary = bench_summary()
        print("Autosave ...", flush=True)
        autosave, autosave_row = bench_autosave(big, small, args.saves)
        # Last: each typing session adds a live meeting to the big history.
        print("Key echo ...", flush=True)
        echo = bench_echo(big, args.sessions, args.keys)
        results += [echo, autosave, autosave_row, search, summary]
        write_report(args.out, results, history_seconds, args, time.perf_counter() - began)
        for row in [*results]:
            print(f"{'ok    ' if row.met else 'MISSED'} {row.name}: {row.measured} vs {row.floor} ({row.ratio})")
        print(f"Wrote {args.out}")
    finally:
        if args.keep:
            print(f"Histories kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
