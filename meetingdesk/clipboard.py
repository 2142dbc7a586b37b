"""Copy a summary to every clipboard within reach, and always keep a copy on disk.

No single route works everywhere: the terminal's OSC 52 sequence is the one
that crosses SSH but some terminals ignore it; tmux keeps its own paste
buffer; the system clipboard needs a desktop and a copy tool, and pyperclip can
hang or claim success it did not have. So every route is tried, each failure is
noted rather than raised, and the text is always written to a file the manager
can open. Nothing here imports Textual: the UI passes in its own OSC 52 route.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

OSC52_ROUTE = "terminal (OSC 52)"
TMUX_ROUTE = "tmux paste buffer"
SYSTEM_ROUTE = "system clipboard"


@dataclass
class CopyResult:
    """What a copy reached: the clipboards that took the text, the file written, and what went wrong."""

    routes: list[str] = field(default_factory=list)
    """The clipboards that took the text, in the order they were tried."""
    file: Path | None = None
    """The file the text was saved to, or None if saving failed."""
    problems: list[str] = field(default_factory=list)
    """One sentence per route that failed, saying what to do about it where there is something to do."""

    def message(self, what: str = "Summary") -> str:
        """The notification to show the manager: where `what` (the summary, the agenda) went, where it is saved, what failed."""
        if self.routes:
            parts = [f"{what} copied via {', '.join(self.routes)}."]
        else:
            parts = [f"{what} not copied to any clipboard."]
        if self.file is not None:
            parts.append(f"Saved to {_display_path(self.file)}.")
        parts.extend(self.problems)
        return " ".join(parts)


def copy_text(
    text: str,
    file_path: Path,
    osc52: Callable[[str], None] | None,
    *,
    timeout: float = 2.0,
    env: Mapping[str, str] | None = None,
) -> CopyResult:
    """Send `text` to the terminal, tmux and system clipboards, and save it to `file_path` (0600).

    Blocking, and never raises for a failed route: call it from a worker
    thread. `osc52` is the UI's way to send the terminal clipboard sequence;
    `timeout` bounds each outside program; `env` defaults to this process's
    environment and decides whether tmux is in use.
    """
    environment = os.environ if env is None else env
    result = CopyResult()

    if osc52 is not None:
        try:
            osc52(text)
        except Exception as error:  # the UI's callable may fail in ways we cannot list
            result.problems.append(f"The terminal clipboard (OSC 52) failed: {error}.")
        else:
            result.routes.append(OSC52_ROUTE)

    if environment.get("TMUX"):
        problem = _copy_to_tmux(text, timeout, None if env is None else dict(env))
        if problem:
            result.problems.append(problem)
        else:
            result.routes.append(TMUX_ROUTE)

    problem = _copy_with_pyperclip(text, timeout)
    if problem:
        result.problems.append(problem)
    else:
        result.routes.append(SYSTEM_ROUTE)

    from meetingdesk.storage.files import StoreError, write_private_file

    try:
        write_private_file(file_path, text)
    except StoreError as error:  # already a sentence that names the path and the fix
        result.problems.append(str(error))
    except Exception as error:  # a failed save must not hide the copies that worked
        result.problems.append(f"Could not save the summary to {_display_path(file_path)}: {error}.")
    else:
        result.file = file_path
    return result


def _copy_to_tmux(text: str, timeout: float, env: dict[str, str] | None) -> str | None:
    """Load tmux's paste buffer; None on success, else the problem in a sentence."""
    try:
        completed = subprocess.run(
            ["tmux", "load-buffer", "-"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        return "The tmux paste buffer was not loaded: the tmux command was not found on PATH."
    except subprocess.TimeoutExpired:
        return f"The tmux paste buffer was not loaded: tmux did not answer within {timeout:g} seconds."
    except OSError as error:
        return f"The tmux paste buffer was not loaded: {error}."
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip() or f"exit status {completed.returncode}"
        return f"The tmux paste buffer was not loaded: {detail}."
    return None


def _copy_with_pyperclip(text: str, timeout: float) -> str | None:
    """Copy with pyperclip and read it back; None only when the clipboard holds the text."""
    outcome: dict[str, object] = {}

    def attempt() -> None:
        try:
            import pyperclip

            pyperclip.copy(text)
        except Exception as error:  # PyperclipException where no copy tool exists, and whatever the tool does
            outcome["error"] = error
            return
        try:
            outcome["pasted"] = pyperclip.paste()
        except Exception as error:
            outcome["unchecked"] = error

    # pyperclip shells out to xclip, wl-copy and friends, which can wait forever
    # for a display; a daemon thread lets us give up without blocking exit.
    worker = threading.Thread(target=attempt, name="meetingdesk-pyperclip", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        return f"The system clipboard did not answer within {timeout:g} seconds."
    error = outcome.get("error")
    if error is not None:
        # pyperclip's own message is a paragraph with a URL; say it shorter.
        if type(error).__name__.startswith("Pyperclip"):
            return (
                "The system clipboard is not available: no copy tool was found "
                "(on Linux, install xclip, xsel or wl-clipboard)."
            )
        return f"The system clipboard failed: {error}."
    if "unchecked" in outcome:
        return f"The system clipboard could not be read back to check the copy ({outcome['unchecked']})."
    if not _same_text(outcome.get("pasted"), text):
        return "The system clipboard reported a copy but does not hold the summary."
    return None


def _same_text(pasted: object, text: str) -> bool:
    # Clipboards may turn line endings into CRLF or drop a final newline; that is still our text.
    if not isinstance(pasted, str):
        return False
    return pasted.replace("\r\n", "\n").rstrip("\n") == text.replace("\r\n", "\n").rstrip("\n")


def _display_path(path: Path) -> str:
    """The path with the home folder shortened to "~", as a person would type it."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # outside home, or no home folder at all
        return str(path)
