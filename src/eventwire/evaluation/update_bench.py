"""What a live update costs once the corpus is large: a 50-article update into a store of
100,000 articles against the same update into an empty store, measured in the same run.

The store is filled from the synthetic news generator (`eventwire.evaluation.synthetic_news`), wire
copies and rewrites included, with each article's mentions taken from the events the generator wrote
into it: coding 100,000 articles with spaCy would take hours on two cores and would measure the
parser, not the store. Every stored article still gets its MinHash, story and merged events
through the real incremental deduplication, a batch at a time, as a feed would build it.

The corpus grows as a feed would build it: period after period (`BUILD_BATCH` articles whose
stories fall in one stretch of dates, the stretches following each other from 2019 to 2024),
each period stored and deduplicated as one update. The timed update is the next 50 articles of
the newest period's stream, so it holds copies and rewrites of stored stories, and goes through
the real `eventwire.corpus.ingest.ingest`: read, coded by the real coder, stored, deduplicated. Each
timing runs in a fresh process on its own copy of the database, after the coder is loaded, so
the figures hold the update itself; the process's peak memory (max RSS, the spaCy model
included) is kept. A store kept from an older eventwire is upgraded once, on a copy next to
it (what a user upgrading pays once, when the store is first opened): the timed updates start
from a store at this eventwire's schema, as a store in use is.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

import duckdb

from eventwire.corpus import dedup, store
from eventwire.corpus.store import CodedArticle
from eventwire.corpus.store.schema import LATEST
from eventwire.evaluation.synthetic_news import (
    END,
    START,
    GeneratedArticle,
    GeneratedSentence,
    generate_articles,
)
from eventwire.models import Actor, Event, Span, stable_id
from eventwire.ontology import cameo, cameo_for_plover

STORE_ARTICLES = 100_000
UPDATE_ARTICLES = 50
BUILD_BATCH = 5_000
WORDS = 300
COPY_RATE = 0.15
REWRITE_RATE = 0.15


@dataclass(frozen=True)
class Timing:
    """One update in a fresh process: its wall time, the dedup part of it, its peak memory."""

    seconds: float
    dedup_seconds: float
    peak_mb: float
    stored: int
    events: int


@dataclass(frozen=True)
class UpdateBench:
    store_articles: int
    update_articles: int
    build_seconds: float
    empty: Timing
    full: Timing
    upgrade_seconds: float = 0.0  # upgrading a store kept from an older eventwire, once

    @property
    def ratio(self) -> float:
        return self.full.seconds / self.empty.seconds

    def to_dict(self) -> dict:
        return {**asdict(self), "ratio": round(self.ratio, 3)}

    def summary(self) -> str:
        return (
            f"update of {self.update_articles} articles: {self.empty.seconds:.2f} s into an empty "
            f"store, {self.full.seconds:.2f} s into a store of {self.store_articles:,} articles "
            f"(ratio {self.ratio:.2f}x; dedup {self.empty.dedup_seconds:.2f} s vs "
            f"{self.full.dedup_seconds:.2f} s); peak memory {self.empty.peak_mb:.0f} MB vs "
            f"{self.full.peak_mb:.0f} MB"
        )


def _periods(n: int) -> list[tuple[date, date]]:
    """Consecutive stretches of dates, one per `BUILD_BATCH` articles."""
    count = max(1, -(-n // BUILD_BATCH))
    days = (END - START).days + 1
    bounds = [START + timedelta(days=days * i // count) for i in range(count + 1)]
    return [(bounds[i], bounds[i + 1] - timedelta(days=1)) for i in range(count)]


def _stream(seed: int, period: int, span: tuple[date, date]) -> Iterator[GeneratedArticle]:
    return generate_articles(
        10**9, seed=seed * 1000 + period, words=WORDS, duplicate_rate=COPY_RATE,
        rewrite_rate=REWRITE_RATE, start=span[0], end=span[1],
    )  # fmt: skip


# --- the stored corpus -------------------------------------------------------------------------


def build_store(
    path: Path, n: int, seed: int = 0, progress: Callable[[int], None] | None = None
) -> float:
    """Store `n` generated articles with their written events; returns the seconds it took."""
    started = time.perf_counter()
    con = store.connect(path)
    try:
        done = 0
        for period, span in enumerate(_periods(n)):
            size = min(BUILD_BATCH, n - done)
            batch = [_stored(g) for g in islice(_stream(seed, period, span), size)]
            store.write_batch(con, batch)
            dedup.deduplicate(con)
            done += len(batch)
            if progress:
                progress(done)
    finally:
        con.close()
    return time.perf_counter() - started


def _stored(generated: GeneratedArticle) -> CodedArticle:
    article = generated.article
    events = [
        _event(article.id, index, sentence, generated)
        for index, sentence in enumerate(generated.events)
        if sentence.event_type and sentence.actor and sentence.recipient
    ]
    item = CodedArticle(article=article, events=events, n_sentences=len(events) + 1)
    item.minhash = dedup.signature(article.text)
    return item


def _event(doc_id: str, index: int, sentence: GeneratedSentence, g: GeneratedArticle) -> Event:
    """The event the generator wrote into a sentence; the story's main act carries its date."""
    code = cameo(cameo_for_plover(sentence.event_type or ""))
    main = (sentence.event_type, sentence.actor) == (g.facts.event_type, g.facts.actor)
    return Event(
        id=stable_id(doc_id, index, sentence.text),
        doc_id=doc_id,
        sentence_index=index,
        sentence=sentence.text,
        event_type=sentence.event_type or "",
        cameo=code.code,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        actor=Actor(text=sentence.actor or "", country=sentence.actor, code=sentence.actor),
        recipient=Actor(
            text=sentence.recipient or "", country=sentence.recipient, code=sentence.recipient
        ),
        trigger=Span(text=sentence.text.split()[0], start=0, end=1),
        date=g.facts.event_date if main else None,
        date_end=g.facts.event_date if main else None,
        date_precision="day" if main else "unknown",
        confidence=0.7,
    )


