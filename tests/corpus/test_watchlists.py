"""Watchlists: saved queries, their daily counts, and spike flags on a series with a known spike."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from pydantic import ValidationError
from store_helpers import make_article, make_event

from eventwire.corpus import dedup, store, watchlists
from eventwire.corpus.spikes import BASELINE_DAYS, MIN_COUNT, assess
from eventwire.corpus.watchlists import Watchlist, WatchQuery

START = date(2024, 1, 1)
SPIKE_DAY = 45
TYPES = ("ASSAULT", "COERCE", "THREATEN", "ACCUSE", "SANCTION", "MOBILIZE")
TOWNS = ("north", "south", "east", "west", "coast", "hill")


def _series(days: int = 70, mean: float = 2.0, seed: int = 5) -> list[int]:
    """A quiet daily count (Poisson-like, drawn with a fixed seed) with one burst."""
    rng = random.Random(seed)
    counts = [sum(rng.random() < mean / 10 for _ in range(10)) for _ in range(days)]
    counts[SPIKE_DAY] = 14
    return counts


def test_the_known_spike_and_only_it_is_flagged():
    counts = _series()
    flagged = [
        day for day in range(BASELINE_DAYS, len(counts)) if assess(counts[: day + 1]).flagged
    ]
    assert flagged == [SPIKE_DAY]
    spike = assess(counts[: SPIKE_DAY + 1])
    assert spike.count == 14 and spike.baseline < 3 and spike.threshold < 14


def test_quiet_or_busy_days_are_no_spike():
    assert not assess([0] * 28 + [MIN_COUNT - 1]).flagged  # a first few events on a quiet dyad
    assert assess([0] * 28 + [MIN_COUNT]).flagged
    busy = [20, 30] * 14
    assert not assess([*busy, 35]).flagged  # within a busy dyad's usual swing
    assert assess([*busy, 70]).flagged
    with pytest.raises(ValueError):
        assess([])


def _store_series(con, counts: list[int]) -> None:
    """RUS->UKR events of as many different types as the day's count (so none merge), plus an
    unrelated event each day that a watchlist on the dyad must not count."""
    items = []
    for offset, n in enumerate(counts):
        day = START + timedelta(days=offset)
        for k in range(n):
            name = f"d{offset}-{k}"
            event = make_event(name, k, TYPES[k], when=day, sentence=f"Near the {TOWNS[k]} road.")
            items.append(make_article(name, [event], pub=day))
        other = f"o{offset}"
        items.append(make_article(other, [make_event(other, 0, actor="FRA", when=day)], pub=day))
    store.write_batch(con, items)
    dedup.deduplicate(con, window_days=0)


def test_a_stored_watchlist_counts_its_events_per_day(tmp_path):
    counts = [1, 0, 2, 0, 1] * 6 + [6]
    con = store.connect(tmp_path / "w.duckdb")
    _store_series(con, counts)
    watchlists.save(con, Watchlist(name="rus-ukr", query=WatchQuery(actor="RUS", recipient="UKR")))
    watchlists.save(con, Watchlist(name="words", query=WatchQuery(text="west road", country="UKR")))
    last = START + timedelta(days=len(counts) - 1)
    assert watchlists.latest_day(con, today=date(2030, 1, 1)) == last
    by_name = {s.name: s for s in watchlists.statuses(con, last)}
    dyad = by_name["rus-ukr"]
    assert dyad.series == counts[-BASELINE_DAYS - 1 :]
    assert (dyad.count, dyad.flagged) == (6, True)
    assert by_name["words"].series[-1] == 1  # only "west road" on the last day
    record = dyad.to_dict()
    assert record["series"][-1] == {"day": last.isoformat(), "count": 6}
    assert record["query"] == {"actor": "RUS", "recipient": "UKR"}
    assert watchlists.remove(con, "words") and not watchlists.remove(con, "words")
    assert [w.name for w in watchlists.load(con)] == ["rus-ukr"]
    con.close()


def test_a_watchlist_needs_a_name_and_a_criterion():
    with pytest.raises(ValidationError, match="at least one"):
        WatchQuery()
    with pytest.raises(ValidationError):
        Watchlist(name="", query=WatchQuery(actor="RUS"))
    with pytest.raises(ValidationError):
        WatchQuery(actor="RUS", unknown="x")
