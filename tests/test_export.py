"""Every export shape loads back with pandas/pyarrow with exactly its documented columns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from store_helpers import make_article, make_event

from eventwire import dedup, export, store
from eventwire.errors import EventwireError

D = date(2024, 3, 1)
DOCS = Path(__file__).resolve().parents[1] / "docs" / "exports.md"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "t.duckdb"
    con = store.connect(path)
    store.write_batch(
        con,
        [
            make_article("a1", [make_event("a1", 0, when=D, place="Kharkiv")], source="Wire A"),
            make_article("a2", [make_event("a2", 2, when=D)], source="Wire B"),
            make_article(
                "a3",
                [make_event("a3", 0, "CONSULT", "FRA", "DEU", cameo="040", sentence="Talks.")],
                source="Wire C",
                pub=None,
            ),
        ],
    )
    dedup.deduplicate(con)
    con.close()
    return path


def test_gdelt_events_and_mentions(db, tmp_path):
    paths = export.export(db, "gdelt", tmp_path / "g")
    events = pd.read_csv(paths[0], sep="\t")
    mentions = pd.read_csv(paths[1], sep="\t")
    assert list(events.columns) == export.GDELT_EVENT_COLUMNS and len(events.columns) == 61
    assert list(mentions.columns) == export.GDELT_MENTION_COLUMNS
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    merged = events[events["NumMentions"] == 2].iloc[0]
    assert (merged["NumArticles"], merged["NumSources"], merged["SQLDATE"]) == (2, 2, 20240301)
    assert merged["ActionGeo_FullName"] == "Kharkiv" and merged["ActionGeo_FeatureID"] == 706483
    assert merged["EventRootCode"] == 19 and merged["Actor1Code"] == "RUSMIL"


@pytest.mark.parametrize(
    ("fmt", "columns"),
    [("icews", export.ICEWS_COLUMNS), ("polecat", export.POLECAT_COLUMNS)],
)
def test_sentence_level_tab_separated_shapes(db, tmp_path, fmt, columns):
    out = export.export(db, fmt, tmp_path / f"{fmt}.tsv")[0]
    frame = pd.read_csv(out, sep="\t")
    assert list(frame.columns) == columns
    assert len(frame) == 3
    assert frame["Event ID"].is_unique


def test_plover_jsonl(db, tmp_path):
    out = export.export(db, "plover", tmp_path / "p.jsonl")[0]
    frame = pd.read_json(out, lines=True)
    assert list(frame.columns) == export.PLOVER_FIELDS
    first = json.loads(Path(out).read_text().splitlines()[0])
    assert first["event"] in (["ASSAULT"], ["CONSULT"])
    assert first["actor"][0]["code"] in ("RUSMIL", "FRAMIL")
    undated = frame[frame["event"].map(lambda e: e == ["CONSULT"])].iloc[0]
    assert undated["date"] is None or pd.isna(undated["date"])  # unknown stays unknown


@pytest.mark.parametrize("table", ["events", "mentions"])
def test_csv_and_parquet_tables(db, tmp_path, table):
    expected = export.EVENT_TABLE_COLUMNS if table == "events" else export.MENTION_TABLE_COLUMNS
    csv_out = export.export(db, "csv", tmp_path / f"{table}.csv", table)[0]
    parquet_out = export.export(db, "parquet", tmp_path / f"{table}.parquet", table)[0]
    assert list(pd.read_csv(csv_out).columns) == expected
    frame = pd.read_parquet(parquet_out)
    assert list(frame.columns) == expected
    assert len(frame) == (2 if table == "events" else 3)


def test_documented_columns_match(db):
    if not DOCS.exists():
        pytest.skip("docs/exports.md not present")
    text = DOCS.read_text("utf-8")
    for name in (*export.GDELT_EVENT_COLUMNS, *export.POLECAT_COLUMNS, *export.ICEWS_COLUMNS):
        assert f"`{name}`" in text, name


def test_bad_requests_are_clear_errors(db, tmp_path):
    with pytest.raises(EventwireError, match="unknown export format"):
        export.export(db, "xml", tmp_path / "x")
    with pytest.raises(EventwireError, match="writes files"):
        export.export(db, "parquet", "-")
    with pytest.raises(EventwireError, match="no such database"):
        export.export(tmp_path / "none.duckdb", "csv", tmp_path / "x.csv")
