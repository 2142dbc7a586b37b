"""`meetingdesk doctor [--fix]`: what is wrong with the data folder, and with --fix, put right."""

from __future__ import annotations

import argparse


def add_commands(commands) -> None:
    """`doctor`."""
    doctor = commands.add_parser("doctor", help="check the data folder: permissions, caches, temp files, conflict copies, the trash")
    doctor.add_argument("--fix", action="store_true", help="fix what can be fixed, and say what was fixed")


def examine(args: argparse.Namespace) -> int:
    """Print each finding (and with --fix, what was fixed); 0 when nothing is left to fix, 1 when something is."""
    from meetingdesk.errors import MeetingDeskError
    from meetingdesk.locations import data_dir
    from meetingdesk.storage.doctor import Doctor

    root = data_dir()
    if not root.is_dir():
        print(f"There is no data folder at {root} yet: MeetingDesk makes it when it first starts. Nothing to check.")
        return 0
    doctor = Doctor(root)
    findings = doctor.examine()
    if not findings:
        print(f"All is well in {root}: permissions, caches, temp files, conflict copies, the trash and sharing.")
        return 0
    left = 0
    for finding in findings:
        if args.fix and finding.fix is not None:
            try:
                print(f"Fixed: {finding.fix()}")
                continue
            except (MeetingDeskError, OSError) as error:
                print(f"Not fixed: {finding.problem} {getattr(error, 'strerror', None) or error}")
        else:
            print(f"Found: {finding.problem}" + (" (--fix fixes this)" if finding.fix is not None else ""))
        left += 1
    if args.fix:
        doctor.finish()
    if not args.fix and any(finding.fix is not None for finding in findings):
        print("Run meetingdesk doctor --fix to fix what it can; it says what it fixed.")
    return 1 if left else 0


COMMANDS = {"doctor": examine}
"""Each subcommand this module adds, and the function that runs it."""
