"""Every export shape loads back with pandas/pyarrow with exactly its documented columns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from store_helpers import make_article, make_event

from eventwire.corpus import dedup, export, store
from eventwire.errors import EventwireError

D = date(2024, 3, 1)
FEBRUARY = (date(2024, 2, 1), date(2024, 2, 29))
DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


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
            make_article(
                "a4",
                [
                    make_event(
                        "a4",
                        1,
                        "COERCE",
                        "RUS",
                        "RUS",
                        when=FEBRUARY[0],
                        until=FEBRUARY[1],
                        precision="month",
                        place="Ukraine",
                        cameo="173",
                    )
                ],
                source="Wire D",
            ),  # fmt: skip
        ],
    )
    dedup.deduplicate(con)
    con.close()
    return path


def test_gdelt_events_and_mentions(db, tmp_path):
    paths = export.export(db, "gdelt", tmp_path / "g")
    events = pd.read_csv(paths[0], sep="\t")
    mentions = pd.read_csv(paths[1], sep="\t")
    assert list(events.columns) == export.GDELT_EVENT_COLUMNS and len(events.columns) == 64
    assert list(mentions.columns) == export.GDELT_MENTION_COLUMNS
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    merged = events[events["NumMentions"] == 2].iloc[0]
    assert (merged["NumArticles"], merged["NumSources"], merged["SQLDATE"]) == (2, 2, 20240301)
    assert merged["ActionGeo_FullName"] == "Kharkiv" and merged["ActionGeo_FeatureID"] == 706483
    assert merged["EventRootCode"] == 19 and merged["Actor1Code"] == "RUSMIL"
    assert (merged["DatePrecision"], merged["GeoPrecision"], merged["ActionGeo_Type"]) == (
        "day",
        "city",
        4,
    )
    month = events[events["DatePrecision"] == "month"].iloc[0]
    assert (month["SQLDATE"], month["DateEnd"]) == (20240201, 20240229)
    assert (month["GeoPrecision"], month["ActionGeo_Type"]) == ("country", 1)


@pytest.mark.parametrize(
    ("fmt", "columns"),
    [("icews", export.ICEWS_COLUMNS), ("polecat", export.POLECAT_COLUMNS)],
)
def test_sentence_level_tab_separated_shapes(db, tmp_path, fmt, columns):
    out = export.export(db, fmt, tmp_path / f"{fmt}.tsv")[0]
    frame = pd.read_csv(out, sep="\t")
    assert list(frame.columns) == columns
    assert len(frame) == 4
    assert frame["Event ID"].is_unique
    month = frame[frame["DatePrecision"] == "month"].iloc[0]
    assert (month["Event Date"], month["DateEnd"]) == ("2024-02-01", "2024-02-29")
    assert month["GeoPrecision"] == "country" and pd.isna(month["City"])
    assert set(frame["DatePrecision"]) == {"day", "month", "unknown"}


def test_plover_jsonl(db, tmp_path):
    out = export.export(db, "plover", tmp_path / "p.jsonl")[0]
    frame = pd.read_json(out, lines=True)
    assert list(frame.columns) == export.PLOVER_FIELDS
    first = json.loads(Path(out).read_text().splitlines()[0])
    assert first["event"] in (["ASSAULT"], ["CONSULT"])
    assert first["actor"][0]["code"] in ("RUSMIL", "FRAMIL")
    undated = frame[frame["event"].map(lambda e: e == ["CONSULT"])].iloc[0]
    assert undated["date"] is None or pd.isna(undated["date"])  # unknown stays unknown
    month = frame[frame["event"].map(lambda e: e == ["COERCE"])].iloc[0]
    assert (str(month["date"])[:10], str(month["enddate"])[:10]) == ("2024-02-01", "2024-02-29")
    assert month["text_info"]["date_precision"] == "month"
    assert month["event_loc"]["precision"] == "country"


@pytest.mark.parametrize("table", ["events", "mentions"])
def test_csv_and_parquet_tables(db, tmp_path, table):
    expected = export.EVENT_TABLE_COLUMNS if table == "events" else export.MENTION_TABLE_COLUMNS
    csv_out = export.export(db, "csv", tmp_path / f"{table}.csv", table)[0]
    parquet_out = export.export(db, "parquet", tmp_path / f"{table}.parquet", table)[0]
    assert list(pd.read_csv(csv_out).columns) == expected
    frame = pd.read_parquet(parquet_out)
    assert list(frame.columns) == expected
    assert len(frame) == (3 if table == "events" else 4)
    month = frame[frame["date_precision"] == "month"].iloc[0]
    assert (pd.Timestamp(month["date"]), pd.Timestamp(month["date_end"])) == tuple(
        pd.Timestamp(d) for d in FEBRUARY
    )
    assert month["location_precision"] == "country"
    csv_month = pd.read_csv(csv_out).query("date_precision == 'month'").iloc[0]
    assert (csv_month["date"], csv_month["date_end"]) == ("2024-02-01", "2024-02-29")


def test_documented_columns_match(db):
    if not DOCS.exists():
        pytest.skip("docs/exports.md not present")
    text = DOCS.read_text("utf-8")
    mentions = [c for c in export.MENTION_TABLE_COLUMNS if not c.startswith("recipient_")]
    for name in (*export.GDELT_EVENT_COLUMNS, *export.POLECAT_COLUMNS, *export.ICEWS_COLUMNS,
                 *export.EVENT_TABLE_COLUMNS, *mentions):  # fmt: skip
        assert f"`{name}`" in text, name


def test_a_database_of_an_earlier_version_is_upgraded_when_read(tmp_path):
    """Stored before date ranges and place precision: the export fills them from the records."""
    import duckdb

    from eventwire.corpus.store.schema import LATEST, MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for statement in MIGRATIONS[0].statements:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, now()::TIMESTAMP, 'v1')")
    event = make_event("o1", 0, when=FEBRUARY[0], precision="month", place="Kharkiv")
    record = event.model_dump(mode="json", exclude={"date_end"})
    record["location"].pop("precision")
    con.execute(
        """INSERT INTO articles (hash, doc_id, date_origin, text, n_chars, n_sentences,
           n_mentions, ingested_at) VALUES ('h', 'o1', 'input', 'x', 1, 1, 1, now())"""
    )
    con.execute(
        """INSERT INTO mentions (article_hash, id, doc_id, sentence_index, sentence, event_type,
           modality, date, date_precision, location_name, geonameid, record)
           VALUES ('h', 'm', 'o1', 0, 's', 'ASSAULT', 'asserted', ?, 'month', 'Kharkiv', 706483, ?)
        """,
        [FEBRUARY[0], json.dumps(record)],
    )
    con.close()
    out = export.export(path, "csv", tmp_path / "m.csv", "mentions")[0]
    row = pd.read_csv(out).iloc[0]
    assert (row["date"], row["date_end"]) == ("2024-02-01", "2024-02-29")
    assert pd.isna(row["location_precision"])  # the old record did not say
    assert store.schema_version(store.connect(path, read_only=True)) == LATEST


def test_bad_requests_are_clear_errors(db, tmp_path):
    with pytest.raises(EventwireError, match="unknown export format"):
        export.export(db, "xml", tmp_path / "x")
    with pytest.raises(EventwireError, match="no such database"):
        export.export(tmp_path / "none.duckdb", "csv", tmp_path / "x.csv")
