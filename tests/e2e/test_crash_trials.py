"""Twenty kill -9 trials on every run of the suite: nothing damaged, every meeting resumes, nothing older than a second lost.

The full campaign (1,000 trials, about an hour) is `benchmarks/crash_trials.py --trials 1000`;
its table is in BENCHMARKS.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_twenty_kills_at_random_moments_damage_nothing_and_lose_nothing(tmp_path: Path) -> None:
    finished = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "crash_trials.py"), "--trials", "20", "--seed", "20"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    table = finished.stdout
    assert "| **all** | 20 | 0 | 0 | 0 |" in table, table[-4000:] + finished.stderr[-2000:]
    assert finished.returncode == 0
