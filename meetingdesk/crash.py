"""What happens when MeetingDesk hits a bug: save every live meeting, then say where, never what was typed."""

from __future__ import annotations

import traceback


def crash_report(error: BaseException) -> str:
    """What a crash prints: where the bug is, never the text of a meeting (no message, no locals)."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [
        "MeetingDesk hit a bug and closed. Every live meeting was saved first;",
        "`meetingdesk resume` reopens it where it stopped.",
        "",
        f"Error: {type(error).__module__}.{type(error).__qualname__}",
    ]
    lines += [f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames[-8:]]
    return "\n".join(lines)
