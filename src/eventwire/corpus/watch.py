"""The live loop: poll sources at a cadence, code only what is new, keep the store up to date.

Each cycle reads the sources that are due (feeds, folders, URL lists: anything `ingest` reads,
with its fetch protections), leaves out what the store already holds (articles are keyed by
their text, as in `ingest`), codes the rest, stores it a batch at a time, deduplicates what is
new (`eventwire.corpus.dedup`, in the new articles' date window), assesses the watchlists and posts
the flagged ones to the operator's webhook. It reports one summary line.

A source that fails as a whole (down, refusing, too slow for its deadline, not a feed) is
retried at a growing interval, doubling per failure up to `MAX_BACKOFF`, while the others keep
their cadence; one bad record costs only itself. The database is held only while a batch is
checked or written, never while fetching or coding, so `serve --watch` keeps answering pages
and a command-line `watch` leaves the file free between cycles.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import duckdb

from eventwire.corpus import ingest, store, watchlists, webhook
from eventwire.corpus.dedup import DEFAULT_WINDOW_DAYS
from eventwire.errors import EventwireError
from eventwire.models import ErrorRecord
from eventwire.text.sources import SourceItem, SourceOptions, expand

if TYPE_CHECKING:
    from eventwire.coding.coder import Coder

MAX_BACKOFF = 6 * 3600.0
log = logging.getLogger("eventwire.watch")


class Target(Protocol):
    """How the loop reaches the database: briefly, once per batch."""

    def known(self, hashes: list[str], carriers: list[str]) -> tuple[set[str], set[str]]: ...

    def writer(self) -> contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]: ...


class FileTarget:
    """A database file opened for each batch and closed again (the command-line `watch`)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def known(self, hashes: list[str], carriers: list[str]) -> tuple[set[str], set[str]]:
        with self.writer() as con:
            return ingest.stored_keys(con, hashes, carriers)

    @contextlib.contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = store.connect(self.path)
        try:
            yield con
        finally:
            con.close()


@dataclass(frozen=True)
class WatchConfig:
    sources: tuple[str, ...]
    every: float = 900.0  # seconds between cycles
    options: SourceOptions = field(default_factory=SourceOptions)
    window_days: int = DEFAULT_WINDOW_DAYS
    batch_size: int = ingest.DEFAULT_BATCH
    webhook: str | None = None
    dashboard: str | None = None  # the server's URL, sent along with webhook posts


@dataclass
class SourceState:
    """When a source is next due, and how it has been failing."""

    failures: int = 0
    due: float = 0.0
    problem: str = ""


@dataclass
class CycleReport:
    """What one cycle did, and the line that says so."""

    number: int
    started: datetime
    polled: int = 0
    failing: dict[str, str] = field(default_factory=dict)
    waiting: dict[str, float] = field(default_factory=dict)  # source -> seconds to its retry
    summary: ingest.IngestSummary = field(default_factory=ingest.IngestSummary)
    flagged: list[str] = field(default_factory=list)
    posted: int = 0
    problem: str = ""
    seconds: float = 0.0

    def line(self) -> str:
        s = self.summary
        skipped = sum(s.skipped.values())
        parts = [
            f"cycle {self.number} at {self.started:%H:%M:%S}: polled {self.polled} source(s)",
            f"read {s.read}, stored {s.stored}, skipped {skipped}",
            f"{s.mentions} mention(s); store: {s.totals.get('events', 0)} events, "
            f"{s.totals.get('articles', 0)} articles",
        ]
        for source, problem in sorted(self.failing.items()):
            parts.append(f"failing {source} ({problem}; retry in {_span(self.waiting[source])})")
        if self.flagged:
            posted = f", {self.posted} posted" if self.posted else ""
            parts.append(f"flagged: {', '.join(self.flagged)}{posted}")
        if self.problem:
            parts.append(self.problem)
        return "; ".join(parts) + f"; {self.seconds:.1f} s"


