"""The corpus pipeline: sources -> articles -> coder -> store -> deduplication.

Articles already stored (same content hash) are skipped before coding, so a rerun costs only
reading. New articles are coded in batches and each batch is written in one transaction; with
``workers > 1`` batches are coded by worker processes (each loads the pipeline once) while this
process reads ahead a bounded number of batches and writes results in input order. Once every
batch is stored, stories and events are brought up to date (see `eventwire.corpus.dedup`), also in
one transaction, and only when something changed since the last successful run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.corpus import dedup, store
from eventwire.corpus.store import CodedArticle
from eventwire.errors import TimeLimitError
from eventwire.models import Article, ErrorRecord
from eventwire.nlp.workers import ordered_map
from eventwire.text.sources import SourceItem, SourceOptions, check_sources, expand

if TYPE_CHECKING:
    from eventwire.coding.coder import Coder, Outcome

DEFAULT_BATCH = 32
SKIP_STORED = "already in the database"
SKIP_REPEATED = "same copy earlier in this input"
SKIP_UNREADABLE = "unreadable input"
SKIP_CODING = "coding failed"
SKIP_TIME = "time limit reached"
SKIP_LANGUAGE = "not English and no spaCy model configured for the language"


@dataclass
class IngestSummary:
    """What one run did; `articles_per_second` counts articles coded and stored."""

    read: int = 0
    stored: int = 0
    copies: int = 0  # new carriers of a text stored (or coded) once: republications
    skipped: Counter = field(default_factory=Counter)
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    stories: int = 0
    seconds: float = 0.0
    workers: int = 1
    deduplicated: bool = False
    dedup_seconds: float = 0.0
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
            "copies": self.copies,
            "skipped": {reason: n for reason, n in self.skipped.items() if n},
            "sentences": self.sentences,
            "mentions": self.mentions,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles_per_second, 2),
            "workers": self.workers,
            "deduplicated": self.deduplicated,
            "dedup_seconds": round(self.dedup_seconds, 3),
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
        copies: list[store.Copy] = []
        batches = new_batches(
            partial(stored_keys, con), items, summary, batch_size, on_error, copies.append
        )
        with _progress(progress) as bar:
            for coded in _code(batches, workers, coder, summary, on_error, deadline):
                store_batch(con, coded, summary, copies)
                bar.update(len(coded))
                bar.set_postfix(skipped=sum(summary.skipped.values()), refresh=False)
        store_batch(con, [], summary, copies)
        finish(con, summary, window_days)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - started
    return summary


def finish(con, summary: IngestSummary, window_days: int) -> None:
    """Deduplicate what is new (see `eventwire.corpus.dedup.update`), and record the totals."""
    if store.get_state(con, "dedup_stale") != "0":
        summary.dedup_seconds = dedup.deduplicate(con, window_days).seconds
        summary.deduplicated = True
    summary.totals = store.counts(con).to_dict()


def store_batch(
    con, coded: list[CodedArticle], summary: IngestSummary, copies: list | None = None
) -> None:
    """Store coded articles, and the copies of known texts found so far (the list is emptied),
    in one transaction; count them into the summary."""
    new = store.write_batch(con, coded, copies or ())
    if copies:
        copies.clear()
    summary.stored += new
    summary.skipped[SKIP_STORED] += len(coded) - new
    summary.sentences += sum(c.n_sentences for c in coded)
    summary.mentions += sum(1 for c in coded for e in c.events if e.withheld is None)


# Which of these texts (content hashes) and of these copies (carrier keys) the store holds.
Known = Callable[[list[str], list[str]], tuple[set[str], set[str]]]


def stored_keys(con, hashes: list[str], carriers: list[str]) -> tuple[set[str], set[str]]:
    """The `Known` answer of an open database."""
    return store.known_hashes(con, hashes), store.known_carriers(con, carriers)


def new_items(
    known: Known,
    items: Iterable[SourceItem],
    summary: IngestSummary,
    on_error: Callable[[ErrorRecord], None] | None,
    on_copy: Callable[[store.Copy], None],
) -> Iterator[SourceItem]:
    """The articles to code, one by one (the rest handled as in `new_batches`)."""
    for batch in new_batches(known, items, summary, DEFAULT_BATCH, on_error, on_copy):
        yield from batch


def new_batches(
    known: Known,
    items: Iterable[SourceItem],
    summary: IngestSummary,
    batch_size: int,
    on_error: Callable[[ErrorRecord], None] | None,
    on_copy: Callable[[store.Copy], None],
) -> Iterator[list[SourceItem]]:
    """Batches of articles to code. A copy already stored, or repeated in the input, is
    counted as skipped; another copy of a text that is stored, or coded earlier in this input,
    goes to `on_copy` (stored without coding: a republication is another source, not a skip);
    errors go to `on_error`. `known` is asked once per batch, so a caller can hold the database
    only for that moment."""
    carriers_seen: set[str] = set()
    coding: set[str] = set()
    pending: list[tuple[str, str, SourceItem]] = []

    def flush() -> list[SourceItem]:
        texts, carriers = known([h for h, _, _ in pending], [c for _, c, _ in pending])
        fresh = []
        for text_hash, carrier, item in pending:
            if carrier in carriers:
                summary.skipped[SKIP_STORED] += 1
            elif text_hash in texts or text_hash in coding:
                on_copy(store.Copy(item.record, text_hash, item.input))  # type: ignore[arg-type]
                summary.copies += 1
            else:
                coding.add(text_hash)
                fresh.append(item)
        pending.clear()
        return fresh

    for item in items:
        summary.read += 1
        if isinstance(item.record, ErrorRecord):
            summary.skipped[SKIP_UNREADABLE] += 1
            if on_error:
                on_error(item.record)
            continue
        text_hash = store.content_hash(item.record.text)
        carrier = store.carrier_key(text_hash, item.record)
        if carrier in carriers_seen:
            summary.skipped[SKIP_REPEATED] += 1
            continue
        carriers_seen.add(carrier)
        pending.append((text_hash, carrier, item))
        if len(pending) >= batch_size and (fresh := flush()):
            yield fresh
    if pending and (fresh := flush()):
        yield fresh


# --- coding ------------------------------------------------------------------------------------


def code_batch(
    coder: Coder, items: Sequence[SourceItem], deadline: float | None = None
) -> list[CodedArticle | ErrorRecord]:
    """Code a batch in one `nlp.pipe`; an article the coder fails on becomes an error record.

    Withheld events are kept too: stored apart from the dataset, deduplication may find
    another report of the same act that resolves their missing side (see store.IN_DATASET).
    Past the `deadline` (a `time.monotonic()` value) the articles not yet coded become error
    records too: what was coded before it is still stored."""
    records = [item.record for item in items]
    outcomes = coder.results(records, whole=True, deadline=deadline, withheld=True)
    results: list[CodedArticle | ErrorRecord] = []
    try:
        for item, (article, outcome) in zip(items, outcomes, strict=True):
            results.append(_coded(item, article, outcome))
    except TimeLimitError:
        results.extend(_timed_out(item) for item in items[len(results) :])
    return results


def _coded(item: SourceItem, article: Article, outcome: Outcome) -> CodedArticle | ErrorRecord:
    from eventwire.corpus.dedup import signature

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
    from eventwire.coding.coder import Coder

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
        from eventwire.coding.coder import Coder

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
