"""The wheel carries the styles and agendas, and the installed package finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_styles_and_agendas_and_loads_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("meetingdesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for style in (ROOT / "styles").glob("*.tcss"):
        assert f"meetingdesk/styles/{style.name}" in names
    for agenda in (ROOT / "meetingdesk" / "agendas").glob("*.md"):
        assert f"meetingdesk/agendas/{agenda.name}" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "from meetingdesk.locations import styles_dir, PACKAGE_DIR\n"
        "from meetingdesk.agendas import load_agendas\n"
        "assert styles_dir().parent == PACKAGE_DIR, styles_dir()\n"
        "assert (styles_dir() / 'live.tcss').is_file()\n"
        "print(len(load_agendas(None)[0]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 5


def test_source_checkout_finds_the_top_level_styles() -> None:
    from meetingdesk.locations import styles_dir

    assert styles_dir() == ROOT / "styles"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = ci.strip().splitlines()[-1]
    assert command in readme
    assert "pytest" in command
