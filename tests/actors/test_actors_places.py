"""Towns named as actors or recipients resolve to their country, as the last resort."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import get_resolver

DAY = date(2024, 3, 1)


@pytest.fixture(scope="module")
def resolver():
    return get_resolver()


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kharkiv", "UKR"),
        ("Kherson", "UKR"),
        ("Odesa", "UKR"),
        ("Avdiivka", "UKR"),  # small, but in a country at war
        ("Gaza", "PSE"),
        ("Rafah", "PSE"),
        ("Aleppo", "SYR"),
        ("Mosul", "IRQ"),
        ("the city of Kharkiv", "UKR"),
        ("the Gaza Strip", "PSE"),
    ],
)
def test_town_resolves_to_its_country(resolver, text, country):
    found = resolver.resolve(text, DAY)
    assert found is not None
    assert (found.kind, found.country, found.sector, found.code) == (
        "place",
        country,
        None,
        country,
    )
    assert found.confidence == pytest.approx(0.6)
    assert "(gazetteer)" in found.reason


@pytest.mark.parametrize(
    "text",
    ["Chad Smith", "Georgia Tech", "Michael Jordan", "Rugby", "Reading", "Victoria", "Nice",
     "Jackson", "March", "Kyiv Post", "the minister"],
)  # fmt: skip
def test_words_and_names_are_not_places(resolver, text):
    found = resolver.resolve(text, DAY)
    assert found is None or found.kind != "place"


def test_tables_win_over_the_gazetteer(resolver):
    found = resolver.resolve("Moscow", DAY)
    assert (found.kind, found.code) == ("metonym", "RUSGOV")
    assert resolver.resolve("Ukrainian troops in Kharkiv", DAY).code == "UKRMIL"


def test_coded_recipient_in_a_sentence(coder):
    events = coder.code_text("Russian forces shelled Kharkiv.", date=DAY)
    recipients = {e.recipient.country for e in events if e.recipient is not None}
    assert "UKR" in recipients
