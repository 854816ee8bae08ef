"""The coder as a Ray Data job: article shards in, Parquet event shards out.

Ray Data fits a stateful Python NLP batch job: `map_batches` with a callable class runs on an
actor pool, so each worker loads the spaCy pipeline and the actor tables once and then codes
batch after batch, streaming, with back-pressure between reading, coding and writing. The very
same `Coder` runs here as in one process, so the events are identical.

Input: Parquet or JSONL shards (files, folders, or any path Ray can read, e.g. ``s3://``) with a
``text`` column and optional ``id``, ``title``, ``url``, ``source``, ``date``; anything else
eventwire reads (txt, html, csv, feeds) is first turned into JSONL shards by this process,
streaming, next to the output. Output: one Parquet row per article with its events as JSON;
`read_shards` turns them back into `CodedArticle` records for the store.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.models import Article, Event

SHARD_FORMATS = {".parquet": "parquet", ".jsonl": "json", ".json": "json"}
STAGE_SHARD = 1000  # articles per staged JSONL shard
READ_CPUS = 0.25  # what a read task reserves, so a pool as large as the cluster still reads
ARTICLE_FIELDS = ("id", "title", "url", "source")


@dataclass
class RayRun:
    """What one Ray job did."""

    articles: int = 0
    events: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    shards: Path | None = None
    seconds: float = 0.0


def _ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise EventwireError("the Ray engine needs Ray: pip install 'eventwire[ray]'") from exc
    return ray


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at `address`, or start a local one (all cores unless `num_cpus`)."""
    ray = _ray()
    if ray.is_initialized():
        return
    quiet = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=num_cpus or os.cpu_count() or 1, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"at {address}" if address else "locally"
        raise EventwireError(f"could not start or join a Ray cluster {where}: {exc}") from exc


class CodeBatch:
    """The Ray Data callable: one per actor, so the pipeline loads once per worker."""

    def __init__(self, batch_size: int = 32) -> None:
        from eventwire.coder import Coder

        self.coder = Coder(batch_size=batch_size)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        articles = [_article(row) for row in _rows(batch)]
        out: dict[str, list] = {"doc_id": [], "article": [], "events": [], "n_events": []}
        for article, events in self.coder.code_articles(articles):
            out["doc_id"].append(article.doc_id())
            out["article"].append(article.model_dump_json())
            out["events"].append(json.dumps([e.model_dump(mode="json") for e in events]))
            out["n_events"].append(len(events))
        for key in ("input", "date_origin"):
            if key in batch:
                out[key] = [str(v) for v in batch[key]]
        return out


def _rows(batch: dict[str, Any]) -> Iterator[dict[str, Any]]:
    columns = list(batch)
    size = len(batch[columns[0]]) if columns else 0
    for i in range(size):
        yield {name: batch[name][i] for name in columns}


def _article(row: dict[str, Any]) -> Article:
    """A staged row holds the article as JSON; a user's shard holds plain columns."""
    if isinstance(row.get("article"), str):
        return Article.model_validate_json(row["article"])
    text = row.get("text")
    if not isinstance(text, str):
        raise InputError(f"shard row {row.get('id', '?')!r} has no text column")
    fields = {k: str(row[k]) for k in ARTICLE_FIELDS if row.get(k) not in (None, "")}
    return Article(text=text, date=_date(row.get("date")), **fields)


def _date(value: Any) -> Date | None:
    if value is None or value != value:  # None or NaN/NaT
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    try:
        return Date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def shard_kind(sources: Sequence[str]) -> str | None:
    """'parquet' or 'json' when every source is such a shard (or folder of them), else None."""
    kinds = {_kind(s) for s in sources}
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


def _kind(source: str) -> str | None:
    path = Path(source)
    if path.is_dir():
        kinds = {SHARD_FORMATS.get(p.suffix) for p in path.iterdir() if p.is_file()}
        kinds.discard(None)
        return kinds.pop() if len(kinds) == 1 else None
    return SHARD_FORMATS.get(path.suffix.lower())


def stage(sources: Sequence[str], folder: Path, options=None) -> tuple[list[str], dict[str, int]]:
    """Read any eventwire source here and write JSONL shards of `STAGE_SHARD` articles."""
    from eventwire.models import ErrorRecord
    from eventwire.sources import SourceOptions, check_sources, expand

    check_sources(sources)
    folder.mkdir(parents=True, exist_ok=True)
    shards: list[str] = []
    skipped: dict[str, int] = {}
    handle = None
    count = 0
    try:
        for item in expand(sources, options or SourceOptions()):
            if isinstance(item.record, ErrorRecord):
                skipped["unreadable input"] = skipped.get("unreadable input", 0) + 1
                continue
            if count % STAGE_SHARD == 0:
                if handle is not None:
                    handle.close()
                shards.append(str(folder / f"articles-{len(shards):05d}.jsonl"))
                handle = open(shards[-1], "w", encoding="utf-8")  # noqa: SIM115
            row = {"article": item.record.model_dump_json(), "input": item.input}
            row["date_origin"] = item.date_origin
            handle.write(json.dumps(row) + "\n")
            count += 1
    finally:
        if handle is not None:
            handle.close()
    return shards, skipped


