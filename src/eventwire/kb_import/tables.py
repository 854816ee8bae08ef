"""Reading and writing knowledge-base TSV tables in the format of `data/kb/README.md`.

Importers and `kb stats` share this so that an overlay written here is byte-for-byte the shape
the resolver reads; nothing here knows about Phoenix or Wikidata.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from eventwire.actors.kb import KEYS
from eventwire.errors import InputError

# Column order and key columns of every table, as documented in data/kb/README.md.
COLUMNS: dict[str, tuple[str, ...]] = {
    "countries": (
        "code", "iso3", "name", "aliases", "adjectives", "person_nouns", "region", "wikidata",
        "as_of", "source",
    ),
    "capitals": ("name", "country", "kind", "start", "end", "as_of", "source"),
    "metonyms": ("phrase", "country", "sector", "start", "end", "as_of", "source"),
    "sectors": ("phrase", "sector", "role", "as_of", "source"),
    "titles": ("title", "office", "sector", "as_of", "source"),
    **{
        table: ("code", "name", "aliases", "country", "sector", "start", "end", "wikidata",
                "as_of", "source")
        for table in ("orgs", "groups", "parties", "agencies", "media", "companies")
    },
    "people": (
        "name", "aliases", "country", "sector", "office", "office_country", "start", "end",
        "wikidata", "as_of", "source",
    ),
}  # fmt: skip

Row = dict[str, str]


def shipped_dir() -> Path:
    """The directory of the tables that ship inside the package."""
    return Path(str(resources.files("eventwire") / "data" / "kb"))


def overlay_dirs() -> list[Path]:
    """User overlay directories from `EVENTWIRE_KB_PATH`, in the order the resolver reads them."""
    raw = os.environ.get("EVENTWIRE_KB_PATH", "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def default_output_dir() -> Path:
    """Where `kb import` writes when no `--out` is given: the user's data directory."""
    try:
        import platformdirs
    except ImportError:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "eventwire" / "kb"
    return Path(platformdirs.user_data_dir("eventwire")) / "kb"


def row_key(table: str, row: Row) -> tuple[str, ...]:
    """The identity of a row: rows of an overlay with the same key replace shipped ones."""
    return tuple(row.get(column, "") for column in KEYS[table])


def read_table(path: Path) -> list[Row]:
    """All rows of one TSV table; a missing file is an empty table."""
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            return [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read knowledge-base table ({exc})") from exc


def clean_cell(value: str) -> str:
    """Tabs and newlines would break the TSV shape, so they become spaces."""
    return " ".join(str(value).replace("\t", " ").split())


def write_table(path: Path, table: str, rows: Iterable[Row]) -> int:
    """Write rows in the table's column order; returns how many were written."""
    columns = COLUMNS[table]
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            handle.write("\t".join(clean_cell(row.get(column, "")) for column in columns) + "\n")
            count += 1
    return count


def merge_rows(table: str, old: Iterable[Row], new: Iterable[Row]) -> list[Row]:
    """Old rows, with those sharing a key with a new row replaced, then the other new rows."""
    merged: dict[tuple[str, ...], Row] = {}
    for row in old:
        merged[row_key(table, row)] = row
    for row in new:
        merged[row_key(table, row)] = row
    return list(merged.values())


def write_overlay(
    out_dir: Path, tables: dict[str, list[Row]], replace: bool = False
) -> dict[str, int]:
    """Write imported rows into an overlay directory, keeping rows of earlier imports.

    Several importers share one default directory, so by default a table already there is
    merged with (same key = replaced by) the new rows instead of being overwritten.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create output directory ({exc})") from exc
    written: dict[str, int] = {}
    for table, rows in tables.items():
        if not rows:
            continue
        path = out_dir / f"{table}.tsv"
        old = [] if replace else read_table(path)
        written[table] = write_table(path, table, merge_rows(table, old, rows))
    return written
