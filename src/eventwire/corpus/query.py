"""Filtering the store: the Python API behind `eventwire query`, returning pandas DataFrames.

    from eventwire.corpus.query import query
    frame = query("eventwire.duckdb", start="2024-01-01", actor="RUS", event_type="ASSAULT")

Filters combine with AND (`eventwire.corpus.filters.EventFilter`). `actor` and `recipient` match a
full code ("RUSMIL") or a country ("RUS") and accept names ("Russia", "Russian military"); `country`
matches either side or the event's place; `q` finds words in the sentences and titles.
`level="mentions"` filters the sentence-level mentions (with their article's title, url and
source) instead of the events.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from eventwire.corpus.filters import MODALITIES as MODALITIES  # re-exported: the pages list them
from eventwire.corpus.filters import EventFilter, make_filter
from eventwire.corpus.store import IN_DATASET, STORAGE_COLUMNS, connect
from eventwire.errors import EventwireError

LEVELS = ("events", "mentions")
Filters = EventFilter  # the name this module's callers have always used


_SOURCES = {
    "events": "SELECT * FROM events",
    "mentions": f"""SELECT m.* EXCLUDE (record, {STORAGE_COLUMNS}), a.title, a.url, a.source,
                    a.pub_date, a.story_id
                    FROM mentions m JOIN articles a ON a.hash = m.article_hash
                    WHERE {IN_DATASET}""",
}
_ORDER = {"events": "date NULLS LAST, id", "mentions": "date NULLS LAST, article_hash, id"}


def query(
    db: str | Path,
    level: str = "events",
    limit: int | None = None,
    filters: Filters | None = None,
    **kwargs: object,
) -> pd.DataFrame:
    """Events (or mentions) of the database at `db` that pass the filters, as a DataFrame.

    Filters are given as an `EventFilter` or as keyword arguments with the same names
    (`eventwire.corpus.filters`): names are accepted where codes are, unknown values are refused.
    """
    if level not in LEVELS:
        raise EventwireError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")
    filters = filters or make_filter(**kwargs)
    where, params = filters.where(level)
    sql = f"SELECT * FROM ({_SOURCES[level]}) WHERE {where} ORDER BY {_ORDER[level]}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()
