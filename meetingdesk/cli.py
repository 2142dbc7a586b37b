"""The `meetingdesk` command: the TUI by default, and subcommands for the shell.

Every error a person can cause is a MeetingDeskError: `main` prints its sentence to
stderr and exits with status 2, here and nowhere else. This module imports no screen.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from meetingdesk import __version__
from meetingdesk.commands import CommandError, actions, doctor, meetings, open_desk, people, plans, sync
from meetingdesk.errors import MeetingDeskError

EXIT_USAGE = 2

SHELL_COMMANDS = {
    **meetings.COMMANDS,
    **actions.COMMANDS,
    **plans.COMMANDS,
    **people.COMMANDS,
    **sync.COMMANDS,
    **doctor.COMMANDS,
}
"""The subcommands that print or write and return, without the TUI, and what runs each."""


class _Refused(Exception):
    """What argparse found wrong with the command line, before it is put into a sentence."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog = prog
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that hands its complaint to `main` instead of printing a usage block."""

    def error(self, message: str):  # type: ignore[override]  # raises rather than exits
        raise _Refused(self.prog, message)


EXAMPLES = {
    "--agenda": "--agenda career-discussion",
    "--with": '--with "Dana Lee"',
    "--owner": '--owner "Dana Lee"',
    "--minutes": "--minutes 45",
    "--manager": '--manager "Sam Rivera"',
    "--limit": "--limit 20",
    "--format": "--format json",
    "--out": "--out ~/summaries",
    "--theme": "--theme impact",
    "--on": '--on "in 2 weeks"',
    "--since": "--since 2026-01-01",
    "--email": "--email dana@example.com",
    "--role": '--role "Senior engineer"',
    "--target-role": '--target-role "Tech lead"',
    "--aspirations": '--aspirations "Lead a product team"',
    "--cadence": "--cadence monthly",
    "--notes": '--notes "Prefers written feedback"',
    "--status": '--status "at risk"',
    "--to": "--to dana@example.com",
}
"""How each option is given, for the sentence that says one is missing its value."""
NEEDS = {
    "meetingdesk show": "a meeting ID, e.g. meetingdesk show 3f2a (the first few characters of the id are enough)",
    "meetingdesk new": 'an agenda and a person, e.g. meetingdesk new --agenda career-discussion --with "Dana Lee"',
    "meetingdesk import": "the path of a JSON export, e.g. meetingdesk import ~/meetingdesk-export.json",
    "meetingdesk log": 'a person, e.g. meetingdesk log --with "Dana Lee" --theme impact "Led the incident review"',
    "meetingdesk profile": 'a person, e.g. meetingdesk profile --with "Dana Lee"',
    "meetingdesk prepare": 'an agenda and a person, e.g. meetingdesk prepare --agenda performance-review --with "Dana Lee" --on friday',
}
"""What each command needs, for the sentence that says something required is missing."""


def refusal(refused: _Refused, argv: Sequence[str]) -> str:
    """argparse's complaint as one sentence naming the argument and the fix."""
    message, prog = refused.message, refused.prog
    if match := re.fullmatch(r"argument COMMAND: invalid choice: '(.*)' \(choose from (.*)\)", message):
        choices = ", ".join(choice.strip("'") for choice in match[2].split(", "))
        return f"“{match[1]}” is not a meetingdesk command: use one of {choices} (meetingdesk --help says what each does)."
    if match := re.fullmatch(r"argument (\S+?)(?:/\S+)?: invalid int value: '(.*)'", message):
        return f"{match[1]} must be a whole number, not “{match[2]}”: for example {EXAMPLES.get(match[1], match[1] + ' 10')}."
    if match := re.fullmatch(r"argument (\S+?)(?:/\S+)?: expected one argument", message):
        return f"{match[1]} needs a value after it, for example {EXAMPLES.get(match[1], match[1] + ' VALUE')}."
    if match := re.fullmatch(r"the following arguments are required: (.*)", message):
        return f"{prog.removeprefix('meetingdesk ')} needs {NEEDS.get(prog, match[1])}."
    if match := re.fullmatch(r"unrecognized arguments: (.*)", message):
        command = next((word for word in argv if not word.startswith("-")), "")
        where = f"meetingdesk {command}".strip()
        return f"{command or 'meetingdesk'} does not take “{match[1]}”: see {where} --help for what it takes."
    return f"{message[:1].upper()}{message[1:]}: see {prog} --help."


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="meetingdesk",
        description="Run review and career conversations from the terminal. With no command, opens the list of meetings.",
    )
    parser.add_argument("--version", action="version", version=f"meetingdesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="start a meeting now and open its live screen")
    new.add_argument("--agenda", required=True, metavar="NAME|PATH", help="a built-in agenda name or a path to a .md agenda")
    new.add_argument("--with", dest="person", required=True, metavar="NAME", help='the person you are meeting, e.g. "Dana Lee"')
    new.add_argument("--minutes", type=int, metavar="N", help="total length; every time box is scaled to fit")
    new.add_argument("--manager", metavar="NAME", help="who runs the meeting (default: your name, asked on the first run)")

    commands.add_parser("agendas", help="list the agendas you can use")
    commands.add_parser("resume", help="reopen the most recent unfinished meeting where it stopped")
    meetings.add_commands(commands)
    actions.add_commands(commands)
    plans.add_commands(commands)
    people.add_commands(commands)
    sync.add_commands(commands)
    doctor.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(words)
    except _Refused as refused:
        print(f"meetingdesk: {refusal(refused, words)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command in SHELL_COMMANDS:
            return SHELL_COMMANDS[args.command](args)
        if args.command == "agendas":
            return list_agendas()
        if args.command == "new":
            return new_meeting(args.agenda, args.person, args.minutes, args.manager)
        if args.command == "resume":
            return resume_meeting()
        return run_app()
    except MeetingDeskError as error:
        print(f"meetingdesk: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # `meetingdesk list | head` closes the pipe early; that is not an error worth a traceback.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130


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
    from meetingdesk.models import MAX_MEETING_MINUTES
    from meetingdesk.names import tidy_name

    if not tidy_name(person):
        raise CommandError('--with needs the name of the person you are meeting, e.g. --with "Dana Lee".')
    desk = open_desk()
    agenda = desk.find_agenda(agenda_name)
    if minutes is not None and not len(agenda.sections) <= minutes <= MAX_MEETING_MINUTES:
        raise CommandError(
            f"--minutes must be a whole number from {len(agenda.sections)} (one per section) to {MAX_MEETING_MINUTES}."
        )
    meeting = desk.new_meeting(agenda, person, desk.manager_from_shell(manager), minutes, asked_as="--with")
    return run_app(desk, start_meeting=meeting)


def resume_meeting() -> int:
    desk = open_desk()
    row = desk.store.latest_unfinished()
    if row is None:
        raise CommandError("There is no unfinished meeting to resume; `meetingdesk` lists the ones kept.")
    return run_app(desk, open_meeting_id=row.id)


def run_app(desk=None, **start) -> int:
    from meetingdesk.app import MeetingDeskApp

    # The home screen looks at every meeting file just after its first frame, in a worker
    # (Store.check_files); `new` and `resume` read only what moved in the folder since the last look.
    desk = desk if desk is not None else open_desk(check_files=False)
    # A settings file that can't be read stops here, in one sentence, not inside the app.
    app = MeetingDeskApp(desk.store, ask_manager_name=desk.manager_name_to_ask(), **start)
    app.run()
    return app.return_code or 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush doesn't complain about the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
