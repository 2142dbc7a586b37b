"""The `meetingdesk` command: the TUI by default, and subcommands for the shell.

Every error a person can cause prints one sentence to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_USAGE = 2


class CommandError(Exception):
    """A mistake in how the command was called, or a data folder it can't use: one sentence."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meetingdesk",
        description="Run review and career conversations from the terminal. With no command, opens the list of meetings.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="start a meeting now and open its live screen")
    new.add_argument("--agenda", required=True, metavar="NAME|PATH", help="a built-in agenda name or a path to a .md agenda")
    new.add_argument("--with", dest="person", required=True, metavar="NAME", help='the person you are meeting, e.g. "Dana Lee"')
    new.add_argument("--minutes", type=int, metavar="N", help="total length; every time box is scaled to fit")
    new.add_argument("--manager", metavar="NAME", help="who runs the meeting (default: the last one used, or your login)")

    commands.add_parser("agendas", help="list the agendas you can use")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "agendas":
            return list_agendas()
        if args.command == "new":
            return new_meeting(args.agenda, args.person, args.minutes, args.manager)
        return run_app()
    except CommandError as error:
        print(f"meetingdesk: {error}", file=sys.stderr)
        return EXIT_USAGE


def open_store():
    """The store on the data folder, or a CommandError naming the folder."""
    from meetingdesk.locations import data_dir
    from meetingdesk.store import Store, StoreError

    store = Store(data_dir())
    try:
        store.open()
    except StoreError as error:
        raise CommandError(str(error)) from None
    for problem in store.problems:
        print(f"meetingdesk: {problem}", file=sys.stderr)
    return store


def list_agendas() -> int:
    from meetingdesk.agendas import load_agendas
    from meetingdesk.locations import data_dir, user_agendas_dir

    agendas, problems = load_agendas(user_agendas_dir(data_dir()))
    rows = [("NAME", "TITLE", "MINUTES", "SECTIONS")]
    rows += [(name, agenda.title, str(agenda.total_minutes), str(len(agenda.sections))) for name, agenda in agendas.items()]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        print(f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}".rstrip())
    for problem in problems:
        print(f"meetingdesk: skipped {problem}", file=sys.stderr)
    return 0


def new_meeting(agenda_name: str, person: str, minutes: int | None, manager: str | None) -> int:
    from meetingdesk.agendas import AgendaError, find_agenda
    from meetingdesk.locations import data_dir, user_agendas_dir
    from meetingdesk.models import meeting_from_agenda
    from meetingdesk.screens.new_meeting import MAX_MINUTES, default_manager

    person = " ".join(person.split())
    if not person:
        raise CommandError('--with needs the name of the person you are meeting, e.g. --with "Dana Lee".')
    try:
        agenda = find_agenda(agenda_name, user_agendas_dir(data_dir()))
    except AgendaError as error:
        raise CommandError(str(error)) from None
    if minutes is not None and not len(agenda.sections) <= minutes <= MAX_MINUTES:
        raise CommandError(
            f"--minutes must be a whole number from {len(agenda.sections)} (one per section) to {MAX_MINUTES}."
        )
    store = open_store()
    manager = " ".join((manager or default_manager(store)).split()) or "Manager"
    meeting = meeting_from_agenda(agenda, person, manager, minutes)
    return run_app(store, start_meeting=meeting)


def run_app(store=None, **start) -> int:
    from meetingdesk.app import MeetingDeskApp

    app = MeetingDeskApp(store or open_store(), **start)
    app.run()
    return app.return_code or 0
