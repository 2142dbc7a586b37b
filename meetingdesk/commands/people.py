"""Shell commands about people: the evidence log (`log`), the talent landscape (`people`), a profile (`profile`).

`meetingdesk log` is meant for a hotkey or an alias: it imports neither Textual nor
pydantic, reads one person's database and writes it once.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from meetingdesk.commands import CommandError, open_desk, open_store
from meetingdesk.commands.output import cell, check_format, print_json, print_table


def add_commands(commands) -> None:
    """`log`, `people`, `prepare` and `profile`."""
    log = commands.add_parser(
        "log",
        help="log evidence about a person's work, or list what was logged",
        description="With TEXT, add a dated entry to the person's evidence log; without, list the entries.",
    )
    log.add_argument("--with", dest="person", required=True, metavar="NAME", help="the person: full, first or last name, or its start")
    log.add_argument("--theme", metavar="THEME", help="deliverables, collaboration, leadership, impact, learning or feedback (the start is enough)")
    log.add_argument("--on", metavar="DATE", help="the day it happened, when not today (e.g. 2026-03-15, yesterday, 3 days ago)")
    log.add_argument("--since", metavar="DATE", help="list only entries from this day on")
    log.add_argument("--format", metavar="table|json", help="list as a table (default) or JSON")
    log.add_argument("text", nargs="*", metavar="TEXT", help="what happened; leave out to list the entries")

    people = commands.add_parser("people", help="everyone: role and target role, last and next meeting, overdue actions")
    people.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")

    prepare = commands.add_parser(
        "prepare",
        help="plan a meeting for a day: prep notes in the app, the agenda to send ahead with show --format agenda",
    )
    prepare.add_argument("--agenda", required=True, metavar="NAME|PATH", help="a built-in agenda name or a path to a .md agenda")
    prepare.add_argument("--with", dest="person", required=True, metavar="NAME", help='the person you will meet, e.g. "Dana Lee"')
    prepare.add_argument("--on", metavar="DATE", help="the day it is planned for (default today), e.g. 2026-12-01, friday, next week")
    prepare.add_argument("--manager", metavar="NAME", help="who runs the meeting (default: the last one used, or your login)")

    profile = commands.add_parser(
        "profile",
        help="show a person's profile, or add a person and set their profile",
        description="With no field, print the profile; with fields, set them (a new name adds the person).",
    )
    profile.add_argument("--with", dest="person", required=True, metavar="NAME", help="the person")
    profile.add_argument("--email", metavar="ADDRESS", help="where their summaries go")
    profile.add_argument("--role", metavar="ROLE", help="their current role")
    profile.add_argument("--target-role", dest="target_roles", metavar="ROLES", help='roles they aim for, separated by ";"')
    profile.add_argument("--aspirations", metavar="TEXT", help="what they hope to be doing in a few years")
    profile.add_argument("--cadence", metavar="CADENCE", help="how often you check in, e.g. monthly")
    profile.add_argument("--notes", metavar="TEXT", help="anything else worth remembering")
    profile.add_argument("--format", default="text", metavar="text|json", help="text (default) or json")


def log_evidence(args: argparse.Namespace) -> int:
    """`meetingdesk log`: add an entry (with TEXT) or list the entries (without)."""
    from meetingdesk.people import parse_theme

    theme = parse_theme(args.theme)
    adding = bool(args.text)
    if adding and (args.since is not None or args.format is not None):
        raise CommandError("--since and --format list the log; to add an entry give only --with, --theme, --on and the text.")
    if not adding and args.on is not None:
        raise CommandError('--on dates a new entry: give the text too, e.g. meetingdesk log --with Dana --on yesterday "Ran the demo".')
    output = check_format(args.format or "table", ("table", "json"))
    text = " ".join(args.text)
    if adding and not text.strip():
        raise CommandError('The entry is empty: say what happened, e.g. meetingdesk log --with Dana "Led the incident review".')
    from meetingdesk.team import Team

    team = Team(open_store())
    day = _past_day(args.on, "--on", team) if args.on is not None else None
    since = _past_day(args.since, "--since", team) if args.since is not None else None
    person = team.person(args.person, "--with")
    if adding:
        entry = team.log(person, text, theme, day)
        label = f" ({entry.theme})" if entry.theme else ""
        # ISO dates, as every shell listing shows them; the app's date format would load quick-add's parser.
        print(f"Logged for {cell(person)} on {entry.day.isoformat()}{label}: {cell(entry.text)} [{entry.id[:8]}]")
        return 0
    entries = [entry for entry in team.entries(person, since) if not theme or entry.theme == theme]
    if output == "json":
        print_json([{"date": e.day.isoformat(), "theme": e.theme or None, "text": e.text, "id": e.id} for e in entries])
        return 0
    if not entries:
        what = f" about {theme}" if theme else ""
        when = f" since {since.isoformat()}" if since else ""
        print(f"Nothing logged{what} for {cell(person)}{when}. Add an entry with: meetingdesk log --with \"{person}\" TEXT")
        return 0
    print_table(
        ("DATE", "THEME", "TEXT", "ID"),
        [(e.day.isoformat(), e.theme or "–", cell(e.text, 80), e.id[:8]) for e in entries],
    )
    return 0


def list_people(args: argparse.Namespace) -> int:
    """`meetingdesk people`: the talent landscape, one line per person."""
    output = check_format(args.format, ("table", "json"))
    standings = open_desk().team.landscape()
    if output == "json":
        print_json(
            [
                {
                    **_who(s),
                    "last_meeting": s.last_meeting.isoformat() if s.last_meeting else None,
                    "next_meeting": s.next_meeting.isoformat() if s.next_meeting else None,
                    "open_actions": s.open_actions,
                    "overdue_actions": s.overdue_actions,
                    "goals_at_risk": s.goals_at_risk,
                    "evidence": s.evidence,
                }
                for s in standings
            ]
        )
        return 0
    if not standings:
        print('No one yet. Add someone with: meetingdesk profile --with "Dana Lee" --role "Engineer"')
        return 0
    print_table(
        ("NAME", "ROLE → TARGET", "LAST MEETING", "NEXT MEETING", "OPEN", "OVERDUE", "AT RISK", "LOGGED"),
        [
            (
                cell(s.name, 30),
                cell(role_line(s.role, s.target_roles), 50),
                s.last_meeting.isoformat() if s.last_meeting else "–",
                s.next_meeting.isoformat() if s.next_meeting else "–",
                str(s.open_actions),
                str(s.overdue_actions),
                str(s.goals_at_risk),
                str(s.evidence),
            )
            for s in standings
        ],
        right=(4, 5, 6, 7),
    )
    return 0


def role_line(role: str, targets: tuple[str, ...]) -> str:
    """"Engineer → Tech lead; Manager", "Engineer", "→ Tech lead" or "–"."""
    aim = "; ".join(targets)
    if role and aim:
        return f"{role} → {aim}"
    return role or (f"→ {aim}" if aim else "–")


def prepare_meeting(args: argparse.Namespace) -> int:
    """`meetingdesk prepare`: a planned meeting, saved; says how to write the prep and send the agenda."""
    from meetingdesk.dates import QuickAddError, format_date, parse_deadline
    from meetingdesk.names import UNNAMED_MANAGER, tidy_name

    desk = open_desk()
    if not tidy_name(args.person):
        raise CommandError('--with needs the name of the person you will meet, e.g. --with "Dana Lee".')
    try:
        on = parse_deadline(args.on, desk.today(), desk.day_first()) if args.on is not None else None
    except QuickAddError as error:
        raise CommandError(f"--on: {error}") from None
    agenda = desk.find_agenda(args.agenda)
    meeting = desk.prepare(agenda, args.person, desk.manager_from_shell(args.manager), on, asked_as="--with")
    print(f"Planned {cell(meeting.agenda_title)} with {cell(meeting.person)} on {format_date(meeting.planned_for)} [{meeting.id[:8]}].")
    print(f"Write your prep notes: open it in meetingdesk. The agenda to send ahead: meetingdesk show {meeting.id[:8]} --format agenda")
    if meeting.manager == UNNAMED_MANAGER:
        print("meetingdesk: meetingdesk asks your name when you next open it, and the summary is signed with it (or give --manager).", file=sys.stderr)
    return 0


def show_profile(args: argparse.Namespace) -> int:
    """`meetingdesk profile`: print a profile, or set its fields (a name not known yet adds the person)."""
    output = check_format(args.format, ("text", "json"))
    fields = {
        name: getattr(args, name)
        for name in ("email", "role", "target_roles", "aspirations", "cadence", "notes")
        if getattr(args, name) is not None
    }
    desk = open_desk()
    team = desk.team
    if fields:
        profile = team.add_person(team.meeting_with(args.person, "--with", someone_new=True), **fields)
    else:
        profile = team.profile(team.person(args.person, "--with"))
    record = team.record(profile.name)
    history = record.history if record is not None else []
    if output == "json":
        print_json(
            {
                **_who(profile),
                "aspirations": profile.aspirations or None,
                "notes": profile.notes or None,
                "history": [
                    {"field": c.field, "value": c.value, "at": c.at.isoformat(), "meeting_id": c.meeting_id} for c in history
                ],
            }
        )
        return 0
    lines = [
        profile.name,
        f"Email: {profile.email or '–'}",
        f"Role: {profile.role or '–'}",
        f"Target roles: {'; '.join(profile.target_roles) or '–'}",
        f"Aspirations: {profile.aspirations or '–'}",
        f"Check-in cadence: {profile.cadence or '–'}",
        f"Notes: {profile.notes or '–'}",
    ]
    if history:
        lines += ["", "How it changed:"]
        lines += [f"- {_day(c.at.astimezone().date())}: {c.field.replace('_', ' ')} → {c.value or '(cleared)'}" for c in history]
    sys.stdout.write("\n".join(cell(line) if line else "" for line in lines) + "\n")
    return 0


def _who(person) -> dict:
    """What the JSON of `people` and `profile` share about a person (a Standing or a Profile)."""
    return {
        "name": person.name,
        "email": person.email or None,
        "role": person.role or None,
        "target_roles": list(person.target_roles),
        "cadence": person.cadence or None,
    }


def _past_day(text: str, option: str, team) -> date:
    """The past day given to `option`, read as `dates.parse_past_day` reads it, 15/3 in the manager's order."""
    from meetingdesk.dates import QuickAddError, parse_past_day
    from meetingdesk.desk import Desk

    try:
        return parse_past_day(text, team.today(), Desk(team.store, team.clock).day_first())
    except QuickAddError as error:
        raise CommandError(f"{option}: {error}") from None


def _day(day) -> str:
    from meetingdesk.dates import format_date

    return format_date(day)


COMMANDS = {"log": log_evidence, "people": list_people, "profile": show_profile, "prepare": prepare_meeting}
"""Each subcommand this module adds, and the function that runs it."""
