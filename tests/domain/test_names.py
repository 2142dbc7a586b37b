"""A person is the same person whatever the spacing or the letter case of their name."""

from __future__ import annotations

from meetingdesk.names import name_key, same_name, tidy_name


def test_tidy_name_collapses_and_trims_spaces_but_keeps_the_spelling() -> None:
    assert tidy_name("  Dana   Lee \t") == "Dana Lee"
    assert tidy_name("Zoë  Ångström") == "Zoë Ångström"


def test_two_spellings_of_one_name_are_one_person() -> None:
    assert same_name("Dana Lee", "  dana   LEE ")
    assert name_key("Straße") == name_key("STRASSE")
    assert not same_name("Dana Lee", "Dana Leeds")
