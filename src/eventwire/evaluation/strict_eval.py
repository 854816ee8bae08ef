"""The strict measures: what an analyst who counts dyads gets from the coder.

* The funnel on gold with actor codes: micro P/R/F1 over per-document *sets* of keys at three
  levels, (type), (type, actor country) and (type, actor country, recipient country). CONSULT,
  COOPERATE and AGREE are unordered; a record's `optional` events neither reward nor cost;
  every intergovernmental organisation is one class, IGO; a gold side may name several codes
  joined by "+". Predictions keep their own PLOVER type (no folding of planned acts), as the
  independent `dyad_funnel.py` does, so both give the same figures.
* Strict span anchoring on gold with actor and recipient spans: a gold event is right only
  when one predicted event of its type has actor text overlapping the gold actor span and
  recipient text overlapping the gold recipient span (only the sides the gold marks).
* Calibration: precision of the predicted events per confidence bin, so a user can pick a
  threshold.

Inputs are (gold record, asserted predicted events) pairs; the caller drops negated acts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from pydantic import BaseModel, Field

from eventwire.evaluation.gold import (
    PRF,
    GoldEvent,
    GoldRecord,
    content_words,
    find_span,
    gold_type,
    macro_f1,
)
from eventwire.evaluation.gold import plover_label as _label_in
from eventwire.models import Actor, Event

NONE = "NONE"
IGO = "IGO"
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
LEVELS = ("type", "type+actor", "typed dyad")
# The organisation codes found in gold files and in the independent tool; the knowledge base
# adds the codes of its own organisation rows (see `org_codes`).
KNOWN_ORG_CODES = frozenset(
    {"IGO", "UNO", "EUR", "NATO", "AU", "ASEAN", "ECOWAS", "OPEC", "SADC", "GCC", "OAS", "EAC",
     "IGAD", "SCO", "CSTO", "BRICS", "G7", "G20", "OSCE", "OIC", "WHO", "IAEA", "ICC", "ICJ",
     "IMF", "WTO", "AFR", "ARL", "ASN", "NAT"}
)  # fmt: skip
NON_GOVERNMENTAL = "NGO"
BINS: tuple[tuple[float, float], ...] = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))

Key = tuple[str | None, ...]
Labeller = Callable[[GoldRecord, Event], str]


class FunnelScores(BaseModel):
    records: int
    levels: dict[str, PRF] = Field(description="type, type+actor, typed dyad")
    per_type: dict[str, PRF] = Field(description="typed dyads, per PLOVER type")


class StrictAnchored(BaseModel):
    events: int = Field(description="gold events with at least one span")
    accuracy: float = Field(description="share with a strictly anchored event of the right type")
    macro_f1: float
    anchoring: float = Field(description="share with a strictly anchored event of any type")
    anchored_events: int
    folded_accuracy: float = Field(
        description="the same accuracy with planned acts folded into AGREE/THREATEN"
    )


class CalibrationBin(BaseModel):
    low: float
    high: float
    events: int
    correct: int
    precision: float | None = Field(description="correct / events; None for an empty bin")
    at_least_events: int = Field(description="events with confidence >= low")
    at_least_precision: float | None


class Calibration(BaseModel):
    basis: str = Field(description="what 'correct' means: 'typed dyad' or 'strict span'")
    bins: list[CalibrationBin]


# --------------------------------------------------------------------------- organisations


@cache
def _kb_codes() -> tuple[frozenset[str], frozenset[str]]:
    """(state codes, organisation codes) from the actor knowledge base, read once."""
    from eventwire.actors.kb import load_kb

    kb = load_kb()
    states = frozenset(r["code"].upper() for r in kb.rows.get("countries", []) if r.get("code"))
    orgs: set[str] = set()
    for row in kb.rows.get("orgs", []):
        country = (row.get("country") or "").upper()
        if country and country not in states and country != NON_GOVERNMENTAL:
            orgs.update({country, row["code"].upper()})
    return states, frozenset(orgs - states)


def org_codes() -> frozenset[str]:
    """Every code that stands for an intergovernmental organisation, gold's and ours."""
    return KNOWN_ORG_CODES | _kb_codes()[1]


def side_class(code: str | None) -> str | None:
    """The class a side is counted as: its country (first three letters) or IGO."""
    if not code or code.startswith("---"):
        return None
    upper = code.strip().upper()
    orgs = org_codes()
    if upper in orgs or upper[:3] in orgs:
        return IGO
    return upper[:3]


def actor_class(actor: Actor | None, kind: str) -> str | None:
    """A predicted side's class; `kind` is how the resolver found it (Event.basis).

    An organisation row whose country field is no state (and not an NGO) is an IGO even when
    its code is missing from the lists, so any organisation collapses on both sides.
    """
    if actor is None or not actor.country:
        return None
    states = _kb_codes()[0]
    country = actor.country.upper()
    if kind == "org" and country not in states and country != NON_GOVERNMENTAL:
        return IGO
    return side_class(country)


# --------------------------------------------------------------------------- funnel


