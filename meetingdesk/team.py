"""What a manager does about the people on the team: their profiles, the evidence log, the talent landscape.

The shell, the app and the screens come here (as `Desk.team`), so each rule lives in
one place. A person is anyone met in a meeting or given a profile; their database is
made the first time something is written about them. Time comes from the clock given.
Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from meetingdesk.names import name_key, resolve_person, tidy_name
from meetingdesk.people import Entry, PeopleError, Profile, UnknownPerson, changed_profile, live_entries, new_entry
from meetingdesk.storage.files import StoreError
from meetingdesk.timer import Clock, system_clock

if TYPE_CHECKING:
    from meetingdesk.storage.people import PersonRecord
    from meetingdesk.storage.people_index import EvidenceHit
    from meetingdesk.storage.search import Search
    from meetingdesk.storage.store import Store


class Team:
    """The people one data folder knows: who they are, what was logged about them, how they are doing."""

    def __init__(self, store: Store, clock: Clock = system_clock, search: Search | None = None) -> None:
        self.store = store
        self.clock = clock
        self._search = search

    @property
    def search_meetings(self) -> Search:
        """The desk's questions across meetings (actions, meeting days), made when first needed."""
        if self._search is None:
            from meetingdesk.storage.search import Search

            self._search = Search(self.store.index)
        return self._search

    def today(self) -> date:
        """Today in the manager's time zone, from the clock."""
        return self.clock().astimezone().date()

    def cadences(self) -> dict[str, str]:
        """Each person's own check-in cadence, from their profile, by name key (those without one left out)."""
        return {name_key(row.name): row.cadence for row in self.store.team.index.rows() if row.cadence}

    # --- who is who ---

    def known(self) -> list[str]:
        """Everyone met or given a profile, each once: the people met most recently first, then the rest by name."""
        names = {name_key(name): name for name in self.store.people()}
        for row in self.store.team.index.rows():
            names.setdefault(name_key(row.name), row.name)
        return list(names.values())

    def person(self, typed: str, asked_as: str = "--with") -> str:
        """The one known person `typed` means (full, first or last name, or its start, any case).

        UnknownPerson, starting with `asked_as`, naming the nearest names when it fits nobody;
        UnclearName naming them when it fits several.
        """
        if not tidy_name(typed):
            raise PeopleError(f'{asked_as} needs a person\'s name, e.g. {asked_as} "Dana Lee".'.lstrip())
        known = self.known()
        found = resolve_person(typed, known, asked_as)
        if found is not None:
            return found
        add = _add_command(typed) if asked_as else "Add person on the Team screen"
        raise unknown_person(typed, known, asked_as, "no one you have met or logged for", f"add them with {add}, or start a meeting with them")

    def meeting_with(self, typed: str, asked_as: str = "", someone_new: bool = False) -> str:
        """Whom a new or planned meeting is with: the known person `typed` means, else someone new, spelled as typed.

        UnknownPerson naming the near matches when `typed` fits no one but looks like someone
        known ("danna" beside Dana Lee: a typo?), unless `someone_new` says it is meant;
        UnclearName when it fits several.
        """
        known = self.known()
        found = resolve_person(typed, known, asked_as)
        if found is not None:
            return found
        typos = [] if someone_new else _near(tidy_name(typed), known, whole_names=True)
        if not typos:
            return tidy_name(typed)
        unknown = unknown_person(typed, typos, asked_as, "no one you have met or logged for", "")
        if not asked_as:
            raise unknown
        new = f"If “{tidy_name(typed)}” is someone new, add them first: {_add_command(typed)}."
        raise UnknownPerson(f"{unknown} {new}", unknown.near)

    def record(self, name: str) -> PersonRecord | None:
        """Everything kept about `name` (profile, history, entries), or None before anything was written."""
        return self.store.team.read(name)

    def profile(self, name: str) -> Profile:
        """`name`'s profile; an empty one (their name only) before anything was written."""
        record = self.record(name)
        return record.profile if record is not None else Profile(name=name, updated_at=self.clock())

    def _ensure(self, name: str) -> None:
        """Make `name`'s database if they have none (their profile holds their name as given)."""
        if self.store.team.book(name) is None:
            self.store.team.create(Profile(name=tidy_name(name), updated_at=self.clock()))

    def add_person(self, name: str, **values: str) -> Profile:
        """Give a new person a profile, or update the one `name` already has (see `update_profile`)."""
        tidy = tidy_name(name)
        if not tidy:
            raise PeopleError('Give the person\'s full name, e.g. "Dana Lee".')
        known = next((person for person in self.known() if name_key(person) == name_key(tidy)), tidy)
        return self.update_profile(known, **values)

    def update_profile(self, name: str, meeting_id: str | None = None, **values: str) -> Profile:
        """Set profile fields (see `people.PROFILE_FIELDS`); changes to role, target roles and
        aspirations are kept with the day, and the meeting they came from."""
        now = self.clock()
        changed_profile(Profile(name=name), now, meeting_id, **values)  # refuse what can't be kept before writing anything
        self._ensure(name)

        def edit(record: PersonRecord):
            profile, changes = changed_profile(record.profile, now, meeting_id, **values)
            return [], (profile if profile is not record.profile else None), changes

        return self.store.team.change(name, edit).profile

    # --- the evidence log ---

    def log(self, name: str, text: str, theme: str = "", day: date | None = None) -> Entry:
        """Add a dated entry to `name`'s log (today unless `day`); PeopleError when the text is empty."""
        entry = new_entry(text, theme, day or self.today(), self.clock())
        self._ensure(name)
        self.store.team.change(name, lambda record: ([entry], None, []), entries_only=True)
        return entry

    def entries(self, name: str, since: date | None = None) -> list[Entry]:
        """`name`'s entries not deleted (from `since` on), oldest day first."""
        record = self.record(name)
        return live_entries(record.entries, since) if record is not None else []

    def edit_entry(self, name: str, entry_id: str, text: str, theme: str, day: date) -> Entry:
        """Change an entry's text, theme and day; PeopleError when the text is empty."""
        tidy = " ".join(text.split())
        if not tidy:
            raise PeopleError("The entry is empty: say what happened.")
        return self._replace(name, entry_id, lambda entry: replace(entry, text=tidy, theme=theme, day=day))

    def delete_entry(self, name: str, entry_id: str) -> Entry:
        """Delete an entry (it is kept, marked deleted, so `restore_entry` can bring it back)."""
        now = self.clock()
        return self._replace(name, entry_id, lambda entry: replace(entry, deleted_at=now))

    def restore_entry(self, name: str, entry_id: str) -> Entry:
        """Bring back a deleted entry: the undo of `delete_entry`."""
        return self._replace(name, entry_id, lambda entry: replace(entry, deleted_at=None))

    def _replace(self, name: str, entry_id: str, change: Callable[[Entry], Entry]) -> Entry:
        now = self.clock()
        done: list[Entry] = []

        def edit(record: PersonRecord):
            held = next((entry for entry in record.entries if entry.id == entry_id), None)
            if held is None:
                raise StoreError(f"{name}'s log has no entry {entry_id}: it may have been removed on another machine.")
            done.append(replace(change(held), updated_at=now))
            return done, None, []

        self.store.team.change(name, edit, entries_only=True)
        return done[0]

    def find_entry(self, name: str, prefix: str) -> Entry:
        """The one live entry of `name` whose id starts with `prefix`; PeopleError says why not."""
        wanted = prefix.strip().lower()
        found = [entry for entry in self.entries(name) if wanted and entry.id.startswith(wanted)]
        if len(found) != 1:
            what = "no entry" if not found else f"{len(found)} entries"
            raise PeopleError(f"“{prefix.strip()}” matches {what} in {name}'s log: give more of the id that `meetingdesk log --with` lists.")
        return found[0]

    def landscape(self) -> list[Standing]:
        """Everyone known, by name: role and target roles, last and next meeting, open and overdue actions, goals at risk."""
        from meetingdesk.storage.plans import Plans

        plans = Plans(self.store.index)
        at_risk = plans.goals_at_risk()
        check_ins = {name_key(due.person): due.next_check_in for due in plans.check_ins(cadences=self.cadences())}
        rows = {name_key(row.name): row for row in self.store.team.index.rows()}
        counts = self.store.team.index.entry_counts()
        days = self.search_meetings.meeting_days()
        today = self.today()
        actions: dict[str, list[int]] = {}
        for action in self.search_meetings.actions(open_only=True):
            tally = actions.setdefault(name_key(action.person), [0, 0])
            tally[0] += 1
            tally[1] += action.is_overdue(today)
        found = []
        for name in self.known():
            key = name_key(name)
            row = rows.get(key)
            last, planned = days.get(key, (None, None))
            open_count, overdue = actions.get(key, (0, 0))
            found.append(
                Standing(
                    name=name,
                    email=row.email if row else "",
                    role=row.role if row else "",
                    target_roles=row.target_roles if row else (),
                    cadence=row.cadence if row else "",
                    last_meeting=last,
                    next_meeting=planned or check_ins.get(key),
                    open_actions=open_count,
                    overdue_actions=overdue,
                    goals_at_risk=at_risk.get(key, 0),
                    evidence=counts.get(row.file, 0) if row else 0,
                )
            )
        return sorted(found, key=lambda standing: name_key(standing.name))

    def search(self, text: str, limit: int | None = None) -> list[EvidenceHit]:
        """Evidence entries holding every word of `text` (the way meetings are searched), newest day first."""
        from meetingdesk.storage.search import Query

        query = Query.parse(text)
        if query.empty:
            return []
        expression = query.expression(self.store.index.cache.connection())
        if expression is None:
            return []
        return self.store.team.index.search(expression, query.inside, limit)


