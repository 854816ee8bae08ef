"""Fit the confidence model (`src/eventwire/data/confidence.json`) on gold news.

    .venv/bin/python scripts/fit_confidence.py GOLD.jsonl [GOLD.jsonl ...]

Each gold file is in the shared gold format with actor codes (`source`/`target` country codes,
top-level `optional` readings). Every event the coder reads (withheld ones included) becomes one
example: 1 when its typed dyad is a required gold dyad of its document, 0 when it matches
nothing; events matching only an optional reading are left out, as the scoring leaves them out.
The model is an L2-regularised logistic regression over the features of
`eventwire.coding.confidence`, fitted by plain gradient descent (a few hundred examples, a few dozen
features).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from datetime import date
from pathlib import Path

from eventwire.coding.coder import Coder
from eventwire.coding.confidence import features
from eventwire.evaluation.evaluate import load_gold, run_coder
from eventwire.evaluation.strict_eval import event_key, gold_keys

DYAD_LEVEL = 2  # the full typed dyad of the funnel

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "confidence.json"


def examples(paths: list[str]) -> list[tuple[list[str], int]]:
    """One (features, label) pair per event, labelled by the same keys `eval` scores."""
    coder = Coder(include_withheld=True)
    found: list[tuple[list[str], int]] = []
    for path in paths:
        records = load_gold(path)
        for record, events in zip(records, run_coder(records, coder), strict=True):
            required = gold_keys(record, record.events, DYAD_LEVEL)
            optional = gold_keys(record, record.optional, DYAD_LEVEL)
            for event in events:
                if event.modality in {"negated", "denied"}:
                    continue
                key = event_key(record, event, DYAD_LEVEL)
                if key not in required and key in optional:
                    continue
                names = features(event.basis, event.event_type, event.modality, event.rule)
                found.append((names, int(key in required)))
    return found


def fit(data: list[tuple[list[str], int]], l2: float, steps: int, rate: float) -> dict:
    weights: dict[str, float] = {}
    n = len(data)
    for _ in range(steps):
        grad: dict[str, float] = {}
        for names, label in data:
            z = sum(weights.get(f, 0.0) for f in names)
            error = 1.0 / (1.0 + math.exp(-z)) - label
            for f in names:
                grad[f] = grad.get(f, 0.0) + error / n
        for f, g in grad.items():
            penalty = 0.0 if f == "bias" else l2 * weights.get(f, 0.0)
            weights[f] = weights.get(f, 0.0) - rate * (g + penalty)
    return {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) > 1e-4}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+")
    parser.add_argument("--l2", type=float, default=0.05)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--rate", type=float, default=1.0)
    args = parser.parse_args()
    data = examples(args.gold)
    if not data:
        print("no examples: are these gold files with actor codes?", file=sys.stderr)
        return 1
    weights = fit(data, args.l2, args.steps, args.rate)
    payload = {
        "as_of": date.today().isoformat(),
        "trained_on": [Path(p).name for p in args.gold],
        "examples": len(data),
        "positives": sum(label for _, label in data),
        "l2": args.l2,
        "weights": weights,
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} examples, {payload['positives']} right; wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
