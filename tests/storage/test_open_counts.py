"""An action carried open through several meetings is one open action: the home screen and `list`
count it once, in the newest meeting that holds it."""

from __future__ import annotations

import json
import re

from meetingdesk.app import MeetingDeskApp
from meetingdesk.cli import main
from meetingdesk.models import ActionItem
from meetingdesk.storage.store import Store
from tests.builders import past_meeting


def carried(action: ActionItem, origin_id: str, **changes) -> ActionItem:
    return action.model_copy(update={"carried_from": origin_id, "carry_decision": "kept", **changes})


def history(store: Store, clock) -> list[str]:
    """Three meetings with Dana: A carried open through all three, B done in the second, C new in the third."""
    a, b = ActionItem(text="Write the case"), ActionItem(text="Book the course")
    first = past_meeting(clock, 30, [a, b])
    second = past_meeting(clock, 20, [carried(a, first.id), carried(b, first.id, done_on=clock().date())])
    third = past_meeting(clock, 10, [carried(a, second.id), ActionItem(text="Find a mentor")])
    for meeting in (first, second, third):
        store.save(meeting)
    return [third.id, second.id, first.id]


def test_each_meeting_counts_only_the_open_actions_it_is_the_newest_to_hold(store: Store, clock) -> None:
    newest_first = history(store, clock)
    assert [(row.id, row.open_actions) for row in store.rows()] == list(zip(newest_first, [2, 0, 0]))
    again = Store(store.root)
    again.open()
    again.rebuild_index()
    assert [row.open_actions for row in again.rows()] == [2, 0, 0], "a rebuilt index counts the same"


def test_list_json_counts_distinct_open_actions(store: Store, clock, capsys) -> None:
    history(store, clock)
    assert main(["list", "--format", "json"]) == 0
    assert sum(row["open_actions"] for row in json.loads(capsys.readouterr().out)) == 2


async def test_the_home_screen_shows_two_open_actions_not_five(store: Store, clock) -> None:
    history(store, clock)
    app = MeetingDeskApp(store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        listed = app.screen.query_one("#meetings")
        lines = [str(listed.get_option_at_index(index).prompt) for index in range(listed.option_count)]
        counts = [re.split(r"\s{2,}", line.strip())[-1] for line in lines]
        assert counts == ["2", "–", "–"]
