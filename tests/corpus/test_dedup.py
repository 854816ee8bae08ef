"""Deduplication: stories of near-identical text, mentions merged into real-world events."""

from __future__ import annotations

import random
from datetime import date

from store_helpers import make_article, make_event

from eventwire.corpus import dedup, store
from eventwire.corpus.dedup import Mention, merge_mentions

D = date(2024, 3, 1)


def mention(article: str, **kw) -> Mention:
    base = {"id": f"{article}-m", "event_type": "ASSAULT", "actor_country": "RUS",
            "recipient_country": "UKR", "date": D, "source": f"src-{article}"}  # fmt: skip
    base.update(kw)
    return Mention(article_hash=article, **base)


def place(name: str, gid: int) -> dict:
    return {"text": name, "name": name, "country": "UKR", "geonameid": gid}


def test_rewrites_of_one_story_become_one_event():
    events = merge_mentions(
        [
            mention("a"),
            mention("b", date=date(2024, 3, 2)),
            mention("c", source="src-a", id="c-2"),
        ]
    )
    assert len(events) == 1
    row = dedup.event_row(events[0])
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (3, 3, 2)
    assert "3 mention(s) in 3 article(s) from 2 source(s)" in row["explanation"]
    assert row["date"] == D and row["date_end"] == date(2024, 3, 2)


def test_two_attacks_same_day_in_two_cities_stay_two_events():
    events = merge_mentions(
        [
            mention("a", location=place("Kharkiv", 1)),
            mention("b", location=place("Odesa", 2)),
            mention("c", location=place("Kharkiv", 1)),
        ]
    )
    assert sorted(len(e.mentions) for e in events) == [1, 2]
    names = sorted(dedup.event_row(e)["location_name"] for e in events)
    assert names == ["Kharkiv", "Odesa"]


def test_unknown_place_is_compatible_and_joins_its_own_articles_event():
    events = merge_mentions(
        [
            mention("a", location=place("Kharkiv", 1)),
            mention("b", location=place("Odesa", 2)),
            mention("b", id="b-unplaced"),  # same article as the Odesa mention
        ]
    )
    by_place = {dedup.event_row(e)["location_name"]: e for e in events}
    assert [m.id for m in by_place["Odesa"].mentions] == ["b-m", "b-unplaced"]
    reason = by_place["Odesa"].reasons[("b", "b-unplaced")]
    assert "the same act as b-m in its article" in reason


def test_different_actors_types_polarity_or_dates_do_not_merge():
    events = merge_mentions(
        [
            mention("a"),
            mention("b", actor_country="BLR"),
            mention("c", event_type="COERCE"),
            mention("d", modality="negated"),
            mention("e", date=date(2024, 3, 9)),
        ]
    )
    assert len(events) == 5


def test_window_is_measured_from_the_first_date_so_chains_do_not_grow():
    days = [date(2024, 3, d) for d in (1, 2, 3, 4, 5, 6)]
    events = merge_mentions([mention(f"a{i}", date=d) for i, d in enumerate(days)], 2)
    assert [len(e.mentions) for e in events] == [3, 3]


def test_mentions_without_sides_or_dates_merge_only_inside_their_story():
    """A report with neither side coded joins only a report of its own near-duplicate story."""
    events = merge_mentions(
        [
            mention("a", actor_country=None, recipient_country=None, story_id="s1"),
            mention("b", actor_country=None, recipient_country=None, story_id="s2"),
            mention("c", date=None, pub_date=None, story_id="s1"),
            mention("d", date=None, pub_date=None, story_id="s1"),
        ]
    )
    assert sorted(sorted(m.article_hash for m in e.mentions) for e in events) == [
        ["a", "c", "d"],
        ["b"],
    ]


def test_result_does_not_depend_on_input_order():
    mentions = [
        mention(f"a{i}", date=date(2024, 3, 1 + i % 4), location=place(f"P{i % 2}", i % 2 + 1))
        for i in range(12)
    ]
    first = {(e.id, tuple(m.id for m in e.mentions)) for e in merge_mentions(mentions)}
    random.Random(3).shuffle(mentions)
    second = {(e.id, tuple(m.id for m in e.mentions)) for e in merge_mentions(mentions)}
    assert first == second


BASE = (
    "Officials in the capital said on Tuesday that the talks on the border dispute would "
    "resume next week after a pause of two months, and that both delegations had agreed to "
    "meet at the same venue as before. Trade between the two countries fell by a fifth last "
    "year, and farmers on both sides have complained about delays at the crossings. "
)


def test_near_duplicate_texts_form_one_story_and_others_do_not():
    copy = "CAPITAL (Wire) - " + BASE.replace("two months", "eight weeks") + "Reporting by X."
    other = "A storm closed the airport for a day and flights resumed on Sunday morning. " * 3
    signatures = {"a": dedup.signature(BASE), "b": dedup.signature(copy), "c": None}
    signatures["d"] = dedup.signature(other)
    stories = dedup.group_stories(signatures)
    assert stories["a"] == stories["b"] == "a"
    assert stories["c"] == "c" and stories["d"] == "d"
    assert dedup.similarity(signatures["a"], signatures["b"]) > 0.5


def test_deduplicate_writes_events_links_and_stories(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    items = [
        make_article("a1", [make_event("a1", 0, when=D, place="Kharkiv")], source="Wire A"),
        make_article("a2", [make_event("a2", 3, when=D)], source="Wire B"),
        make_article("a3", [make_event("a3", 0, when=D, place="Odesa")], source="Wire C"),
    ]
    for item in items:
        item.minhash = dedup.signature(item.article.text)
    store.write_batch(con, items)
    summary = dedup.deduplicate(con)
    assert (summary.mentions, summary.events) == (3, 2)
    assert con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone() == (0,)
    assert store.get_state(con, "dedup_stale") == "0"
    rows = con.execute("SELECT num_mentions, explanation FROM events ORDER BY 1").fetchall()
    assert [r[0] for r in rows] == [1, 2]
    assert rows[1][1].startswith("2 mention(s) in 2 article(s) from 2 source(s): type ASSAULT")
    assert dedup.deduplicate(con).mentions == 0  # nothing new, nothing reconsidered
    before = con.execute("SELECT * FROM events ORDER BY id").fetchall()
    again = dedup.deduplicate(con, full=True)  # recomputing the whole store changes nothing
    assert (again.mentions, again.events) == (3, 2)
    assert con.execute("SELECT * FROM events ORDER BY id").fetchall() == before
    con.close()
