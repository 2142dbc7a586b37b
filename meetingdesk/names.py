"""People's names: the one way two spellings are compared, a name is tidied, and a typed name is matched.

A person is the same person whatever the letter case or the spacing of their name:
"Dana  Lee", "dana lee" and "DANA LEE" are one person, and keeps the spelling first
given. A name typed in a filter or a form may be the full name, the first or last
name, or the start of the name: `find_people` and `resolve_person` say whom it
means. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable

from meetingdesk.errors import MeetingDeskError


UNNAMED_MANAGER = "Manager"
"""Who runs a meeting planned or started before the manager said their name (replaced once they do)."""


class UnclearName(MeetingDeskError):
    """A typed name that fits several people: the sentence names them."""

    def __init__(self, sentence: str, typed: str, people: list[str]) -> None:
        super().__init__(sentence)
        self.typed = typed
        """The name as typed."""
        self.people = people
        """Everyone it fits, in the order they were known."""


def tidy_name(name: str) -> str:
    """`name` with its whitespace collapsed to single spaces and trimmed: "  Dana   Lee " → "Dana Lee"."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    """What two spellings of one name have in common: tidied and case-folded."""
    return tidy_name(name).casefold()


def same_name(first: str, second: str) -> bool:
    """True when both spellings name the same person."""
    return name_key(first) == name_key(second)


def find_people(typed: str, known: Iterable[str], whole_words: bool = False) -> list[str]:
    """The people in `known` that `typed` may mean, the closest kind of match only, each once.

    Closest first: the same name (any case or spacing, or written without spaces:
    "priyaraman"); else a name with whole words equal to it (the first or last name,
    "raman", or a run of words, "marta lopez" for "Marta Lopez Garcia"); else, unless
    `whole_words`, a name one of whose words starts what was typed ("pri", "ram",
    "marta lo"). Several spellings of one person count once, as first listed in `known`.
    """
    wanted = name_key(typed)
    if not wanted:
        return []
    first_spelling: dict[str, str] = {}
    for name in known:
        if name_key(name):
            first_spelling.setdefault(name_key(name), tidy_name(name))
    tiers: tuple[list[str], list[str], list[str]] = ([], [], [])
    for key, name in first_spelling.items():
        words = key.split()
        tails = [" ".join(words[start:]) for start in range(len(words))]
        runs = {" ".join(words[start:end]) for start in range(len(words)) for end in range(start + 1, len(words) + 1)}
        if key == wanted or key.replace(" ", "") == wanted.replace(" ", ""):
            tiers[0].append(name)
        elif wanted in runs:
            tiers[1].append(name)
        elif not whole_words and any(tail.startswith(wanted) for tail in tails):
            tiers[2].append(name)
    return next((tier for tier in tiers if tier), [])


def resolve_person(typed: str, known: Iterable[str], asked_as: str = "") -> str | None:
    """The one person in `known` that `typed` means, spelled as first given; None when it fits nobody.

    When it fits several, raises UnclearName with one sentence naming them; `asked_as`
    (e.g. "--with") starts that sentence and shows how to give more of the name.
    """
    found = find_people(typed, known)
    if len(found) > 1:
        shown = tidy_name(typed)
        named = found if len(found) <= 5 else [*found[:5], f"{len(found) - 5} others"]
        names = ", ".join(named[:-1]) + f" or {named[-1]}"
        lead = f"{asked_as} “{shown}”" if asked_as else f"“{shown}”"
        example = f'{asked_as} "{found[0]}"' if asked_as else f"“{found[0]}”"
        raise UnclearName(f"{lead} could be {names}: give more of the name, e.g. {example}.", shown, found)
    return found[0] if found else None
