"""The coder as a Ray Data job: article shards in, Parquet event shards out.

Ray Data fits a stateful Python NLP batch job: `map_batches` with a callable class runs on an
actor pool, so each worker loads the spaCy pipeline and the actor tables once and then codes
batch after batch, streaming, with back-pressure between reading, coding and writing. Each
batch is coded by the very function the local path uses (`eventwire.corpus.ingest.code_batch`), so
the events, sentence counts and per-article errors are the local ones.

Input: everything the local path reads (files, folders of any mix of kinds, CSV, feeds, URLs,
stdin) is read here by `eventwire.text.sources`, exactly as locally (publication dates, `--date`,
error records), and written as JSONL shards next to the output, streaming; `ingest` leaves out
what the database already holds or what the input repeats before anything is staged. Parquet
shards (files, folders holding only Parquet, or remote paths such as ``s3://``) with a ``text``
column and optional ``id``, ``title``, ``url``, ``source``, ``date`` go to Ray as they are.
Output: one Parquet row per article with its events as JSON, its sentence count, or its error;
`read_shards` turns them back into `CodedArticle` and `ErrorRecord` records for the store.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import EventwireError, InputError
from eventwire.models import Article, ErrorRecord, Event

if TYPE_CHECKING:
    from eventwire.corpus.ingest import IngestSummary
    from eventwire.corpus.store import CodedArticle
    from eventwire.text.sources import SourceItem, SourceOptions

STAGE_SHARD = 1000  # articles per staged JSONL shard
READ_CPUS = 0.25  # what a read task reserves, so a pool as large as the cluster still reads
ARTICLE_FIELDS = ("id", "title", "url", "source")
_REMOTE = ("s3://", "gs://", "gcs://", "abfs://", "az://", "hdfs://")


@dataclass
class RayRun:
    """What one Ray job did."""

    articles: int = 0
    events: int = 0
    sentences: int = 0
    errors: int = 0
    skipped: Counter = field(default_factory=Counter)
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
        from eventwire.coding.coder import Coder

        self.coder = Coder(batch_size=batch_size)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from eventwire.corpus.ingest import code_batch

        items = [_item(row) for row in _rows(batch)]
        out: dict[str, list] = {name: [] for name in OUTPUT_COLUMNS}
        for item, result in zip(items, code_batch(self.coder, items), strict=True):
            article: Article = item.record  # type: ignore[assignment]
            failed = isinstance(result, ErrorRecord)
            events = [] if failed else result.events  # type: ignore[union-attr]
            out["doc_id"].append(article.doc_id())
            out["article"].append(article.model_dump_json())
            out["events"].append(json.dumps([e.model_dump(mode="json") for e in events]))
            out["n_events"].append(len(events))
            out["n_sentences"].append(0 if failed else result.n_sentences)  # type: ignore[union-attr]
            out["input"].append(item.input)
            out["date_origin"].append(item.date_origin)
            out["error"].append(result.model_dump_json() if failed else "")
        return out


OUTPUT_COLUMNS = (
    "doc_id", "article", "events", "n_events", "n_sentences", "input", "date_origin", "error",
)  # fmt: skip


def _rows(batch: dict[str, Any]) -> Iterator[dict[str, Any]]:
    columns = list(batch)
    size = len(batch[columns[0]]) if columns else 0
    for i in range(size):
        yield {name: batch[name][i] for name in columns}


def _item(row: dict[str, Any]) -> SourceItem:
    """A staged row holds the article as read locally; a user's Parquet row plain columns."""
    from eventwire.text.sources import SourceItem

    if isinstance(row.get("article"), str):
        article = Article.model_validate_json(row["article"])
        return SourceItem(article, str(row.get("input", "")), str(row.get("date_origin", "")))
    text = row.get("text")
    if not isinstance(text, str):
        raise InputError(f"shard row {row.get('id', '?')!r} has no text column")
    fields = {k: str(row[k]) for k in ARTICLE_FIELDS if row.get(k) not in (None, "")}
    article = Article(text=text, date=_date(row.get("date")), **fields)
    return SourceItem(article, "shard", "input" if article.date else "unknown")


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


# --- what goes to Ray as it is, and what is read here first --------------------------------------


