"""The people a manager looks after: their profile, the evidence logged about their work, and its themes.

Plain dataclasses rather than pydantic models: `meetingdesk log` reads and writes
these from a hotkey, and must start in well under a second with a year of entries.
Each record checks what it reads (`from_doc`) and says what is wrong in a sentence.
Nothing here imports Textual, pydantic or storage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone

from meetingdesk.errors import MeetingDeskError
from meetingdesk.ids import new_id

THEMES = ("deliverables", "collaboration", "leadership", "impact", "learning", "feedback")
"""The themes evidence is grouped by, in the order a review goes through them."""
NO_THEME = ""
"""The theme of an entry logged without one."""
PERSON_FORMAT = 1
"""Version of a person's database. Bumped when a stored field changes meaning."""
PROFILE_FIELDS = ("email", "role", "target_roles", "aspirations", "cadence", "notes")
"""What a profile holds besides the name, in the order a form asks for it."""
TRACKED_FIELDS = ("role", "target_roles", "aspirations")
"""Profile fields whose every change is kept, so the person view shows how they moved over time."""


class PeopleError(MeetingDeskError, ValueError):
    """Something typed about a person or an entry that can't be used: one sentence naming it and the fix."""


class UnknownPerson(PeopleError):
    """A typed name that fits no one known; `near` holds the known names that look like it (a typo?)."""

    def __init__(self, sentence: str, near: list[str]) -> None:
        super().__init__(sentence)
        self.near = near
        """Up to three known names that look like the one typed, closest first."""


