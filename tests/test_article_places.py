"""Datelines and the article's main place, for events their own sentence does not place."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import make_event

from eventwire.article_places import dateline_place
from eventwire.gold import GoldRecord
from eventwire.models import Location
from eventwire.where_eval import WhereScores, where_scores

DAY = date(2025, 3, 14)


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
    events = coder.code_text(text, DAY)
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert (arrest.location.name, arrest.location.reason) == (
        "Mogadishu",
        "the article's dateline",
    )
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
