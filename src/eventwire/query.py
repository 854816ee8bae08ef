"""Filtering the store: the Python API behind `eventwire query`, returning pandas DataFrames.

    from eventwire.query import query
    frame = query("eventwire.duckdb", start="2024-01-01", actor="RUS", event_type="ASSAULT")

Filters combine with AND. `actor` and `recipient` match a full code ("RUSMIL") or a country
("RUS"); `country` matches either side or the event's place. `level="mentions"` filters the
sentence-level mentions (with their article's title, url and source) instead of the events.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date as Date
from pathlib import Path

import pandas as pd

from eventwire.errors import EventwireError
from eventwire.models import Modality
from eventwire.store import IN_DATASET, connect

LEVELS = ("events", "mentions")
MODALITIES = Modality.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Filters:
    start: Date | str | None = None
    end: Date | str | None = None
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    event_type: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    min_confidence: float | None = None

    def where(self) -> tuple[str, list]:
        """The SQL condition and its parameters; values are always bound, never pasted."""
        clauses: list[str] = []
        params: list = []
        if self.start is not None:
            clauses.append("date >= ?")
            params.append(_date(self.start, "start"))
        if self.end is not None:
            clauses.append("date <= ?")
            params.append(_date(self.end, "end"))
        for role in ("actor", "recipient"):
            value = getattr(self, role)
            if value:
                clauses.append(f"(upper({role}_code) = ? OR upper({role}_country) = ?)")
                params += [value.upper()] * 2
        if self.country:
            clauses.append("(actor_country = ? OR recipient_country = ? OR location_country = ?)")
            params += [self.country.upper()] * 3
        if self.event_type:
            clauses.append("upper(event_type) = ?")
            params.append(self.event_type.upper())
        if self.quad_class is not None:
            if self.quad_class not in (1, 2, 3, 4):
                raise EventwireError(f"quad class must be 1-4, got {self.quad_class}")
            clauses.append("quad_class = ?")
            params.append(int(self.quad_class))
        if self.modality:
            if self.modality not in MODALITIES:
                raise EventwireError(
                    f"unknown modality {self.modality!r} (choose from {', '.join(MODALITIES)})"
                )
            clauses.append("modality = ?")
            params.append(self.modality)
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(float(self.min_confidence))
        return (" AND ".join(clauses) or "TRUE"), params


def _date(value: Date | str, name: str) -> Date:
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value))
    except ValueError as exc:
        raise EventwireError(f"invalid {name} date {value!r}: expected YYYY-MM-DD") from exc


_SOURCES = {
    "events": "SELECT * FROM events",
    "mentions": f"""SELECT m.* EXCLUDE (record), a.title, a.url, a.source, a.pub_date,
                    a.story_id FROM mentions m JOIN articles a ON a.hash = m.article_hash
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

    Filters are given as a `Filters` or as keyword arguments with the same names.
    """
    if level not in LEVELS:
        raise EventwireError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")
    known = {f.name for f in fields(Filters)}
    unknown = sorted(set(kwargs) - known)
    if unknown:
        raise EventwireError(f"unknown filter(s): {', '.join(unknown)}")
    filters = filters or Filters(**kwargs)  # type: ignore[arg-type]
    where, params = filters.where()
    sql = f"SELECT * FROM ({_SOURCES[level]}) WHERE {where} ORDER BY {_ORDER[level]}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()
