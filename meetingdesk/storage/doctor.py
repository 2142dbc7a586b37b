"""`meetingdesk doctor`: what is wrong with a data folder, found without changing anything, and fixed on request.

Looks at permissions, caches left by an older MeetingDesk and this machine's index,
temp files a killed save left, sync tools' conflict copies, meetings both listed and
in the trash, meetings deleted for good that a sync brought back, files git left with conflict markers, unreadable files, and whether a
data folder kept in git merges with MeetingDesk's driver. Each finding carries the fix
the running app would make, so `--fix` does exactly what was reported. Nothing here
imports Textual.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from meetingdesk.locations import GITIGNORE, deleted_dir, exports_dir, index_path, meetings_dir, people_dir, trash_dir, user_agendas_dir
from meetingdesk.storage.conflicts import conflict_copy_of, sides_of_conflict
from meetingdesk.storage.files import (
    FILE_MODE,
    FOLDER_MODE,
    DamagedFile,
    NewerFile,
    leftovers,
    parse_meeting,
    remove_leftovers,
    scan_meetings,
    write_private_file,
)
from meetingdesk.storage.reconcile import conflict_copies, listed_and_trashed


@dataclass
class Finding:
    """One thing wrong with the data folder."""

    problem: str
    """What is wrong, in a sentence."""
    fix: Callable[[], str] | None = None
    """Fixes it and says what it did; None when only the manager can (the sentence says how)."""


class Doctor:
    """Examines one data folder; opens a store only to fix what needs one."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._store = None

    def store(self):
        """The store the fixes that merge or move files go through, opened once."""
        if self._store is None:
            from meetingdesk.storage.store import Store

            self._store = Store(self.root)
            self._store.open(check_files=False)
        return self._store

    def finish(self) -> None:
        """After fixes that merged or moved files: bring this machine's index up to date with them."""
        if self._store is not None:
            self._store.check_files()

    def examine(self) -> list[Finding]:
        """Everything wrong, nothing changed."""
        return [
            *self._permissions(),
            *self._caches(),
            *self._temp_files(),
            *self._conflicts(),
            *self._unreadable(),
            *self._index(),  # after the fixes that merge or remove files, so catching up reads what they left
            *self._sharing(),
        ]

    # --- permissions ---

    def _permissions(self) -> list[Finding]:
        found: list[Finding] = []
        folders = [self.root, meetings_dir(self.root), trash_dir(self.root), deleted_dir(self.root), exports_dir(self.root), user_agendas_dir(self.root), people_dir(self.root)]
        for folder in (folder for folder in folders if folder.is_dir()):
            mode = stat.S_IMODE(folder.stat().st_mode)
            if mode & 0o077:
                found.append(Finding(f"{folder} can be read by other users on this machine (mode {mode:o}).", _chmod(folder, FOLDER_MODE)))
            if not os.access(folder, os.W_OK | os.X_OK):
                found.append(Finding(f"MeetingDesk can't write in {folder}: make it yours (chown) and writable (chmod u+rwx)."))
        files = [Path(path) for folder in folders[1:3] for _, path in scan_meetings(folder).values()]
        files += [path for folder in (self.root, people_dir(self.root)) for path in folder.glob("*.json") if path.is_file()]
        shared = [path for path in files if stat.S_IMODE(path.stat().st_mode) & 0o077]
        if shared:
            found.append(Finding(f"{_count(shared, 'file')} can be read by other users (first: {shared[0]}).", _chmod_all(shared)))
        unreadable = [path for path in files if not os.access(path, os.R_OK)]
        if unreadable:
            found.append(Finding(f"MeetingDesk can't read {_count(unreadable, 'file')} (first: {unreadable[0]}): make them yours (chown) and readable (chmod u+r)."))
        return found

    # --- caches ---

    def _caches(self) -> list[Finding]:
        from meetingdesk.storage.cache import old_caches, remove_old_caches

        found: list[Finding] = []
        old = old_caches(self.root)
        if old:
            names = ", ".join(path.name for path in old)
            found.append(
                Finding(
                    f"An older MeetingDesk's caches are still in the data folder ({names}).",
                    lambda: f"Removed {', '.join(path.name for path in remove_old_caches(self.root))} from the data folder.",
                )
            )
        return found

    def _index(self) -> list[Finding]:
        found: list[Finding] = []
        problem, behind = _index_problem(index_path(self.root), self.root)
        if problem is not None:
            found.append(Finding(problem, self._catch_up if behind else self._rebuild_index))
        return found

    def _rebuild_index(self) -> str:
        store = self.store()
        store.rebuild_index()
        return f"Rebuilt this machine's index from the meeting files ({store.index.count():,} meetings listed)."

    def _catch_up(self) -> str:
        changed = self.store().check_files()
        return f"This machine's index read {_count(changed, 'changed meeting')} and is current."

    # --- temp files ---

    def _temp_files(self) -> list[Finding]:
        folders = [self.root, meetings_dir(self.root), trash_dir(self.root), deleted_dir(self.root), exports_dir(self.root)]
        left = [path for folder in folders for path in leftovers(folder)]
        if not left:
            return []

        def fix() -> str:
            removed = sum(remove_leftovers(folder) for folder in folders)
            return f"Removed {_count(range(removed), 'temp file')} a killed save left behind."

        return [Finding(f"{_count(left, 'temp file')} left by a killed save (first: {left[0]}).", fix)]

    # --- copies that need merging ---

    def _conflicts(self) -> list[Finding]:
        from meetingdesk.storage.deleted import came_back, settle_deleted
        from meetingdesk.storage.reconcile import merge_conflict_copy, settle_both_places

        found: list[Finding] = []
        for path in conflict_copies(self.root):
            found.append(Finding(f"{path.name} is a sync tool's conflict copy of a meeting, not merged yet.", self._fixed_by(merge_conflict_copy, path)))
        for meeting_id in listed_and_trashed(self.root):
            found.append(Finding(f"Meeting {meeting_id} is both listed and in the trash.", self._fixed_by(settle_both_places, meeting_id)))
        for meeting_id in came_back(self.root):
            found.append(Finding(f"Meeting {meeting_id} was deleted for good, but a sync brought its file back.", self._fixed_by(settle_deleted, meeting_id)))
        for path in sorted(people_dir(self.root).glob("*.json")):
            if conflict_copy_of(path.name):
                found.append(Finding(f"{path.name} is a sync tool's conflict copy of a person's log, not merged yet.", self._people_merged))
            elif _has_markers(path):
                found.append(Finding(f"{path} has git's conflict markers.", self._people_merged))
        return found

    def _people_merged(self) -> str:
        """Merge people's conflict copies and git conflicts (one look at people/ does every one); what was done."""
        store = self.store()
        before, problems = len(store.news), len(store.problems)
        store.team.catch_up()
        return " ".join(store.news[before:] + store.problems[problems:]) or "Already merged."

    def _fixed_by(self, fix: Callable, subject) -> Callable[[], str]:
        def run() -> str:
            store = self.store()
            before = len(store.news)
            fix(store, subject)
            said = store.news[before:] or store.problems[-1:]
            return " ".join(said) or "Done."

        return run

    def _unreadable(self) -> list[Finding]:
        found: list[Finding] = []
        for meeting_id, (_stat, name) in sorted(scan_meetings(meetings_dir(self.root)).items()):
            path = Path(name)
            if conflict_copy_of(path.name):
                continue
            try:
                meeting = parse_meeting(path.read_bytes(), path)
            except NewerFile as error:
                found.append(Finding(f"{error.reason}: upgrade MeetingDesk on this machine to read it."))
                continue
            except DamagedFile as error:
                problem = f"{path} has git's conflict markers." if _has_markers(path) else f"{error.reason}."
                found.append(Finding(problem, self._loaded(meeting_id)))
                continue
            except OSError:
                continue  # said under permissions
            if meeting.id != meeting_id:
                found.append(Finding(f"{path} holds meeting {meeting.id}: rename it {meeting.id}.json if that meeting has no file, else remove the one you don't need."))
        return found

    def _loaded(self, meeting_id: str) -> Callable[[], str]:
        def run() -> str:
            from meetingdesk.storage.files import StoreError

            store = self.store()
            before = len(store.news)
            try:
                store.load(meeting_id)
            except StoreError as error:
                return str(error)
            return " ".join(store.news[before:]) or f"Meeting {meeting_id} reads again."

        return run

    # --- sharing ---

    def _sharing(self) -> list[Finding]:
        from meetingdesk.storage.gitsetup import in_repository, missing_setup, set_up

        found: list[Finding] = []
        gitignore = self.root / ".gitignore"
        if self.root.is_dir() and not gitignore.exists():
            found.append(Finding("The data folder has no .gitignore for what stays on this machine.", lambda: _write(gitignore, GITIGNORE)))
        if in_repository(self.root):
            missing = missing_setup(self.root)
            if missing:
                found.append(
                    Finding(
                        f"The data folder is in git, but git would merge meetings line by line (missing: {'; '.join(missing)}).",
                        lambda: " ".join(set_up(self.root)),
                    )
                )
        return found


