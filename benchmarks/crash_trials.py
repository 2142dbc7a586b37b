"""Kill MeetingDesk at random moments and check that nothing older than a second is lost.

    python benchmarks/crash_trials.py --trials 1000 [--shared] [--seed 1] [--out BENCHMARKS.md]

Each trial runs the installed command in a pseudo-terminal, does what a manager does
(types notes, adds an action, moves to the next section, ends the meeting, or only
starts one), and sends `kill -9` at a random moment. Then it checks, as the manager
would find them:

- damaged files: a meeting file that is not a readable meeting, or anything moved to
  `damaged/`;
- resume failures: `meetingdesk resume` not reopening a meeting left live (or, for one
  that ended, not saying there is nothing to resume), or printing a traceback;
- losses: anything done more than a second before the kill (a key, an action, a move
  to the next section, the end) missing from the meeting's file.

With `--shared` every trial uses one data folder (meetings accumulate, as on a real
desk); without it each trial starts from an empty one. The table is appended to the
report given by `--out`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import string
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from terminal import Terminal  # noqa: E402

MEETINGDESK = [sys.executable, "-m", "meetingdesk"]
KINDS = ("typing", "adding an action", "next section", "ending", "creating", "resuming")
"""What the manager is doing when the kill comes."""
GRACE = 1.0
"""What was done longer ago than this before the kill must be in the file."""
LIVE = "Shared notes · go in the summary"


@dataclass
class Trial:
    """One kill and what was found after it."""

    kind: str
    damaged: list[str] = field(default_factory=list)
    resume_failed: str = ""
    lost: list[str] = field(default_factory=list)


@dataclass
class Done:
    """Something the manager did, when, and how to see it in the meeting's file."""

    at: float
    what: str
    seen: object  # a function of the meeting's JSON


