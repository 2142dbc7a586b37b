"""The people domain: themes by prefix, a person's file name, entries and profiles checked as they are read."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from meetingdesk.people import (
    THEMES,
    Entry,
    PeopleError,
    Profile,
    UnreadablePerson,
    by_theme,
    changed_profile,
    live_entries,
    merge_entries,
    new_entry,
    parse_theme,
    person_slug,
)

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("typed", "theme"),
    [("impact", "impact"), ("IMP", "impact"), ("d", "deliverables"), ("lead", "leadership"),
     ("learn", "learning"), (" Feedback ", "feedback"), ("", ""), (None, "")],
)  # fmt: skip
def test_a_theme_is_named_by_its_start_in_any_case(typed, theme) -> None:
    assert parse_theme(typed) == theme


def test_an_unknown_or_unclear_theme_is_one_sentence_naming_the_choices() -> None:
    with pytest.raises(PeopleError) as unknown:
        parse_theme("wins")
    assert str(unknown.value) == (
        "--theme “wins” is not a theme: use deliverables, collaboration, leadership, impact, learning or feedback "
        "(the first letters are enough)."
    )
    with pytest.raises(PeopleError, match="“le” could be leadership or learning"):
        parse_theme("le")


def test_a_persons_file_is_named_after_them_the_same_on_every_machine() -> None:
    assert person_slug("Dana Lee") == "dana-lee"
    assert person_slug("  Zoë   O'Brien-Smith ") == "zoe-o-brien-smith"
    assert person_slug("李 小龙") == "李-小龙"
    assert person_slug("../../etc") == "etc"
    assert person_slug("!!!") == "person"


def test_an_empty_entry_is_refused_and_text_is_tidied() -> None:
    with pytest.raises(PeopleError, match="The entry is empty"):
        new_entry("  \n ", "", date(2026, 11, 23), NOW)
    assert new_entry(" Led  the\nreview ", "impact", date(2026, 11, 23), NOW).text == "Led the review"


def test_an_entry_round_trips_and_a_bad_stored_one_is_named() -> None:
    entry = new_entry("Led the review", "impact", date(2026, 3, 1), NOW)
    assert Entry.from_doc(entry.to_doc()) == entry
    for broken, words in [
        ({**entry.to_doc(), "theme": "wins"}, "unknown theme “wins”"),
        ({**entry.to_doc(), "day": "soon"}, "day is not a date"),
        ({**entry.to_doc(), "id": "../x"}, "without a usable id"),
        ({**entry.to_doc(), "text": ""}, "no text"),
        ({**entry.to_doc(), "logged_at": "2026-01-01T10:00:00"}, "no time zone"),
        ("text", "not a record"),
    ]:
        with pytest.raises(UnreadablePerson, match=words):
            Entry.from_doc(broken)


def test_entries_are_grouped_by_theme_in_review_order_deleted_ones_left_out() -> None:
    made = [new_entry(f"{theme or 'none'} {n}", theme, date(2026, 1, 1 + n), NOW) for n, theme in enumerate(["impact", "", "deliverables", "impact"])]
    gone = Entry(text="gone", day=date(2026, 2, 1), theme="impact", deleted_at=NOW)
    groups = by_theme(live_entries([*made, gone]))
    assert [(theme, [entry.text for entry in entries]) for theme, entries in groups] == [
        ("deliverables", ["deliverables 2"]),
        ("impact", ["impact 0", "impact 3"]),
        ("", ["none 1"]),
    ]
    assert [entry.text for entry in live_entries(made, since=date(2026, 1, 3))] == ["deliverables 2", "impact 3"]
    assert set(THEMES) == {"deliverables", "collaboration", "leadership", "impact", "learning", "feedback"}


def test_merging_keeps_each_entry_once_and_the_later_change_wins() -> None:
    here = new_entry("Led the review", "impact", date(2026, 3, 1), NOW)
    edited = Entry(**{**here.__dict__, "text": "Led the incident review", "updated_at": NOW.replace(hour=15)})
    other = new_entry("Mentored Bo", "leadership", date(2026, 3, 2), NOW)
    merged, changed = merge_entries([here], [edited, other])
    assert sorted(entry.text for entry in merged) == ["Led the incident review", "Mentored Bo"] and changed == 2
    again, changed = merge_entries(merged, [here, edited, other])
    assert sorted(entry.text for entry in again) == sorted(entry.text for entry in merged) and changed == 0


def test_a_profile_change_records_the_tracked_fields_that_moved() -> None:
    profile = Profile(name="Dana Lee", role="Engineer", updated_at=NOW)
    later = NOW.replace(hour=16)
    updated, changes = changed_profile(profile, later, "m1", role="Engineer", target_roles="Tech lead;  ; Manager", email=" d@x.org ")
    assert updated.target_roles == ("Tech lead", "Manager") and updated.email == "d@x.org"
    assert [(c.field, c.value, c.meeting_id) for c in changes] == [("target_roles", "Tech lead; Manager", "m1")]
    same, none = changed_profile(updated, later, role="Engineer")
    assert same is updated and none == []
    with pytest.raises(PeopleError, match="no field “salary”"):
        changed_profile(profile, later, salary="lots")
    assert Profile.from_doc(updated.to_doc()) == updated
