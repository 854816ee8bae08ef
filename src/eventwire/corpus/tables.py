"""Writing a table (a DataFrame) as CSV, TSV, JSONL or Parquet, so that it loads back right.

CAMEO codes look like numbers but are not: "057" and "0841" read with pandas' or readr's
defaults become 57 and 841. Parquet keeps them as text by its schema. In CSV and TSV every text
field is written in double quotes (numbers are not), which keeps spreadsheets and `csv` readers
from touching them, and docs/exports.md gives for each export the one-line `read_csv` call
(`dtype=` for the code columns) that keeps them as text in pandas and R; no character is ever
added to a code.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pandas as pd

from eventwire.errors import EventwireError

# Columns whose values are codes made of digits: always text, never numbers.
TEXT_CODE_COLUMNS = (
    "cameo", "root_code", "EventCode", "EventBaseCode", "EventRootCode", "CAMEO Code",
)  # fmt: skip
SEPARATORS = {"csv": ",", "tsv": "\t"}
FRAME_FORMATS = ("csv", "tsv", "jsonl", "parquet")


def code_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of `frame` that hold digit codes, which readers must keep as text."""
    return [c for c in TEXT_CODE_COLUMNS if c in frame.columns]


def as_text_codes(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its code columns as strings (missing stays missing), so CSV quotes them."""
    columns = code_columns(frame)
    if not columns:
        return frame
    frame = frame.copy()
    for column in columns:
        frame[column] = frame[column].map(lambda v: None if pd.isna(v) else str(v))
    return frame


def write_delimited(frame: pd.DataFrame, out: str, sep: str) -> None:
    """CSV or TSV with a header row; text quoted, numbers bare, missing values empty."""
    frame = as_text_codes(frame)
    write_text(
        out,
        lambda handle: frame.to_csv(
            handle, sep=sep, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
        ),
    )


def write_frame(frame: pd.DataFrame, fmt: str, out: str) -> None:
    """Write `frame` to `out` ('-': stdout) as csv, tsv, jsonl or parquet."""
    if fmt in SEPARATORS:
        write_delimited(frame, out, SEPARATORS[fmt])
    elif fmt == "jsonl":
        write_text(out, lambda handle: _jsonl(frame, handle))
    elif fmt == "parquet":
        write_parquet(as_text_codes(frame), out)
    else:
        raise EventwireError(f"unknown format {fmt!r} (choose from {', '.join(FRAME_FORMATS)})")


def _jsonl(frame: pd.DataFrame, handle: IO[str]) -> None:
    text = frame.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
    handle.write(text if text.endswith("\n") or not text else text + "\n")


def write_parquet(frame: pd.DataFrame, out: str) -> None:
    """Parquet to a file, or to stdout's bytes for a pipe."""
    if out == "-":
        if sys.stdout.isatty():
            raise EventwireError("parquet is binary: give --out FILE or pipe it to a file")
        sys.stdout.flush()
        frame.to_parquet(sys.stdout.buffer, index=False)
        return
    try:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(out, index=False)
    except OSError as exc:
        raise EventwireError(f"cannot write {out}: {exc.strerror or exc}") from exc


def write_text(out: str, write: Callable[[IO[str]], None]) -> None:
    """Run `write` on stdout ('-') or on the file `out`, with one clear error if it fails."""
    if out == "-":
        write(sys.stdout)
        sys.stdout.flush()
        return
    try:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as handle:
            write(handle)
    except OSError as exc:
        raise EventwireError(f"cannot write {out}: {exc.strerror or exc}") from exc
