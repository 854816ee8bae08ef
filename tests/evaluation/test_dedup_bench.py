"""Our own deduplication benchmark, guarded: reports, republications, rewrites and look-alikes
ingested in three updates give the figures a whole-store recompute gives, and those meet the
bar (`eventwire dedup score` prints them)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from eventwire.corpus import dedup, store
from eventwire.corpus.ingest import ingest
from eventwire.evaluation.dedup_bench import _article, reports, score


@pytest.fixture(scope="module")
def figures(tmp_path_factory, dataset_coder):
    """The set ingested in three successive updates, scored; then recomputed whole, scored."""
    folder = tmp_path_factory.mktemp("dedup-bench")
    db = folder / "bench.duckdb"
    items = reports()
    for part in range(3):
        path = folder / f"part{part}.jsonl"
        path.write_text("".join(json.dumps(_article(r)) + "\n" for r in items[part::3]), "utf-8")
        ingest([str(path)], db=db, coder=dataset_coder)
    con = store.connect(db)
    try:
        incremental = score(con, items)
        dedup.deduplicate(con, full=True)
        return incremental, score(con, items)
    finally:
        con.close()


def test_the_set_is_what_it_says():
    items = reports()
    roles = Counter(r["role"] for r in items)
    assert roles == {"wire": 24, "republished": 24, "rewrite": 24, "lookalike": 30}
    by_event: dict[str, set] = {}
    for r in items:
        by_event.setdefault(r["event"], set()).add(r["text"])
    assert all(len(texts) == 2 for e, texts in by_event.items() if e.startswith("c"))


def test_incremental_updates_keep_the_whole_store_figures(figures):
    incremental, whole = figures
    assert incremental == whole


def test_deduplication_meets_the_bar(figures):
    result = figures[0]
    assert result.pairwise_precision >= 0.9 and result.pairwise_recall >= 0.75
    assert result.bcubed_precision >= 0.9 and result.bcubed_recall >= 0.85
    assert result.lookalikes_merged <= 1
    # Every event the coder read in each of its reports ends as one record with all of them;
    # the rest are lost to the coder (no event found, or another dyad), not to deduplication.
    assert result.read_whole == result.read_events >= 12
    assert result.whole_events >= 17  # of 24: the issue asks for 70 %
    assert result.sources_counted >= 90
