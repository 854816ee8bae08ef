"""The corpus pipeline: sources -> articles -> coder -> store -> deduplication.

Articles already stored (same content hash) are skipped before coding, so a rerun costs only
reading. New articles are coded in batches and each batch is written in one transaction; with
``workers > 1`` batches are coded by worker processes (each loads the pipeline once) while this
process reads ahead a bounded number of batches and writes results in input order. Once every
batch is stored, stories and events are recomputed (see `eventwire.dedup`), also in one
transaction, and only when something changed since the last successful run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire import dedup, store
from eventwire.errors import TimeLimitError
from eventwire.models import Article, ErrorRecord
from eventwire.sources import SourceItem, SourceOptions, check_sources, expand
from eventwire.store import CodedArticle
from eventwire.workers import ordered_map

if TYPE_CHECKING:
    from eventwire.coder import Coder, Outcome

DEFAULT_BATCH = 32
SKIP_STORED = "already in the database"
SKIP_REPEATED = "same text earlier in this input"
SKIP_UNREADABLE = "unreadable input"
SKIP_CODING = "coding failed"
SKIP_TIME = "time limit reached"
SKIP_LANGUAGE = "not English and no spaCy model configured for the language"


@dataclass
class IngestSummary:
    """What one run did; `articles_per_second` counts articles coded and stored."""

    read: int = 0
    stored: int = 0
    skipped: Counter = field(default_factory=Counter)
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    stories: int = 0
    seconds: float = 0.0
    workers: int = 1
    deduplicated: bool = False
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Nothing was stored because of errors: every record read was unreadable or failed
        to code (a rerun that finds everything already stored has not failed)."""
        errors = sum(self.skipped[k] for k in (SKIP_UNREADABLE, SKIP_CODING, SKIP_TIME))
        usable = self.stored + self.skipped[SKIP_STORED] + self.skipped[SKIP_REPEATED]
        return errors > 0 and usable == 0

    @property
    def articles_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict:
        return {
            "read": self.read,
            "stored": self.stored,
            "skipped": {reason: n for reason, n in self.skipped.items() if n},
            "sentences": self.sentences,
            "mentions": self.mentions,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles_per_second, 2),
            "workers": self.workers,
            "deduplicated": self.deduplicated,
            "database": self.totals,
        }


def ingest(
    sources: Sequence[str],
    db: str | Path = store.DEFAULT_DB,
    options: SourceOptions | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    window_days: int = dedup.DEFAULT_WINDOW_DAYS,
    progress: bool = False,
    on_error: Callable[[ErrorRecord], None] | None = None,
    coder: Coder | None = None,
    deadline: float | None = None,
) -> IngestSummary:
    """Ingest every source into the database at `db` and return the run's summary.

    Past `deadline` (a `time.monotonic()` value; one process only) nothing more is coded: the
    rest is counted as skipped for the time limit and what was coded is stored."""
    check_sources(sources)
    started = time.perf_counter()
    summary = IngestSummary(workers=max(1, workers))
    con = store.connect(db)
    try:
        items = expand(sources, options or SourceOptions())
        batches = _new_batches(con, items, summary, batch_size, on_error)
        with _progress(progress) as bar:
            for coded in _code(batches, workers, coder, summary, on_error, deadline):
                _store(con, coded, summary)
                bar.update(len(coded))
                bar.set_postfix(skipped=sum(summary.skipped.values()), refresh=False)
        finish(con, summary, window_days)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - started
    return summary


def finish(con, summary: IngestSummary, window_days: int) -> None:
    """Deduplicate if anything new was stored, and record the database's totals."""
    if store.get_state(con, "dedup_stale") != "0":
        dedup.deduplicate(con, window_days)
        summary.deduplicated = True
    summary.totals = store.counts(con).to_dict()


def _store(con, coded: list[CodedArticle], summary: IngestSummary) -> None:
    new = store.write_batch(con, coded)
    summary.stored += new
    summary.skipped[SKIP_STORED] += len(coded) - new
    summary.sentences += sum(c.n_sentences for c in coded)
    summary.mentions += sum(len(c.events) for c in coded)


