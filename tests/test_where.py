"""Event places from the sentence, resolved to gazetteer entries, on real parses."""

from __future__ import annotations

import pytest

from eventwire.where import find_place, gazetteer, locate


def place(parse, text: str, trigger: str, countries: set[str] | None = None):
    sentence = parse(text)
    token = next(t for t in sentence if t.text == trigger)
    return find_place(sentence, token, countries)


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Artillery hit apartment blocks in Kharkiv.", "hit", "Kharkiv", "UKR"),
        ("Fighting flared near Bakhmut on Sunday.", "flared", "Bakhmut", "UKR"),
        ("Crowds gathered outside Gaza City.", "gathered", "Gaza", "PSE"),
        ("The foreign ministers met in Geneva.", "met", "Geneva", "CHE"),
        ("Jets bombed rebel positions on the outskirts of Khartoum.", "bombed", "Khartoum", "SDN"),
        ("Drones struck Odesa overnight.", "struck", "Odesa", "UKR"),
        ("Aid trucks entered Khan Younis.", "entered", "Khan Yunis", "PSE"),
        ("Negotiators gathered in Port-au-Prince.", "gathered", "Port-au-Prince", "HTI"),
    ],
)
def test_towns_resolve_with_coordinates(parse, text, trigger, name, country):
    location, precision = place(parse, text, trigger)
    assert (location.name, location.country, precision) == (name, country, "city")
    assert location.geonameid and location.lat is not None and location.lon is not None


def test_country_phrase_gives_country_precision(parse):
    location, precision = place(
        parse, "Heavy clashes were reported in eastern Ukraine.", "reported"
    )
    assert (location.text, location.country, precision) == ("eastern Ukraine", "UKR", "country")
    assert location.lat is None and location.geonameid == 690791


def test_a_town_of_the_country_refines_it(parse):
    location, precision = place(parse, "Fighting raged in eastern Ukraine near Pokrovsk.", "raged")
    assert (location.text, location.country, precision) == ("Pokrovsk", "UKR", "city")


def test_regions_table(parse):
    location, precision = place(parse, "Troops moved into the Gaza Strip.", "moved")
    assert (location.name, location.country, precision) == ("Gaza Strip", "PSE", "region")


def test_place_of_the_trigger_wins_over_the_reporting_clause(parse):
    text = "Missiles destroyed a bridge in Zaporizhzhia, officials said in Kyiv."
    assert place(parse, text, "destroyed")[0].text == "Zaporizhzhia"
    assert place(parse, text, "said")[0].text == "Kyiv"


def test_article_countries_disambiguate(parse):
    text = "Gunmen attacked a checkpoint in Tripoli."
    assert place(parse, text, "attacked")[0].country == "LBY"  # the larger Tripoli
    assert place(parse, text, "attacked", {"LBN"})[0].country == "LBN"


def test_country_named_like_a_town_is_the_country(parse):
    location, precision = place(parse, "Rockets were fired from southern Lebanon.", "fired")
    assert (location.country, precision) == ("LBN", "country")


def test_single_article_country_is_the_fallback(parse):
    location, precision = place(parse, "The envoy met the rebels.", "met", {"MLI"})
    assert (location.text, location.country, precision) == ("", "MLI", "country")
    assert place(parse, "The envoy met the rebels.", "met") is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Reading the statement aloud, the minister condemned the raid.", "condemned"),
        ("Nice words were exchanged at the summit.", "exchanged"),
        ("Victoria Beckham visited the hospital.", "visited"),
        ("Split decisions angered the delegates.", "angered"),
        ("The court imposed sanctions on Syria.", "imposed"),
        ("Russia attacked Ukraine.", "attacked"),
        ("The ministers met in March.", "met"),
        ("Casualties were reported at the border.", "reported"),
    ],
)
def test_no_false_places(parse, text, trigger):
    assert place(parse, text, trigger) is None


def test_ambiguous_names_count_after_a_locative_preposition(parse):
    assert place(parse, "Police arrested protesters in Reading.", "arrested")[0].country == "GBR"
    assert place(parse, "The delegation stayed in Nice.", "stayed")[0].country == "FRA"


def test_locate_returns_the_location_alone(parse):
    sentence = parse("Shelling damaged a school in Sumy.")
    trigger = next(t for t in sentence if t.text == "damaged")
    assert locate(sentence, trigger).name == "Sumy"


def test_gazetteer_codes_are_project_codes():
    gaz = gazetteer()
    assert gaz.countries["PSE"].name.startswith("Palestin")
    assert gaz.countries["KSV"].name == "Kosovo"
    assert all(len(code) == 3 for code in gaz.countries)