def dyad_key(event_type: str, actor: str | None, recipient: str | None, level: int) -> Key:
    """The key compared at one funnel level; symmetric types sort their two sides."""
    if level == 0:
        return (event_type,)
    if level == 1:
        return (event_type, actor)
    if event_type in SYMMETRIC and actor and recipient:
        actor, recipient = sorted((actor, recipient))
    return (event_type, actor, recipient)


def gold_keys(record: GoldRecord, events: Sequence[GoldEvent], level: int) -> set[Key]:
    """Keys of gold events, every "+"-joined source paired with every target."""
    keys: set[Key] = set()
    for event in events:
        label = gold_type(record, event)
        if not label:
            continue
        for source in (event.source or "").split("+"):
            for target in (event.target or "").split("+"):
                keys.add(dyad_key(label, side_class(source), side_class(target), level))
    return keys


def raw_label(record: GoldRecord, event: Event) -> str:
    """A prediction's own PLOVER type (YIELD where the gold merges CONCEDE and RETREAT)."""
    return _label_in(record, event.event_type)


def predicted_keys(record: GoldRecord, events: Sequence[Event], level: int) -> dict[Key, float]:
    """Each distinct key of a document's predictions, with the best confidence that gives it."""
    keys: dict[Key, float] = {}
    for event in events:
        key = event_key(record, event, level)
        keys[key] = max(keys.get(key, 0.0), event.confidence)
    return keys


def event_key(record: GoldRecord, event: Event, level: int) -> Key:
    """The key one predicted event gives at a funnel level, in the gold record's terms."""
    return dyad_key(
        raw_label(record, event),
        actor_class(event.actor, event.basis.get("actor", "")),
        actor_class(event.recipient, event.basis.get("recipient", "")),
        level,
    )


