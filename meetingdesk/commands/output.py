"""How the shell commands print: tables with aligned columns, JSON, and the checks on --format and --limit."""

from __future__ import annotations

from meetingdesk.commands import CommandError


def check_format(value: str | None, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        choices = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
        if value is None:
            raise CommandError(f"Say which format to write with --format {'|'.join(allowed)}.")
        raise CommandError(f"--format must be {choices}, not “{value}”.")
    return value


def check_limit(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise CommandError(f"--limit must be a whole number of meetings, 1 or more, not “{value}”.")
    return limit


def cell(text: str, width: int | None = None) -> str:
    """`text` on one line without control characters (a name can't drive the terminal), cut to `width`."""
    flat = " ".join("".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text).split())
    if width is not None and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return flat


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]], right: tuple[int, ...] = ()) -> None:
    """Columns two spaces apart, `right` ones right-aligned, no trailing spaces."""
    table = [header, *rows]
    widths = [max(len(row[column]) for row in table) for column in range(len(header))]
    for row in table:
        cells = [
            f"{value:>{widths[column]}}" if column in right else f"{value:<{widths[column]}}"
            for column, value in enumerate(row)
        ]
        print("  ".join(cells).rstrip())


def print_json(data: object) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))


def iso(moment) -> str | None:
    """A stored time as ISO 8601 in the local time zone, with its offset; None stays None."""
    return moment.astimezone().isoformat() if moment is not None else None