class Desk:
    """A data folder and a cache folder the trials run against."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {"MEETINGDESK_HOME": str(root / "data"), "XDG_CACHE_HOME": str(root / "cache"), "TZ": "UTC"}

    def run(self, *args: str) -> Terminal:
        return Terminal([*MEETINGDESK, *args], self.env, REPO, timeout=30)

    def meeting_files(self) -> dict[str, Path]:
        folder = self.root / "data" / "meetings"
        return {path.stem: path for path in folder.glob("*.json")} if folder.is_dir() else {}

    def damaged(self) -> list[str]:
        found = []
        for path in self.meeting_files().values():
            try:
                document = json.loads(path.read_bytes())
                assert isinstance(document, dict) and document.get("sections")
            except (OSError, ValueError, AssertionError):
                found.append(f"{path.name} is not a readable meeting")
        folder = self.root / "data" / "damaged"
        if folder.is_dir():
            found += [f"{path.name} was moved to damaged/" for path in folder.iterdir()]
        return found


def type_keys(terminal: Terminal, text: str, rng: random.Random, done: list[Done], section: int, typed: str) -> str:
    """Type `text` a key at a time, as a person types, noting when each key went."""
    for letter in text:
        terminal.send(letter)
        typed += letter
        expected = typed
        done.append(Done(time.perf_counter(), f"the note “…{expected[-12:]}”", lambda m, e=expected, s=section: m["sections"][s]["notes"].startswith(e)))
        terminal.drain(rng.uniform(0.03, 0.15))
    return typed


def words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 7))) for _ in range(count)) + " "


def run_trial(desk: Desk, kind: str, rng: random.Random) -> Trial:
    trial = Trial(kind)
    before = set(desk.meeting_files())
    done: list[Done] = []
    person = f"Trial {rng.randrange(10**6)}"
    terminal = desk.run("new", "--agenda", "development-check-in", "--with", person)
    try:
        if kind == "creating":
            terminal.drain(rng.uniform(0.0, 1.5))
        else:
            terminal.wait_for(LIVE)
            terminal.drain(rng.uniform(0.1, 0.6))
            type_keys(terminal, words(rng, rng.randint(2, 6)), rng, done, 0, "")
            if kind == "adding an action":
                terminal.send("\x0f")  # ctrl+o
                terminal.wait_for("Write the promotion case")  # the dialog's placeholder: "Add action" is in the footer too
                terminal.send("Send the notes @me by friday\r")
                terminal.wait_for("Send the notes")
                done.append(Done(time.perf_counter(), "the action", lambda m: any(a["text"] == "Send the notes" for a in m["actions"])))
            elif kind == "next section":
                terminal.send("\x0e")  # ctrl+n
                terminal.wait_for("2 of ")
                done.append(Done(time.perf_counter(), "the move to section 2", lambda m: m["current_section"] >= 1))
                type_keys(terminal, words(rng, rng.randint(1, 4)), rng, done, 1, "")
            elif kind == "ending":
                terminal.send("\x06")  # ctrl+f: the close check
                terminal.wait_for("close")
                terminal.send("\x06")  # ctrl+f again: close anyway
                done.append(Done(time.perf_counter(), "the end of the meeting", lambda m: m["status"] == "ended"))
            elif kind == "resuming":
                # Killed once while typing, then again while `meetingdesk resume` starts.
                terminal.drain(rng.uniform(0.0, 1.2))
                killed = time.perf_counter()
                terminal.child.kill(signal.SIGKILL)
                terminal.child.close(force=True)
                terminal = desk.run("resume")
                terminal.drain(rng.uniform(0.2, 1.5))
                terminal.child.kill(signal.SIGKILL)
            if kind != "resuming":
                terminal.drain(rng.uniform(0.0, 1.5))
        if kind != "resuming":
            killed = time.perf_counter()
            terminal.child.kill(signal.SIGKILL)
    finally:
        terminal.child.close(force=True)

    trial.damaged = desk.damaged()
    mine = [path for meeting_id, path in desk.meeting_files().items() if meeting_id not in before]
    meeting = json.loads(mine[0].read_bytes()) if len(mine) == 1 else None
    if meeting is None and kind != "creating":
        trial.lost.append(f"{len(mine)} new meeting files instead of one")
    if meeting is not None:
        trial.lost += [item.what for item in done if item.at <= killed - GRACE and not item.seen(meeting)]
    trial.resume_failed = check_resume(desk, meeting)
    return trial


def check_resume(desk: Desk, meeting: dict | None) -> str:
    """'' when `meetingdesk resume` does the right thing after the kill, else what went wrong."""
    live = meeting is not None and meeting["status"] == "live"
    terminal = desk.run("resume")
    try:
        if live:
            terminal.wait_for(LIVE)
            terminal.wait_for(meeting["person"])
        else:
            # Ended: resume says there is nothing to resume, or (shared folder) opens an older unfinished one.
            try:
                terminal.wait_for(LIVE)
            except RuntimeError:
                if terminal.child.isalive():
                    raise
                said = terminal.output.decode("utf-8", "replace")
                return "" if "no unfinished meeting" in said else f"resume said: {said[-200:]!r}"
        terminal.drain(0.3)
        terminal.send("\x11")  # ctrl+q
        terminal.wait_for_exit()
    except RuntimeError as error:
        return f"resume: {str(error).splitlines()[0]}"
    finally:
        if terminal.child.isalive():
            terminal.child.kill(signal.SIGKILL)
        terminal.child.close(force=True)
    screen = terminal.output.decode("utf-8", "replace")
    if "Traceback" in screen or "hit a bug" in screen:
        return "resume printed a crash report"
    return ""


def report(trials: list[Trial], args: argparse.Namespace, took: float) -> str:
    counts = Counter(trial.kind for trial in trials)
    lines = [
        "",
        f"## Crash trials: {len(trials):,} kills with `kill -9` ({'one shared data folder' if args.shared else 'a fresh data folder each'})",
        "",
        f"Written by `python benchmarks/crash_trials.py --trials {args.trials}{' --shared' if args.shared else ''} --seed {args.seed}` "
        f"on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} in {took / 60:.0f} minutes.",
        "",
        "| Killed while | Trials | Damaged files | Resume failures | Losses older than 1 s |",
        "|---|---|---|---|---|",
    ]
    for kind in KINDS:
        mine = [trial for trial in trials if trial.kind == kind]
        lines.append(
            f"| {kind} | {counts[kind]} | {sum(bool(t.damaged) for t in mine)} | "
            f"{sum(bool(t.resume_failed) for t in mine)} | {sum(bool(t.lost) for t in mine)} |"
        )
    lines.append(
        f"| **all** | {len(trials)} | {sum(bool(t.damaged) for t in trials)} | "
        f"{sum(bool(t.resume_failed) for t in trials)} | {sum(bool(t.lost) for t in trials)} |"
    )
    failures = [trial for trial in trials if trial.damaged or trial.resume_failed or trial.lost]
    for trial in failures[:20]:
        lines.append(f"- {trial.kind}: {'; '.join([*trial.damaged, trial.resume_failed, *trial.lost]).strip('; ')}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20, help="how many kills")
    parser.add_argument("--shared", action="store_true", help="one data folder for every trial")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument("--out", type=Path, help="append the table to this file (BENCHMARKS.md)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="meetingdesk-crash-"))
    trials: list[Trial] = []
    try:
        shared = Desk(work / "shared")
        for number in range(args.trials):
            kind = KINDS[number % len(KINDS)]
            desk = shared if args.shared else Desk(work / f"trial-{number}")
            trial = run_trial(desk, kind, rng)
            trials.append(trial)
            if not args.shared:
                shutil.rmtree(desk.root, ignore_errors=True)
            flag = "ok" if not (trial.damaged or trial.resume_failed or trial.lost) else "FAILED"
            print(f"{number + 1:5d} {kind:17s} {flag} {'; '.join([*trial.damaged, trial.resume_failed, *trial.lost])}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(trials, args, time.perf_counter() - began)
    print(text)
    if args.out is not None:
        with args.out.open("a", encoding="utf-8") as out:
            out.write(text)
    return 1 if any(trial.damaged or trial.resume_failed or trial.lost for trial in trials) else 0


if __name__ == "__main__":
    raise SystemExit(main())