def has_codes(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> bool:
    """A gold file feeds the funnel when any of its typed records names actor codes."""
    return any(e.has_code for r, _ in kept if r.typed for e in (*r.events, *r.optional))


def funnel(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> FunnelScores | None:
    """Micro P/R/F1 at the three levels over every typed record (event-free ones included)."""
    if not has_codes(kept):
        return None
    docs = [(r, e) for r, e in kept if r.typed]
    levels = {name: _level_prf(docs, level) for level, name in enumerate(LEVELS)}
    return FunnelScores(records=len(docs), levels=levels, per_type=_per_type(docs))


def _doc_counts(record: GoldRecord, events: Sequence[Event], level: int) -> tuple[set, set, set]:
    """(true positive, false positive, false negative) keys of one document."""
    required = gold_keys(record, record.events, level)
    optional = gold_keys(record, record.optional, level)
    got = set(predicted_keys(record, events, level))
    return got & required, got - required - optional, required - got


def _level_prf(docs: Sequence[tuple[GoldRecord, list[Event]]], level: int) -> PRF:
    tp = fp = fn = 0
    for record, events in docs:
        d_tp, d_fp, d_fn = _doc_counts(record, events, level)
        tp, fp, fn = tp + len(d_tp), fp + len(d_fp), fn + len(d_fn)
    return PRF.of(tp, fp, fn)


def _per_type(docs: Sequence[tuple[GoldRecord, list[Event]]]) -> dict[str, PRF]:
    """Typed-dyad counts split by the key's type, to see which types lose their dyads."""
    counts: dict[str, list[int]] = {}
    for record, events in docs:
        for slot, keys in enumerate(_doc_counts(record, events, 2)):
            for key in keys:
                counts.setdefault(str(key[0]), [0, 0, 0])[slot] += 1
    return {t: PRF.of(*c) for t, c in sorted(counts.items())}


def dyad_calibration(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> Calibration | None:
    """Per confidence bin, the share of distinct predicted dyads that are required gold dyads.

    A key that only matches an optional reading is neither right nor wrong, so it is left out.
    """
    if not has_codes(kept):
        return None
    scored: list[tuple[float, bool]] = []
    for record, events in kept:
        if not record.typed:
            continue
        required = gold_keys(record, record.events, 2)
        optional = gold_keys(record, record.optional, 2) - required
        for key, confidence in predicted_keys(record, events, 2).items():
            if key not in optional:
                scored.append((confidence, key in required))
    return Calibration(basis="typed dyad", bins=bins(scored))


def bins(scored: Sequence[tuple[float, bool]]) -> list[CalibrationBin]:
    """Group (confidence, correct) pairs into BINS (the last one closed at 1.0)."""
    out = []
    for low, high in BINS:
        inside = [ok for c, ok in scored if low <= c < high or (high == 1.0 and c >= high)]
        above = [ok for c, ok in scored if c >= low]
        out.append(
            CalibrationBin(
                low=low,
                high=high,
                events=len(inside),
                correct=sum(inside),
                precision=sum(inside) / len(inside) if inside else None,
                at_least_events=len(above),
                at_least_precision=sum(above) / len(above) if above else None,
            )
        )
    return out


# --------------------------------------------------------------------------- strict spans


def overlaps(actor: Actor | None, text: str, gold_text: str | None) -> bool:
    """The predicted side's own words overlap the gold span: by characters where both have
    offsets, else by a shared content word. No credit for a resolved name or code: the strict
    measure asks whether the coder picked the phrase the gold marks."""
    if actor is None or not gold_text:
        return False
    span = find_span(text, gold_text)
    if span and actor.start is not None and actor.end is not None:
        return actor.start < span[1] and span[0] < actor.end
    return bool(content_words(actor.text) & content_words(gold_text))


def strictly_anchored(record: GoldRecord, gold: GoldEvent, event: Event) -> bool:
    """Every side the gold marks is matched by the same side of the predicted event."""
    if not gold.has_span:
        return False
    if gold.source_text and not overlaps(event.actor, record.text, gold.source_text):
        return False
    return not gold.target_text or overlaps(event.recipient, record.text, gold.target_text)


def _strict_pairs(
    kept: Sequence[tuple[GoldRecord, list[Event]]], label: Labeller
) -> list[tuple[str, str, bool]]:
    """(gold type, predicted type or NONE, anchored at all) for every gold event with spans."""
    out = []
    for record, events in kept:
        if not record.typed:
            continue
        for gold in record.events:
            gold_label = gold_type(record, gold)
            if not gold_label or not gold.has_span:
                continue
            hits = [e for e in events if strictly_anchored(record, gold, e)]
            out.append((gold_label, _strict_choice(record, gold_label, hits, label), bool(hits)))
    return out


def _strict_choice(record: GoldRecord, gold_label: str, hits: list[Event], label: Labeller) -> str:
    """The right type if any anchored event has it, else the most confident one's type."""
    labels = [label(record, e) for e in hits]
    if gold_label in labels:
        return gold_label
    if not hits:
        return NONE
    return labels[max(range(len(hits)), key=lambda i: hits[i].confidence)]


def strict_anchored(
    kept: Sequence[tuple[GoldRecord, list[Event]]], folded: Labeller
) -> StrictAnchored | None:
    """Strict accuracy, macro-F1 over gold types and anchoring; `folded` labels the diagnostic."""
    triples = _strict_pairs(kept, raw_label)
    if not triples:
        return None
    pairs = [(g, p) for g, p, _ in triples]
    folded_pairs = _strict_pairs(kept, folded)
    n = len(triples)
    return StrictAnchored(
        events=n,
        accuracy=sum(g == p for g, p in pairs) / n,
        macro_f1=macro_f1(pairs, sorted({g for g, _ in pairs})),
        anchoring=sum(a for _, _, a in triples) / n,
        anchored_events=sum(a for _, _, a in triples),
        folded_accuracy=sum(g == p for g, p, _ in folded_pairs) / n,
    )


def span_calibration(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> Calibration | None:
    """Per confidence bin, the share of predicted events strictly anchored on a gold event of
    their own type, over every typed record of a file that marks spans."""
    if not any(e.has_span for r, _ in kept if r.typed for e in r.events):
        return None
    scored = [
        (event.confidence, _span_correct(record, event))
        for record, events in kept
        if record.typed
        for event in events
    ]
    return Calibration(basis="strict span", bins=bins(scored))


def _span_correct(record: GoldRecord, event: Event) -> bool:
    label = raw_label(record, event)
    return any(
        gold_type(record, g) == label and strictly_anchored(record, g, event) for g in record.events
    )


# --------------------------------------------------------------------------- dyad errors


def dyad_errors(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> dict[str, int]:
    """Why required typed dyads were missed and predicted ones were wrong, by kind.

    Each is put down to the first step of the funnel it fails: no counterpart of its type,
    then none of its type with its actor, then its recipient. "no actor" / "no recipient" say
    the prediction had none (a side unresolved); "actor" / "recipient" that it named another.
    """
    counts: dict[str, int] = {}
    if not has_codes(kept):
        return counts
    for record, events in kept:
        if not record.typed:
            continue
        _, wrong, missed = _doc_counts(record, events, 2)
        got = set(predicted_keys(record, events, 2))
        required = gold_keys(record, record.events, 2)
        kinds = [f"missed: {_step_failed(k, got, False)}" for k in missed]
        kinds += [f"wrong: {_step_failed(k, required, True)}" for k in wrong]
        for kind in kinds:
            counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _step_failed(key: Key, others: set[Key], key_is_prediction: bool) -> str:
    """The first funnel step at which `key` finds no counterpart among `others`."""
    event_type, actor, recipient = key
    same_type = [k for k in others if k[0] == event_type]
    if not same_type:
        return "type"
    symmetric = event_type in SYMMETRIC
    with_actor = [k for k in same_type if actor in ((k[1], k[2]) if symmetric else (k[1],))]
    if not with_actor:
        predicted = [actor] if key_is_prediction else [k[1] for k in same_type]
        return "no actor" if all(a is None for a in predicted) else "actor"
    predicted = [recipient] if key_is_prediction else [k[2] for k in with_actor]
    return "no recipient" if all(r is None for r in predicted) else "recipient"
