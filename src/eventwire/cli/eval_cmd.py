"""`eventwire eval`: score the coder on a gold JSONL file and show where it goes wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from eventwire.cli.app import app
from eventwire.evaluation import evaluate
from eventwire.evaluation.evaluate import NONE, EvalReport, evaluate_file, write_errors
from eventwire.evaluation.gold import PRF
from eventwire.evaluation.strict_eval import Calibration
from eventwire.evaluation.where_eval import WhereScores


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
    include_withheld: Annotated[
        bool,
        typer.Option(
            "--all",
            help="score the coder's whole reading, events withheld from the default dataset "
            "(a side with no country or organisation) included",
        ),
    ] = False,
) -> None:
    """Run the coder on a gold file and report the strict dyad funnel, strict span anchoring,
    calibration and penta scores, then the lenient diagnostics."""
    make = evaluate.default_coder
    coder = make(include_withheld=True) if include_withheld else make()
    report = evaluate_file(gold, coder=coder, limit=limit)
    if errors is not None:
        written = write_errors(errors, report)
        typer.echo(f"wrote {written} error cases to {errors}", err=True)
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        render(report, Console())


def render(report: EvalReport, console: Console) -> None:
    """Human-readable tables: strict headline scores first, then the lenient diagnostics and
    the detail behind them."""
    console.print(_headline(report))
    if report.where:
        console.print(_where(report.where))
    for note in report.notes:
        console.print(f"note: {note}")
    for calibration in report.calibration:
        console.print(_calibration(calibration))
    if report.dyad_errors:
        console.print(_dyad_errors(report.dyad_errors))
    if report.funnel and report.funnel.per_type:
        console.print(_per_type(report.funnel.per_type, "typed dyads by type (strict, sets)"))
    console.print(_summary(report))
    if report.types:
        console.print(_per_type(report.types.per_type, "event types (folded, multisets)"))
    if report.penta:
        console.print(_penta(report))
    if report.confusion:
        console.print(_confusion(report))
    if report.top_errors:
        console.print(_errors(report))


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _headline(report: EvalReport) -> Table:
    """The strict measures: the dyad funnel, strict span anchoring, penta."""
    kinds = ", ".join(f"{k} {n}" for k, n in report.records_by_kind.items())
    table = Table(title=f"{report.gold_file}: {report.records} records ({kinds}): strict")
    for col in ("measure", "n", "P", "R", "F1 / acc"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    if f := report.funnel:
        for name, m in f.levels.items():
            table.add_row(name, str(f.records), _pct(m.precision), _pct(m.recall), _pct(m.f1))
    if s := report.strict:
        table.add_row("strict span-anchored accuracy", str(s.events), "", "", _pct(s.accuracy))
        table.add_row("strict span-anchored macro-F1", str(s.events), "", "", _pct(s.macro_f1))
        table.add_row("strict anchoring (any type)", str(s.events), "", "", _pct(s.anchoring))
    if p := report.penta:
        table.add_row("penta accuracy", str(p.records), "", "", _pct(p.accuracy))
        table.add_row("penta macro-F1", str(p.records), "", "", _pct(p.macro_f1))
    table.caption = (
        f"gold events {report.gold_events}, predicted {report.predicted_events} "
        f"(and {report.not_events} negated or denied acts, left out), {report.seconds}s"
    )
    return table


def _where(scores: WhereScores) -> Table:
    """Places and dates from the gold's `where` field: what the map and time series show."""
    table = Table(title=f"places and dates ({scores.records} records with a `where` field)")
    for col in ("measure", "of", "share"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    places, gold, dates = scores.predicted_places, scores.gold_places, scores.matched_dates
    table.add_row(
        "event places that are right (precision)", str(places), _pct(scores.place_precision)
    )
    table.add_row("gold places found (recall)", str(gold), _pct(scores.place_recall))
    table.add_row("event places that are traps", str(places), _pct(scores.trap_rate))
    table.add_row(
        "matched events with the right date and precision", str(dates), _pct(scores.date_accuracy)
    )
    table.add_row("matched events with the right date", str(dates),
                  _pct(scores.right_days / dates if dates else 0.0))  # fmt: skip
    table.caption = f"{dates} of {scores.gold_dates} gold dates have a predicted event"
    return table


def _calibration(calibration: Calibration) -> Table:
    """Precision per confidence bin and from each bin's lower bound up, to pick a threshold."""
    table = Table(
        title=f"calibration: share of predicted events with the {calibration.basis} right"
    )
    for col in ("confidence", "events", "right", "precision", ">= low: events", "precision"):
        table.add_column(col, justify="left" if col == "confidence" else "right")
    for b in calibration.bins:
        close = "]" if b.high == 1.0 else ")"
        table.add_row(
            f"[{b.low:.1f}, {b.high:.1f}{close}",
            str(b.events),
            str(b.correct),
            _maybe_pct(b.precision),
            str(b.at_least_events),
            _maybe_pct(b.at_least_precision),
        )
    return table


def _dyad_errors(counts: dict[str, int]) -> Table:
    table = Table(title="typed-dyad errors by the funnel step that fails")
    table.add_column("error")
    table.add_column("count", justify="right")
    for kind, n in counts.items():
        table.add_row(kind, str(n))
    return table


def _maybe_pct(x: float | None) -> str:
    return "" if x is None else _pct(x)


def _summary(report: EvalReport) -> Table:
    """The lenient measures of earlier releases, kept to show what the strict ones add."""
    table = Table(title="diagnostics: folded categories (planned acts as AGREE/THREATEN)")
    for col in ("measure", "n", "P", "R", "F1 / acc"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, scores in (
        ("event types (multiset)", report.types),
        ("typed dyads (multiset)", report.dyads),
    ):
        if scores:
            m = scores.micro
            table.add_row(name, str(scores.records), _pct(m.precision), _pct(m.recall), _pct(m.f1))
    if s := report.strict:
        table.add_row(
            "strict span-anchored accuracy", str(s.events), "", "", _pct(s.folded_accuracy)
        )
    if a := report.anchored:
        table.add_row("lenient span-anchored accuracy", str(a.events), "", "", _pct(a.accuracy))
        table.add_row("lenient span-anchored macro-F1", str(a.events), "", "", _pct(a.macro_f1))
    tiers = ""
    if a := report.anchored:
        tiers = "lenient anchoring: " + ", ".join(f"{t} {_pct(s)}%" for t, s in a.tiers.items())
        tiers += "\n"
    table.caption = tiers + (
        f"skipped records {report.skipped_records}, "
        f"unmapped gold codes {sum(report.unmapped_gold_codes.values())}"
    )
    return table


def _per_type(per_type: dict[str, PRF], title: str) -> Table:
    table = Table(title=title)
    for col in ("type", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, s in per_type.items():
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
