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
    commands.add_parser("resume", help="reopen the most recent unfinished meeting where it stopped")
    _add_shell_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in SHELL_COMMANDS:
            return run_shell_command(args)
        if args.command == "agendas":
            return list_agendas()
        if args.command == "new":
            return new_meeting(args.agenda, args.person, args.minutes, args.manager)
        if args.command == "resume":
            return resume_meeting()
        return run_app()
    except CommandError as error:
        print(f"meetingdesk: {error}", file=sys.stderr)
        return EXIT_USAGE


def open_store(check_files: bool = True):
    """The store on the data folder, or a CommandError naming the folder."""
    from meetingdesk.locations import data_dir
    from meetingdesk.store import Store, StoreError

    store = Store(data_dir())
    try:
        store.open(check_files=check_files)
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


def resume_meeting() -> int:
    store = open_store()
    row = store.latest_unfinished()
    if row is None:
        raise CommandError("There is no unfinished meeting to resume; `meetingdesk` lists the ones kept.")
    return run_app(store, open_meeting_id=row.id)


def run_app(store=None, **start) -> int:
    from meetingdesk.app import MeetingDeskApp

    # The home screen looks at every meeting file just after its first frame (Store.check_files).
    app = MeetingDeskApp(store or open_store(check_files=False), **start)
    app.run()
    return app.return_code or 0


# --- Shell commands for scripts and email: list, show, actions, export, import ---------------
# They never start Textual: each imports only the domain modules it needs, inside the function.

SHELL_COMMANDS = ("list", "show", "actions", "export", "import")
"""The subcommands that print or write and return, without the TUI."""

FORMAT_EXTENSIONS = {"markdown": "md", "text": "txt"}
"""The file extension of each summary format."""


def _add_shell_commands(commands) -> None:
    """The read, export and import subcommands. Formats and numbers are checked by the commands, for a plain sentence."""
    listing = commands.add_parser("list", help="list meetings, newest first")
    listing.add_argument("--with", dest="person", metavar="NAME", help="only meetings with this person")
    listing.add_argument("--limit", metavar="N", help="show at most N meetings")
    listing.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")

    show = commands.add_parser("show", help="print one meeting's summary")
    show.add_argument("id", metavar="ID", help="the meeting id, or its first few characters")
    show.add_argument("--format", default="markdown", metavar="markdown|text|json", help="markdown (default), text for email, or json")
    show.add_argument("--include-private", action="store_true", help="include your private notes")

    actions = commands.add_parser("actions", help="every action across meetings, by deadline")
    actions.add_argument("--open", action="store_true", help="only actions not yet done")
    actions.add_argument("--with", dest="person", metavar="NAME", help="only actions from meetings with this person")
    actions.add_argument("--owner", metavar="NAME", help="only actions this person owns")
    actions.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")

    export = commands.add_parser("export", help="write summaries or a JSON export to files")
    export.add_argument("id", nargs="?", metavar="ID", help="the meeting id, or its first few characters")
    export.add_argument("--all", action="store_true", help="every meeting instead of one")
    export.add_argument("--format", metavar="markdown|text|json", help="markdown or text summaries, or json to import elsewhere")
    export.add_argument("--out", metavar="PATH", help="the file to write; with --all and markdown or text, a folder")
    export.add_argument("--include-private", action="store_true", help="include your private notes")

    importing = commands.add_parser("import", help="add the meetings of a JSON export to the data folder")
    importing.add_argument("path", metavar="PATH", help="a file written by `meetingdesk export --format json`")


def run_shell_command(args: argparse.Namespace) -> int:
    """Run one shell command; a data-folder or import problem becomes a CommandError sentence."""
    from meetingdesk.store import StoreError
    from meetingdesk.transfer import TransferError

    commands = {
        "list": list_meetings,
        "show": show_meeting,
        "actions": list_actions,
        "export": export_meetings,
        "import": import_export,
    }
    try:
        return commands[args.command](args)
    except (StoreError, TransferError) as error:
        raise CommandError(str(error)) from None
    except BrokenPipeError:
        # `meetingdesk list | head` closes the pipe early; that is not an error worth a traceback.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush doesn't complain about the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _check_format(value: str | None, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        choices = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
        if value is None:
            raise CommandError(f"Say which format to write with --format {'|'.join(allowed)}.")
        raise CommandError(f"--format must be {choices}, not “{value}”.")
    return value


