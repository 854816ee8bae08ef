"""`eventwire eval`: score the coder on a gold JSONL file and show where it goes wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventwire.cli.app import app
from eventwire.evaluate import NONE, EvalReport, TypeScores, evaluate_file, write_errors


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="gold JSONL file in the shared gold format")],
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="write each miss, wrong type and false alarm as JSONL"),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="score only the first N records")
    ] = None,
) -> None:
    """Run the coder on a gold file and report event-type, dyad, span and penta scores."""
    report = evaluate_file(gold, limit=limit)
    if errors is not None:
        written = write_errors(errors, report)
        typer.echo(f"wrote {written} error cases to {errors}", err=True)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        render(report, Console())


def render(report: EvalReport, console: Console) -> None:
    """Human-readable tables: headline scores first, then the detail behind them."""
    console.print(_summary(report))
    if report.types:
        console.print(_per_type(report.types))
    if report.penta:
        console.print(_penta(report))
    if report.confusion:
        console.print(_confusion(report))
    if report.top_errors:
        console.print(_errors(report))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _summary(report: EvalReport) -> Table:
    kinds = ", ".join(f"{k} {n}" for k, n in report.records_by_kind.items())
    table = Table(title=f"{report.gold_file}: {report.records} records ({kinds})")
    for col in ("measure", "n", "P", "R", "F1 / acc"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, scores in (("event types (micro)", report.types), ("typed dyads", report.dyads)):
        if scores:
            m = scores.micro
            table.add_row(name, str(scores.records), _pct(m.precision), _pct(m.recall), _pct(m.f1))
    if a := report.anchored:
        table.add_row("span-anchored type accuracy", str(a.events), "", "", _pct(a.accuracy))
        table.add_row("span-anchored macro-F1", str(a.events), "", "", _pct(a.macro_f1))
    if p := report.penta:
        table.add_row("penta accuracy", str(p.records), "", "", _pct(p.accuracy))
        table.add_row("penta macro-F1", str(p.records), "", "", _pct(p.macro_f1))
    tiers = ""
    if a := report.anchored:
        tiers = "anchored on " + ", ".join(f"{t} {_pct(s)}%" for t, s in a.tiers.items()) + "\n"
    table.caption = tiers + (
        f"gold events {report.gold_events}, predicted {report.predicted_events}, "
        f"skipped records {report.skipped_records}, "
        f"unmapped gold codes {sum(report.unmapped_gold_codes.values())}, {report.seconds}s"
    )
    return table


def _per_type(scores: TypeScores) -> Table:
    table = Table(title="event types")
    for col in ("type", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, s in scores.per_type.items():
        table.add_row(
            name, str(s.tp), str(s.fp), str(s.fn), _pct(s.precision), _pct(s.recall), _pct(s.f1)
        )
    return table


def _penta(report: EvalReport) -> Table:
    table = Table(title="penta confusion (rows gold, columns predicted)")
    table.add_column("gold")
    for c in range(5):
        table.add_column(str(c), justify="right")
    for g, row in enumerate(report.penta.confusion if report.penta else []):
        table.add_row(str(g), *(str(n) for n in row))
    return table


def _confusion(report: EvalReport) -> Table:
    preds = sorted({p for row in report.confusion.values() for p in row} - {NONE}) + [NONE]
    table = Table(title="type confusion (rows gold, columns predicted)")
    table.add_column("gold")
    for p in preds:
        table.add_column(p[:5], justify="right")
    for g, row in report.confusion.items():
        table.add_row(g, *(str(row.get(p, "")) for p in preds))
    return table


def _errors(report: EvalReport) -> Table:
    table = Table(title="most frequent errors")
    for col in ("kind", "gold", "predicted", "count"):
        table.add_column(col, justify="right" if col == "count" else "left")
    for e in report.top_errors:
        table.add_row(e["kind"], e["gold"], e["predicted"], str(e["count"]))
    return table
