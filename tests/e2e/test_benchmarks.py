"""The benchmark runs end to end on tiny histories, so it still works when it is needed (figures are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_measures_every_figure_on_small_histories(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    finished = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes", "5,40",
            "--runs", "1",
            "--sessions", "1",
            "--keys", "3",
            "--out", str(report),
            "--keep", str(tmp_path / "histories"),
            "--findings", str(tmp_path / "none.md"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    for figure in (
        "Launch to the newest meeting on the home screen, 40 meetings",
        "Memory with the home screen showing",
        "`meetingdesk new` to the live screen",
        "Search on the home screen, last key to the list updated",
        "`meetingdesk actions --open`",
        "`meetingdesk list --limit 20`",
        "`meetingdesk show ID`",
        "Bytes written to files by adding an action",
        "`meetingdesk log` adding an entry, a person with 1,000 entries",
        "Key echo in the live notes",
        "Rebuilding a deleted cache from 40 meeting files",
    ):
        assert figure in text, figure
    assert "python benchmarks/run.py --sizes 5,40" in text, "the report names the command that wrote it"
