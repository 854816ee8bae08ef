"""Read-only SQL behind the API and the pages, always with bound parameters.

Filtering reuses `eventwire.corpus.query.Filters` (the same filters as `eventwire query`); this
module adds what a dashboard needs on top: paging and sorting, one event with its evidence,
actor and dyad counts, time series, the network and map aggregates. Column and sort names come
from fixed tables here, never from the request.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from eventwire.corpus.query import Filters
from eventwire.corpus.store import STORAGE_COLUMNS, counts
from eventwire.errors import EventwireError
from eventwire.web.evidence import segments
from eventwire.web.geo import place_of

EVENT_COLUMNS = """id, date, date_end, date_precision, event_type, mode, cameo, root_code,
    quad_class, goldstein, actor_code, actor_country, actor_sector, actor_name, recipient_code,
    recipient_country, recipient_sector, recipient_name, modality, location_text, location_name,
    location_country, location_precision, lat, lon, num_mentions, num_sources, num_articles,
    confidence, source_url, sources"""

SORTS = {
    "date": "date NULLS LAST, id",
    "-date": "date DESC NULLS LAST, id",
    "goldstein": "goldstein, id",
    "-goldstein": "goldstein DESC, id",
    "mentions": "num_mentions, id",
    "-mentions": "num_mentions DESC, id",
    "confidence": "confidence, id",
    "-confidence": "confidence DESC, id",
    "type": "event_type, date NULLS LAST, id",
}
INTERVALS = ("day", "week", "month")
LEVELS = {
    "country": ("actor_country", "recipient_country"),
    "actor": ("actor_code", "recipient_code"),
}
MAX_PER_PAGE = 500
# How exactly a marker is placed: a town or site, a region's centre, a country's point.
PRECISE = {"place": 2, "region": 1}


@dataclass(frozen=True)
class Page:
    number: int = 1
    size: int = 50
    sort: str = "-date"

    def check(self) -> None:
        if self.sort not in SORTS:
            raise EventwireError(f"unknown sort {self.sort!r} (choose from {', '.join(SORTS)})")
        if self.number < 1 or not 1 <= self.size <= MAX_PER_PAGE:
            raise EventwireError(f"page must be >= 1 and per_page 1-{MAX_PER_PAGE}")


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence | dict = ()) -> list[dict]:
    """Result rows as dicts; `params` is a list for `?` or a dict for `$name` placeholders."""
    cursor = con.execute(sql, params if isinstance(params, dict) else list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _clean(row: dict) -> dict:
    """NaN is not JSON; DuckDB gives it for empty doubles read through some paths."""
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}


_FIRST = "(m.withheld IS NOT NULL, a.pub_date, m.article_hash, m.sentence_index)"


def listing_sql(where: str, sort: str, paged: bool) -> str:
    """Events passing `where` in `sort` order, each with the sentence of its first mention
    (the row a reader expands) and that mention's article source and title; a mention the
    coder kept comes before one it withheld (joined to the event by deduplication)."""
    limit = "LIMIT ? OFFSET ?" if paged else ""
    return f"""
        WITH picked AS (
            SELECT {EVENT_COLUMNS} FROM events WHERE {where} ORDER BY {SORTS[sort]} {limit}),
        first_mention AS (
            SELECT m.event_id, min_by(m.sentence, {_FIRST})
                       AS sentence,
                   min_by(a.source, {_FIRST}) AS source,
                   min_by(a.title, {_FIRST}) AS title
            FROM mentions m JOIN articles a ON a.hash = m.article_hash
            WHERE m.event_id IN (SELECT id FROM picked) GROUP BY m.event_id)
        SELECT picked.*, f.sentence, f.source, f.title
        FROM picked LEFT JOIN first_mention f ON f.event_id = picked.id
        ORDER BY {SORTS[sort]}"""


def events(con, filters: Filters, page: Page) -> dict:
    page.check()
    where, params = filters.where()
    total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    sql = listing_sql(where, page.sort, paged=True)
    items = rows(con, sql, [*params, page.size, (page.number - 1) * page.size])
    pages = max(1, math.ceil(total / page.size))
    return {
        "total": total,
        "page": page.number,
        "per_page": page.size,
        "pages": pages,
        "sort": page.sort,
        "items": [_clean(r) for r in items],
    }


def event(con, event_id: str) -> dict | None:
    """One event with every mention behind it and the evidence cut into highlighted pieces."""
    found = rows(con, f"SELECT {EVENT_COLUMNS}, explanation FROM events WHERE id = ?", [event_id])
    if not found:
        return None
    mentions = rows(
        con,
        f"""SELECT m.* EXCLUDE (record, doc_id, {STORAGE_COLUMNS}), a.title, a.url, a.source,
                  a.pub_date, a.text
           FROM mentions m JOIN articles a ON a.hash = m.article_hash
           WHERE m.event_id = ? ORDER BY a.pub_date NULLS LAST, m.article_hash, m.sentence_index""",
        [event_id],
    )
    copies = _copies(con, {m["article_hash"] for m in mentions})
    return {**_clean(found[0]), "mentions": [_mention(m, copies) for m in mentions]}


def _copies(con, hashes: set[str]) -> dict[str, list[dict]]:
    """Every copy of each article: the outlets that carried it (a republication is one more)."""
    found: dict[str, list[dict]] = {h: [] for h in hashes}
    if hashes:
        for row in rows(
            con,
            """SELECT hash, source, url, title, pub_date FROM copies
               WHERE hash IN (SELECT unnest(?::VARCHAR[])) ORDER BY pub_date NULLS LAST, carrier""",
            [sorted(hashes)],
        ):
            found[row.pop("hash")].append(row)
    return found


def _mention(row: dict, copies: dict[str, list[dict]]) -> dict:
    text = row.pop("text")
    row["evidence"] = segments(text, row["sentence"], _spans(row))
    own = (row.get("source"), row.get("url"), row.get("title"))
    row["copies"] = [
        c for c in copies.get(row["article_hash"], []) if (c["source"], c["url"], c["title"]) != own
    ]
    return _clean(row)


def _spans(row: dict) -> dict[str, tuple]:
    roles = ("trigger", "actor", "recipient")
    return {r: (row[f"{r}_start"], row[f"{r}_end"], row[f"{r}_text"]) for r in roles}


def actors(con, filters: Filters, limit: int = 50) -> list[dict]:
    where, params = filters.where()
    sql = f"""
        WITH picked AS (SELECT * FROM events WHERE {where}),
        sides AS (
            SELECT actor_code AS code, actor_name AS name, actor_country AS country,
                   1 AS as_actor, 0 AS as_recipient FROM picked WHERE actor_code IS NOT NULL
            UNION ALL
            SELECT recipient_code, recipient_name, recipient_country, 0, 1
            FROM picked WHERE recipient_code IS NOT NULL)
        SELECT code, any_value(name) AS name, any_value(country) AS country,
               sum(as_actor)::INTEGER AS as_actor, sum(as_recipient)::INTEGER AS as_recipient,
               count(*)::INTEGER AS events
        FROM sides GROUP BY code ORDER BY events DESC, code LIMIT ?"""
    return rows(con, sql, [*params, limit])


def dyads(con, filters: Filters, level: str = "actor", limit: int = 50) -> list[dict]:
    src, dst = _level(level)
    where, params = filters.where()
    sql = f"""
        SELECT {src} AS actor, {dst} AS recipient, count(*)::INTEGER AS events,
               {_quad_counts()}, round(avg(goldstein), 2) AS mean_goldstein,
               min(date) AS first, max(date) AS last
        FROM events WHERE {where} AND {src} IS NOT NULL AND {dst} IS NOT NULL
        GROUP BY 1, 2 ORDER BY events DESC, actor, recipient LIMIT ?"""
    return [_clean(r) for r in rows(con, sql, [*params, limit])]


def _level(level: str) -> tuple[str, str]:
    if level not in LEVELS:
        raise EventwireError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")
    return LEVELS[level]


def _quad_counts(condition: str = "true") -> str:
    return ", ".join(
        f"count(*) FILTER (quad_class = {q} AND {condition})::INTEGER AS q{q}" for q in (1, 2, 3, 4)
    )


def timeseries(con, filters: Filters, interval: str = "month") -> dict:
    """Events per period. An event dated only to a month or a year (or a range) is spread
    evenly over the periods its range covers and counted apart (`spread`), so a coarse date
    makes no spike on the first day of its range; `q1`..`q4` count events inside one period."""
    if interval not in INTERVALS:
        raise EventwireError(f"unknown interval {interval!r} (choose from {', '.join(INTERVALS)})")
    where, params = filters.where()
    sql = f"""
        WITH dated AS (
            SELECT quad_class, goldstein, num_mentions,
                   date_trunc('{interval}', date)::DATE AS first,
                   date_trunc('{interval}', greatest(coalesce(date_end, date), date))::DATE AS last
            FROM events WHERE {where} AND date IS NOT NULL),
        spread AS (
            SELECT *, unnest(generate_series(first, last, INTERVAL 1 {interval}))::DATE AS period,
                   1.0 / (date_diff('{interval}', first, last) + 1) AS weight
            FROM dated)
        SELECT period, round(sum(weight), 4) AS events,
               {_quad_counts("first = last")},
               round(sum(weight) FILTER (first <> last), 4) AS spread,
               round(sum(goldstein * weight) / sum(weight), 2) AS mean_goldstein,
               round(sum(num_mentions * weight), 2) AS mentions
        FROM spread GROUP BY 1 ORDER BY 1"""
    undated = con.execute(
        f"SELECT count(*) FROM events WHERE {where} AND date IS NULL", params
    ).fetchone()[0]
    buckets = [_clean(r) for r in rows(con, sql, params)]
    for bucket in buckets:
        bucket["spread"] = bucket["spread"] or 0.0
    return {"interval": interval, "undated": undated, "buckets": buckets}


def network(con, filters: Filters, level: str = "country", limit: int = 200) -> dict:
    """Nodes are countries (or actor codes); edges count events, split by cooperation/conflict."""
    src, dst = _level(level)
    where, params = filters.where()
    sql = f"""
        SELECT {src} AS source, {dst} AS target, count(*)::INTEGER AS events,
               count(*) FILTER (quad_class IN (1, 2))::INTEGER AS cooperation,
               count(*) FILTER (quad_class IN (3, 4))::INTEGER AS conflict,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE {where} AND {src} IS NOT NULL AND {dst} IS NOT NULL AND {src} <> {dst}
        GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?"""
    edges = [_clean(r) for r in rows(con, sql, [*params, limit])]
    weight: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            weight[end] = weight.get(end, 0) + edge["events"]
    nodes = [{"id": code, "events": n} for code, n in sorted(weight.items())]
    return {"level": level, "nodes": nodes, "edges": edges}


def places(con, filters: Filters, limit: int = 5000) -> dict:
    """Map markers: events grouped by where they happened, with how each place was found."""
    where, params = filters.where()
    sql = f"""SELECT id, date, event_type, actor_code, recipient_code, quad_class, location_name,
                     location_country, location_precision, lat, lon, actor_country,
                     recipient_country
              FROM events WHERE {where} ORDER BY date NULLS LAST, id LIMIT ?"""
    groups: dict[tuple, dict] = {}
    unplaced = 0
    for row in rows(con, sql, [*params, limit]):
        place = place_of(_clean(row))
        if place is None:
            unplaced += 1
            continue
        key = (place["lat"], place["lon"], place["name"])
        group = groups.setdefault(
            key,
            {**place, "events": 0, "cooperation": 0, "conflict": 0, "event_ids": [], "labels": []},
        )
        if PRECISE.get(place["precision"], 0) > PRECISE.get(group["precision"], 0):
            group["precision"] = place["precision"]
        group["events"] += 1
        group["cooperation" if row["quad_class"] in (1, 2) else "conflict"] += 1
        if len(group["event_ids"]) < 20:
            group["event_ids"].append(row["id"])
            group["labels"].append(_label(row))
    markers = sorted(groups.values(), key=lambda g: (-g["events"], g["name"] or ""))
    countries: dict[str, int] = {}
    for marker in markers:
        if marker["country"]:
            countries[marker["country"]] = countries.get(marker["country"], 0) + marker["events"]
    return {"markers": markers, "countries": countries, "unplaced": unplaced}


def _label(row: dict) -> str:
    who = f"{row['actor_code'] or '?'} → {row['recipient_code'] or '?'}"
    return f"{row['date'] or 'undated'} {row['event_type']} {who}"


def date_span(con) -> dict:
    """The first and last event dates of the store (None when nothing is dated)."""
    return rows(con, "SELECT min(date) AS first, max(date) AS last FROM events")[0]


def stats(con) -> dict:
    totals = counts(con).to_dict()
    span = date_span(con)

    def by(column: str) -> dict:
        sql = f"SELECT {column} AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, k"
        return {str(k): n for k, n in con.execute(sql).fetchall()}

    sources = rows(
        con,
        """SELECT coalesce(source, '(unknown)') AS source, count(*)::INTEGER AS articles
           FROM articles GROUP BY 1 ORDER BY articles DESC, source LIMIT 20""",
    )
    return {
        **totals,
        **span,
        "by_type": by("event_type"),
        "by_quad_class": by("quad_class"),
        "by_modality": by("modality"),
        "sources": sources,
    }
