"""Shell commands for a data folder shared between machines: git's merge driver, its setup, and the file format.

`meetingdesk sync setup` tells git (in the repository holding the data folder) to merge
meeting files with `meetingdesk merge-driver`, which merges two copies item by item, so
a pull never stops on a meeting changed on both machines. `meetingdesk schema` prints
the JSON Schema of a meeting file and of an export, generated from the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from meetingdesk.commands import CommandError
from meetingdesk.commands.output import print_json

def add_commands(commands) -> None:
    """`merge-driver`, `sync setup` and `schema`."""
    driver = commands.add_parser("merge-driver", help="merge two copies of a meeting file (git runs this: see sync setup)")
    driver.add_argument("base", metavar="BASE", help="the common ancestor (%%O)")
    driver.add_argument("ours", metavar="OURS", help="this side, where the merge is written (%%A)")
    driver.add_argument("theirs", metavar="THEIRS", help="the other side (%%B)")

    sync = commands.add_parser("sync", help="set up a data folder kept in git")
    sync.add_argument("action", metavar="setup", help="setup: write .gitattributes and the git config for the merge driver")

    schema = commands.add_parser("schema", help="print the JSON Schema of a meeting file or of an export")
    schema.add_argument("of", nargs="?", default="meeting", metavar="meeting|export", help="meeting (default) or export")


# --- the merge driver -------------------------------------------------------------------


def merge_driver(args: argparse.Namespace) -> int:
    """`meetingdesk merge-driver BASE OURS THEIRS`: merge THEIRS into OURS; 0 when merged, 1 (a conflict for git) when not."""
    from meetingdesk.storage.files import StoreError, write_private_file

    ours, theirs = Path(args.ours), Path(args.theirs)
    try:
        merged = _merged(Path(args.base), ours, theirs)
        write_private_file(ours, merged)
    except OSError as error:
        return _not_merged(f"can't read {error.filename or ours} ({error.strerror or error})")
    except (StoreError, ValueError) as error:
        return _not_merged(str(getattr(error, "reason", None) or error))
    return 0


def _not_merged(reason: str) -> int:
    """Say why the two copies were not merged; 1, which tells git to leave the file with its conflict for the manager."""
    print(f"meetingdesk merge-driver: {reason.rstrip('.')}. Git leaves this file for you to merge.", file=sys.stderr)
    return 1


def _merged(base: Path, ours: Path, theirs: Path) -> str:
    """The merge of two copies of a data-folder file, as text; ValueError or StoreError when they can't be merged."""
    for path in (ours, theirs):
        path.stat()  # a side that is gone: OSError names it (the base may be missing: a file both sides added)
    texts = [_read(path) for path in (base, ours, theirs)]
    from meetingdesk.storage.deleted import earlier_tombstone, is_tombstone

    if is_tombstone(texts[1]) and is_tombstone(texts[2]):  # both machines deleted the meeting for good
        return json.dumps(earlier_tombstone(texts[1], texts[2]), indent=2) + "\n"
    from meetingdesk.storage.person_merge import is_person_database, merge_databases

    if is_person_database(texts[1]) or is_person_database(texts[2]):  # a person's profile and evidence log
        from meetingdesk.storage.person_db import database_text

        return database_text(merge_databases(texts[1], texts[2], texts[0]))
    if all(isinstance(data, dict) and "sections" not in data for data in texts[1:]):
        return json.dumps(merge_settings(*texts), ensure_ascii=False, indent=1) + "\n"
    from meetingdesk.storage.files import parse_meeting
    from meetingdesk.storage.merge import merge_meetings

    mine, other = (parse_meeting(path.read_bytes(), path) for path in (ours, theirs))
    if mine.id != other.id:
        raise ValueError(f"{ours} and {theirs} are two different meetings ({mine.id} and {other.id}), so they were not merged")
    return merge_meetings(mine, other).model_dump_json(indent=1)


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def merge_settings(base: Any, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    """Settings changed on two machines: each key as the side that changed it has it (this machine's when both did)."""
    base = base if isinstance(base, dict) else {}
    missing = object()
    merged: dict[str, Any] = {}
    for key in dict.fromkeys([*ours, *theirs]):
        mine, other, was = ours.get(key, missing), theirs.get(key, missing), base.get(key, missing)
        chosen = other if mine == was else mine
        if chosen is not missing:
            merged[key] = chosen
    return merged


# --- sync setup -------------------------------------------------------------------------


def sync(args: argparse.Namespace) -> int:
    """`meetingdesk sync setup`: make git merge the data folder's files with the merge driver."""
    if args.action != "setup":
        raise CommandError(f"“{args.action}” is not something sync does: use meetingdesk sync setup.")
    from meetingdesk.locations import data_dir
    from meetingdesk.storage.gitsetup import set_up

    root = data_dir()
    if not root.is_dir():
        raise CommandError(f"The data folder {root} does not exist yet: start MeetingDesk once, or clone your records there first.")
    for sentence in set_up(root):
        print(sentence)
    print("Commit .gitattributes and .gitignore, and run `meetingdesk sync setup` once in every clone: git keeps its config per clone.")
    return 0


# --- the schema -------------------------------------------------------------------------


def schema(args: argparse.Namespace) -> int:
    """`meetingdesk schema [meeting|export]`: the JSON Schema, generated from the models."""
    if args.of not in ("meeting", "export"):
        raise CommandError(f"schema prints the schema of a meeting file or of an export: use meeting or export, not “{args.of}”.")
    print_json(meeting_schema() if args.of == "meeting" else export_schema())
    return 0


def meeting_schema() -> dict[str, Any]:
    """The JSON Schema of a meeting file."""
    from meetingdesk.models import SCHEMA_VERSION, Meeting

    found = Meeting.model_json_schema(mode="serialization")
    for definition in [found, *found.get("$defs", {}).values()]:
        _describe_fields(definition)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "MeetingDesk meeting file",
        **{key: value for key, value in found.items() if key != "title"},
        "description": (
            f"One meeting, as meetings/<id>.json holds it (schema_version {SCHEMA_VERSION}). Fields not listed here "
            "are kept by MeetingDesk as they are. `sync` holds the stamps two copies merge by."
        ),
    }