def update_file(folder: Path, n: int, update: int, seed: int = 0) -> Path:
    """The `update` articles that follow the newest period's stored ones, as JSONL."""
    path = folder / "update.jsonl"
    periods = _periods(n)
    last = len(periods) - 1
    stored = n - BUILD_BATCH * last
    tail = islice(_stream(seed, last, periods[last]), stored, stored + update)
    path.write_text("".join(g.article.model_dump_json() + "\n" for g in tail), "utf-8")
    return path


# --- timing one update ---------------------------------------------------------------------------


def time_update(db: Path, source: Path) -> Timing:
    """Run one update in a fresh process (see `_child`) and read its figures."""
    code = (
        "from eventwire.evaluation.update_bench import "
        f"_child; _child({str(db)!r}, {str(source)!r})"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the update process failed:\n{done.stderr[-2000:]}")
    return Timing(**json.loads(done.stdout.strip().splitlines()[-1]))


def _child(db: str, source: str) -> None:
    from eventwire.coding.coder import Coder
    from eventwire.corpus.ingest import ingest

    coder = Coder()
    list(coder.code_articles([]))  # nothing to code: the tables and pipeline are loaded
    started = time.perf_counter()
    summary = ingest([source], db=db, coder=coder)
    seconds = time.perf_counter() - started
    peak = _peak_mb()
    print(json.dumps({"seconds": round(seconds, 3), "dedup_seconds": summary.dedup_seconds,
                      "peak_mb": round(peak, 1), "stored": summary.stored,
                      "events": summary.totals.get("events", 0)}))  # fmt: skip


def _peak_mb() -> float:
    """This process's peak resident memory. Linux keeps `ru_maxrss` across exec, so a child
    started by a parent that held the large store would report the parent's peak; the
    high-water mark of the process's own memory (VmHWM) is its own."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _copy_to_disk(source: Path, target: Path) -> None:
    """Copy the stored corpus and wait until the copy is on disk. The kernel keeps a fresh copy
    in memory and writes it back at the first fsync of the file system, which is the update's
    first commit: without this, the timed update would also pay for writing the copy itself
    (about a second for 750 MB here), a cost a store in use never has."""
    shutil.copyfile(source, target)
    descriptor = os.open(target, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def run(
    n: int = STORE_ARTICLES,
    update: int = UPDATE_ARTICLES,
    seed: int = 0,
    repeats: int = 2,
    folder: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> UpdateBench:
    """Build the store (or reuse one built earlier in `folder`), then time the update into it and
    into an empty store, alternating, `repeats` times; the fastest of each is kept."""
    say = progress or (lambda _: None)
    with tempfile.TemporaryDirectory(prefix="eventwire-update-bench-") as scratch:
        work = Path(folder) if folder else Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        big = work / f"store-{n}-{seed}.duckdb"
        built = 0.0
        if not big.exists():
            partial = big.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            built = build_store(partial, n, seed, lambda k: say(f"stored {k:,} of {n:,}"))
            partial.rename(big)
        big, upgraded = current_store(big, say)
        source = update_file(Path(scratch), n, update, seed)
        timings: dict[str, list[Timing]] = {"empty": [], "full": []}
        for _ in range(repeats):
            for name in ("empty", "full"):
                copy = Path(scratch) / f"{name}.duckdb"
                copy.unlink(missing_ok=True)
                if name == "full":
                    _copy_to_disk(big, copy)
                timings[name].append(time_update(copy, source))
                say(f"{name}: {timings[name][-1].seconds:.2f} s")
        best = {k: min(v, key=lambda t: t.seconds) for k, v in timings.items()}
    return UpdateBench(n, update, round(built, 1), best["empty"], best["full"], round(upgraded, 1))


def current_store(big: Path, say: Callable[[str], None]) -> tuple[Path, float]:
    """The large store at this eventwire's schema, and the seconds it took to get it: the store
    itself, or for one kept from an older eventwire an upgraded copy next to it, made once and
    reused (the kept store is left as it is, so an older eventwire can still time it)."""
    if _version(big) == LATEST:
        return big, 0.0
    upgraded = big.with_name(f"{big.stem}.v{LATEST}.duckdb")
    if upgraded.exists() and _version(upgraded) == LATEST:
        return upgraded, 0.0
    say(f"upgrading a copy of {big.name} to schema {LATEST} (once)")
    started = time.perf_counter()
    partial = upgraded.with_suffix(".partial")
    shutil.copyfile(big, partial)
    store.connect(partial).close()
    partial.rename(upgraded)
    return upgraded, time.perf_counter() - started


def _version(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return store.schema_version(con)
    finally:
        con.close()
