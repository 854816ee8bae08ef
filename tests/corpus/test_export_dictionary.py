"""The exports' data dictionary matches their schema, and each file loads with its documented
one-line call with the CAMEO codes intact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from store_helpers import make_article, make_event

from eventwire.corpus import dedup, export, store
from eventwire.corpus.export_dictionary import SHAPES, describe, read_calls, replace_section
from eventwire.corpus.tables import TEXT_CODE_COLUMNS

DOC = Path(__file__).resolve().parents[2] / "docs" / "exports.md"
CODES = {"057", "0841"}
# Where each documented file comes from: (format, --out, --table).
WRITTEN = {
    "events.export.tsv": ("gdelt", "events", "events"),
    "events.mentions.tsv": ("gdelt", "events", "events"),
    "icews.tsv": ("icews", "icews.tsv", "events"),
    "polecat.tsv": ("polecat", "polecat.tsv", "events"),
    "plover.jsonl": ("plover", "plover.jsonl", "events"),
    "events.csv": ("csv", "events.csv", "events"),
    "mentions.csv": ("csv", "mentions.csv", "mentions"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Every export of a database whose CAMEO codes have leading zeros, in one folder."""
    where = tmp_path_factory.mktemp("dictionary")
    con = store.connect(where / "codes.duckdb")
    events = [
        make_event("d1", 0, "AGREE", "ARM", "AZE", when=date(2025, 3, 14), cameo="057"),
        make_event("d1", 1, "RETREAT", "AZE", "ARM", when=date(2025, 3, 14), cameo="0841"),
    ]
    store.write_batch(con, [make_article("d1", events)])
    dedup.deduplicate(con)
    con.close()
    for fmt, out, table in WRITTEN.values():
        export.export(where / "codes.duckdb", fmt, where / out, table)
    export.export(where / "codes.duckdb", "parquet", where / "events.parquet")
    return where


def test_the_document_is_generated_from_the_schema():
    document = DOC.read_text(encoding="utf-8")
    assert replace_section(document) == document, "run python scripts/export_dictionary.py"


def test_every_column_is_described():
    for shape in SHAPES:
        for column in shape.columns:
            kind, meaning = describe(column)
            assert kind and meaning, column
    with pytest.raises(KeyError):
        describe("NoSuchColumn")


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.file)
def test_each_file_loads_with_its_documented_call(shape, folder, monkeypatch):
    monkeypatch.chdir(folder)
    frame = eval(read_calls(shape)[0], {"pd": pd})  # the line docs/exports.md shows
    assert list(frame.columns) == list(shape.columns)
    for column in (c for c in TEXT_CODE_COLUMNS if c in shape.columns):
        values = {v for v in frame[column] if isinstance(v, str)}
        assert values and values <= {"057", "0841", "05", "08", "084"}, (column, values)
    if shape.file == "events.export.tsv":
        assert set(frame["EventCode"]) == CODES


def test_parquet_keeps_codes_as_text(folder):
    frame = pd.read_parquet(folder / "events.parquet")
    assert set(frame["cameo"]) == CODES and set(frame["root_code"]) == {"05", "08"}
