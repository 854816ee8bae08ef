"""The current selection as a file: exactly the events the dashboard table pages through.

A download runs the table's own query (`queries.listing_sql`) without paging, so the file and
the table never disagree. Codes are text: CAMEO "057" must not become the number 57. Parquet
keeps the types; CSV has no types, so the code columns are quoted and every reader is told to
read them as text (`READ_CSV_HINT`, shown beside the download link), because pandas and readr
guess numbers from digits whether or not they are quoted.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

import pandas as pd

from eventwire.errors import EventwireError
from eventwire.web.queries import listing_sql
from eventwire.web.selection import Narrowing

Format = Literal["csv", "parquet"]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
MAX_ROWS = 250_000  # past this, `eventwire export` writes the file without holding it in memory
CODE_COLUMNS = (
    "id", "cameo", "root_code", "actor_code", "actor_country", "actor_sector",
    "recipient_code", "recipient_country", "recipient_sector", "location_country",
)  # fmt: skip
DIGIT_CODES = ("cameo", "root_code")  # the codes made of digits, which readers take for numbers
READ_CSV_HINT = {
    "pandas": "pd.read_csv('eventwire-selection.csv', dtype={'cameo': str, 'root_code': str})",
    "R": "readr::read_csv('eventwire-selection.csv', "
    "col_types = readr::cols(cameo = 'c', root_code = 'c'))",
}


def selection_frame(con, selection: Narrowing, sort: str) -> pd.DataFrame:
    """Every event of the selection, in the table's order, codes as text."""
    where, params = selection.where()
    total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    if total > MAX_ROWS:
        raise EventwireError(
            f"the selection holds {total:,} events, more than the {MAX_ROWS:,} one download "
            "may hold; narrow the filters or use `eventwire export`"
        )
    frame = con.execute(listing_sql(where, sort, paged=False), params).df()
    for column in CODE_COLUMNS:
        frame[column] = frame[column].astype("string")
    return frame


def encode(frame: pd.DataFrame, fmt: Format) -> bytes:
    """The frame as file bytes; CSV quotes every text cell, so the codes are quoted."""
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    text = frame.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    return text.encode("utf-8")


def filename(fmt: Format) -> str:
    return f"eventwire-selection.{fmt}"
