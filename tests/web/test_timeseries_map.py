"""The dashboard's time series and map keep coarse dates and places honest."""

from __future__ import annotations

from datetime import date

import pytest
from store_helpers import make_article, make_event

from eventwire.corpus import dedup, store
from eventwire.corpus.query import Filters
from eventwire.web import queries

pytest.importorskip("fastapi")

FEBRUARY = (date(2024, 2, 1), date(2024, 2, 29))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("series") / "s.duckdb"
    writer = store.connect(path)
    events = [
        make_event("p1", 0, when=date(2024, 2, 10), place="Kharkiv"),
        make_event("p2", 0, "COERCE", "RUS", "RUS", when=FEBRUARY[0], until=FEBRUARY[1],
                   precision="month", place="Ukraine", cameo="173"),
        make_event("p3", 0, "COERCE", "UKR", "UKR", when=date(2024, 1, 1),
                   until=date(2024, 12, 31), precision="year", cameo="173"),
    ]  # fmt: skip
    store.write_batch(writer, [make_article(e.doc_id, [e], source=e.doc_id) for e in events])
    dedup.deduplicate(writer)
    writer.close()
    reader = store.connect(path, read_only=True)
    yield reader
    reader.close()


def test_a_month_precision_event_is_spread_over_its_month_not_a_spike(con):
    series = queries.timeseries(con, Filters(), "day")
    by_day = {b["period"]: b for b in series["buckets"]}
    first = by_day[date(2024, 2, 1)]
    assert first["q4"] == 0 and first["spread"] == pytest.approx(1 / 29 + 1 / 366, abs=0.01)
    assert by_day[date(2024, 2, 10)]["q4"] == 1  # the day-precision event stays on its day
    assert sum(b["events"] for b in series["buckets"]) == pytest.approx(3, abs=0.2)


def test_at_month_interval_the_month_event_fits_one_bucket(con):
    series = queries.timeseries(con, Filters(), "month")
    february = next(b for b in series["buckets"] if b["period"] == date(2024, 2, 1))
    assert sum(february[f"q{q}"] for q in (1, 2, 3, 4)) == 2  # the day and the month event
    assert february["spread"] == pytest.approx(1 / 12, abs=0.01)  # a twelfth of the year event
    assert len(series["buckets"]) == 12


def test_country_level_places_are_drawn_apart_from_located_ones(con):
    markers = queries.places(con, Filters())["markers"]
    kinds = {m["name"]: m["precision"] for m in markers}
    assert kinds["Kharkiv"] == "place"
    ukraine = next(m for m in markers if m["country"] == "UKR" and m["name"] != "Kharkiv")
    assert ukraine["precision"] != "place"  # a country's point, hollow on the map
