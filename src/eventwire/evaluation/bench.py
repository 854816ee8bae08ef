"""Throughput of the whole coder against bare `nlp.pipe`, measured on the same text in one run.

The spaCy pass dominates the cost of coding, so the figure that matters is the ratio: how much
of the parser's speed survives once eventwire's own stages run on top. Both halves use the same
pipeline object, batch size and texts; a warm-up pass and alternating order keep caches and
lazy loading from favouring either side, and the best of the repeats is kept for each.
"""

from __future__ import annotations

import inspect
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from spacy.language import Language

from eventwire.config import spacy_model_name
from eventwire.errors import EventwireError, InputError
from eventwire.evaluation.synthetic_news import generate_sentences
from eventwire.models import Article
from eventwire.nlp.pipeline import load_pipeline

BENCH_DATE = date(2023, 6, 15)


@dataclass(frozen=True)
class Throughput:
    """One side of the comparison, from its fastest repeat."""

    seconds: float
    sentences_per_s: float
    words_per_s: float


@dataclass(frozen=True)
class BenchResult:
    sentences: int
    words: int
    articles: int
    batch_size: int
    repeats: int
    model: str
    bare: Throughput
    coder: Throughput | None
    events: int | None
    ratio: float | None
    peak_rss_mb: float
    # The coder may switch off components it does not read (e.g. ner); timing the bare parse
    # with the same ones off shows what eventwire's own stages cost.
    coder_disables: list[str] = field(default_factory=list)
    bare_same_pipes: Throughput | None = None
    ratio_same_pipes: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bench_articles(sentences: int, per_article: int = 20, seed: int = 0) -> list[Article]:
    """Generated sentences packed into articles, the unit the coder batches over."""
    if sentences < 1 or per_article < 1:
        raise InputError(
            f"need at least one sentence and one sentence per article, "
            f"got sentences={sentences}, per_article={per_article}"
        )
    texts = list(generate_sentences(sentences, seed=seed))
    return [
        Article(
            id=f"bench-{i // per_article:06d}",
            text=" ".join(texts[i : i + per_article]),
            date=BENCH_DATE,
        )
        for i in range(0, len(texts), per_article)
    ]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def time_bare_pipe(
    nlp: Language, texts: list[str], batch_size: int, tick: Callable[[], None] = lambda: None
) -> float:
    """Seconds for `nlp.pipe` to parse every text, with nothing done to the Docs."""
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        tick()
    return time.perf_counter() - started


def time_coder(
    coder: Any, articles: list[Article], batch_size: int, tick: Callable[[], None] = lambda: None
) -> tuple[float, int]:
    """Seconds for the coder to turn every article into events, and how many it found."""
    started = time.perf_counter()
    events = 0
    for _article, found in _code_articles(coder, articles, batch_size):
        events += len(found)
        tick()
    return time.perf_counter() - started, events


def _accepts(func: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


def _code_articles(coder: Any, articles: Iterable[Article], batch_size: int) -> Iterator[Any]:
    """Pass the batch size however this coder takes it, so both sides batch alike."""
    if _accepts(coder.code_articles, "batch_size"):
        return coder.code_articles(articles, batch_size=batch_size)
    if hasattr(coder, "batch_size"):
        coder.batch_size = batch_size
    return coder.code_articles(articles)


def make_coder(nlp: Language, batch_size: int) -> Any:
    """The whole coder on the very pipeline object the bare side uses."""
    try:
        from eventwire.coding.coder import Coder
    except ImportError as exc:
        raise EventwireError(f"the coder is not available ({exc}); run with --no-coder") from exc
    if _accepts(Coder, "batch_size"):
        return Coder(nlp=nlp, batch_size=batch_size)
    return Coder(nlp=nlp)


def _rate(seconds: float, sentences: int, words: int) -> Throughput:
    seconds = max(seconds, 1e-9)
    return Throughput(round(seconds, 3), round(sentences / seconds, 1), round(words / seconds, 1))


def _progress(show: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not show,
    )


def run_bench(
    sentences: int = 3000,
    batch_size: int = 64,
    repeats: int = 2,
    per_article: int = 20,
    seed: int = 0,
    with_coder: bool = True,
    progress: bool = False,
    nlp: Language | None = None,
) -> BenchResult:
    """Time the bare parse and the whole coder on the same generated text, alternating order."""
    if batch_size < 1 or repeats < 1:
        raise InputError(f"batch size and repeats must be >= 1, got {batch_size} and {repeats}")
    articles = bench_articles(sentences, per_article, seed)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = nlp or load_pipeline()
    coder = make_coder(nlp, batch_size) if with_coder else None

    time_bare_pipe(nlp, texts[:2], batch_size)
    if coder is not None:
        time_coder(coder, articles[:2], batch_size)

    disabled = list(getattr(coder, "disabled", []) or [])
    sides = ["bare"] + (["coder"] if coder is not None else []) + (["trimmed"] if disabled else [])
    times: dict[str, list[float]] = {side: [] for side in sides}
    events: int | None = None
    with _progress(progress) as bar:
        for run in range(repeats):
            for side in sides if run % 2 == 0 else reversed(sides):
                task = bar.add_task(f"{side} run {run + 1}/{repeats}", total=len(articles))
                tick = lambda task=task: bar.advance(task)  # noqa: E731
                if side == "bare":
                    times[side].append(time_bare_pipe(nlp, texts, batch_size, tick))
                elif side == "trimmed":
                    with nlp.select_pipes(disable=disabled):
                        times[side].append(time_bare_pipe(nlp, texts, batch_size, tick))
                else:
                    seconds, events = time_coder(coder, articles, batch_size, tick)
                    times[side].append(seconds)
                bar.remove_task(task)

    best = {side: _rate(min(runs), sentences, words) for side, runs in times.items()}
    bare, coded, trimmed = best["bare"], best.get("coder"), best.get("trimmed")
    return BenchResult(
        sentences=sentences,
        words=words,
        articles=len(articles),
        batch_size=batch_size,
        repeats=repeats,
        model=_model_name(nlp),
        bare=bare,
        coder=coded,
        events=events,
        ratio=_ratio(coded, bare),
        peak_rss_mb=round(peak_rss_mb(), 1),
        coder_disables=disabled,
        bare_same_pipes=trimmed,
        ratio_same_pipes=_ratio(coded, trimmed),
    )


def _ratio(coded: Throughput | None, bare: Throughput | None) -> float | None:
    """Whole-coder throughput as a share of a bare parse's (above 1: the coder is faster)."""
    if coded is None or bare is None:
        return None
    return round(coded.words_per_s / bare.words_per_s, 3)


def _model_name(nlp: Language) -> str:
    meta = nlp.meta or {}
    if meta.get("lang") and meta.get("name"):
        return f"{meta['lang']}_{meta['name']}-{meta.get('version', '')}".rstrip("-")
    return spacy_model_name()