def _span(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 120 else f"{seconds:.0f} s"


class Watcher:
    """The loop's state: sources with their schedules, the coder, the cycle count."""

    def __init__(self, target: Target, config: WatchConfig, coder: Coder | None = None) -> None:
        if not config.sources:
            raise EventwireError("nothing to watch: name feeds, folders or URL lists")
        if config.every <= 0:
            raise EventwireError(f"the interval must be positive, got {config.every} s")
        if config.webhook:
            webhook.check_url(config.webhook)
        self.target = target
        self.config = config
        self.coder = coder
        self.states = {source: SourceState() for source in config.sources}
        self.cycles = 0

    def run(
        self,
        stop: threading.Event,
        report: Callable[[CycleReport], None],
        cycles: int | None = None,
    ) -> None:
        """Cycle until `stop` is set (or `cycles` have run), sleeping until a source is due."""
        while not stop.is_set() and (cycles is None or self.cycles < cycles):
            report(self.cycle())
            if cycles is not None and self.cycles >= cycles:
                break
            stop.wait(max(0.0, min(s.due for s in self.states.values()) - time.monotonic()))

    def cycle(self) -> CycleReport:
        """One pass over the due sources; never raises for what a source or the store did."""
        self.cycles += 1
        started = time.monotonic()
        report = CycleReport(self.cycles, datetime.now(UTC))
        due = [s for s, state in self.states.items() if state.due <= started]
        report.polled = len(due)
        failed: dict[str, str] = {}
        try:
            self._ingest(due, report, failed)
            self._watchlists(report)
        except (EventwireError, duckdb.Error) as exc:  # the store is busy or broken: next cycle
            report.problem = f"not stored this cycle: {exc}"
        self._schedule(due, failed, started, report)
        report.seconds = time.monotonic() - started
        return report

    def _ingest(self, due: list[str], report: CycleReport, failed: dict[str, str]) -> None:
        summary = report.summary

        def on_error(record: ErrorRecord) -> None:
            if record.input in self.states and record.record is None:  # the whole source failed
                failed[record.input] = record.error.removeprefix(f"{record.input}: ")
            else:
                log.info("%s", record.error)

        items = _read(due, self.config.options)
        copies: list[store.Copy] = []
        batches = ingest.new_batches(
            self.target.known, items, summary, self.config.batch_size, on_error, copies.append
        )
        for batch in batches:
            coded = self._code(batch, summary, on_error)
            with self.target.writer() as con:
                ingest.store_batch(con, coded, summary, copies)
        with self.target.writer() as con:
            ingest.store_batch(con, [], summary, copies)
            ingest.finish(con, summary, self.config.window_days)

    def _code(self, batch: list[SourceItem], summary, on_error) -> list:
        if self.coder is None:  # loaded once, when there is first something to code
            from eventwire.coding.coder import Coder

            self.coder = Coder()
        coded = []
        for result in ingest.code_batch(self.coder, batch):
            if isinstance(result, ErrorRecord):
                summary.skipped[ingest.SKIP_CODING] += 1
                on_error(result)
            else:
                coded.append(result)
        return coded

    def _watchlists(self, report: CycleReport) -> None:
        with self.target.writer() as con:
            found = watchlists.statuses(con)
        report.flagged = [s.name for s in found if s.flagged]
        if self.config.webhook and report.flagged:
            report.posted = webhook.post_flagged(self.config.webhook, found, self.config.dashboard)

    def _schedule(
        self, due: list[str], failed: dict[str, str], now: float, report: CycleReport
    ) -> None:
        for source in due:
            state = self.states[source]
            if source in failed:
                state.failures += 1
                state.problem = failed[source]
                wait = min(
                    self.config.every * 2**state.failures, max(MAX_BACKOFF, self.config.every)
                )
                report.failing[source] = state.problem
                report.waiting[source] = wait
            else:
                state.failures, state.problem = 0, ""
                wait = self.config.every
            state.due = now + wait


def _read(sources: Sequence[str], options: SourceOptions) -> Iterator[SourceItem]:
    """Each source's articles; anything a source throws (a parser on hostile input included)
    becomes an error record of that source, and the next source is read."""
    for source in sources:
        try:
            yield from expand([source], options)
        except Exception as exc:  # one hostile source must not stop the loop
            problem = f"{source}: cannot read ({type(exc).__name__}: {exc})"
            yield SourceItem(ErrorRecord(error=problem, input=source), source)


def parse_every(text: str) -> float:
    """'15m', '90s', '2h', '1d' or a number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value = text.strip().lower()
    scale = units.get(value[-1:])
    number = value[:-1] if scale else value
    try:
        seconds = float(number) * (scale or 1)
    except ValueError:
        raise EventwireError(f"--every {text!r}: expected e.g. 15m, 90s, 2h") from None
    if seconds <= 0:
        raise EventwireError(f"--every {text!r}: must be positive")
    return seconds


def file_target(db: str | Path) -> FileTarget:
    """The database file for a command-line watch, created now so that a bad path fails early."""
    store.connect(db).close()
    return FileTarget(db)
