"""The rules of the house (DESIGN.md, STYLE.md), checked on the source so a change that breaks one fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "meetingdesk"
DOMAIN = ["models", "agendas", "timer", "summary", "quickadd", "dates", "followup", "names", "errors", "ids", "settings", "literal_markdown", "items", "migrations", "merge_state", "people"]
UI = ("textual", "rich", "meetingdesk.app", "meetingdesk.screens", "meetingdesk.dialogs", "meetingdesk.widgets")


def modules(*names: str) -> list[Path]:
    """The source files of these modules or packages under meetingdesk/."""
    found: list[Path] = []
    for name in names:
        folder = PACKAGE / name
        found += sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{name}.py"]
    return found


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def breaking(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(name for name in imported(path) if any(name == f or name.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("path", modules(*DOMAIN), ids=lambda p: p.stem)
def test_the_domain_imports_neither_textual_nor_storage(path: Path) -> None:
    assert breaking(path, (*UI, "meetingdesk.storage", "meetingdesk.desk")) == []


@pytest.mark.parametrize("path", modules("storage", "desk", "team"), ids=lambda p: p.stem)
def test_storage_and_the_desk_know_no_screen(path: Path) -> None:
    assert breaking(path, UI) == []


@pytest.mark.parametrize("path", modules("commands"), ids=lambda p: p.stem)
def test_the_shell_commands_never_start_textual(path: Path) -> None:
    assert breaking(path, UI) == []


def test_the_command_line_starts_the_app_but_imports_no_screen_or_dialog() -> None:
    assert breaking(PACKAGE / "cli.py", ("meetingdesk.screens", "meetingdesk.dialogs", "meetingdesk.widgets")) == []


def test_no_module_is_longer_than_450_lines() -> None:
    long = {str(path.relative_to(PACKAGE)): n for path in PACKAGE.rglob("*.py") if (n := len(path.read_text().splitlines())) > 450}
    assert long == {}, "split these by concern"


def test_the_old_store_module_is_gone() -> None:
    assert not (PACKAGE / "store.py").exists()
    users = [path for path in PACKAGE.rglob("*.py") if "meetingdesk.store" in imported(path)]
    assert users == []
