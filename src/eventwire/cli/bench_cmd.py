"""`eventwire bench`: how much of spaCy's parsing speed the whole coder keeps."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import typer

from eventwire.cli.app import app

if TYPE_CHECKING:
    from eventwire.bench import BenchResult


@app.command()
def bench(
    sentences: int = typer.Option(3000, "--sentences", "-n", help="Generated sentences to code."),
    batch_size: int = typer.Option(64, "--batch-size", "-b", help="nlp.pipe batch size."),
    repeats: int = typer.Option(2, "--repeats", help="Alternating runs; the best is kept."),
    per_article: int = typer.Option(20, "--per-article", help="Sentences per article."),
    seed: int = typer.Option(0, "--seed", help="Seed of the sentence generator."),
    coder: bool = typer.Option(True, "--coder/--no-coder", help="Also time the whole coder."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Time the whole coder and bare nlp.pipe on the same generated text in one run."""
    from eventwire.bench import run_bench  # spaCy: imported only when benchmarking

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
