"""The DuckDB store: migrations, idempotent writes, all-or-nothing batches, clear errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import duckdb
import pytest
from store_helpers import make_article, make_event

from eventwire.corpus import store
from eventwire.corpus.store import writer
from eventwire.corpus.store.schema import LATEST
from eventwire.errors import EventwireError


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "t.duckdb"


def test_new_database_is_migrated_once(db):
    con = store.connect(db)
    assert store.schema_version(con) == LATEST
    con.close()
    con = store.connect(db)  # reopening applies nothing twice
    rows = con.execute("SELECT version FROM schema_version").fetchall()
    assert rows == [(v,) for v in range(1, LATEST + 1)]
    con.close()


def test_newer_schema_is_refused(db):
    con = store.connect(db)
    con.execute("INSERT INTO schema_version VALUES (999, now()::TIMESTAMP, 'future')")
    con.close()
    with pytest.raises(EventwireError, match="newer than this eventwire"):
        store.connect(db)
    with pytest.raises(EventwireError, match="newer"):
        store.connect(db, read_only=True)


def test_foreign_duckdb_file_is_refused(db):
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE something (x INTEGER)")
    con.close()
    with pytest.raises(EventwireError, match="not an eventwire database"):
        store.connect(db)


def test_missing_database_for_reading(tmp_path):
    with pytest.raises(EventwireError, match="no such database"):
        store.connect(tmp_path / "absent.duckdb", read_only=True)


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some text, not a database\n" * 100)
    with pytest.raises(EventwireError, match="notes.duckdb"):
        store.connect(path)
    assert path.read_text().startswith("just some text")  # never overwritten


def test_writing_twice_adds_nothing(db):
    con = store.connect(db)
    batch = [
        make_article("a1", [make_event("a1", 0, when=date(2024, 3, 1))]),
        make_article("a2", [make_event("a2", 0), make_event("a2", 1, event_type="CONSULT")]),
    ]
    assert store.write_batch(con, batch) == 2
    assert store.write_batch(con, batch) == 0
    assert store.counts(con).articles == 2
    assert store.counts(con).mentions == 3
    con.close()


def test_articles_keep_the_order_they_were_stored_in(db):
    """`seq` numbers articles in storage order, across batches, and each mention carries its
    article's: what lets an update find a few recent articles' rows without a full scan."""
    con = store.connect(db)
    store.write_batch(con, [make_article("a1", [make_event("a1")]), make_article("a2", [])])
    store.write_batch(con, [make_article("a1", [make_event("a1")]), make_article("a3", [])])
    seqs = con.execute("SELECT doc_id, seq FROM articles ORDER BY seq").fetchall()
    assert seqs == [("a1", 1), ("a2", 2), ("a3", 3)]
    assert con.execute("SELECT article_seq FROM mentions").fetchall() == [(1,)]
    con.close()


def test_an_event_id_repeated_in_an_article_is_stored_once(db):
    """An article that names one act twice in identical words gives two events of one id:
    the first is stored, as it was when (article, id) was the table's key."""
    con = store.connect(db)
    first = make_event("a1", 0, when=date(2024, 3, 1))
    again = first.model_copy(update={"sentence_index": 4})
    store.write_batch(con, [make_article("a1", [first, again])])
    assert con.execute("SELECT sentence_index FROM mentions").fetchall() == [(0,)]
    con.close()


def test_same_text_under_another_id_is_the_same_article(db):
    con = store.connect(db)
    first = make_article("a1", [], text="One and the same text.")
    second = make_article("copy", [], text="One and the same text.")
    assert store.write_batch(con, [first, second]) == 1
    assert first.hash == second.hash == store.content_hash("One and the same text.")
    con.close()


def test_events_round_trip_exactly(db):
    con = store.connect(db)
    events = [make_event("a1", 0, when=date(2024, 3, 1), place="Kharkiv")]
    item = make_article("a1", events)
    store.write_batch(con, [item])
    assert store.mention_events(con, item.hash) == events
    row = con.execute("SELECT lat, geonameid, actor_code FROM mentions").fetchone()
    assert row == (49.98, 706483, "RUSMIL")
    con.close()


def test_a_failed_batch_leaves_nothing_behind(db, monkeypatch):
    con = store.connect(db)
    real_insert = writer._insert

    def failing(con, table, rows):
        if table == "mentions":
            raise RuntimeError("disk full")
        real_insert(con, table, rows)

    monkeypatch.setattr(writer, "_insert", failing)
    with pytest.raises(RuntimeError):
        store.write_batch(con, [make_article("a1", [make_event("a1")])])
    assert store.counts(con).articles == 0  # the article row was rolled back with its mentions
    monkeypatch.setattr(writer, "_insert", real_insert)
    assert store.write_batch(con, [make_article("a1", [make_event("a1")])]) == 1
    con.close()


def test_unknown_publication_date_is_stored_as_unknown(db):
    con = store.connect(db)
    store.write_batch(con, [make_article("a1", [make_event("a1")], pub=None)])
    assert con.execute("SELECT pub_date, date_origin FROM articles").fetchone() == (
        None,
        "unknown",
    )
    con.close()


def test_a_database_held_by_another_process_is_named_in_our_own_words(tmp_path):
    """Regression (issue 13): the lock error quoted DuckDB's advice for its own tools."""
    path = tmp_path / "held.duckdb"
    store.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(path)!r}); "
         "print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(EventwireError) as caught:
            store.connect(path)
    finally:
        holder.communicate("")
    message = str(caught.value)
    assert f"in use by another process (PID {holder.pid})" in message
    assert "duckdb.org" not in message and "See also" not in message
