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
from collections.abc import Iterable
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


def add_articles(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    """Band the stored articles `hashes` (not yet banded) and join them to their stories.

    Returns every article whose story id changed, the new ones included.
    """
    new = dict(
        con.execute(
            "SELECT hash, minhash FROM articles WHERE hash IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(set(hashes))],
        ).fetchall()
    )
    if not new:
        return set()
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
    return _join(con, new, pairs)


def _join(con: duckdb.DuckDBPyConnection, new: dict[str, bytes | None], pairs: list) -> set[str]:
    """Union the new articles with each other and with the stories of similar stored ones."""
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
    changed = set(new)
    if merged:
        rows = con.execute(
            "SELECT hash, story_id FROM articles WHERE story_id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(merged)],
        ).fetchall()
        changed |= {h for h, _ in rows}
        updates = {h: merged[old] for h, old in rows}
    else:
        updates = {}
    updates.update({h: stories[h] for h in new})
    set_stories(con, updates)
    return changed


def _new_pairs(new: dict[str, bytes | None]) -> list[tuple[str, str]]:
    signed = {h: blob for h, blob in new.items() if blob}
    grouped = group_stories(signed)
    return [(h, story) for h, story in grouped.items() if h != story]


def regroup(con: duckdb.DuckDBPyConnection, story: str) -> set[str]:
    """Recompute one story from its remaining members (after an article left it)."""
    members = dict(
        con.execute("SELECT hash, minhash FROM articles WHERE story_id = ?", [story]).fetchall()
    )
    grouped = group_stories(members)
    set_stories(con, grouped)
    return {h for h, s in grouped.items() if s != story}


def forget(con: duckdb.DuckDBPyConnection, article_hash: str) -> None:
    con.execute("DELETE FROM story_bands WHERE hash = ?", [article_hash])


def set_stories(con: duckdb.DuckDBPyConnection, stories: dict[str, str]) -> None:
    rows = [{"hash": h, "story_id": s} for h, s in stories.items()]
    schema = pa.schema([("hash", pa.string()), ("story_id", pa.string())])
    _register(con, "_stories", rows, schema)
    try:
        con.execute(
            "UPDATE articles SET story_id = s.story_id FROM _stories s WHERE articles.hash = s.hash"
        )
    finally:
        con.unregister("_stories")


_BAND_SCHEMA = pa.schema([("hash", pa.string()), ("band", pa.int16()), ("key", pa.int64())])


def _register(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict], schema) -> None:
    con.register(name, pa.Table.from_pylist(rows, schema=schema))
