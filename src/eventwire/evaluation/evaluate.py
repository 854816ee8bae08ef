"""Score the coder against gold files in the shared gold format (see DESIGN.md).

Gold comes in three flavours, told apart by each record's `ontology` field: PLOVER labels
(possibly with CONCEDE and RETREAT merged as YIELD), CAMEO codes (mapped to PLOVER through the
ontology) and PENTA classes (0 = no event, 1-4 = QuadClass). Each flavour supports different
measures, so every measure reports how many records or events it was computed on.

Scoring is pure (records + predicted events in, report out) so it can be tested with
hand-built events; `evaluate_file` is the thin layer that reads the file and runs a coder.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date as Date
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field, ValidationError

from eventwire import ontology
from eventwire.errors import EventwireError, InputError
from eventwire.evaluation import strict_eval, where_eval
from eventwire.evaluation.gold import (
    PRF,
    GoldEvent,
    GoldRecord,
    content_words,
    find_span,
    gold_type,
    macro_f1,
    plover_label,
)
from eventwire.evaluation.strict_eval import Calibration, FunnelScores, StrictAnchored
from eventwire.models import Actor, Article, Event

NONE = "NONE"
# Events the text says did not happen are not events of the dataset.
NOT_EVENTS = {"negated", "denied"}
TIERS = ("actor+recipient", "actor", "recipient", "none")


class Coder(Protocol):
    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches, yielding each with its events."""
        ...


class TypeScores(BaseModel):
    records: int
    micro: PRF
    per_type: dict[str, PRF]


class AnchoredScores(BaseModel):
    events: int
    accuracy: float
    macro_f1: float
    tiers: dict[str, float]
    tier_counts: dict[str, int]


class PentaScores(BaseModel):
    records: int
    accuracy: float
    macro_f1: float
    confusion: list[list[int]] = Field(description="rows: gold class 0-4, columns: predicted")


class ErrorCase(BaseModel):
    """One miss, wrong type or false alarm, for --errors and for error analysis."""

    id: str
    kind: str
    gold_type: str
    predicted_type: str
    text: str
    gold: list[dict[str, Any]]
    predicted: list[dict[str, Any]]


class EvalReport(BaseModel):
    """Headline (strict) measures first, then the lenient diagnostics behind them."""

    gold_file: str = ""
    records: int
    records_by_kind: dict[str, int]
    skipped_records: int = Field(0, description="records marked as expected parser errors")
    gold_events: int
    predicted_events: int
    not_events: int = Field(0, description="predicted acts the text negates or denies, left out")
    unmapped_gold_codes: dict[str, int]
    funnel: FunnelScores | None = Field(
        None, description="headline: type -> type+actor -> typed dyad over per-document sets"
    )
    strict: StrictAnchored | None = Field(
        None, description="headline: span anchoring on both the actor and the recipient span"
    )
    calibration: list[Calibration] = Field(
        default_factory=list, description="precision of predicted events by confidence bin"
    )
    where: where_eval.WhereScores | None = Field(None, description="places and dates")
    dyad_errors: dict[str, int] = Field(
        default_factory=dict, description="missed and wrong typed dyads by the step that fails"
    )
    notes: list[str] = Field(default_factory=list, description="measures this gold cannot feed")
    types: TypeScores | None = Field(description="diagnostic: folded categories, multisets")
    dyads: TypeScores | None = Field(description="diagnostic: folded categories, multisets")
    anchored: AnchoredScores | None = Field(description="diagnostic: lenient span anchoring")
    penta: PentaScores | None
    confusion: dict[str, dict[str, int]]
    top_errors: list[dict[str, Any]]
    seconds: float = 0.0
    cases: list[ErrorCase] = Field(default_factory=list, exclude=True)


# --------------------------------------------------------------------------- reading


