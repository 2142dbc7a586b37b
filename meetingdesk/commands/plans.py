"""Shell commands for what lives between meetings: goals, who is due for a check-in, the next check-in,
and one meeting as a calendar file or an email draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from meetingdesk.commands import CommandError, open_desk
from meetingdesk.commands.output import cell, check_format, print_json, print_table
from meetingdesk.names import name_key


def add_commands(commands) -> None:
    """`goals`, `due` and `next-check-in`."""
    goals = commands.add_parser("goals", help="goals with their status and history, from every meeting")
    goals.add_argument("--with", dest="person", metavar="NAME", help="only the goals agreed with this person")
    goals.add_argument("--all", action="store_true", help="achieved and dropped goals too")
    goals.add_argument("--status", metavar="STATUS", help="only goals standing at this status (on track, at risk...)")
    goals.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")

    due = commands.add_parser("due", help="who is due or overdue for a check-in")
    due.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")

    check_in = commands.add_parser("next-check-in", help="set the next check-in with a person, or how often you meet")
    check_in.add_argument("--with", dest="person", metavar="NAME", help="the person")
    check_in.add_argument("--on", metavar="DATE", help="the day: 2026-12-15, in 2 weeks, next friday, 15 jan…")
    check_in.add_argument("--cadence", metavar="CADENCE", help="weekly, every 2 weeks, monthly, quarterly or none")


def list_goals(args: argparse.Namespace) -> int:
    """`meetingdesk goals`: active goals (or all) with status, progress, milestones and history."""
    from meetingdesk.goals import parse_status, plan_data

    output = check_format(args.format, ("table", "json"))
    status = parse_status(args.status) if args.status is not None else None
    desk = open_desk()
    person = desk.team.person(args.person, "--with") if args.person is not None else None
    plans = desk.goal_plans(person, everything=args.all or status in ("achieved", "dropped"), status=status)
    if output == "json":
        print_json([plan_data(plan) for plan in plans])
        return 0
    if not plans:
        who = f" with {cell(person)}" if person else ""
        print(f"No {'goals' if args.all else 'active goals'}{who}." + ("" if args.all else " --all shows achieved and dropped ones too."))
        return 0
    rows = []
    for plan in plans:
        goal = plan.goal
        milestone = goal.next_milestone
        rows.append(
            (
                cell(goal.text, 40),
                plan.status,
                goal.due.isoformat() if goal.due else "no date",
                cell(f"{milestone.text}" + (f" {milestone.due.isoformat()}" if milestone.due else ""), 30) if milestone else "–",
                " → ".join(check.status or "–" for check in plan.history),
                cell(plan.progress, 30),
                cell(plan.person, 20),
            )
        )
    print_table(("GOAL", "STATUS", "DUE", "NEXT MILESTONE", "HISTORY", "PROGRESS", "WITH"), rows)
    return 0


def list_due(args: argparse.Namespace) -> int:
    """`meetingdesk due`: everyone met and their next check-in, soonest first, overdue ones marked."""
    output = check_format(args.format, ("table", "json"))
    desk = open_desk()
    today = desk.today()
    found = desk.check_ins()
    if output == "json":
        print_json(
            [
                {
                    "person": due.person,
                    "last_meeting": due.last_meeting.isoformat(),
                    "next_check_in": due.next_check_in.isoformat() if due.next_check_in else None,
                    "overdue": due.is_overdue(today),
                    "open_actions": due.open_actions,
                    "cadence": due.cadence,
                    "last_meeting_id": due.last_meeting_id,
                }
                for due in found
            ]
        )
        return 0
    if not found:
        print("No meetings yet, so nobody is due. Start one with: meetingdesk new --agenda NAME --with PERSON")
        return 0
    print_table(
        ("  NEXT CHECK-IN", "PERSON", "LAST MEETING", "CADENCE", "OPEN ACTIONS"),
        [
            (
                ("! " if due.is_overdue(today) else "  ") + (due.next_check_in.isoformat() if due.next_check_in else "not planned"),
                cell(due.person, 30),
                due.last_meeting.isoformat(),
                due.cadence or "–",
                str(due.open_actions),
            )
            for due in found
        ],
        right=(4,),
    )
    if any(due.is_overdue(today) for due in found):
        print(f"! overdue: the check-in's day has passed ({today.isoformat()} today).")
    return 0


def set_next_check_in(args: argparse.Namespace) -> int:
    """`meetingdesk next-check-in`: record the next check-in (and cadence) on the person's latest meeting."""
    from meetingdesk.dates import format_date, parse_deadline
    from meetingdesk.dates import check_in_after
    from meetingdesk.goals import parse_cadence

    if not args.person:
        raise CommandError('next-check-in needs the person, e.g. meetingdesk next-check-in --with "Dana Lee" --on "in 2 weeks".')
    if args.on is None and args.cadence is None:
        raise CommandError("Say when with --on DATE (e.g. --on \"in 2 weeks\") or how often with --cadence (weekly, every 2 weeks, monthly, quarterly or none).")
    cadence = parse_cadence(args.cadence) if args.cadence is not None else None
    desk = open_desk()
    today = desk.today()
    when = parse_deadline(args.on, today, desk.day_first()) if args.on is not None else None
    person = desk.team.person(args.person, "--with")
    rows = [row for row in desk.store.rows(person=person) if row.status != "planned"][:1]
    if not rows:
        raise CommandError(f"There is no meeting with {person} yet: the next check-in is set at the end of one.")
    if rows[0].status == "live":
        raise CommandError(f"The meeting with {rows[0].person} is still running: set the next check-in there (ctrl+s).")
    meeting = desk.store.load(rows[0].id)
    cadence = cadence or desk.team.cadences().get(name_key(person)) or meeting.cadence
    if when is None:
        when = check_in_after(meeting.when.astimezone().date(), cadence)

    def change(updated) -> str:
        updated.next_check_in, updated.cadence = when, cadence
        return f"Next check-in: {format_date(when)}." if when else "No next check-in planned."

    desk.amend(meeting, change)
    desk.keep_cadence(meeting.person, cadence)
    rhythm = f" ({cadence})" if cadence and cadence != "none" else ""
    told = format_date(when) if when else "none planned"
    print(f"Next check-in with {meeting.person}: {told}{rhythm}.")
    return 0


def export_one(meeting_id: str, output: str, out: Path, to: str | None) -> int:
    """`meetingdesk export ID --format ics|eml`: the next check-in as a calendar file, or the summary as an email draft."""
    from meetingdesk.email_draft import check_address
    from meetingdesk.storage.files import write_private_file
    from meetingdesk.summary import summary_filename

    address = None  # the person's address, when their profile has one
    if to is not None:
        try:
            address = check_address(to)
        except ValueError as error:
            raise CommandError(f"--to {error}") from None
    desk = open_desk()
    meeting = desk.store.load(desk.store.resolve_id(meeting_id))
    data = desk.calendar_file(meeting) if output == "ics" else desk.email_draft(meeting, address)
    target = out / summary_filename(meeting, output) if out.is_dir() else out
    write_private_file(target, data)
    print(target)
    if output == "ics":
        print(f"meetingdesk: import {target.name} into your calendar; exporting it again updates the same event.", file=sys.stderr)
    return 0


COMMANDS = {"goals": list_goals, "due": list_due, "next-check-in": set_next_check_in}
"""Each subcommand this module adds, and the function that runs it."""
