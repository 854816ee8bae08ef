"""Reading the store back: counts for summaries, frames for queries and exports."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from eventwire.models import Event


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
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions),
                  (SELECT count(*) FROM events),
                  (SELECT count(DISTINCT coalesce(story_id, hash)) FROM articles)"""
    ).fetchone()
    assert row is not None
    return Counts(*(int(v) for v in row))


def get_state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def table(con: duckdb.DuckDBPyConnection, name: str, where: str = "", params=()) -> pd.DataFrame:
    """A whole table (or a filtered part) as a DataFrame, in a stable order."""
    order = {"articles": "hash", "mentions": "article_hash, id", "events": "date, id"}[name]
    sql = f"SELECT * FROM {name} {where} ORDER BY {order}"
    return con.execute(sql, list(params)).df()


def mention_events(con: duckdb.DuckDBPyConnection, article_hash: str) -> list[Event]:
    """The Event records stored for one article, exactly as the coder produced them."""
    rows = con.execute(
        "SELECT record FROM mentions WHERE article_hash = ? ORDER BY sentence_index, id",
        [article_hash],
    ).fetchall()
    return [Event.model_validate_json(row[0]) for row in rows]
