"""Query filters over the store, through the Python API and the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from store_helpers import make_article, make_event
from typer.testing import CliRunner

import eventwire.cli.query_cmd  # noqa: F401  (registers the command)
from eventwire.cli.app import app
from eventwire.corpus import dedup, store
from eventwire.corpus.query import query
from eventwire.errors import EventwireError


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "q.duckdb"
    con = store.connect(path)
    events = [
        make_event("a1", 0, when=date(2024, 3, 1), place="Kharkiv"),
        make_event("a1", 1, "CONSULT", "FRA", "DEU", when=date(2024, 5, 1), cameo="040"),
        make_event(
            "a1", 2, "CONSULT", "FRA", "UKR", when=date(2024, 6, 1), cameo="040", modality="planned"
        ),  # fmt: skip
    ]
    store.write_batch(con, [make_article("a1", events)])
    dedup.deduplicate(con)
    con.close()
    return path


def test_filters(db):
    assert len(query(db)) == 3
    assert list(query(db, event_type="consult")["recipient_country"]) == ["DEU", "UKR"]
    assert list(query(db, actor="RUSMIL")["event_type"]) == ["ASSAULT"]
    assert list(query(db, actor="FRA", recipient="UKR")["date"].dt.month) == [6]
    assert len(query(db, country="UKR")) == 2
    assert len(query(db, start="2024-04-01", end="2024-05-31")) == 1
    assert list(query(db, quad_class=4)["event_type"]) == ["ASSAULT"]
    assert len(query(db, modality="planned")) == 1
    assert len(query(db, min_confidence=0.9)) == 0
    assert len(query(db, level="mentions", limit=2)) == 2
    columns = set(query(db, level="mentions").columns)
    assert "sentence" in columns
    assert not columns & {"record", "article_seq", "event_first_seq", "event_last_seq"}


def test_bad_filters_are_clear_errors(db):
    with pytest.raises(EventwireError, match="start 'yesterday'"):
        query(db, start="yesterday")
    with pytest.raises(EventwireError, match="modality 'certain'"):
        query(db, modality="certain")
    with pytest.raises(EventwireError, match="unknown filter"):
        query(db, colour="red")


def test_cli_jsonl_and_table(db):
    runner = CliRunner()
    result = runner.invoke(app, ["query", "--db", str(db), "--type", "CONSULT", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["recipient_country"] for r in rows] == ["DEU", "UKR"]
    table = runner.invoke(app, ["query", "--db", str(db), "--country", "UKR", "-f", "table"])
    assert table.exit_code == 0 and "2 events" in table.stdout
