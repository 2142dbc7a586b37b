"""Shell commands about meetings: list them, show one, export them, import an export."""

from __future__ import annotations

import argparse
import sys

from meetingdesk.commands import CommandError, open_desk
from meetingdesk.commands.output import check_format, check_limit, cell, iso, print_json, print_table

FORMAT_EXTENSIONS = {"markdown": "md", "text": "txt", "ics": "ics", "eml": "eml"}
"""The file extension of each summary format."""


def add_commands(commands) -> None:
    """`list`, `show`, `export` and `import`. Formats and numbers are checked by the commands, for a plain sentence."""
    listing = commands.add_parser("list", help="list meetings, newest first")
    listing.add_argument("--with", dest="person", metavar="NAME", help="only meetings with this person")
    listing.add_argument("--limit", metavar="N", help="show at most N meetings")
    listing.add_argument("--format", default="table", metavar="table|json", help="table (default) or json")

    show = commands.add_parser("show", help="print one meeting's summary")
    show.add_argument("id", metavar="ID", help="the meeting id, or its first few characters")
    show.add_argument(
        "--format",
        default="markdown",
        metavar="markdown|text|json|agenda",
        help="markdown (default), text for email, json, or agenda: the plain-text agenda to send the person ahead",
    )
    show.add_argument("--include-private", action="store_true", help="include your private notes")
    show.add_argument("--with-time", action="store_true", help="include the time table in text (markdown always has it)")

    export = commands.add_parser("export", help="write summaries or a JSON export to files")
    export.add_argument("id", nargs="?", metavar="ID", help="the meeting id, or its first few characters")
    export.add_argument("--all", action="store_true", help="every meeting instead of one")
    export.add_argument(
        "--format",
        metavar="markdown|text|json|ics|eml",
        help="markdown or text summaries, json to import elsewhere, ics for the next check-in, eml for an email draft",
    )
    export.add_argument("--out", metavar="PATH", help="the file to write; with --all and markdown or text, a folder")
    export.add_argument("--include-private", action="store_true", help="include your private notes")
    export.add_argument("--to", metavar="ADDRESS", help="with eml: the person's email address for the To line")
    export.add_argument("--with-time", action="store_true", help="include the time table in text (markdown always has it)")

    importing = commands.add_parser("import", help="add the meetings of a JSON export to the data folder")
    importing.add_argument("path", metavar="PATH", help="a file written by `meetingdesk export --format json`")


def list_meetings(args: argparse.Namespace) -> int:
    """`meetingdesk list`: meetings newest first, as a table or JSON."""
    output = check_format(args.format, ("table", "json"))
    limit = check_limit(args.limit)
    desk = open_desk()
    person = desk.team.person(args.person, "--with") if args.person is not None else None
    rows = desk.store.rows(person=person, limit=limit)
    if output == "json":
        print_json(
            [
                {
                    "id": row.id,
                    "with": row.person,
                    "manager": row.manager,
                    "agenda": row.agenda_name,
                    "agenda_title": row.agenda_title,
                    "created_at": iso(row.created_at),
                    "started_at": iso(row.started_at),
                    "ended_at": iso(row.ended_at),
                    "status": row.status,
                    "planned_for": row.planned_for.isoformat() if row.planned_for else None,
                    "open_actions": row.open_actions,
                    "actions": row.actions,
                    "priorities": row.priorities,
                }
                for row in rows
            ]
        )
        return 0
    if not rows:
        who = f" with {cell(person)}" if person else ""
        print(f"No meetings{who} yet. Start one with: meetingdesk new --agenda NAME --with PERSON")
        return 0
    print_table(
        ("ID", "DATE", "WITH", "AGENDA", "STATUS", "OPEN"),
        [
            (
                row.id[:8],
                row.planned_for.isoformat() if row.status == "planned" and row.planned_for else f"{row.when.astimezone():%Y-%m-%d %H:%M}",
                cell(row.person, 30),
                cell(row.agenda_title or row.agenda_name, 30),
                row.status,
                str(row.open_actions),
            )
            for row in rows
        ],
        right=(5,),
    )
    return 0


def show_meeting(args: argparse.Namespace) -> int:
    """`meetingdesk show ID`: one meeting as markdown, email text, JSON or its agenda; private notes only on request."""
    output = check_format(args.format, ("markdown", "text", "json", "agenda"))
    desk = open_desk()
    store = desk.store
    meeting = store.load(store.resolve_id(args.id))
    if output == "agenda":
        if args.include_private:
            raise CommandError("The agenda goes to the person: it never holds private or prep notes, so leave out --include-private.")
        sys.stdout.write(desk.agenda_for(meeting))
        return 0
    if output == "json":
        from meetingdesk.storage.transfer import meeting_document

        print_json(meeting_document(meeting, include_private=args.include_private))
        return 0
    sys.stdout.write(_renderer(desk, output, args.with_time)(meeting, include_private=args.include_private))
    return 0


