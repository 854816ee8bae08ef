"""Stories: wire copies and lightly edited reprints grouped by the word 5-grams they share.

Each article's MinHash signature (computed at ingest) is cut into `BANDS` bands of `ROWS`
values; two articles become candidates when one band is equal (locality-sensitive hashing), and
candidates whose estimated Jaccard similarity reaches `STORY_THRESHOLD` are joined. A story's
id is the smallest article hash in it.

The band keys are stored (`story_bands`), so adding articles compares them with the stored ones
through one join instead of rebuilding an index of the whole corpus: the new articles join the
stories they are similar to, and stories they bridge merge under the smallest hash. That gives
exactly the grouping a recompute from scratch would give, at a cost that depends on the new
articles, not on the size of the store.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import duckdb
import numpy as np
import pyarrow as pa
from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 5
STORY_THRESHOLD = 0.5
# datasketch's optimum for a 0.5 threshold over 64 permutations, fixed here so that band keys
# stored by one version stay comparable with the keys of the next.
BANDS, ROWS = 14, 4
SCHEME = "affine32"  # named, so signatures stored by one datasketch version stay readable
_HASH = np.uint32
_WORD = re.compile(r"\w+")

# Stored articles are named by their hash and storage order (hash -> seq), and registered as a
# table of both: joined on `seq` as well as the hash, their rows are found without reading the
# whole table's hashes (see migration 6).
Stored = dict[str, int]


@cache
def _template() -> MinHash:
    """Building the permutations is the costly part of a MinHash: do it once per process."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)


def signature(text: str) -> bytes:
    """The MinHash of an article's word 5-grams, as bytes for the store."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = _template().copy()
    minhash.update_batch(s.encode("utf-8") for s in shingles)
    return minhash.hashvalues.astype(_HASH).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets."""
    return float(np.mean(np.frombuffer(a, _HASH) == np.frombuffer(b, _HASH)))


def band_keys(blob: bytes) -> list[int]:
    """One signed 64-bit key per band (DuckDB BIGINT); equal keys mean an equal band."""
    values = np.frombuffer(blob, _HASH)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


class _Components:
    """Union-find whose representative is always the smallest member."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low


def group_stories(signatures: dict[str, bytes | None]) -> dict[str, str]:
    """Map each article hash to its story id, in memory (for a few articles, and for tests)."""
    components = _Components()
    buckets: dict[tuple[int, int], list[str]] = {}
    for key, blob in sorted(signatures.items()):
        components.find(key)
        if blob:
            for band, value in enumerate(band_keys(blob)):
                buckets.setdefault((band, value), []).append(key)
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if similarity(signatures[a], signatures[b]) >= STORY_THRESHOLD:  # type: ignore[arg-type]
                    components.union(a, b)
    return {key: components.find(key) for key in signatures}


def add_articles(con: duckdb.DuckDBPyConnection, articles: Stored) -> Stored:
    """Band the stored articles `articles` (hash -> storage order; not yet banded) and join
    them to their stories.

    Returns every article whose story id changed, the new ones included (hash -> storage order).
    """
    register_stored(con, "_new", articles)
    try:
        new = dict(
            con.execute(
                """SELECT a.hash, a.minhash FROM articles a
                   JOIN _new n ON n.seq = a.seq AND n.hash = a.hash"""
            ).fetchall()
        )
    finally:
        con.unregister("_new")
    if not new:
        return {}
    bands = [
        {"hash": h, "band": band, "key": key}
        for h, blob in new.items()
        if blob
        for band, key in enumerate(band_keys(blob))
    ]
    _register(con, "_new_bands", bands, _BAND_SCHEMA)
    try:
        pairs = con.execute(
            """SELECT DISTINCT n.hash, o.hash, o_art.minhash, coalesce(o_art.story_id, o.hash)
               FROM _new_bands n JOIN story_bands o ON o.band = n.band AND o.key = n.key
               JOIN articles o_art ON o_art.hash = o.hash"""
        ).fetchall()
        con.execute("INSERT INTO story_bands SELECT hash, band, key FROM _new_bands")
    finally:
        con.unregister("_new_bands")
    return _join(con, new, pairs, articles)


def _join(
    con: duckdb.DuckDBPyConnection,
    new: dict[str, bytes | None],
    pairs: list,
    seqs: Stored,
) -> Stored:
    """Union the new articles with each other and with the stories of similar stored ones;
    returns the articles whose story changed (hash -> storage order)."""
    components = _Components()
    for h in new:
        components.find(h)
    for h, other, blob, story in pairs:
        if other != h and similarity(new[h], blob) >= STORY_THRESHOLD:  # type: ignore[arg-type]
            components.union(h, other if other in new else story)
    for a, b in _new_pairs(new):
        components.union(a, b)
    stories = {key: components.find(key) for key in list(components.parent)}
    merged = {old: story for old, story in stories.items() if old not in new and old != story}
    changed = {h: seqs[h] for h in new}
    updates = {h: stories[h] for h in new}
    if merged:
        rows = con.execute(
            """SELECT hash, seq, story_id FROM articles
               WHERE story_id IN (SELECT unnest(?::VARCHAR[]))""",
            [sorted(merged)],
        ).fetchall()
        changed |= {h: seq for h, seq, _ in rows}
        updates |= {h: merged[old] for h, _, old in rows}
    set_stories(con, updates, changed)
    return changed


def _new_pairs(new: dict[str, bytes | None]) -> list[tuple[str, str]]:
    signed = {h: blob for h, blob in new.items() if blob}
    grouped = group_stories(signed)
    return [(h, story) for h, story in grouped.items() if h != story]


def regroup(con: duckdb.DuckDBPyConnection, story: str) -> Stored:
    """Recompute one story from its remaining members (after an article left it); returns
    those that moved (hash -> storage order)."""
    rows = con.execute(
        "SELECT hash, seq, minhash FROM articles WHERE story_id = ?", [story]
    ).fetchall()
    seqs = {h: seq for h, seq, _ in rows}
    grouped = group_stories({h: blob for h, _, blob in rows})
    set_stories(con, grouped, seqs)
    return {h: seqs[h] for h, s in grouped.items() if s != story}


def forget(con: duckdb.DuckDBPyConnection, article_hash: str) -> None:
    con.execute("DELETE FROM story_bands WHERE hash = ?", [article_hash])


def set_stories(con: duckdb.DuckDBPyConnection, stories: dict[str, str], seqs: Stored) -> None:
    """Store each article's story id (articles found by their hash and storage order)."""
    rows = [{"hash": h, "seq": seqs[h], "story_id": s} for h, s in stories.items()]
    schema = pa.schema([("hash", pa.string()), ("seq", pa.int64()), ("story_id", pa.string())])
    _register(con, "_stories", rows, schema)
    try:
        con.execute(
            """UPDATE articles SET story_id = s.story_id FROM _stories s
               WHERE articles.seq = s.seq AND articles.hash = s.hash"""
        )
    finally:
        con.unregister("_stories")


_BAND_SCHEMA = pa.schema([("hash", pa.string()), ("band", pa.int16()), ("key", pa.int64())])


def _register(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict], schema) -> None:
    con.register(name, pa.Table.from_pylist(rows, schema=schema))


def register_stored(con: duckdb.DuckDBPyConnection, name: str, articles: Stored) -> None:
    """Register stored articles as a table of (hash, seq)."""
    hashes = sorted(articles)
    seqs = pa.array([articles[h] for h in hashes], pa.int64())
    con.register(name, pa.table({"hash": pa.array(hashes, pa.string()), "seq": seqs}))
