"""Write docs/goals.svg (a follow-up's goals panel) and docs/due.svg (who is due) with a frozen clock.

    .venv/bin/python docs/goal_screenshots.py

The data is the snapshot tests' own (tests/builders.py: development_plan), in a throwaway
data folder and cache, so the pictures match what the tests check.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))


async def main() -> None:
    from meetingdesk.app import MeetingDeskApp
    from meetingdesk.storage.store import Store
    from tests.builders import FakeClock, development_plan

    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        os.environ["TZ"] = "UTC"
        time.tzset()
        store = Store(Path(folder) / "home")
        store.open()
        clock = FakeClock()
        follow_up = development_plan(store, clock)
        # The due list first: starting the follow-up makes it Dana's latest meeting.

        app = MeetingDeskApp(store, clock=clock)
        async with app.run_test(size=(120, 20)) as pilot:
            await pilot.pause()
            await pilot.press("c")
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.save_screenshot("due.svg", str(DOCS))

        app = MeetingDeskApp(store, clock=clock, start_meeting=follow_up)
        async with app.run_test(size=(120, 34)) as pilot:
            await pilot.pause()
            for editor in app.screen.query("TextArea"):
                editor.cursor_blink = False
            app.screen.query_one("#priorities").focus()
            await pilot.pause()
            app.save_screenshot("goals.svg", str(DOCS))


if __name__ == "__main__":
    asyncio.run(main())
