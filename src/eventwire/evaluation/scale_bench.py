"""Scaling figures: articles/s and sentences/s for 1, 2, ... workers, local and Ray paths.

Each path codes the same generated corpus of ~600-word articles; the ratio divides the whole
coder's throughput by a bare `nlp.pipe` (full pipeline) with the same number of processes.
`memory` runs the local coder on a streamed corpus in a fresh process and reports its peak RSS,
to show memory stays flat as the input grows. Run: ``python -m eventwire.evaluation.scale_bench``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from eventwire.evaluation.synthetic_news import generate_articles, generate_sentences
from eventwire.models import Article


def _mb(kib: int) -> float:
    return round(kib / 1024, 1)


def corpus(n: int, seed: int = 0) -> list[Article]:
    return [g.article for g in generate_articles(n, seed=seed, words=600)]


def _bare(texts: list[str], workers: int) -> tuple[float, int]:
    from eventwire.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    started = time.perf_counter()
    sentences = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=16, n_process=workers))
    return time.perf_counter() - started, sentences


def _local(articles: list[Article], workers: int) -> float:
    from eventwire.coding.coder import Coder

    coder = Coder(batch_size=16, n_process=workers)
    list(coder.code_articles(articles[:2]))  # warm-up (and, with workers, nothing kept)
    started = time.perf_counter()
    for _ in coder.code_articles(articles):
        pass
    return time.perf_counter() - started


def _ray(articles: list[Article], workers: int, folder: Path) -> float | None:
    try:
        from eventwire.scale import ray_engine
    except ImportError:
        return None
    source = folder / "corpus.jsonl"
    if not source.exists():
        source.write_text("".join(a.model_dump_json() + "\n" for a in articles), "utf-8")
    ray_engine.connect(num_cpus=max(workers, os.cpu_count() or 1))
    return ray_engine.run([str(source)], folder / f"out{workers}", workers, batch_size=16).seconds


def scaling(n: int = 40, workers: tuple[int, ...] = (1, 2), ray: bool = True) -> list[dict]:
    """One row per worker count: throughputs, ratio to bare nlp.pipe, peak memory."""
    articles = corpus(n)
    texts = [a.text for a in articles]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for w in workers:
            bare, sentences = _bare(texts, w)
            local = _local(articles, w)
            ray_s = _ray(articles, w, Path(tmp)) if ray else None
            rows.append(_row(w, n, sentences, bare, local, ray_s))
    return rows


def _row(w: int, n: int, sentences: int, bare: float, local: float, ray_s: float | None) -> dict:
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "workers": w,
        "bare_articles_s": round(n / bare, 2),
        "local_articles_s": round(n / local, 2),
        "local_sentences_s": round(sentences / local, 1),
        "ratio_local_to_bare": round(bare / local, 3),
        "ray_articles_s": round(n / ray_s, 2) if ray_s else None,
        "ray_sentences_s": round(sentences / ray_s, 1) if ray_s else None,
        "ratio_ray_to_bare": round(bare / ray_s, 3) if ray_s else None,
        "peak_mb_per_worker": _mb(child if w > 1 else own),
    }


def _stream(sentences: int, per_article: int = 20) -> Iterator[Article]:
    """Articles built on the fly: the corpus is never held in memory."""
    batch: list[str] = []
    for i, text in enumerate(generate_sentences(sentences, seed=1)):
        batch.append(text)
        if len(batch) == per_article:
            yield Article(id=f"m{i}", text=" ".join(batch))
            batch = []
    if batch:
        yield Article(id="m-last", text=" ".join(batch))


def _memory_child(sentences: int, workers: int) -> None:
    from eventwire.coding.coder import Coder

    events = sum(len(e) for _, e in Coder(n_process=workers).code_articles(_stream(sentences)))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"sentences": sentences, "events": events, "peak_mb": _mb(own),
                      "peak_worker_mb": _mb(child)}))  # fmt: skip


def memory(sizes: tuple[int, ...] = (10_000, 100_000), workers: int = 2) -> list[dict]:
    """Peak RSS of a fresh process coding a streamed corpus of each size."""
    rows = []
    for size in sizes:
        code = (
            "from eventwire.evaluation.scale_bench import "
            f"_memory_child; _memory_child({size}, {workers})"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "scaling"
    result = memory() if mode == "memory" else scaling(int(os.environ.get("BENCH_ARTICLES", 40)))
    print(json.dumps(result, indent=1))
