"""Datelines and the article's main place, for events their own sentence does not place."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import make_event

from eventwire.coding.article_places import dateline_place
from eventwire.evaluation.gold import GoldRecord
from eventwire.evaluation.where_eval import WhereScores, where_scores
from eventwire.models import Location

DAY = date(2025, 3, 14)


def first_of(coder, text: str, event_type: str):
    """The first event of this type coded from a two-sentence article."""
    return next(e for e in coder.code_text(text, DAY) if e.event_type == event_type)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("PEZINOK, Slovakia (AP) - The court ordered the suspect held.", "Pezinok", "SVK"),
        ("NAIROBI, Kenya -- Police dispersed the crowd.", "Nairobi", "KEN"),
        ("Budapest, Dec 6 (EFE).- The court annulled the vote.", "Budapest", "HUN"),
        ("Stockholm: The academy named the winner.", "Stockholm", "SWE"),
        ("PORTLAND, Oregon - Protesters marched downtown.", "Portland", "USA"),
    ],
)
def test_datelines(text, name, country):
    place = dateline_place(text)
    assert (place.name, place.country) == (name, country)
    assert place.reason == "the article's dateline" and place.lat is not None


@pytest.mark.parametrize(
    "text",
    [
        "KYIV and MOSCOW - Drones crossed the border overnight.",  # two places: none
        "Talks resumed on Monday in Geneva - officials said.",  # a sentence, no dateline
        "The minister resigned.",
    ],
)
def test_no_dateline(text):
    assert dateline_place(text) is None


def test_the_dateline_places_only_events_at_home_there(coder):
    text = (
        "MOGADISHU, Somalia (AP) - Somali police arrested dozens of protesters on Friday.\n"
        "The Kenyan government condemned the arrests."
    )
    arrest = first_of(coder, text, "COERCE").location
    assert (arrest.name, arrest.reason) == ("Mogadishu", "the article's dateline")
    events = coder.code_text(text, DAY)
    condemnation = [e for e in events if e.event_type == "ACCUSE"]
    assert all(e.location is None or e.location.country != "SOM" for e in condemnation)


def test_the_main_place_places_the_articles_other_events(coder):
    text = (
        "Heavy fighting broke out in Tripoli on Monday between rival militias.\n"
        "The Libyan government declared a ceasefire on Tuesday."
    )
    events = coder.code_text(text, DAY)
    ceasefire = next(e for e in events if e.sentence_index == 1)
    assert ceasefire.location.name == "Tripoli"
    assert ceasefire.location.reason == "the article's main place"


def test_a_claim_over_a_region_does_not_make_it_the_main_place(coder):
    text = (
        "Venezuela pressed its claim over the Essequibo region on Sunday.\n"
        "Guyana's president accused Venezuela of threatening its borders."
    )
    events = coder.code_text(text, DAY)
    assert events and all(e.location is None for e in events)


def test_the_dateline_does_not_place_an_attack_in_the_field(coder):
    text = (
        "YANGON (AP) - Military aircraft of Myanmar's junta bombed a village on Friday.\n"
        "Myanmar's foreign ministry rejected the criticism of the United Nations."
    )
    assert first_of(coder, text, "ASSAULT").location is None
    assert first_of(coder, text, "REJECT").location.reason == "the article's dateline"


def test_a_mobilisation_towards_a_neighbour_stays_home(coder):
    text = (
        "Fighting flared again in Kharkiv on Monday.\n"
        "Belarus deployed special forces units against Ukraine on Tuesday."
    )
    deployment = first_of(coder, text, "MOBILIZE").location
    assert deployment is None or deployment.country == "BLR"


def test_where_scores_count_traps_and_gold_places():
    record = GoldRecord(
        id="g", text="x", ontology="PLOVER",
        where={
            "places": [{"name": "north of Khartoum", "country": "SDN", "kind": "region"},
                       {"name": "Afghan territory", "country": "AFG", "kind": "country"}],
            "not_places": ["Moscow", "Pakistan Tehreek-e-Insaf"],
            "dates": [{"event": "ASSAULT RUS->UKR", "date": "2024-03-01", "precision": "day"}],
        },
    )  # fmt: skip
    places = [
        Location(text="Khartoum", name="Khartoum", country="SDN", precision="city"),
        Location(text="Afghanistan", name="Afghanistan", country="AFG", precision="country"),
        Location(text="Moscow", name="Moscow", country="RUS", precision="city"),
        Location(text="Pakistan", name="Pakistan", country="PAK", precision="country"),
        Location(text="Lyon", name="Lyon", country="FRA", precision="city"),
    ]
    events = [make_event("g", i, when=date(2024, 3, 1)) for i in range(len(places))]
    events = [e.model_copy(update={"location": p}) for e, p in zip(events, places, strict=True)]
    scores: WhereScores = where_scores([(record, events)])
    assert (scores.predicted_places, scores.right_places, scores.trap_places) == (5, 2, 2)
    assert (scores.gold_places, scores.found_places) == (2, 2)
    assert (scores.matched_dates, scores.right_dates) == (1, 1)


def test_a_gold_place_whose_gazetteer_name_is_used_as_an_actor_is_right():
    record = GoldRecord(
        id="g", text="x", ontology="PLOVER",
        where={
            "places": [{"name": "Afghan territory", "country": "AFG", "kind": "country"}],
            "not_places": ["Afghanistan", "Kabul"],
        },
    )  # fmt: skip
    places = [
        Location(text="Afghan territory", name="Afghanistan", country="AFG", precision="country"),
        Location(text="Afghanistan", name="Afghanistan", country="AFG", precision="country"),
        Location(text="Kabul's", name="Kabul", country="AFG", precision="city"),
    ]
    for place in places:
        event = make_event("g", 0).model_copy(update={"location": place})
        scores = where_scores([(record, [event])])
        expected = (1, 0) if place.text == "Afghan territory" else (0, 1)
        assert (scores.right_places, scores.trap_places) == expected, place.text


def test_a_domestic_act_between_two_parts_of_a_country_is_in_that_country(coder):
    text = "Soldiers of the Malian army detained the prime minister on Tuesday."
    detention = first_of(coder, text, "COERCE").location
    assert (detention.name, detention.precision) == ("Mali", "country")
    assert detention.reason == "both sides are of this country" and detention.lat is None


def test_a_mobilisation_aimed_at_no_one_is_on_its_actors_ground(coder):
    text = "Mali's junta ordered a general mobilisation of reservists on Tuesday."
    mobilisation = first_of(coder, text, "MOBILIZE").location
    assert (mobilisation.name, mobilisation.precision) == ("Mali", "country")


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # an attack between two countries: where it lands is no safe guess
        ("Russian drones struck Ukrainian power plants on Tuesday.", "ASSAULT"),
        # a mobilisation against a neighbour may be at sea or abroad
        ("China massed troops on the border with Taiwan on Tuesday.", "MOBILIZE"),
    ],
)
def test_no_country_is_guessed_for_an_act_between_countries(coder, text, event_type):
    events = [e for e in coder.code_text(text, DAY) if e.event_type == event_type]
    assert events and all(e.location is None for e in events)


def test_a_domestic_statement_gets_no_country_guess(coder):
    text = "Mali's army chief accused the Malian government of corruption on Tuesday."
    events = [e for e in coder.code_text(text, DAY) if e.event_type == "ACCUSE"]
    assert events and all(e.location is None for e in events)


def test_a_territory_owned_by_a_pronoun_is_its_owners_country(coder):
    text = "Lithuania said it shot down two Russian drones that entered its airspace on Monday."
    downing = first_of(coder, text, "ASSAULT").location
    assert (downing.text, downing.name, downing.precision) == (
        "its airspace",
        "Lithuania",
        "country",
    )


def test_a_statement_is_not_placed_where_what_it_is_about_went(coder):
    text = "The minister condemned the Russian drones that entered Lithuanian airspace."
    condemnation = first_of(coder, text, "ACCUSE")
    assert condemnation.location is None