def _new_batches(
    con,
    items: Iterable[SourceItem],
    summary: IngestSummary,
    batch_size: int,
    on_error: Callable[[ErrorRecord], None] | None,
) -> Iterator[list[SourceItem]]:
    """Batches of articles not yet stored; errors and repeats are counted, not coded."""
    seen: set[str] = set()
    pending: list[tuple[str, SourceItem]] = []

    def flush() -> list[SourceItem]:
        stored = store.known_hashes(con, [h for h, _ in pending])
        summary.skipped[SKIP_STORED] += sum(1 for h, _ in pending if h in stored)
        fresh = [item for h, item in pending if h not in stored]
        pending.clear()
        return fresh

    for item in items:
        summary.read += 1
        if isinstance(item.record, ErrorRecord):
            summary.skipped[SKIP_UNREADABLE] += 1
            if on_error:
                on_error(item.record)
            continue
        key = store.content_hash(item.record.text)
        if key in seen:
            summary.skipped[SKIP_REPEATED] += 1
            continue
        seen.add(key)
        pending.append((key, item))
        if len(pending) >= batch_size and (fresh := flush()):
            yield fresh
    if pending and (fresh := flush()):
        yield fresh


# --- coding ------------------------------------------------------------------------------------


def code_batch(
    coder: Coder, items: Sequence[SourceItem], deadline: float | None = None
) -> list[CodedArticle | ErrorRecord]:
    """Code a batch in one `nlp.pipe`; an article the coder fails on becomes an error record.

    Past the `deadline` (a `time.monotonic()` value) the articles not yet coded become error
    records too: what was coded before it is still stored."""
    outcomes = coder.results([item.record for item in items], whole=True, deadline=deadline)
    results: list[CodedArticle | ErrorRecord] = []
    try:
        for item, (article, outcome) in zip(items, outcomes, strict=True):
            results.append(_coded(item, article, outcome))
    except TimeLimitError:
        results.extend(_timed_out(item) for item in items[len(results) :])
    return results


def _coded(item: SourceItem, article: Article, outcome: Outcome) -> CodedArticle | ErrorRecord:
    from eventwire.dedup import signature

    if outcome.error is not None:
        return outcome.error.model_copy(update={"input": item.input})
    if outcome.skipped is not None:
        return NotCoded(error=f"{article.doc_id()}: {outcome.skipped}", input=item.input,
                        language=outcome.language)  # fmt: skip
    return CodedArticle(
        article=article,
        events=outcome.events,
        n_sentences=outcome.sentences,
        date_origin=item.date_origin,
        input=item.input,
        minhash=signature(article.text),
    )


class TimedOut(ErrorRecord):
    """An article left uncoded because the run's time limit had passed."""


class NotCoded(ErrorRecord):
    """An article left uncoded, and unstored, because no model reads its language: a rerun
    after one is configured codes it."""

    language: str


def skip_language(language: str) -> str:
    """The summary's reason for articles skipped for their language."""
    return f"{SKIP_LANGUAGE} ({language})"


def _timed_out(item: SourceItem) -> TimedOut:
    article: Article = item.record  # type: ignore[assignment]
    message = f"{article.doc_id()}: not coded: the time limit of this run was reached"
    return TimedOut(error=message, input=item.input)


_worker_coder: Coder | None = None


def _worker_init() -> None:
    global _worker_coder
    from eventwire.coder import Coder

    _worker_coder = Coder()


def _worker_code(items: list[SourceItem]) -> list[CodedArticle | ErrorRecord]:
    assert _worker_coder is not None, "worker not initialised"
    return code_batch(_worker_coder, items)


def _code(
    batches: Iterator[list[SourceItem]],
    workers: int,
    coder: Coder | None,
    summary: IngestSummary,
    on_error: Callable[[ErrorRecord], None] | None,
    deadline: float | None = None,
) -> Iterator[list[CodedArticle]]:
    """Coded batches in input order, in this process or in a pool of worker processes."""
    if workers > 1:
        results = (coded for _, coded in ordered_map(_worker_code, batches, workers, _worker_init))
    else:
        results = _in_process(batches, coder, deadline)
    for result in results:
        coded = []
        for item in result:
            if isinstance(item, NotCoded):
                summary.skipped[skip_language(item.language)] += 1
            elif isinstance(item, ErrorRecord):
                summary.skipped[SKIP_TIME if isinstance(item, TimedOut) else SKIP_CODING] += 1
                if on_error:
                    on_error(item)
            else:
                coded.append(item)
        yield coded


def _in_process(
    batches: Iterator[list[SourceItem]], coder: Coder | None, deadline: float | None
) -> Iterator[list]:
    first = next(batches, None)
    if first is None:
        return
    if coder is None:  # loaded only once there is something to code
        from eventwire.coder import Coder

        coder = Coder()
    yield code_batch(coder, first, deadline)
    for batch in batches:
        yield code_batch(coder, batch, deadline)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def set_postfix(self, **_: object) -> None:
        pass

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _progress(enabled: bool):
    """A tqdm bar on stderr counting stored articles, with their rate in articles/s."""
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(desc="ingest", unit=" articles", dynamic_ncols=True, smoothing=0.1)