def _index_problem(path: Path, root: Path) -> tuple[str | None, bool]:
    """What is wrong with this machine's index of `root`, if anything (read only), and whether it is only behind."""
    from meetingdesk.storage.cache import CACHE_VERSION

    if not path.exists():
        return None, False  # made at the next start
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != CACHE_VERSION:
                return f"This machine's index {path} is from another MeetingDesk version.", False
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return f"This machine's index {path} is damaged.", False
            indexed = {meeting_id: (mtime, size) for meeting_id, mtime, size in db.execute("SELECT id, mtime_ns, size FROM meetings")}
    except sqlite3.Error:
        return f"This machine's index {path} can't be read.", False
    files = {meeting_id: held for meeting_id, (held, _path) in scan_meetings(meetings_dir(root)).items() if not conflict_copy_of(f"{meeting_id}.json")}
    behind = sum(1 for meeting_id, held in files.items() if indexed.get(meeting_id) != held) + len(indexed.keys() - files.keys())
    if behind:
        return f"This machine's index is behind the meetings folder: {_count(range(behind), 'meeting file')} new, changed or gone since it last looked.", True
    return None, False


def _chmod(path: Path, mode: int) -> Callable[[], str]:
    def run() -> str:
        os.chmod(path, mode)
        return f"{path} is readable by you only now (mode {mode:o})."

    return run


def _chmod_all(paths: list[Path]) -> Callable[[], str]:
    def run() -> str:
        for path in paths:
            os.chmod(path, FILE_MODE)
        return f"{_count(paths, 'file')} {'is' if len(paths) == 1 else 'are'} readable by you only now (mode {FILE_MODE:o})."

    return run


def _write(path: Path, text: str) -> str:
    write_private_file(path, text)
    return f"Wrote {path}."


def _count(items, noun: str) -> str:
    number = len(items)
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _has_markers(path: Path) -> bool:
    """True when git left its conflict markers in the file."""
    try:
        return sides_of_conflict(path.read_bytes().decode("utf-8", "replace")) is not None
    except OSError:
        return False
