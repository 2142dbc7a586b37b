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


# --- a typed name matched against the people known ----------------------------------------

import pytest  # noqa: E402

from meetingdesk.names import UnclearName, find_people, resolve_person  # noqa: E402

KNOWN = ["Priya Raman", "Marta Lopez Garcia", "Dan Brown", "Dana Lee", "priya raman"]


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("Priya Raman", "Priya Raman"),
        ("  PRIYA   raman ", "Priya Raman"),
        ("priyaraman", "Priya Raman"),
        ("priya", "Priya Raman"),
        ("raman", "Priya Raman"),
        ("Pri", "Priya Raman"),
        ("ram", "Priya Raman"),
        ("marta lo", "Marta Lopez Garcia"),
        ("lopez", "Marta Lopez Garcia"),
        ("garcia", "Marta Lopez Garcia"),
        ("dan", "Dan Brown"),  # a whole first name beats the start of "Dana"
        ("dana", "Dana Lee"),
    ],
)
def test_a_full_first_or_last_name_or_the_start_of_one_finds_the_person(typed: str, meant: str) -> None:
    assert resolve_person(typed, KNOWN) == meant


def test_a_person_keeps_the_spelling_first_given() -> None:
    assert find_people("PRIYA RAMAN", KNOWN) == ["Priya Raman"]
    assert resolve_person("priya raman", ["priya raman", "Priya Raman"]) == "priya raman"


def test_a_name_that_fits_nobody_is_none() -> None:
    assert resolve_person("Zoë", KNOWN) is None
    assert resolve_person("   ", KNOWN) is None


def test_a_name_that_fits_several_people_names_them_in_one_sentence() -> None:
    with pytest.raises(UnclearName) as raised:
        resolve_person("da", KNOWN, asked_as="--with")
    sentence = str(raised.value)
    assert sentence == '--with “da” could be Dan Brown or Dana Lee: give more of the name, e.g. --with "Dan Brown".'
    assert raised.value.people == ["Dan Brown", "Dana Lee"]
    with pytest.raises(UnclearName, match="“priya” could be Priya Raman or Priya Shah: give more of the name"):
        resolve_person("priya", ["Priya Raman", "Priya Shah"])
