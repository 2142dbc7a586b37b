"""A data folder kept in git: tell git to merge its files with MeetingDesk's merge driver.

git reads `.gitattributes` (committed, so every clone has it) to know which files use
which merge driver, and its own config (per clone, never committed) to know the command
that driver runs. Nothing here imports Textual.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from meetingdesk.locations import GITIGNORE
from meetingdesk.storage.files import StoreError, write_private_file

DRIVER = "meetingdesk"
"""The merge driver's name in git's config (`merge.meetingdesk.driver`)."""
ATTRIBUTES = (
    "meetings/*.json merge=meetingdesk",
    "trash/*.json merge=meetingdesk",
    "deleted/*.json merge=meetingdesk",
    "settings.json merge=meetingdesk",
    "people/*.json merge=meetingdesk",
)
"""The lines the data folder's `.gitattributes` needs."""


def driver_command() -> str:
    """The command git runs to merge a file: this Python running MeetingDesk, whatever git's PATH holds."""
    return f"{shlex.quote(sys.executable)} -m meetingdesk merge-driver %O %A %B"


def _git(root: Path, *words: str) -> subprocess.CompletedProcess[str] | None:
    """git run in `root`, or None when there is no git."""
    git = shutil.which("git")
    if git is None:
        return None
    return subprocess.run([git, "-C", str(root), *words], capture_output=True, text=True)


def in_repository(root: Path) -> bool:
    """True when the data folder `root` is inside a git work tree."""
    if not root.is_dir():
        return False
    done = _git(root, "rev-parse", "--is-inside-work-tree")
    return done is not None and done.returncode == 0 and done.stdout.strip() == "true"


def missing_setup(root: Path) -> list[str]:
    """What a data folder in git still lacks for clean merges (attribute lines, the config line); [] when set up."""
    attributes = root / ".gitattributes"
    held = attributes.read_text(encoding="utf-8").splitlines() if attributes.is_file() else []
    missing = [f".gitattributes: {line}" for line in ATTRIBUTES if line not in held]
    done = _git(root, "config", "--get", f"merge.{DRIVER}.driver")
    if done is None or done.returncode != 0 or not done.stdout.strip():
        missing.append(f"git config merge.{DRIVER}.driver")
    elif not _runs(done.stdout.strip()):
        missing.append(f"git config merge.{DRIVER}.driver runs a program that is gone ({done.stdout.strip()})")
    return missing


def _runs(command: str) -> bool:
    """True when the first word of a configured command is a program that is there."""
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    return shutil.which(program) is not None


def set_up(root: Path) -> list[str]:
    """Write `.gitattributes` (and `.gitignore` if missing) and git's config for the merge driver; what was done.

    StoreError, in a sentence, when there is no git or `root` is not in a repository.
    """
    if shutil.which("git") is None:
        raise StoreError("Setting up git merges needs git, and there is no git on your PATH: install git first.")
    if not in_repository(root):
        raise StoreError(
            f"The data folder {root} is not inside a git repository: run `git init` there (or clone your records "
            "repository and set MEETINGDESK_HOME to it), then meetingdesk sync setup again."
        )
    done: list[str] = []
    attributes = root / ".gitattributes"
    held = attributes.read_text(encoding="utf-8").splitlines() if attributes.is_file() else []
    missing = [line for line in ATTRIBUTES if line not in held]
    if missing:
        write_private_file(attributes, "\n".join([*held, *missing]) + "\n")
        done.append(f"{attributes}: git merges meetings, the trash, meetings deleted for good, people's logs and settings with MeetingDesk's merge driver.")
    if not (root / ".gitignore").exists():
        write_private_file(root / ".gitignore", GITIGNORE)
        done.append(f"{root / '.gitignore'}: what stays on this machine.")
    for key, value in ((f"merge.{DRIVER}.name", "MeetingDesk: merge two copies of a meeting item by item"), (f"merge.{DRIVER}.driver", driver_command())):
        result = _git(root, "config", key, value)
        if result is None or result.returncode != 0:
            raise StoreError(f"git config {key} failed in {root}: {result.stderr.strip() if result else 'no git'}.")
    done.append(f"git config merge.{DRIVER}.driver: {driver_command()}")
    return done
