"""A review that ends with a next check-in, and the follow-up that shows the review's goals, typed in a real terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar

from .conftest import CTRL_F, CTRL_G, CTRL_Q, CTRL_S, ENTER, TAB

GOAL = "Run the Q1 planning review"


def test_a_review_ends_with_a_next_check_in_and_the_follow_up_shows_its_goals(run, home: Path) -> None:
    terminal = run("new", "--agenda", "performance-review", "--with", "Dana Lee", "--manager", "Sam Rivera")
    terminal.wait_for("Performance review with Dana Lee")
    terminal.wait_for("Shared notes")

    terminal.send(CTRL_G)
    terminal.wait_for("Goal both of you agreed")
    # Typed in one burst, as a fast typist or a script does: each tab moves on before the next word lands
    # (the last one goes from the milestones box back to the goal's text, where enter saves).
    terminal.send(TAB.join((GOAL, "Plan signed off by leadership", "2099-03-31", "Draft plan by 2099-01-15", "")) + ENTER)
    terminal.wait_until(lambda: "Goal both of you agreed" not in terminal.text, "The goal dialog closing")
    terminal.wait_for("next: Draft plan, Thu 15 Jan")

    terminal.send(CTRL_F)
    terminal.wait_for("No next check-in: agree the date you will meet next.")
    terminal.send(CTRL_S)  # the close check's own way to set it
    terminal.wait_for("Next check-in with Dana Lee")
    # The review agenda suggests a quarterly cadence: the form reads it back beside the date. (Waited
    # for, not asserted on the frame that drew the title: a frame can arrive in more than one read.)
    terminal.wait_for(" (quarterly)")
    terminal.send(ENTER)  # the date the cadence suggests
    terminal.wait_for("Ready to close")
    terminal.send(CTRL_F)
    terminal.wait_for("Summary · Performance review with Dana Lee")
    terminal.wait_for("─ next check-in ")  # under the record's goals
    (review,) = [json.loads(path.read_text(encoding="utf-8")) for path in (home / "meetings").glob("*.json")]
    agreed = date.fromisoformat(review["next_check_in"])
    assert agreed > date.today() and review["cadence"] == "quarterly"
    assert review["priorities"][0]["milestones"][0]["text"] == "Draft plan"

    terminal.send("e")
    terminal.wait_for("the next check-in, for your calendar")
    calendars = list((home / "exports").glob("*.ics"))
    assert len(calendars) == 1
    event = icalendar.Calendar.from_ical(calendars[0].read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart").date() == agreed

    terminal.send("f")  # the follow-up with the same person
    terminal.wait_for("1 of ")
    terminal.wait_for(f"↻ {GOAL}")
    terminal.send(CTRL_Q)
    assert terminal.wait_for_exit() == 0
    (follow_up,) = [
        meeting for path in (home / "meetings").glob("*.json") if (meeting := json.loads(path.read_text(encoding="utf-8")))["status"] == "live"
    ]
    carried = follow_up["priorities"][0]
    assert (carried["text"], carried["status"], carried["before"]["measure"]) == (GOAL, None, "Plan signed off by leadership")
    assert carried["id"] == review["priorities"][0]["id"], "the same goal, waiting for this check-in's status"
