"""`meetingdesk actions`: every action across meetings, soonest deadline first, overdue ones marked."""

from __future__ import annotations

import argparse

from meetingdesk.commands import open_desk
from meetingdesk.commands.output import cell, check_format, print_json, print_table


def add_commands(commands) -> None:
    """`actions`."""
    actions = commands.add_parser("actions", help="every action across meetings, by deadline")
    actions.add_argument("--open", action="store_true", help="only open actions (neither done nor dropped)")
    actions.add_argument("--with", dest="person", metavar="NAME", help="only actions from meetings with this person")
    actions.add_argument("--owner", metavar="NAME", help="only actions this person owns")
    actions.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")


def list_actions(args: argparse.Namespace) -> int:
    """`meetingdesk actions`: every action across meetings, soonest deadline first, overdue ones marked."""
    output = check_format(args.format, ("table", "json"))
    desk = open_desk()
    today = desk.today()
    person = desk.team.person(args.person, "--with") if args.person is not None else None
    owner = desk.owner_named(args.owner, "--owner") if args.owner is not None else None
    found = desk.actions(person=person, owner=owner, open_only=args.open)

    if output == "json":
        print_json(
            [
                {
                    "text": action.text,
                    "owner": action.owner,
                    "due": action.due.isoformat() if action.due else None,
                    "status": action.status,
                    "done_on": action.done_on.isoformat() if action.done_on else None,
                    "dropped_reason": action.dropped_reason,
                    "overdue": action.is_overdue(today),
                    "meeting_id": action.meeting_id,
                    "with": action.person,
                    "id": action.id,
                }
                for action in found
            ]
        )
        return 0
    if not found:
        print("No open actions." if args.open else "No actions.")
        return 0
    print_table(
        # The header is indented like the dates, which leave room for the "!" overdue mark.
        ("  DUE", "OWNER", "ACTION", "WITH", "MEETING", "STATUS"),
        [
            (
                ("! " if action.is_overdue(today) else "  ") + (action.due.isoformat() if action.due else "no deadline"),
                cell(action.owner, 24) or "no owner",
                cell(action.text, 60),
                cell(action.person, 24),
                action.meeting_id[:8],
                _status(action),
            )
            for action in found
        ],
    )
    if any(action.is_overdue(today) for action in found):
        print(f"! overdue: still open and due before today ({today.isoformat()}).")
    return 0


def _status(action) -> str:
    """"open", "done 2026-11-23" or "dropped: no longer needed" (the reason cut to fit)."""
    if action.status == "done":
        return f"done {action.done_on.isoformat()}"
    if action.status == "dropped":
        return "dropped: " + cell(action.dropped_reason, 40)
    return "open"


COMMANDS = {"actions": list_actions}
"""Each subcommand this module adds, and the function that runs it."""
