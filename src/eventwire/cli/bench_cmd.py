"""`eventwire bench`: how much of spaCy's parsing speed the whole coder keeps, and (with
``--lengths``) how coding time grows with the length of one sentence."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import typer

from eventwire.cli.app import app
from eventwire.errors import EventwireError

if TYPE_CHECKING:
    from eventwire.evaluation.bench import BenchResult
    from eventwire.evaluation.length_bench import LengthTiming


@app.command()
def bench(
    sentences: int = typer.Option(3000, "--sentences", "-n", help="Generated sentences to code."),
    batch_size: int = typer.Option(64, "--batch-size", "-b", help="nlp.pipe batch size."),
    repeats: int = typer.Option(2, "--repeats", help="Alternating runs; the best is kept."),
    per_article: int = typer.Option(20, "--per-article", help="Sentences per article."),
    seed: int = typer.Option(0, "--seed", help="Seed of the sentence generator."),
    coder: bool = typer.Option(True, "--coder/--no-coder", help="Also time the whole coder."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    lengths: str | None = typer.Option(
        None,
        "--lengths",
        help="Instead: time one run-on sentence at these lengths in characters, comma-"
        "separated (e.g. 1000,5000,20000,100000), and print the growth per doubling.",
    ),
) -> None:
    """Time the whole coder and bare nlp.pipe on the same generated text in one run."""
    if lengths is not None:
        _length_bench(lengths, seed, as_json)
        return
    from eventwire.evaluation.bench import run_bench  # spaCy: imported only when benchmarking

    result = run_bench(
        sentences=sentences,
        batch_size=batch_size,
        repeats=repeats,
        per_article=per_article,
        seed=seed,
        with_coder=coder,
        progress=sys.stderr.isatty(),
    )
    if as_json:
        typer.echo(json.dumps(result.to_dict()))
    else:
        _print_table(result)


def _print_table(result: BenchResult) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=(
            f"{result.sentences} sentences, {result.words} words, {result.articles} articles · "
            f"{result.model} · batch {result.batch_size} · best of {result.repeats}"
        )
    )
    for column in ("", "seconds", "sentences/s", "words/s"):
        table.add_column(column, justify="left" if not column else "right")
    trimmed = f"bare nlp.pipe without {', '.join(result.coder_disables)}"
    rows = [
        ("bare nlp.pipe (full pipeline)", result.bare),
        (trimmed, result.bare_same_pipes),
        ("whole coder", result.coder),
    ]
    for name, figures in rows:
        if figures is not None:
            table.add_row(
                name,
                f"{figures.seconds:.2f}",
                f"{figures.sentences_per_s:,.1f}",
                f"{figures.words_per_s:,.0f}",
            )
    console = Console()
    console.print(table)
    if result.ratio is not None:
        console.print(f"ratio (whole coder ÷ bare nlp.pipe): {result.ratio:.3f}")
    if result.ratio_same_pipes is not None:
        console.print(f"ratio (whole coder ÷ {trimmed}): {result.ratio_same_pipes:.3f}")
    if result.events is not None:
        console.print(f"events found: {result.events}")
    console.print(f"peak memory (max RSS): {result.peak_rss_mb:.1f} MB")


def _length_bench(lengths: str, seed: int, as_json: bool) -> None:
    from eventwire.coding.coder import Coder
    from eventwire.evaluation.length_bench import time_lengths

    try:
        sizes = tuple(int(n) for n in lengths.split(","))
    except ValueError:
        raise EventwireError(f"--lengths {lengths!r}: expected numbers like 1000,5000") from None
    if not sizes or min(sizes) < 100:
        raise EventwireError(f"--lengths {lengths!r}: each length must be at least 100")
    timings = time_lengths(Coder(), sizes, seed)
    if as_json:
        typer.echo(json.dumps([t.to_dict() for t in timings]))
    else:
        _print_lengths(timings)


def _print_lengths(timings: list[LengthTiming]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="one run-on sentence (linear: 2x per doubling, quadratic: 4x)")
    for column in ("characters", "words", "seconds", "events", "growth per doubling"):
        table.add_column(column, justify="right")
    for t in timings:
        growth = f"{t.per_doubling:.2f}x" if t.per_doubling is not None else ""
        table.add_row(f"{t.chars:,}", f"{t.words:,}", f"{t.seconds:.2f}", str(t.events), growth)
    Console().print(table)
