"""Draw docs/team.svg and docs/prep.svg from a made-up team, with the clock frozen.

    .venv/bin/python docs/people_screenshots.py

(docs/screenshots.py draws the other screens.)
A data folder in a temporary directory: three people with profiles, a year of
evidence for one of them, last year's review and a review prepared for Friday.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
EVIDENCE = [
    ("deliverables", 300, "Shipped the billing migration two weeks early"),
    ("collaboration", 250, "Paired with the payments team on the retry design"),
    ("leadership", 200, "Ran the incident review for the checkout outage"),
    ("impact", 180, "Cut nightly build time from 40 to 12 minutes"),
    ("learning", 120, "Finished the distributed systems course"),
    ("feedback", 90, "Two customers named her in their renewal calls"),
    ("leadership", 40, "Mentored the two new starters through their first on-call"),
    ("impact", 12, "Led the pricing experiment: +3% conversion"),
]


async def draw(home: Path) -> None:
    os.environ["MEETINGDESK_HOME"] = str(home)
    os.environ["XDG_CACHE_HOME"] = str(home.parent / "cache")
    os.environ["TZ"] = "UTC"
    from meetingdesk.agendas import find_agenda
    from meetingdesk.app import MeetingDeskApp
    from meetingdesk.desk import Desk
    from meetingdesk.models import ActionItem, Priority, meeting_from_agenda
    from meetingdesk.storage.store import Store

    clock = lambda: NOW  # noqa: E731 - the frozen clock
    store = Store(home)
    store.open()
    desk = Desk(store, clock)
    review = meeting_from_agenda(find_agenda("performance-review", None), "Dana Lee", "Sam Rivera")
    review.started_at = NOW - timedelta(days=360)
    review.ended_at = review.started_at + timedelta(hours=1)
    review.status = "ended"
    review.priorities = [Priority(text="Lead the Q1 planning review", measure="Plan signed off", due=date(2027, 3, 31))]
    review.actions = [ActionItem(text="Write the promotion case", owner="Sam Rivera", due=date(2026, 12, 15))]
    store.save(review)
    check_in = meeting_from_agenda(find_agenda("development-check-in", None), "Bo Chen", "Sam Rivera")
    check_in.started_at, check_in.status = NOW - timedelta(days=45), "ended"
    check_in.ended_at = check_in.started_at + timedelta(minutes=30)
    check_in.actions = [ActionItem(text="Book the facilitation course", owner="Bo Chen", due=date(2026, 11, 1))]
    store.save(check_in)
    desk.team.update_profile("Dana Lee", role="Senior engineer", target_roles="Tech lead; Engineering manager", cadence="monthly")
    desk.team.update_profile("Bo Chen", role="Engineer", target_roles="Senior engineer")
    desk.team.add_person("Ana Souza", role="Analyst", target_roles="Data lead")
    for theme, days_ago, text in EVIDENCE:
        desk.team.log("Dana Lee", text, theme, (NOW - timedelta(days=days_ago)).date())
    desk.team.log("Bo Chen", "Wrote the migration runbook", "deliverables", (NOW - timedelta(days=20)).date())
    planned = desk.prepare(find_agenda("performance-review", None), "Dana Lee", "Sam Rivera", date(2026, 11, 27))
    planned.sections[0].prep_notes = "Thank her for the billing migration first.\nAsk what she is proudest of."
    planned.sections[1].prep_notes = "Walk through the incident review and the build-time win."
    store.save(planned)

    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.save_screenshot(str(DOCS / "team.svg"))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("home", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#prep-0").cursor_blink = False
        app.save_screenshot(str(DOCS / "prep.svg"))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(draw(Path(folder) / "home"))
    print(DOCS / "team.svg", DOCS / "prep.svg")
