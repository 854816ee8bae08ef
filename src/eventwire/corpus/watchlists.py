"""Watchlists: saved queries with their daily count, a baseline and a flag when today spikes.

A watchlist names a query over the deduplicated events (a dyad, a type, a country on either
side or at the place, a place name, words of the reporting sentences) and is stored in the
database (`watchlists` table), so the dashboard, the API and the watch loop all see the same
ones. Its count for a day is the number of events dated that day (day precision, or the
publication day when the text gave no date: a month-long range belongs to no single day); the
flag compares the last day with the days before it (`eventwire.corpus.spikes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import date as Date

import duckdb
from pydantic import BaseModel, ConfigDict, Field, model_validator

from eventwire.corpus.query import Filters
from eventwire.corpus.spikes import BASELINE_DAYS, assess

DAY_PRECISIONS = ("day", "publication")
NAME_PATTERN = r"^[\w][\w .:-]{0,59}$"


class WatchQuery(BaseModel):
    """What a watchlist counts; every field given must match (AND)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    actor: str | None = Field(default=None, max_length=40, description="code or country")
    recipient: str | None = Field(default=None, max_length=40, description="code or country")
    event_type: str | None = Field(default=None, max_length=20, description="PLOVER type")
    country: str | None = Field(default=None, max_length=3, description="either side or place")
    place: str | None = Field(default=None, max_length=100, description="place name")
    text: str | None = Field(default=None, max_length=100, description="words in a sentence")

    @model_validator(mode="after")
    def _something(self) -> WatchQuery:
        if not any(self.model_dump().values()):
            raise ValueError("a watchlist needs at least one of actor, recipient, event_type, "
                             "country, place, text")  # fmt: skip
        return self

    def where(self) -> tuple[str, list]:
        """SQL over `events` with bound parameters, built on the filters of
        `eventwire.corpus.query`."""
        base = Filters(actor=self.actor, recipient=self.recipient, country=self.country,
                       event_type=self.event_type)  # fmt: skip
        clause, params = base.where()
        if self.place:
            clause += (
                " AND (location_name ILIKE ? ESCAPE '\\' OR location_text ILIKE ? ESCAPE '\\')"
            )
            params += [_like(self.place)] * 2
        if self.text:
            clause += (
                " AND EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id"
                " AND m.sentence ILIKE ? ESCAPE '\\')"
            )
            params.append(f"%{_like(self.text)}%")
        return clause, params


def _like(value: str) -> str:
    """A literal for ILIKE: the user's % and _ match themselves."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Watchlist(BaseModel):
    name: str = Field(pattern=NAME_PATTERN, description="letters, digits, space . : - _")
    query: WatchQuery


@dataclass(frozen=True)
class WatchStatus:
    """A watchlist on one day: its count, baseline, flag and the daily series behind them."""

    name: str
    query: dict
    day: Date
    count: int
    baseline: float
    threshold: float
    flagged: bool
    series: list[int]  # daily counts, oldest first, ending on `day`

    def to_dict(self) -> dict:
        first = self.day - timedelta(days=len(self.series) - 1)
        return {
            "name": self.name,
            "query": self.query,
            "day": self.day.isoformat(),
            "count": self.count,
            "baseline": self.baseline,
            "threshold": self.threshold,
            "flagged": self.flagged,
            "series": [
                {"day": (first + timedelta(days=i)).isoformat(), "count": n}
                for i, n in enumerate(self.series)
            ],
        }


# --- stored watchlists -------------------------------------------------------------------------


def save(con: duckdb.DuckDBPyConnection, watchlist: Watchlist) -> None:
    """Add a watchlist, or replace the query of the one with its name."""
    con.execute(
        "INSERT OR REPLACE INTO watchlists VALUES (?, ?, ?)",
        [watchlist.name, watchlist.query.model_dump_json(exclude_none=True),
         datetime.now(UTC).replace(tzinfo=None)],
    )  # fmt: skip


def remove(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute("SELECT count(*) FROM watchlists WHERE name = ?", [name]).fetchone()
    con.execute("DELETE FROM watchlists WHERE name = ?", [name])
    return bool(found and found[0])


def load(con: duckdb.DuckDBPyConnection) -> list[Watchlist]:
    rows = con.execute("SELECT name, query FROM watchlists ORDER BY name").fetchall()
    return [Watchlist(name=n, query=WatchQuery.model_validate_json(q)) for n, q in rows]


# --- counting ----------------------------------------------------------------------------------


def latest_day(con: duckdb.DuckDBPyConnection, today: Date | None = None) -> Date:
    """The day statuses are computed for by default: today, or the last day with events when the
    store holds nothing newer (a corpus of past news still shows its last day)."""
    today = today or datetime.now(UTC).date()
    row = con.execute(
        "SELECT max(date) FROM events WHERE date <= ? AND date_precision IN (?, ?)",
        [today, *DAY_PRECISIONS],
    ).fetchone()
    return row[0] if row and row[0] else today


def daily_counts(
    con: duckdb.DuckDBPyConnection, query: WatchQuery, first: Date, last: Date
) -> list[int]:
    """Events matching `query` on each day from `first` to `last`, zeros included."""
    where, params = query.where()
    rows = con.execute(
        f"""SELECT date, count(*) FROM events WHERE {where} AND date BETWEEN ? AND ?
            AND date_precision IN (?, ?) GROUP BY date""",
        [*params, first, last, *DAY_PRECISIONS],
    ).fetchall()
    by_day = dict(rows)
    return [by_day.get(first + timedelta(days=i), 0) for i in range((last - first).days + 1)]


def status(con: duckdb.DuckDBPyConnection, watchlist: Watchlist, day: Date) -> WatchStatus:
    series = daily_counts(con, watchlist.query, day - timedelta(days=BASELINE_DAYS), day)
    found = assess(series)
    return WatchStatus(
        name=watchlist.name,
        query=watchlist.query.model_dump(exclude_none=True),
        day=day,
        count=found.count,
        baseline=found.baseline,
        threshold=found.threshold,
        flagged=found.flagged,
        series=series,
    )


def statuses(con: duckdb.DuckDBPyConnection, day: Date | None = None) -> list[WatchStatus]:
    """Every stored watchlist on `day` (default: `latest_day`)."""
    watched = load(con)
    day = day or latest_day(con)
    return [status(con, w, day) for w in watched]