def load_gold(path: str | Path, limit: int | None = None) -> list[GoldRecord]:
    """Read a gold JSONL file; any unreadable line is an InputError naming file and line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"gold file {str(path)!r} does not exist")
    records: list[GoldRecord] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if limit is not None and len(records) >= limit:
                break
            if line.strip():
                records.append(_parse_line(path, number, line))
    if not records:
        raise InputError(f"gold file {str(path)!r} has no records")
    return records


def _parse_line(path: Path, number: int, line: str) -> GoldRecord:
    try:
        return GoldRecord.model_validate_json(line)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        raise InputError(f"{path}:{number}: not a gold record ({where}: {first['msg']})") from None


def _article(record: GoldRecord, index: int) -> Article:
    return Article(id=record.id or f"gold-{index}", text=record.text, date=_gold_date(record.date))


def _gold_date(value: str | None) -> Date | None:
    """Gold dates come as YYYYMMDD or ISO; anything else is treated as unknown."""
    if not value:
        return None
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip()[:10], fmt).date()
        except ValueError:
            continue
    return None


# --------------------------------------------------------------------------- running


def default_coder(include_withheld: bool = False) -> Coder:
    """The package's coder, imported late so scoring works without spaCy loaded; by default it
    codes what `eventwire code` outputs (withheld events left out)."""
    try:
        from eventwire.coding.coder import Coder as RealCoder
    except ImportError as exc:
        raise EventwireError(f"the event coder is not available ({exc})") from None
    return RealCoder(include_withheld=include_withheld)


def run_coder(records: Sequence[GoldRecord], coder: Coder) -> list[list[Event]]:
    """Code every gold text once, in batches; the coder yields in input order."""
    articles = [_article(r, i) for i, r in enumerate(records)]
    results = [list(events) for _, events in coder.code_articles(articles)]
    if len(results) != len(articles):
        raise EventwireError(
            f"the coder returned {len(results)} results for {len(articles)} gold records"
        )
    return results


def evaluate_file(
    path: str | Path, coder: Coder | None = None, limit: int | None = None
) -> EvalReport:
    """Read a gold file, run the coder on it and score the result."""
    records = load_gold(path, limit)
    started = time.perf_counter()
    predictions = run_coder(records, coder or default_coder())
    report = score(records, predictions)
    report.gold_file = str(path)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


# --------------------------------------------------------------------------- scoring


def score(records: Sequence[GoldRecord], predictions: Sequence[list[Event]]) -> EvalReport:
    """All measures for records and the events predicted for each (same order)."""
    if len(records) != len(predictions):
        raise EventwireError("gold records and predictions differ in number")
    kept = [(r, _asserted(p)) for r, p in zip(records, predictions, strict=True) if _scored(r)]
    unmapped: Counter[str] = Counter()
    typed = [
        (r, _gold_types(r, unmapped), _pred_types(r, p), p)
        for r, p in kept
        if r.kind in ("plover", "cameo")
    ]
    confusion, cases = _confusions(typed)
    cases += _penta_cases(kept)
    return EvalReport(
        records=len(records),
        records_by_kind=dict(Counter(r.kind for r in records)),
        skipped_records=len(records) - len(kept),
        gold_events=sum(len(r.events) for r, _ in kept),
        predicted_events=sum(len(p) for _, p in kept),
        not_events=sum(
            e.modality in NOT_EVENTS
            for r, p in zip(records, predictions, strict=True)
            if _scored(r)
            for e in p
        ),
        unmapped_gold_codes=dict(unmapped),
        funnel=strict_eval.funnel(kept),
        strict=strict_eval.strict_anchored(kept, _event_label),
        calibration=[
            c
            for c in (strict_eval.dyad_calibration(kept), strict_eval.span_calibration(kept))
            if c is not None
        ],
        dyad_errors=strict_eval.dyad_errors(kept),
        where=where_eval.where_scores(kept),
        notes=_notes(kept),
        types=_type_scores([(g, p) for _, g, p, _ in typed]) if typed else None,
        dyads=_dyad_scores(kept),
        anchored=_anchored_scores(kept),
        penta=_penta_scores(kept),
        confusion=confusion,
        top_errors=_top_errors(cases),
        cases=cases,
    )


def _notes(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> list[str]:
    """Say which headline measure a gold file cannot feed, so its absence is not a surprise."""
    events = [e for r, _ in kept for e in r.events]
    if not events or any(e.has_span or e.has_code for e in events):
        return []
    return ["strict anchoring needs actor and recipient spans and the dyad funnel actor codes; "
            "this gold marks neither, so only its type or penta figures are reported"]  # fmt: skip


def _scored(record: GoldRecord) -> bool:
    """PETRARCH's tests of parser failures have no meaningful gold events."""
    return not record.meta.get("expected_error")


