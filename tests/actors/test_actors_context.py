"""Coreference rules inside one article, on small articles written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import ArticleContext, get_resolver

D = date(2024, 9, 10)


@pytest.fixture()
def read():
    """Resolve mentions in reading order, observing each like the coder does."""
    resolver = get_resolver()
    context = ArticleContext()

    def step(text: str, observe: bool = True):
        found = resolver.resolve(text, D, context)
        if observe and found is not None:
            if found.kind == "list" and found.antecedent is None and "conjunction" in found.reason:
                context.observe_group(found.members)
            else:
                context.observe(found)
        return found

    return step


def test_pronouns_follow_person_and_country(read):
    read("French President Emmanuel Macron")
    read("Germany")
    assert read("He").name == "Emmanuel Macron"
    assert read("it").code == "DEU"
    assert read("its").kind == "pronoun"


def test_pronoun_without_antecedent_is_none(read):
    read("Germany")
    assert read("she") is None


def test_they_takes_last_plural(read):
    read("Israeli police")
    read("Iranian protesters")
    assert read("they").code == "IRNCVL"


def test_bare_title_finds_the_holder_seen_in_context(read):
    if "Antony Blinken" not in get_resolver().kb.tenures:
        pytest.skip("people tables not present")
    read("US Secretary of State Antony Blinken")
    read("British Foreign Secretary David Lammy")
    assert read("The Secretary of State").name == "Antony Blinken"
    assert read("the minister").name == "Antony Blinken"  # the last minister mentioned


def test_bare_title_falls_back_to_office_of_last_country(read):
    read("Brazil")
    found = read("the president")
    assert (found.country, found.sector, found.kind) == ("BRA", "GOV", "title")


def test_plural_references_give_members(read):
    read("China, Iran and North Korea")
    found = read("these countries")
    assert [m.code for m in found.members] == ["CHN", "IRN", "PRK"]


def test_two_leaders_are_the_last_two_people(read):
    read("Kenyan President William Ruto")
    read("Canada")
    read("Ethiopia")
    read("Chancellor Olaf Scholz")
    assert read("both countries").members[0].code == "CAN"
    leaders = read("the two leaders")
    if leaders is None:
        pytest.skip("people tables do not list these leaders")
    assert len(leaders.members) == 2


def test_surname_reuses_person_seen_in_context(read):
    found = read("Antony Blinken")
    if found is None or found.kind != "person":
        pytest.skip("people tables not present")
    assert read("Blinken").name == "Antony Blinken"
