"""Write the README's screenshots (docs/home.svg, live.svg, summary.svg) at 120x40 from a frozen clock.

Run from the repository root after a change to how those screens look:

    .venv/bin/python docs/screenshots.py

The meetings are built like the snapshot tests' (tests/snapshots/test_screens.py): last
month's review with Dana Lee (its record is summary.svg), then today's follow-up, which
carries its open actions (live.svg), then the list of both (home.svg). They live in a
throwaway data folder; nothing of yours is read or written.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)


async def shoot(app, path: Path, keys: tuple[str, ...] = ()) -> None:
    """Run `app`, press `keys`, let its workers finish, and write what the terminal shows to `path`."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)  # the summary's Markdown renders after its update
        for editor in app.screen.query("TextArea"):
            editor.cursor_blink = False
        await pilot.pause()
        path.write_text(app.export_screenshot(title="MeetingDesk"), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


async def main() -> None:
    from meetingdesk.app import MeetingDeskApp
    from meetingdesk.models import ActionItem
    from meetingdesk.storage.store import Store
    from tests.builders import FakeClock
    from tests.snapshots.test_screens import filled_meeting

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "home")
        store.open()
        clock = FakeClock()
        last_month = FakeClock(clock() - timedelta(days=30))
        review = filled_meeting(last_month, ended=True)
        review.actions[1].due = date(2026, 11, 20)  # overdue by today: the follow-up marks it
        store.save(review)
        await shoot(MeetingDeskApp(store, clock=last_month, open_meeting_id=review.id), ROOT / "docs" / "summary.svg")
        follow_up = filled_meeting(clock, ended=False)
        follow_up.actions = [ActionItem(text="Share the Q1 budget draft", owner="Dana Lee", due=date(2026, 12, 11))]
        await shoot(MeetingDeskApp(store, clock=clock, start_meeting=follow_up), ROOT / "docs" / "live.svg")
        await shoot(MeetingDeskApp(store, clock=clock), ROOT / "docs" / "home.svg")


if __name__ == "__main__":
    # A data folder and a cache of their own, and one time zone, so the pictures are the same on every machine.
    os.environ["MEETINGDESK_HOME"] = tempfile.mkdtemp()
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
    os.environ["TZ"] = "UTC"
    time.tzset()
    sys.path.insert(0, str(ROOT))
    asyncio.run(main())