class UnreadablePerson(ValueError):
    """Stored person data that is not what this MeetingDesk writes; `reason` completes "<file> …"."""

    def __init__(self, reason: str, *, newer: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.newer = newer
        """True when a later MeetingDesk wrote it: the file is fine, this version is too old."""


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def themes_sentence() -> str:
    """"deliverables, collaboration, … or feedback"."""
    return ", ".join(THEMES[:-1]) + f" or {THEMES[-1]}"


def parse_theme(typed: str | None, asked_as: str = "--theme") -> str:
    """The theme `typed` names: a theme or the start of one, any case; "" for none.

    PeopleError names what was typed and every theme when it names none, or the
    themes it could be when it starts several ("le": leadership or learning); its
    sentence starts with `asked_as` (e.g. "--theme").
    """
    if typed is None or not typed.strip():
        return NO_THEME
    wanted = typed.strip().casefold()
    if wanted in THEMES:
        return wanted
    found = [theme for theme in THEMES if theme.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    lead = f"{asked_as} “{typed.strip()}”".lstrip()
    if found:
        raise PeopleError(f"{lead} could be {' or '.join(found)}: type a few more letters.")
    raise PeopleError(f"{lead} is not a theme: use {themes_sentence()} (the first letters are enough).")


def tidy_text(text: str) -> str:
    """An entry's text on one line: whitespace runs become one space, the ends are trimmed."""
    return " ".join(text.split())


def person_slug(name: str) -> str:
    """The file name (without `.json`) of a person's database: "Dana Lee" → "dana-lee", "Zoë" → "zoe".

    Letters and digits only, in lower case, accents removed, so the same name gives the
    same file on every machine; "person" when nothing is left.
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = "-".join(re.findall(r"[^\W_]+", kept))[:60].strip("-")
    return slug or "person"


# --- the evidence log -------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One piece of evidence about a person's work, logged when it happened."""

    text: str
    """What happened, in a sentence."""
    day: date
    """The day it happened (the day it was logged, unless said otherwise)."""
    theme: str = NO_THEME
    """One of THEMES, or "" when none was given."""
    id: str = field(default_factory=new_id)
    """The entry's id: the same on every machine, so copies merge and imports never duplicate."""
    logged_at: datetime = field(default_factory=utc_now)
    """When it was logged."""
    updated_at: datetime = field(default_factory=utc_now)
    """When it last changed (logged, edited, deleted or restored): the newer copy wins a merge."""
    deleted_at: datetime | None = None
    """When it was deleted; a deleted entry is kept so an undo, or a merge, knows about it."""

    @property
    def deleted(self) -> bool:
        """True once deleted (and not restored)."""
        return self.deleted_at is not None

    def to_doc(self) -> dict:
        """The entry as its database stores it."""
        return {
            "id": self.id,
            "day": self.day.isoformat(),
            "theme": self.theme,
            "text": self.text,
            "logged_at": self.logged_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
        }

    @classmethod
    def from_doc(cls, doc: object) -> Entry:
        """The entry a stored document holds; UnreadablePerson says which field is wrong."""
        if not isinstance(doc, dict):
            raise UnreadablePerson("holds an evidence entry that is not a record")
        text = _text(doc, "text", "evidence entry")
        if not text.strip():
            raise UnreadablePerson("holds an evidence entry with no text")
        theme = _text(doc, "theme", "evidence entry", default=NO_THEME)
        if theme and theme not in THEMES:
            raise UnreadablePerson(f"holds an evidence entry with the unknown theme “{theme}”")
        return cls(
            id=_id(doc, "evidence entry"),
            text=text,
            day=_day(doc, "day", "evidence entry"),
            theme=theme,
            logged_at=_moment(doc, "logged_at", "evidence entry"),
            updated_at=_moment(doc, "updated_at", "evidence entry"),
            deleted_at=_moment(doc, "deleted_at", "evidence entry", optional=True),
        )


def new_entry(text: str, theme: str, day: date, now: datetime) -> Entry:
    """A new entry, checked: PeopleError when its text is empty."""
    tidy = tidy_text(text)
    if not tidy:
        raise PeopleError("The entry is empty: say what happened, e.g. meetingdesk log --with Dana \"Led the incident review\".")
    return Entry(text=tidy, day=day, theme=theme, logged_at=now, updated_at=now)


def live_entries(entries: Iterable[Entry], since: date | None = None) -> list[Entry]:
    """The entries not deleted (on or after `since` when given), oldest day first, then as logged."""
    kept = [entry for entry in entries if not entry.deleted and (since is None or entry.day >= since)]
    return sorted(kept, key=lambda entry: (entry.day, entry.logged_at))


def by_theme(entries: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped by theme in THEMES order, entries without a theme last; empty groups left out."""
    groups: dict[str, list[Entry]] = {theme: [] for theme in (*THEMES, NO_THEME)}
    for entry in entries:
        groups.setdefault(entry.theme, []).append(entry)
    return [(theme, found) for theme, found in groups.items() if found]


def theme_label(theme: str) -> str:
    """"Impact", or "No theme"."""
    return theme.capitalize() if theme else "No theme"


def merge_entries(here: Iterable[Entry], incoming: Iterable[Entry]) -> tuple[list[Entry], int]:
    """Both lists as one, by id: the copy changed last wins. Returns the result and how many incoming changed it."""
    merged = {entry.id: entry for entry in here}
    changed = 0
    for entry in incoming:
        held = merged.get(entry.id)
        if held is None or (entry.updated_at > held.updated_at and entry != held):
            merged[entry.id] = entry
            changed += 1
    return list(merged.values()), changed


# --- the profile ------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What the manager knows about one person, beyond the meetings."""

    name: str
    """Their full name, spelled as first given."""
    email: str = ""
    """Where their summaries go."""
    role: str = ""
    """Their current role."""
    target_roles: tuple[str, ...] = ()
    """The roles they are aiming for, most wanted first."""
    aspirations: str = ""
    """What they hope to be doing in a few years, in their words."""
    cadence: str = ""
    """How often the two of you check in ("monthly"), "" when not said."""
    notes: str = ""
    """Anything else worth remembering."""
    updated_at: datetime = field(default_factory=utc_now)
    """When the profile last changed."""

    def to_doc(self) -> dict:
        """The profile as its database stores it."""
        return {
            "name": self.name,
            "email": self.email,
            "role": self.role,
            "target_roles": list(self.target_roles),
            "aspirations": self.aspirations,
            "cadence": self.cadence,
            "notes": self.notes,
            "updated_at": self.updated_at.isoformat(),
        }

    @classmethod
    def from_doc(cls, doc: object) -> Profile:
        """The profile a stored document holds; UnreadablePerson says which field is wrong."""
        if not isinstance(doc, dict):
            raise UnreadablePerson("holds a profile that is not a record")
        name = " ".join(_text(doc, "name", "profile").split())
        if not name:
            raise UnreadablePerson("holds a profile with no name")
        roles = doc.get("target_roles", [])
        if not isinstance(roles, list) or not all(isinstance(role, str) for role in roles):
            raise UnreadablePerson("holds a profile whose target_roles is not a list of roles")
        return cls(
            name=name,
            email=_text(doc, "email", "profile", default=""),
            role=_text(doc, "role", "profile", default=""),
            target_roles=tuple(roles),
            aspirations=_text(doc, "aspirations", "profile", default=""),
            cadence=_text(doc, "cadence", "profile", default=""),
            notes=_text(doc, "notes", "profile", default=""),
            updated_at=_moment(doc, "updated_at", "profile"),
        )

    def value(self, name: str) -> str:
        """A field as one line of text: target roles joined with "; "."""
        held = getattr(self, name)
        return "; ".join(held) if isinstance(held, tuple) else held


@dataclass(frozen=True)
class Change:
    """One change to a tracked profile field (role, target roles, aspirations): what it became and when."""

    field: str
    """Which field: one of TRACKED_FIELDS."""
    value: str
    """What it became, as one line ("" when cleared)."""
    at: datetime
    """When it changed."""
    meeting_id: str | None = None
    """The meeting it was agreed in, when it came from one (a career discussion)."""
    id: str = field(default_factory=new_id)
    """The change's id, so copies merge without doubling it."""

    def to_doc(self) -> dict:
        """The change as its database stores it."""
        return {"id": self.id, "field": self.field, "value": self.value, "at": self.at.isoformat(), "meeting_id": self.meeting_id}

    @classmethod
    def from_doc(cls, doc: object) -> Change:
        """The change a stored document holds; UnreadablePerson says which field is wrong."""
        if not isinstance(doc, dict):
            raise UnreadablePerson("holds a profile change that is not a record")
        what = _text(doc, "field", "profile change")
        if what not in TRACKED_FIELDS:
            raise UnreadablePerson(f"holds a change to the unknown profile field “{what}”")
        meeting_id = doc.get("meeting_id")
        if meeting_id is not None and not isinstance(meeting_id, str):
            raise UnreadablePerson("holds a profile change whose meeting_id is not text")
        return cls(
            id=_id(doc, "profile change"),
            field=what,
            value=_text(doc, "value", "profile change", default=""),
            at=_moment(doc, "at", "profile change"),
            meeting_id=meeting_id,
        )


def changed_profile(profile: Profile, now: datetime, meeting_id: str | None = None, **values) -> tuple[Profile, list[Change]]:
    """`profile` with `values` set, and a Change for each tracked field whose value moved.

    Text is tidied (target roles: each tidied, empty ones dropped); PeopleError for a
    field a profile does not have.
    """
    unknown = sorted(set(values) - set(PROFILE_FIELDS))
    if unknown:
        raise PeopleError(f"A profile has no field “{unknown[0]}”: it holds {', '.join(PROFILE_FIELDS)}.")
    tidied: dict[str, object] = {}
    for name, value in values.items():
        if name == "target_roles":
            roles = value.split(";") if isinstance(value, str) else list(value)
            tidied[name] = tuple(dict.fromkeys(tidy_text(role) for role in roles if tidy_text(role)))
        elif name == "notes":
            tidied[name] = value.strip()
        elif name == "email" and tidy_text(value):
            from meetingdesk.email_draft import check_address  # stdlib email: only when an address is set

            try:
                tidied[name] = check_address(tidy_text(value))
            except ValueError as error:
                raise PeopleError(str(error)) from None
        elif name == "cadence" and tidy_text(value):
            from meetingdesk.goals import parse_cadence  # the one list of cadences (loads the models: only when set)

            tidied[name] = parse_cadence(value)
        else:
            tidied[name] = tidy_text(value)
    updated = replace(profile, **tidied, updated_at=now)
    changes = [
        Change(field=name, value=updated.value(name), at=now, meeting_id=meeting_id)
        for name in TRACKED_FIELDS
        if name in tidied and updated.value(name) != profile.value(name)
    ]
    if updated == replace(profile, updated_at=now):
        return profile, []
    return updated, changes


# --- reading stored documents -------------------------------------------------------------


def _text(doc: dict, key: str, what: str, default: str | None = None) -> str:
    value = doc.get(key, default)
    if not isinstance(value, str):
        raise UnreadablePerson(f"holds a {what} whose {key} is not text")
    return value


def _id(doc: dict, what: str) -> str:
    value = doc.get("id")
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,128}", value):
        raise UnreadablePerson(f"holds a {what} without a usable id")
    return value


def _day(doc: dict, key: str, what: str) -> date:
    try:
        return date.fromisoformat(_text(doc, key, what))
    except ValueError:
        raise UnreadablePerson(f"holds a {what} whose {key} is not a date") from None


def _moment(doc: dict, key: str, what: str, optional: bool = False) -> datetime:
    value = doc.get(key)
    if value is None and optional:
        return None  # type: ignore[return-value]
    try:
        moment = datetime.fromisoformat(_text(doc, key, what))
    except ValueError:
        raise UnreadablePerson(f"holds a {what} whose {key} is not a time") from None
    if moment.tzinfo is None:
        raise UnreadablePerson(f"holds a {what} whose {key} has no time zone")
    return moment
