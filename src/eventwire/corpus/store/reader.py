"""Reading the store back: counts for summaries, frames for queries and exports."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from eventwire.corpus.store.schema import LONGEST_SPAN
from eventwire.models import Event

# A stored mention belongs to the dataset unless the coder withheld it (a side resolving to no
# country or organisation) and deduplication found no report that resolves that side.
IN_DATASET = "(m.withheld IS NULL OR m.event_id IS NOT NULL)"

# Where a mention's rows lie in the store (migration 6): for deduplication's lookups, not for
# readers of the mentions, whose frames and pages leave them out.
STORAGE_COLUMNS = "article_seq, event_first_seq, event_last_seq"


@dataclass(frozen=True)
class Counts:
    articles: int
    mentions: int
    events: int
    stories: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def counts(con: duckdb.DuckDBPyConnection) -> Counts:
    row = con.execute(
        f"""SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions m
                  WHERE {IN_DATASET}),
                  (SELECT count(*) FROM events),
                  (SELECT count(DISTINCT coalesce(story_id, hash)) FROM articles)"""
    ).fetchone()
    assert row is not None
    return Counts(*(int(v) for v in row))


def longest_span(con: duckdb.DuckDBPyConnection) -> int:
    """The longest date range stored, in days from a mention's day to the end of its range:
    as the writer keeps it in `state` (migration 7), or measured if it is not there."""
    kept = con.execute("SELECT value FROM state WHERE key = ?", [LONGEST_SPAN]).fetchall()
    if kept:
        return int(kept[0][0])
    ((longest,),) = con.execute(
        "SELECT coalesce(max(coalesce(date_end, day) - day), 0) FROM mentions"
    ).fetchall()
    return int(longest)


def get_state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def table(con: duckdb.DuckDBPyConnection, name: str, where: str = "", params=()) -> pd.DataFrame:
    """A whole table (or a filtered part) as a DataFrame, in a stable order."""
    order = {"articles": "hash", "mentions": "article_hash, id", "events": "date, id"}[name]
    sql = f"SELECT * FROM {name} {where} ORDER BY {order}"
    return con.execute(sql, list(params)).df()


def mention_events(con: duckdb.DuckDBPyConnection, article_hash: str) -> list[Event]:
    """The Event records stored for one article, exactly as the coder produced them (those of
    the default dataset: withheld ones are kept only for deduplication)."""
    rows = con.execute(
        "SELECT record FROM mentions WHERE article_hash = ? AND withheld IS NULL "
        "ORDER BY sentence_index, id",
        [article_hash],
    ).fetchall()
    return [Event.model_validate_json(row[0]) for row in rows]