def unknown_person(typed: str, known: list[str], asked_as: str, nobody: str, otherwise: str) -> UnknownPerson:
    """The error for a name that fits no one in `known`: "<asked_as> “typed” is <nobody>", then
    the known names that look like it (up to three), or else what to do (`otherwise`)."""
    near = _near(tidy_name(typed), known)
    lead = f"{asked_as} “{tidy_name(typed)}”".lstrip()
    if near:
        names = ", ".join(near[:-1]) + f" or {near[-1]}" if len(near) > 1 else near[0]
        return UnknownPerson(f"{lead} is {nobody}: did you mean {names}?", near)
    return UnknownPerson(f"{lead} is {nobody} yet: {otherwise}.", [])


def _add_command(typed: str) -> str:
    """The shell command that adds the person `typed` names."""
    return f'meetingdesk profile --with "{tidy_name(typed)}" --role "their role"'


def _near(typed: str, known: list[str], whole_names: bool = False) -> list[str]:
    """Up to three known names that look like `typed`: the whole name or one of its words.

    With `whole_names`, only names `typed` is likely a typo of: a name of several words is
    compared whole ("Echo Person" is not "Bytes Person"), one word with each word, and closely.
    """
    import difflib

    wanted = typed.casefold()
    scored = []
    for name in known:
        parts = [name.casefold()]
        if not whole_names or len(wanted.split()) == 1:
            parts += name.casefold().split()
        score = max(difflib.SequenceMatcher(None, wanted, part).ratio() for part in parts)
        if score >= (0.8 if whole_names else 0.6):
            scored.append((-score, name))
    return [name for _score, name in sorted(scored)[:3]]


@dataclass(frozen=True)
class Standing:
    """One person in the talent landscape: where they are, where they aim, how the work with them stands."""

    name: str
    """Their full name, spelled as first given."""
    email: str
    """Their email address ("" when not known)."""
    role: str
    """Their current role ("" when not said)."""
    target_roles: tuple[str, ...]
    """The roles they aim for."""
    cadence: str
    """How often the two of you check in ("" when not said)."""
    last_meeting: date | None
    """The day of the latest meeting held with them."""
    next_meeting: date | None
    """The day of the next meeting planned with them, else of the next check-in (agreed, or due by the cadence)."""
    open_actions: int
    """Actions from meetings with them still open."""
    overdue_actions: int
    """Of those, how many are past their deadline."""
    goals_at_risk: int
    """Their goals not achieved or dropped whose latest status is "at risk" or "off track"."""
    evidence: int
    """Entries in their evidence log."""
