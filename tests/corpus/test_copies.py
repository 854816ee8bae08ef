"""Articles and their copies apart: a republication by another outlet is another source."""

from __future__ import annotations

import json

from store_helpers import older_database

from eventwire.corpus import store
from eventwire.corpus.ingest import SKIP_REPEATED, SKIP_STORED, ingest
from eventwire.corpus.store.schema import LATEST

TEXT = (
    "Chile and Peru signed a fisheries agreement in Lima on Monday, the Chilean foreign "
    "ministry said."
)
WIRE = {"id": "w1", "text": TEXT, "source": "Meridian Wire", "title": "Fisheries deal signed",
        "url": "https://meridian.example/fish", "date": "2025-03-10"}  # fmt: skip
REPUBLISHED = {**WIRE, "id": "r1", "source": "Harbor Times", "title": "Chile, Peru in fish pact",
               "url": "https://harbor.example/fish"}  # fmt: skip


def _write(path, *records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def _event(db) -> tuple:
    con = store.connect(db, read_only=True)
    try:
        return con.execute(
            "SELECT num_sources, num_articles, sources FROM events WHERE actor_country = 'CHL'"
        ).fetchone()
    finally:
        con.close()


def test_a_verbatim_republication_raises_num_sources_and_is_not_skipped(tmp_path, dataset_coder):
    db = tmp_path / "c.duckdb"
    first = ingest([_write(tmp_path / "wire.jsonl", WIRE)], db=db, coder=dataset_coder)
    assert (first.stored, first.copies) == (1, 0)
    assert _event(db) == (1, 1, "Meridian Wire")
    later = ingest([_write(tmp_path / "re.jsonl", REPUBLISHED)], db=db, coder=dataset_coder)
    assert (later.stored, later.copies, sum(later.skipped.values())) == (0, 1, 0)
    assert _event(db) == (2, 2, "Harbor Times; Meridian Wire")
    again = ingest([str(tmp_path / "wire.jsonl"), str(tmp_path / "re.jsonl")], db=db,
                   coder=dataset_coder)  # fmt: skip
    assert (again.stored, again.copies, again.skipped[SKIP_STORED]) == (0, 0, 2)
    assert store.counts(store.connect(db, read_only=True)).articles == 1


def test_copies_in_one_input_are_stored_once_each(tmp_path, dataset_coder):
    db = tmp_path / "one.duckdb"
    source = _write(tmp_path / "both.jsonl", WIRE, REPUBLISHED, WIRE)
    summary = ingest([source], db=db, coder=dataset_coder)
    assert (summary.stored, summary.copies, summary.skipped[SKIP_REPEATED]) == (1, 1, 1)
    assert _event(db)[:2] == (2, 2)


def test_an_older_database_gets_a_copy_per_article_that_reruns_recognise(tmp_path, dataset_coder):
    path = tmp_path / "v4.duckdb"
    con = older_database(path, 4)
    con.execute(
        """INSERT INTO articles (hash, doc_id, title, url, source, pub_date, date_origin, text,
           n_chars, n_sentences, n_mentions, ingested_at)
           VALUES (?, 'w1', ?, ?, ?, DATE '2025-03-10', 'input', ?, 10, 1, 0, now())""",
        [store.content_hash(TEXT), WIRE["title"], WIRE["url"], WIRE["source"], TEXT],
    )
    con.close()
    con = store.connect(path)
    assert store.schema_version(con) == LATEST
    assert con.execute("SELECT doc_id, source FROM copies").fetchall() == [("w1", "Meridian Wire")]
    con.close()
    rerun = ingest([_write(tmp_path / "wire.jsonl", WIRE)], db=path, coder=dataset_coder)
    assert (rerun.stored, rerun.copies, rerun.skipped[SKIP_STORED]) == (0, 0, 1)