def _asserted(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if e.modality not in NOT_EVENTS]


def _gold_types(record: GoldRecord, unmapped: Counter[str]) -> list[str]:
    labels = (gold_type(record, e, unmapped) for e in record.events)
    return [label for label in labels if label]


def _pred_types(record: GoldRecord, events: Sequence[Event]) -> list[str]:
    return [_event_label(record, e) for e in events]


def _event_label(record: GoldRecord, event: Event) -> str:
    """A predicted event's label in the gold's terms: one PLOVER category, YIELD if merged."""
    return plover_label(record, ontology.single_category(event.event_type, event.modality))


def _multiset_counts(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[Counter, Counter, Counter]:
    """Per-label true positives, false positives and false negatives for one document."""
    g, p = Counter(gold), Counter(pred)
    tp = g & p
    return tp, p - tp, g - tp


def _type_scores(docs: Sequence[tuple[Sequence[Any], Sequence[Any]]]) -> TypeScores:
    """Micro P/R/F1 over per-document multisets, plus the same per label."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for gold, pred in docs:
        d_tp, d_fp, d_fn = _multiset_counts(gold, pred)
        tp += d_tp
        fp += d_fp
        fn += d_fn
    labels = sorted({_label_name(k) for k in (tp | fp | fn)})
    per_type = {
        name: PRF.of(*(sum(c[k] for k in c if _label_name(k) == name) for c in (tp, fp, fn)))
        for name in labels
    }
    micro = PRF.of(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return TypeScores(records=len(docs), micro=micro, per_type=per_type)


def _label_name(label: Any) -> str:
    """Dyads are scored as tuples but reported per event type."""
    return label[0] if isinstance(label, tuple) else label


# ------------------------------------------------------------------ dyads


def _country(code: str | None) -> str | None:
    """PETRARCH-style codes start with the country ("USAGOV" -> "USA"); '---' means none."""
    if not code or len(code) < 3 or code[:3] == "---":
        return None
    return code[:3].upper()


def _dyad_scores(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> TypeScores | None:
    docs = []
    for record, events in kept:
        if record.kind == "penta" or not any(e.source or e.target for e in record.events):
            continue
        gold = [
            (label, _country(e.source), _country(e.target))
            for e in record.events
            if (label := gold_type(record, e))
        ]
        pred = [
            (
                _event_label(record, e),
                _actor_country(e.actor),
                _actor_country(e.recipient),
            )
            for e in events
        ]
        docs.append((gold, pred))
    return _type_scores(docs) if docs else None


def _actor_country(actor: Actor | None) -> str | None:
    return actor.country.upper() if actor and actor.country else None


# ------------------------------------------------------------------ span anchoring


def _overlaps(
    actor: Actor | None, gold_text: str | None, gold_span: tuple[int, int] | None
) -> bool:
    """Character overlap when both sides have offsets, else a shared content word.

    An actor found through coreference ("they", "the minister") also anchors on the words of
    the name it was resolved to, since the gold marks the antecedent.
    """
    if actor is None or not gold_text:
        return False
    if actor.name and content_words(actor.name) & content_words(gold_text):
        return True
    if actor.code and actor.code == _gold_code(gold_text):
        return True  # "it" resolved to Israel/MIL anchors on "The Israeli military"
    if gold_span and actor.start is not None and actor.end is not None:
        return actor.start < gold_span[1] and gold_span[0] < actor.end
    return bool(content_words(actor.text) & content_words(gold_text))


@cache
def _gold_code(text: str) -> str | None:
    """The code our resolver gives a gold span, to recognise the same actor under another name."""
    from eventwire.actors import get_resolver

    resolution = get_resolver().resolve(text)
    return resolution.code if resolution is not None and resolution.country else None


def anchor(
    record: GoldRecord, gold: GoldEvent, events: Sequence[Event]
) -> tuple[str, Event | None]:
    """The predicted event best anchored on a gold event's spans, and the anchoring tier."""
    src = find_span(record.text, gold.source_text)
    tgt = find_span(record.text, gold.target_text)
    best: tuple[int, float, Event] | None = None
    for event in events:
        a = _overlaps(event.actor, gold.source_text, src)
        r = _overlaps(event.recipient, gold.target_text, tgt)
        rank = 3 if a and r else 2 if a else 1 if r else 0
        if rank and (best is None or (rank, event.confidence) > best[:2]):
            best = (rank, event.confidence, event)
    if best is None:
        return "none", None
    return TIERS[3 - best[0]], best[2]


def _anchored_pairs(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> list[tuple[str, str, str]]:
    """(gold type, predicted type or NONE, tier) for every gold event with spans."""
    pairs = []
    for record, events in kept:
        for gold in record.events:
            label = gold_type(record, gold)
            if not label or not (gold.source_text or gold.target_text):
                continue
            tier, event = anchor(record, gold, events)
            pred = _event_label(record, event) if event else NONE
            pairs.append((label, pred, tier))
    return pairs


def _anchored_scores(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> AnchoredScores | None:
    triples = _anchored_pairs(kept)
    if not triples:
        return None
    pairs = [(g, p) for g, p, _ in triples]
    counts = Counter(t for _, _, t in triples)
    n = len(triples)
    return AnchoredScores(
        events=n,
        accuracy=sum(g == p for g, p in pairs) / n,
        macro_f1=macro_f1(pairs, sorted({g for g, _ in pairs})),
        tiers={t: counts[t] / n for t in TIERS},
        tier_counts={t: counts[t] for t in TIERS},
    )


# ------------------------------------------------------------------ penta


def _penta_gold(record: GoldRecord) -> int | None:
    codes = [e.event_code.strip() for e in record.events]
    if record.kind != "penta" or not codes or not codes[0].isdigit():
        return None
    return max(int(c) for c in codes if c.isdigit())


def penta_prediction(events: Sequence[Event]) -> int:
    """Phoenix PentaClass of the most confident asserted event; 0 when nothing was coded.

    An event whose auxiliary mode folds it into another PLOVER category (a planned visit is an
    AGREE) is classed by that category's default CAMEO code.
    """
    live = [e for e in _asserted(events) if not _mere_possibility(e)]
    if not live:
        return 0
    best = max(live, key=lambda e: e.confidence)
    folded = ontology.single_category(best.event_type, best.modality)
    code = best.cameo if folded == best.event_type else ontology.cameo_for_plover(folded)
    return ontology.penta_class(code)


def _mere_possibility(event: Event) -> bool:
    """A hypothetical act that does not fold into a threat reports nothing that happened."""
    if event.modality != "hypothetical":
        return False
    return ontology.single_category(event.event_type, event.modality) == event.event_type


def _penta_scores(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> PentaScores | None:
    pairs = [(g, penta_prediction(p)) for r, p in kept if (g := _penta_gold(r)) is not None]
    if not pairs:
        return None
    confusion = [[0] * 5 for _ in range(5)]
    for g, p in pairs:
        if 0 <= g <= 4 and 0 <= p <= 4:
            confusion[g][p] += 1
    return PentaScores(
        records=len(pairs),
        accuracy=sum(g == p for g, p in pairs) / len(pairs),
        macro_f1=macro_f1(pairs, sorted({g for g, _ in pairs})),
        confusion=confusion,
    )


# ------------------------------------------------------------------ errors


def _align(gold: Sequence[str], pred: Sequence[tuple[str, float]]) -> list[tuple[str, str]]:
    """Pair one document's gold and predicted types: same type first, then leftovers in order."""
    pairs = []
    left = sorted(pred, key=lambda tc: -tc[1])
    pending_gold = []
    for label in gold:
        hit = next((i for i, (t, _) in enumerate(left) if t == label), None)
        if hit is None:
            pending_gold.append(label)
        else:
            pairs.append((label, left.pop(hit)[0]))
    for i, label in enumerate(pending_gold):
        pairs.append((label, left[i][0] if i < len(left) else NONE))
    pairs += [(NONE, t) for t, _ in left[len(pending_gold) :]]
    return pairs


def _kind(gold: str, pred: str) -> str:
    if gold == pred:
        return "correct"
    if pred == NONE:
        return "missed"
    return "false_alarm" if gold == NONE else "wrong_type"


def _confusions(typed: Sequence[tuple]) -> tuple[dict[str, dict[str, int]], list[ErrorCase]]:
    """Gold x predicted type counts over all documents, and one case per error."""
    table: dict[str, Counter[str]] = {}
    cases = []
    for record, gold, pred_labels, events in typed:
        pred = [(t, e.confidence) for t, e in zip(pred_labels, events, strict=True)]
        for g, p in _align(gold, pred):
            table.setdefault(g, Counter())[p] += 1
            if g != p:
                cases.append(_case(record, _kind(g, p), g, p, events))
    return {g: dict(row) for g, row in sorted(table.items())}, cases


def _penta_cases(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> list[ErrorCase]:
    cases = []
    for record, events in kept:
        gold = _penta_gold(record)
        if gold is None or gold == (pred := penta_prediction(events)):
            continue
        kind = "missed" if pred == 0 else "false_alarm" if gold == 0 else "wrong_type"
        cases.append(_case(record, kind, f"penta {gold}", f"penta {pred}", events))
    return cases


def _case(
    record: GoldRecord, kind: str, gold: str, pred: str, events: Sequence[Event]
) -> ErrorCase:
    return ErrorCase(
        id=record.id,
        kind=kind,
        gold_type=gold,
        predicted_type=pred,
        text=record.text,
        gold=[e.model_dump(exclude={"extra"}) for e in record.events],
        predicted=[_brief(e) for e in events],
    )


def _brief(event: Event) -> dict[str, Any]:
    """The fields needed to see why an event was coded, without the whole record."""
    return {
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "actor": event.actor.text if event.actor else None,
        "actor_code": event.actor.code if event.actor else None,
        "recipient": event.recipient.text if event.recipient else None,
        "recipient_code": event.recipient.code if event.recipient else None,
        "trigger": event.trigger.text,
        "modality": event.modality,
        "confidence": event.confidence,
        "rule": event.rule,
    }


def _top_errors(cases: Sequence[ErrorCase], n: int = 15) -> list[dict[str, Any]]:
    counts = Counter((c.kind, c.gold_type, c.predicted_type) for c in cases)
    return [
        {"kind": k, "gold": g, "predicted": p, "count": c} for (k, g, p), c in counts.most_common(n)
    ]


def write_errors(path: str | Path, report: EvalReport) -> int:
    """Write one JSON line per error case; returns how many were written."""
    try:
        with Path(path).open("w", encoding="utf-8") as fh:
            for case in report.cases:
                fh.write(json.dumps(case.model_dump(), ensure_ascii=False) + "\n")
    except OSError as exc:
        raise InputError(f"cannot write errors file {str(path)!r}: {exc.strerror}") from None
    return len(report.cases)