def _describe_fields(definition: dict[str, Any]) -> None:
    """Give each property the docstring written under its field in the models (read from their source only here)."""
    described = _field_docstrings()
    for name, prop in definition.get("properties", {}).items():
        text = described.get((definition.get("title"), name))
        if text and "description" not in prop:
            prop["description"] = text


@cache
def _field_docstrings() -> dict[tuple[str, str], str]:
    """(model, field) → the docstring under the field, for every model in models.py and merge_state.py."""
    import ast
    import inspect

    from meetingdesk import merge_state, models

    found: dict[tuple[str, str], str] = {}
    for module in (models, merge_state):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if not isinstance(node, ast.ClassDef):
                continue
            for field, after in zip(node.body, node.body[1:]):
                if (
                    isinstance(field, ast.AnnAssign)
                    and isinstance(field.target, ast.Name)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    found[(node.name, field.target.id)] = inspect.cleandoc(after.value.value)
    return found


def export_schema() -> dict[str, Any]:
    """The JSON Schema of a `meetingdesk export --format json` file."""
    from meetingdesk.storage.transfer import EXPORT_FORMAT, EXPORT_KEY

    meeting = meeting_schema()
    definitions = dict(meeting.pop("$defs", {}))
    meeting.pop("$schema")
    definitions["Meeting"] = meeting
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "MeetingDesk export",
        "description": "Meetings exported by `meetingdesk export --format json`, read by `meetingdesk import`.",
        "type": "object",
        "properties": {
            EXPORT_KEY: {"const": EXPORT_FORMAT, "description": "The export format."},
            "exported_at": {"type": "string", "format": "date-time", "description": "When the export was made."},
            "include_private": {"type": "boolean", "description": "False when private notes were left out (emptied)."},
            "meetings": {"type": "array", "items": {"$ref": "#/$defs/Meeting"}, "description": "Each meeting as its file holds it."},
        },
        "required": [EXPORT_KEY, "meetings"],
        "$defs": definitions,
    }


COMMANDS = {"merge-driver": merge_driver, "sync": sync, "schema": schema}
"""Each subcommand this module adds, and the function that runs it."""
