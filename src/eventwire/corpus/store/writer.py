"""Writing coded articles: one transaction per batch, keyed by content hash.

An article is its text: the same text is stored and coded once, whatever carried it. Each
carrier of a text (its source, URL, title and publication date) is a row of `copies`, so a wire
story republished verbatim by a second outlet is one article with two copies, and counts as two
sources. A batch is all or nothing, so a process killed at any moment leaves whole articles with
all their mentions and copies, or none of them; the rerun skips what is stored and codes the
rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb
import pyarrow as pa

from eventwire.corpus.store.db import transaction
from eventwire.corpus.store.reader import longest_span
from eventwire.corpus.store.schema import LONGEST_SPAN
from eventwire.models import Actor, Article, Event

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


def carrier_key(text_hash: str, article: Article) -> str:
    """The key of one copy: the text with its source, URL, title and publication date (the
    same formula as migration 5, so rerunning an input finds the copies stored before it)."""
    parts = (text_hash, article.source, article.url, article.title, article.date)
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.md5(joined.encode("utf-8")).hexdigest()


@dataclass
class Copy:
    """Another carrier of a text that is (or is being) stored: nothing to code."""

    article: Article
    hash: str
    input: str = ""

    @property
    def carrier(self) -> str:
        return carrier_key(self.hash, self.article)


def known_hashes(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    """Which of these articles (texts) are already stored (to skip them before coding)."""
    return _present(con, "articles", "hash", hashes)


def known_carriers(con: duckdb.DuckDBPyConnection, carriers: Iterable[str]) -> set[str]:
    """Which of these copies are already stored."""
    return _present(con, "copies", "carrier", carriers)


def _present(con: duckdb.DuckDBPyConnection, table: str, column: str, keys: Iterable[str]):
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return set()
    rows = con.execute(
        f"SELECT {column} FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {row[0] for row in rows}


def write_batch(
    con: duckdb.DuckDBPyConnection, batch: Sequence[CodedArticle], copies: Sequence[Copy] = ()
) -> int:
    """Store a batch of coded articles and copies of known texts in one transaction; returns
    how many articles (texts) were new."""
    if not batch and not copies:
        return 0
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        unique = _unique(batch)
        stored = known_hashes(con, [c.hash for c in unique])
        fresh = [c for c in unique if c.hash not in stored]
        carried = [Copy(c.article, c.hash, c.input) for c in batch] + list(copies)
        new_copies = _new_copies(con, carried)
        if not fresh and not new_copies:
            return 0
        seqs = _next_seqs(con, fresh)
        if fresh:
            _insert(con, "articles", [_article_row(c, now, seqs[c.hash]) for c in fresh])
        mentions = [_mention_row(c.hash, seqs[c.hash], e, c.article.date) for c, e in _once(fresh)]
        if mentions:
            _insert(con, "mentions", mentions)
            _widen_longest_span(con, mentions)
        if new_copies:
            _insert(con, "copies", [_copy_row(c, now) for c in new_copies])
        touched = {c.hash for c in fresh} | {c.hash for c in new_copies}
        _insert(con, "dedup_pending", [{"hash": h} for h in sorted(touched)])
        con.execute("INSERT OR REPLACE INTO state VALUES ('dedup_stale', '1')")
    return len(fresh)


def _widen_longest_span(con: duckdb.DuckDBPyConnection, mentions: list[dict]) -> None:
    """Keep `state`'s longest date range (migration 7) up to date with the new mentions:
    deduplication reads it to know how far back a stored mention reaching an update's days may
    start."""
    spans = [(m["date_end"] or m["day"]) - m["day"] for m in mentions if m["day"]]
    longest = max((span.days for span in spans), default=0)
    stored = longest_span(con)
    if longest > stored:
        con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [LONGEST_SPAN, str(longest)])


def _once(fresh: list[CodedArticle]) -> Iterator[tuple[CodedArticle, Event]]:
    """Each new article's events, an id repeated in one article kept once (the first): an
    article and a mention id name one mention (`mentions` has no key to refuse a second)."""
    for item in fresh:
        seen: set[str] = set()
        for event in item.events:
            if event.id not in seen:
                seen.add(event.id)
                yield item, event


def _next_seqs(con: duckdb.DuckDBPyConnection, fresh: list[CodedArticle]) -> dict[str, int]:
    """The storage order of the new articles: after every stored one, in batch order. Their
    rows are appended in that order, which is what lets deduplication read a few recent
    articles' rows without scanning the tables (see migration 6)."""
    ((last,),) = con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchall()
    return {c.hash: last + i for i, c in enumerate(fresh, start=1)}


def _new_copies(con: duckdb.DuckDBPyConnection, copies: list[Copy]) -> list[Copy]:
    unique = list({c.carrier: c for c in copies}.values())
    stored = known_carriers(con, [c.carrier for c in unique])
    return [c for c in unique if c.carrier not in stored]


def _copy_row(copy: Copy, now: datetime) -> dict:
    article = copy.article
    return {
        "carrier": copy.carrier,
        "hash": copy.hash,
        "doc_id": article.doc_id(),
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "pub_date": article.date,
        "input": copy.input,
        "ingested_at": now,
    }


def _unique(batch: Sequence[CodedArticle]) -> list[CodedArticle]:
    seen: dict[str, CodedArticle] = {}
    for item in batch:
        seen.setdefault(item.hash, item)
    return list(seen.values())


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows through Arrow: far faster than one statement per row. A row whose key is
    stored already is skipped (`mentions` has no key: `_once` keeps its rows unique)."""
    frame = pa.Table.from_pylist(rows)
    columns = ", ".join(frame.column_names)
    verb = "INSERT" if table == "mentions" else "INSERT OR IGNORE"
    con.register("_batch", frame)
    try:
        con.execute(f"{verb} INTO {table} ({columns}) SELECT {columns} FROM _batch")
    finally:
        con.unregister("_batch")


def _article_row(item: CodedArticle, now: datetime, seq: int) -> dict:
    article = item.article
    return {
        "hash": item.hash,
        "seq": seq,
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


def _mention_row(article_hash: str, seq: int, event: Event, published: date | None) -> dict:
    row = {
        "article_hash": article_hash,
        "article_seq": seq,
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
        "withheld": event.withheld,
        "date_reason": event.date_reason,
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
        "location_reason": loc.reason if loc else None,
    }