def parquet_sources(sources: Sequence[str]) -> bool:
    """True when every source is Parquet Ray can read itself: a .parquet file, a folder holding
    only Parquet files, or a remote path (``s3://…``)."""
    return bool(sources) and all(_is_parquet(s) for s in sources)


def _is_parquet(source: str) -> bool:
    if source.startswith(_REMOTE):
        return True
    path = Path(source)
    if path.is_dir():
        files = [
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        ]
        return bool(files) and all(p.suffix.lower() == ".parquet" for p in files)
    return path.suffix.lower() == ".parquet"


def stage(items: Iterable[SourceItem], folder: Path, skipped: Counter) -> list[str]:
    """Write the readable articles as JSONL shards of `STAGE_SHARD`; errors count as skipped."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("articles-*.jsonl"):
        old.unlink()
    shards: list[str] = []
    handle = None
    count = 0
    try:
        for item in items:
            if isinstance(item.record, ErrorRecord):
                skipped["unreadable input"] += 1
                continue
            if count % STAGE_SHARD == 0:
                if handle is not None:
                    handle.close()
                shards.append(str(folder / f"articles-{len(shards):05d}.jsonl"))
                handle = open(shards[-1], "w", encoding="utf-8")  # noqa: SIM115
            row = {"article": item.record.model_dump_json(), "input": item.input,
                   "date_origin": item.date_origin}  # fmt: skip
            handle.write(json.dumps(row) + "\n")
            count += 1
    finally:
        if handle is not None:
            handle.close()
    return shards


def run(
    sources: Sequence[str],
    out: str | Path,
    workers: int = 2,
    address: str | None = None,
    batch_size: int = 32,
    num_cpus: int | None = None,
    options: SourceOptions | None = None,
) -> RayRun:
    """Code `sources` on Ray with a pool of `workers` actors; event shards go to `out`/events."""
    from eventwire.text.sources import SourceOptions, check_sources, expand

    if parquet_sources(sources):
        return code_shards(list(sources), "parquet", out, workers, address, batch_size, num_cpus)
    check_sources(sources)
    skipped: Counter = Counter()
    paths = stage(expand(sources, options or SourceOptions()), Path(out) / "input", skipped)
    result = code_shards(paths, "json", out, workers, address, batch_size, num_cpus)
    result.skipped.update(skipped)
    return result


def code_shards(
    paths: list[str],
    kind: str,
    out: str | Path,
    workers: int = 2,
    address: str | None = None,
    batch_size: int = 32,
    num_cpus: int | None = None,
) -> RayRun:
    """The Ray Data job itself: read the shards, code them on an actor pool, write Parquet."""
    if workers < 1 or batch_size < 1:
        raise InputError(f"workers and batch size must be >= 1, got {workers}, {batch_size}")
    started = time.perf_counter()
    result = RayRun(shards=Path(out) / "events")
    for old in result.shards.glob("*.parquet"):
        old.unlink()  # a run's shards only: those of an earlier run would be loaded again
    if paths:
        connect(address, num_cpus)
        coded = _read(kind, paths).map_batches(
            CodeBatch,
            fn_constructor_kwargs={"batch_size": batch_size},
            batch_size=batch_size,
            compute=_ray().data.ActorPoolStrategy(size=workers),
            num_cpus=_cpus_per_worker(workers),
        )
        coded.write_parquet(str(result.shards))
        result.articles, result.events, result.sentences, result.errors = _totals(result.shards)
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


def _totals(folder: Path) -> tuple[int, int, int, int]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    articles = events = sentences = errors = 0
    for path in sorted(folder.glob("*.parquet")):
        table = pq.read_table(path, columns=["n_events", "n_sentences", "error"])
        articles += table.num_rows
        events += pc.sum(table.column("n_events")).as_py() or 0
        sentences += pc.sum(table.column("n_sentences")).as_py() or 0
        errors += sum(1 for e in table.column("error").to_pylist() if e and not _not_coded(e))
    return articles, events, sentences, errors


def _not_coded(error: str) -> bool:
    """An article left uncoded for its language (`ingest.NotCoded`): skipped, not failed."""
    return '"language":' in error


def _error_record(error: str) -> ErrorRecord:
    from eventwire.corpus.ingest import NotCoded

    model = NotCoded if _not_coded(error) else ErrorRecord
    return model.model_validate_json(error)


def read_shards(folder: str | Path) -> Iterator[CodedArticle | ErrorRecord]:
    """The coded articles (or their errors) of event shards, a row group at a time."""
    import pyarrow.parquet as pq

    from eventwire.corpus.dedup import signature
    from eventwire.corpus.store import CodedArticle

    paths = sorted(Path(folder).glob("*.parquet"))
    if not paths:
        raise InputError(f"no Parquet event shards in {str(folder)!r}")
    for path in paths:
        parquet = pq.ParquetFile(path)
        for index in range(parquet.num_row_groups):
            for row in parquet.read_row_group(index).to_pylist():
                if row.get("error"):
                    yield _error_record(row["error"])
                    continue
                article = Article.model_validate_json(row["article"])
                yield CodedArticle(
                    article=article,
                    events=[Event.model_validate(e) for e in json.loads(row["events"])],
                    n_sentences=int(row.get("n_sentences") or 0),
                    date_origin=row.get("date_origin") or "input",
                    input=row.get("input") or "",
                    minhash=signature(article.text),
                )


# --- eventwire ingest --engine ray ------------------------------------------------------------


def ingest(
    sources: Sequence[str],
    db: str | Path,
    options: SourceOptions | None = None,
    workers: int = 2,
    batch_size: int = 32,
    window_days: int | None = None,
    progress: bool = False,
    on_error: Callable[[ErrorRecord], None] | None = None,
    address: str | None = None,
    out: str | Path | None = None,
) -> IngestSummary:
    """`eventwire ingest --engine ray`: code on Ray, then load the shards into the store.

    Takes the local `ingest`'s arguments so the command can swap one for the other (`progress`
    is unused: Ray reports its own progress). Articles are read, and those stored already or
    repeated in the input left out, exactly as locally; shards go to `out` (default: a folder
    next to the database) so a failed load can be rerun from them.
    """
    from eventwire.corpus import dedup, store
    from eventwire.corpus.ingest import IngestSummary, finish, store_batch

    started = time.perf_counter()
    out = Path(out) if out is not None else Path(f"{db}.ray")
    summary = IngestSummary(workers=workers)
    con = store.connect(db)
    try:
        copies: list[store.Copy] = []
        done = _code_new(con, sources, out, summary, options, on_error, copies,
                         (workers, address, batch_size))  # fmt: skip
        coded = read_shards(done.shards) if done.articles else iter(())
        _load(con, coded, summary, on_error, batch_size)
        store_batch(con, [], summary, copies)  # copies of texts coded in this run
        finish(con, summary, window_days or dedup.DEFAULT_WINDOW_DAYS)
    finally:
        con.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _code_new(
    con, sources, out: Path, summary, options, on_error, copies: list, job: tuple
) -> RayRun:
    """Stage what the store lacks (counting what is skipped as the local path does), code it;
    copies of known texts are collected in `copies`."""
    from eventwire.corpus.ingest import new_items, stored_keys
    from eventwire.text.sources import SourceOptions, check_sources, expand

    if parquet_sources(sources):
        done = code_shards(list(sources), "parquet", out, *job)
        summary.read += done.articles
        return done
    check_sources(sources)
    items = expand(sources, options or SourceOptions())
    fresh = new_items(partial(stored_keys, con), items, summary, on_error, copies.append)
    paths = stage(fresh, out / "input", summary.skipped)
    return code_shards(paths, "json", out, *job)


def _load(con, coded: Iterator, summary, on_error, batch_size: int) -> None:
    from eventwire.corpus.ingest import SKIP_CODING, NotCoded, skip_language, store_batch

    batch: list = []
    for item in coded:
        if isinstance(item, NotCoded):
            summary.skipped[skip_language(item.language)] += 1
            continue
        if isinstance(item, ErrorRecord):
            summary.skipped[SKIP_CODING] += 1
            if on_error:
                on_error(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            store_batch(con, batch, summary)
            batch = []
    store_batch(con, batch, summary)