def _check_limit(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise CommandError(f"--limit must be a whole number of meetings, 1 or more, not “{value}”.")
    return limit


def _cell(text: str, width: int | None = None) -> str:
    """`text` on one line without control characters (a name can't drive the terminal), cut to `width`."""
    flat = " ".join("".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text).split())
    if width is not None and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return flat


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]], right: tuple[int, ...] = ()) -> None:
    """Columns two spaces apart, `right` ones right-aligned, no trailing spaces."""
    table = [header, *rows]
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    for row in table:
        cells = [
            f"{value:>{widths[column]}}" if column in right else f"{value:<{widths[column]}}"
            for column, value in enumerate(row)
        ]
        print("  ".join(cells).rstrip())


def _print_json(data: object) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


def _iso(moment) -> str | None:
    """A stored time as ISO 8601 in the local time zone, with its offset; None stays None."""
    return moment.astimezone().isoformat() if moment is not None else None


def list_meetings(args: argparse.Namespace) -> int:
    """`meetingdesk list`: meetings newest first, as a table or JSON."""
    output = _check_format(args.format, ("table", "json"))
    limit = _check_limit(args.limit)
    rows = open_store().rows(person=args.person, limit=limit)
    if output == "json":
        _print_json(
            [
                {
                    "id": row.id,
                    "with": row.person,
                    "manager": row.manager,
                    "agenda": row.agenda_name,
                    "agenda_title": row.agenda_title,
                    "created_at": _iso(row.created_at),
                    "started_at": _iso(row.started_at),
                    "ended_at": _iso(row.ended_at),
                    "status": row.status,
                    "open_actions": row.open_actions,
                    "actions": row.actions,
                    "priorities": row.priorities,
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        who = f" with {_cell(args.person)}" if args.person else ""
        print(f"No meetings{who} yet. Start one with: meetingdesk new --agenda NAME --with PERSON")
        return 0
    _print_table(
        ("ID", "DATE", "WITH", "AGENDA", "STATUS", "OPEN"),
        [
            (
                row.id[:8],
                f"{row.when.astimezone():%Y-%m-%d %H:%M}",
                _cell(row.person, 30),
                _cell(row.agenda_title or row.agenda_name, 30),
                row.status,
                str(row.open_actions),
            )
            for row in rows
        ],
        right=(5,),
    )
    return 0


def show_meeting(args: argparse.Namespace) -> int:
    """`meetingdesk show ID`: one meeting as markdown, email text or JSON; private notes only on request."""
    output = _check_format(args.format, ("markdown", "text", "json"))
    store = open_store()
    meeting = store.load(store.resolve_id(args.id))
    if output == "json":
        from meetingdesk.transfer import meeting_document

        _print_json(meeting_document(meeting, include_private=args.include_private))
        return 0
    from meetingdesk.summary import summary_markdown, summary_text

    render = summary_text if output == "text" else summary_markdown
    sys.stdout.write(render(meeting, include_private=args.include_private))
    return 0


def list_actions(args: argparse.Namespace) -> int:
    """`meetingdesk actions`: every action across meetings, soonest deadline first, overdue ones marked."""
    from datetime import date

    from meetingdesk.followup import newest_copies
    from meetingdesk.store import StoreError

    output = _check_format(args.format, ("table", "json"))
    store = open_store()
    today = date.today()
    meetings = []
    for row in store.rows(person=args.person):
        # A meeting with no open action may still have settled an earlier meeting's copy: only skip empty ones.
        if row.actions == 0:
            continue
        try:
            meetings.append(store.load(row.id))
        except StoreError as error:
            print(f"meetingdesk: {error}", file=sys.stderr)
    found = [
        (action, meeting)
        for meeting, action in newest_copies(meetings)
        if (action.is_open or not args.open)
        and (not args.owner or action.owner.strip().casefold() == args.owner.strip().casefold())
    ]
    found.sort(key=lambda pair: (pair[0].due is None, pair[0].due or date.max))

    def overdue(action) -> bool:
        return action.is_open and action.due is not None and action.due < today

    if output == "json":
        _print_json(
            [
                {
                    "text": action.text,
                    "owner": action.owner,
                    "due": action.due.isoformat() if action.due else None,
                    "done_on": action.done_on.isoformat() if action.done_on else None,
                    "overdue": overdue(action),
                    "meeting_id": meeting.id,
                    "with": meeting.person,
                    "id": action.id,
                }
                for action, meeting in found
            ]
        )
        return 0
    if not found:
        print("No open actions." if args.open else "No actions.")
        return 0
    _print_table(
        # The header is indented like the dates, which leave room for the "!" overdue mark.
        ("  DUE", "OWNER", "ACTION", "WITH", "MEETING", "DONE"),
        [
            (
                ("! " if overdue(action) else "  ") + (action.due.isoformat() if action.due else "no deadline"),
                _cell(action.owner, 24) or "no owner",
                _cell(action.text, 60),
                _cell(meeting.person, 24),
                meeting.id[:8],
                action.done_on.isoformat() if action.done_on else "open",
            )
            for action, meeting in found
        ],
    )
    if any(overdue(action) for action, _ in found):
        print(f"! overdue: still open and due before today ({today.isoformat()}).")
    return 0


def export_meetings(args: argparse.Namespace) -> int:
    """`meetingdesk export`: summaries (one file each) or one JSON export; private notes only on request."""
    from pathlib import Path

    from meetingdesk.store import StoreError, write_private_file
    from meetingdesk.summary import summary_filename, summary_markdown, summary_text
    from meetingdesk.transfer import export_json

    output = _check_format(args.format, ("markdown", "text", "json"))
    if args.all and args.id:
        raise CommandError("Give either a meeting ID or --all, not both.")
    if not args.all and not args.id:
        raise CommandError("Say what to export: a meeting ID, or --all for every meeting.")
    if not args.out:
        raise CommandError("Say where to write with --out PATH (a file; with --all and markdown or text, a folder).")
    out = Path(args.out).expanduser()

    store = open_store()
    failed = 0
    if args.all:
        meetings = []
        for row in store.rows():
            try:
                meetings.append(store.load(row.id))
            except StoreError as error:
                print(f"meetingdesk: {error} It was not exported.", file=sys.stderr)
                failed += 1
    else:
        meetings = [store.load(store.resolve_id(args.id))]

    written: list[Path] = []
    if output == "json":
        target = out / f"meetingdesk-export-{_today()}.json" if out.is_dir() else out
        write_private_file(target, export_json(meetings, include_private=args.include_private))
        written.append(target)
    else:
        render = summary_text if output == "text" else summary_markdown
        extension = FORMAT_EXTENSIONS[output]
        if args.all:
            if out.exists() and not out.is_dir():
                raise CommandError(f"{out} is a file: with --all, --out names a folder to put one file per meeting in.")
            used: set[str] = set()
            for meeting in meetings:
                name = summary_filename(meeting, extension)
                if name in used:
                    # Two meetings with the same person and agenda on one day: the id tells them apart.
                    name = f"{name[: -len(extension) - 1]}-{meeting.id[:8]}.{extension}"
                used.add(name)
                written.append(out / name)
                write_private_file(out / name, render(meeting, include_private=args.include_private))
        else:
            meeting = meetings[0]
            target = out / summary_filename(meeting, extension) if out.is_dir() else out
            write_private_file(target, render(meeting, include_private=args.include_private))
            written.append(target)
    for path in written:
        print(path)
    if args.all and not meetings and not failed:
        print("meetingdesk: there are no meetings yet, so nothing was exported.", file=sys.stderr)
    return 1 if failed else 0


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def import_export(args: argparse.Namespace) -> int:
    """`meetingdesk import PATH`: check the whole export, then save its meetings; the same file twice adds nothing."""
    from pathlib import Path

    from meetingdesk.transfer import import_meetings, read_export

    path = Path(args.path).expanduser()
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CommandError(f"{path} is a folder: give the JSON file written by `meetingdesk export --format json`.") from None
    except OSError as error:
        raise CommandError(f"MeetingDesk can't read {path} ({error.strerror or error}): check the path.") from None
    export = read_export(data, str(path))
    report = import_meetings(open_store(), export)
    for problem in report.problems:
        print(f"meetingdesk: {problem}", file=sys.stderr)
    print(report.sentence())
    return 0
