"""Place and date accuracy on the development gold's `where` field must not regress.

Measured by `eventwire eval` (where_eval.py) as the default dataset codes it: event places
that are right, gold places found, event places that are traps, matched events with the right
date and precision. The thresholds sit a little below the figures measured when they were set
(2026-12-05: 1.000 / 0.507 / 0.000 / 0.905); raise them as the coder improves. Reads ../shared,
so it skips in a user's clone.
"""

from __future__ import annotations

import pytest

from eventwire import evaluate as ev

PLACE_PRECISION = 0.92
PLACE_RECALL = 0.45
TRAP_RATE = 0.03
DATE_ACCURACY = 0.88


@pytest.fixture(scope="module")
def where(shared_dir, dataset_coder):
    records = ev.load_gold(shared_dir / "gold" / "modern_news_dev.jsonl")
    report = ev.score(records, ev.run_coder(records, dataset_coder))
    assert report.where is not None and report.where.records == 52
    return report.where


def test_places_are_right_and_no_traps(where):
    assert where.place_precision >= PLACE_PRECISION
    assert where.trap_rate <= TRAP_RATE
    assert where.place_recall >= PLACE_RECALL


def test_dates_and_their_precision(where):
    assert where.matched_dates >= 40
    assert where.date_accuracy >= DATE_ACCURACY
