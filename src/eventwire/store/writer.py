"""Writing coded articles: one transaction per batch, keyed by content hash.

A batch is all or nothing, so a process killed at any moment leaves whole articles with all
their mentions, or none of them; the rerun skips what is stored (same hash) and codes the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb
import pyarrow as pa

from eventwire.models import Actor, Article, Event
from eventwire.store.db import transaction

ROLES = ("actor", "recipient")


def content_hash(text: str) -> str:
    """The article key: the same text is the same article, whatever file it came from."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class CodedArticle:
    """An article with what coding found, ready to store."""

    article: Article
    events: list[Event]
    n_sentences: int
    date_origin: str = "input"
    input: str = ""
    minhash: bytes | None = None
    hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.article.text)


def known_hashes(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    """Which of these articles are already stored (to skip them before coding)."""
    wanted = list(dict.fromkeys(hashes))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT hash FROM articles WHERE hash IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {row[0] for row in rows}


def write_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[CodedArticle]) -> int:
    """Store a batch in one transaction; returns how many articles were new."""
    if not batch:
        return 0
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        unique = _unique(batch)
        stored = known_hashes(con, [c.hash for c in unique])
        fresh = [c for c in unique if c.hash not in stored]
        if not fresh:
            return 0
        _insert(con, "articles", [_article_row(c, now) for c in fresh])
        mentions = [_mention_row(c.hash, e, c.article.date) for c in fresh for e in c.events]
        if mentions:
            _insert(con, "mentions", mentions)
        _insert(con, "dedup_pending", [{"hash": c.hash} for c in fresh])
        con.execute("INSERT OR REPLACE INTO state VALUES ('dedup_stale', '1')")
    return len(fresh)


def _unique(batch: Sequence[CodedArticle]) -> list[CodedArticle]:
    seen: dict[str, CodedArticle] = {}
    for item in batch:
        seen.setdefault(item.hash, item)
    return list(seen.values())


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows through Arrow: far faster than one statement per row."""
    frame = pa.Table.from_pylist(rows)
    columns = ", ".join(frame.column_names)
    con.register("_batch", frame)
    try:
        con.execute(f"INSERT OR IGNORE INTO {table} ({columns}) SELECT {columns} FROM _batch")
    finally:
        con.unregister("_batch")


def _article_row(item: CodedArticle, now: datetime) -> dict:
    article = item.article
    return {
        "hash": item.hash,
        "doc_id": article.doc_id(),
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "pub_date": article.date,
        "date_origin": item.date_origin if article.date else "unknown",
        "text": article.text,
        "n_chars": len(article.text),
        "n_sentences": item.n_sentences,
        "n_mentions": len(item.events),
        "minhash": item.minhash,
        "input": item.input,
        "ingested_at": now,
    }


def _mention_row(article_hash: str, event: Event, published: date | None) -> dict:
    row = {
        "article_hash": article_hash,
        "id": event.id,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "event_type": event.event_type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": float(event.goldstein),
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "modality": event.modality,
        "date": event.date,
        "date_end": event.date_end,
        "date_precision": event.date_precision,
        "day": event.date or published,  # what deduplication matches on
        "confidence": float(event.confidence),
        "grp": event.group,
        "rule": event.rule,
        "record": event.model_dump_json(),
    }
    for role in ROLES:
        row.update(_actor_columns(role, getattr(event, role)))
    row.update(_location_columns(event))
    return row


def _actor_columns(role: str, actor: Actor | None) -> dict:
    fields = ("text", "code", "country", "sector", "name", "wikidata", "start", "end")
    return {f"{role}_{name}": getattr(actor, name) if actor else None for name in fields}


def _location_columns(event: Event) -> dict:
    loc = event.location
    return {
        "location_text": loc.text if loc else None,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "location_precision": loc.precision if loc else None,
    }