def _renderer(desk, output: str, with_time: bool):
    """The summary in `output` (markdown or text): text has the time table with --with-time or
    when the settings put it in the email, as Copy summary does; markdown, the record, always has it."""
    from functools import partial

    from meetingdesk.summary import summary_markdown, summary_text

    if output == "text":
        return partial(summary_text, with_time=with_time or desk.settings.time_in_email, wording=desk.settings.wording)
    return summary_markdown


def export_meetings(args: argparse.Namespace) -> int:
    """`meetingdesk export`: summaries (one file each) or one JSON export; private notes only on request."""
    from pathlib import Path

    from meetingdesk.storage.files import StoreError, write_private_file
    from meetingdesk.summary import summary_filename
    from meetingdesk.storage.transfer import export_json

    output = check_format(args.format, ("markdown", "text", "json", "ics", "eml"))
    if args.all and args.id:
        raise CommandError("Give either a meeting ID or --all, not both.")
    if not args.all and not args.id:
        raise CommandError("Say what to export: a meeting ID, or --all for every meeting.")
    if output in ("ics", "eml") and args.all:
        raise CommandError(f"--format {output} writes one meeting: give its ID instead of --all.")
    if args.to is not None and output != "eml":
        raise CommandError("--to goes with --format eml only: it is the To line of the email draft.")
    if output == "eml" and args.include_private:
        raise CommandError("An email draft never holds private notes: leave out --include-private.")
    if not args.out:
        raise CommandError("Say where to write with --out PATH (a file; with --all and markdown or text, a folder).")
    out = Path(args.out).expanduser()
    # A file goes into a folder that exists; with --all a new folder may be made inside one that exists.
    if not out.is_dir() and not out.parent.is_dir():
        if out.parent.exists():
            raise CommandError(f"MeetingDesk can't write to {out.parent}: it is not a folder.")
        raise CommandError(
            f"The folder {out.parent} does not exist: create it first, or give --out a path in a folder that exists."
        )
    if output in ("ics", "eml"):
        from meetingdesk.commands.plans import export_one

        return export_one(args.id, output, out, args.to)

    desk = open_desk()
    store = desk.store
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
        people = None
        if args.all:
            everyone = _everyone(store)
            failed += sum(record is None for record in everyone)
            people = [record for record in everyone if record is not None]
        write_private_file(target, export_json(meetings, include_private=args.include_private, people=people))
        written.append(target)
    else:
        render = _renderer(desk, output, args.with_time)
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
            beside = target.with_suffix(".ics")
            if meeting.next_check_in is not None and beside != target:
                # The next check-in goes beside the summary, for the manager's calendar.
                write_private_file(beside, desk.calendar_file(meeting))
                written.append(beside)
    for path in written:
        print(path)
    if args.all and not meetings and not failed:
        print("meetingdesk: there are no meetings yet, so nothing was exported.", file=sys.stderr)
    return 1 if failed else 0


def _everyone(store) -> list:
    """Every person's record for an export of everything; None (said on stderr) for one that can't be read."""
    from meetingdesk.storage.files import StoreError

    records = []
    for row in store.team.index.rows():
        try:
            records.append(store.team.read(row.name))
        except StoreError as error:
            print(f"meetingdesk: {error} {row.name} was not exported.", file=sys.stderr)
            records.append(None)
    return records


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def import_export(args: argparse.Namespace) -> int:
    """`meetingdesk import PATH`: check the whole export, then save its meetings; the same file twice adds nothing."""
    from pathlib import Path

    from meetingdesk.storage.transfer import import_meetings, read_export

    path = Path(args.path).expanduser()
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CommandError(f"{path} is a folder: give the JSON file written by `meetingdesk export --format json`.") from None
    except OSError as error:
        raise CommandError(f"MeetingDesk can't read {path} ({error.strerror or error}): check the path.") from None
    export = read_export(data, str(path))
    report = import_meetings(open_desk().store, export)
    for problem in report.problems:
        print(f"meetingdesk: {problem}", file=sys.stderr)
    print(report.sentence())
    return 0


COMMANDS = {"list": list_meetings, "show": show_meeting, "export": export_meetings, "import": import_export}
"""Each subcommand this module adds, and the function that runs it."""