def run(
    sources: Sequence[str],
    out: str | Path,
    workers: int = 2,
    address: str | None = None,
    batch_size: int = 32,
    num_cpus: int | None = None,
    options=None,
) -> RayRun:
    """Code `sources` on Ray with a pool of `workers` actors; event shards go to `out`/events."""
    if workers < 1 or batch_size < 1:
        raise InputError(f"workers and batch size must be >= 1, got {workers}, {batch_size}")
    started = time.perf_counter()
    out = Path(out)
    result = RayRun(shards=out / "events")
    kind = shard_kind(sources)
    paths = list(sources)
    if kind is None:
        paths, result.skipped = stage(sources, out / "input", options)
        kind = "json"
    if not paths:
        result.seconds = time.perf_counter() - started
        return result
    connect(address, num_cpus)
    dataset = _read(kind, paths)
    coded = dataset.map_batches(
        CodeBatch,
        fn_constructor_kwargs={"batch_size": batch_size},
        batch_size=batch_size,
        compute=_ray().data.ActorPoolStrategy(size=workers),
        num_cpus=_cpus_per_worker(workers),
    )
    coded.write_parquet(str(result.shards))
    result.articles, result.events = _totals(result.shards)
    result.seconds = time.perf_counter() - started
    return result


def _read(kind: str, paths: list[str]):
    ray = _ray()
    if kind == "parquet":
        return ray.data.read_parquet(paths, num_cpus=READ_CPUS)
    return ray.data.read_json(paths, lines=True, num_cpus=READ_CPUS)


def _cpus_per_worker(workers: int) -> float:
    """One CPU per actor, less when the pool would leave no room for reading."""
    total = _ray().cluster_resources().get("CPU", 1.0)
    return min(1.0, max(0.1, (total - READ_CPUS) / workers))


def _totals(folder: Path) -> tuple[int, int]:
    import pyarrow.parquet as pq

    articles = events = 0
    for path in sorted(folder.glob("*.parquet")):
        table = pq.read_table(path, columns=["n_events"])
        articles += table.num_rows
        events += sum(table.column("n_events").to_pylist())
    return articles, events


def read_shards(folder: str | Path) -> Iterator[tuple[Article, list[Event], dict[str, str]]]:
    """Articles with their events from event shards, one row group at a time (flat memory)."""
    import pyarrow.parquet as pq

    paths = sorted(Path(folder).glob("*.parquet"))
    if not paths:
        raise InputError(f"no Parquet event shards in {str(folder)!r}")
    for path in paths:
        parquet = pq.ParquetFile(path)
        for index in range(parquet.num_row_groups):
            for row in parquet.read_row_group(index).to_pylist():
                article = Article.model_validate_json(row["article"])
                events = [Event.model_validate(e) for e in json.loads(row["events"])]
                extra = {k: row[k] for k in ("input", "date_origin") if row.get(k)}
                yield article, events, extra


def ingest(
    sources: Sequence[str],
    db: str | Path,
    options=None,
    workers: int = 2,
    batch_size: int = 32,
    window_days: int | None = None,
    progress: bool = False,
    on_error=None,
    address: str | None = None,
    out: str | Path | None = None,
):
    """`eventwire ingest --engine ray`: code on Ray, then load the shards into the store.

    Takes the local `ingest`'s arguments so the command can swap one for the other (`progress`
    and `on_error` are unused: Ray reports its own progress). Shards go to `out` (default: a
    folder next to the database) so a failed load can be rerun from them; the store skips
    articles it already holds, as the local path does.
    """
    from eventwire import dedup, store
    from eventwire.ingest import IngestSummary, finish
    from eventwire.store import CodedArticle

    started = time.perf_counter()
    out = Path(out) if out is not None else Path(f"{db}.ray")
    done = run(sources, out, workers, address, batch_size, options=options)
    summary = IngestSummary(workers=workers)
    summary.skipped.update(done.skipped)
    con = store.connect(db)
    try:
        batch: list[CodedArticle] = []
        for article, events, extra in read_shards(done.shards):
            summary.read += 1
            batch.append(CodedArticle(article, events, 0, minhash=dedup.signature(article.text),
                                      **extra))  # fmt: skip
            if len(batch) >= batch_size:
                _store(con, batch, summary)
        _store(con, batch, summary)
        finish(con, summary, window_days or dedup.DEFAULT_WINDOW_DAYS)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _store(con, batch: list, summary) -> None:
    from eventwire import store

    new = store.write_batch(con, batch)
    summary.stored += new
    summary.skipped["already in the database"] += len(batch) - new
    summary.mentions += sum(len(c.events) for c in batch)
    batch.clear()
