"""People's names: the one way two spellings are compared, and a name is tidied.

A person is the same person whatever the letter case or the spacing of their name:
"Dana  Lee", "dana lee" and "DANA LEE" are one person. Nothing here imports Textual.
"""

from __future__ import annotations


def tidy_name(name: str) -> str:
    """`name` with its whitespace collapsed to single spaces and trimmed: "  Dana   Lee " → "Dana Lee"."""
    return " ".join(name.split())


def name_key(name: str) -> str:
    """What two spellings of one name have in common: tidied and case-folded."""
    return tidy_name(name).casefold()


def same_name(first: str, second: str) -> bool:
    """True when both spellings name the same person."""
    return name_key(first) == name_key(second)
