"""An event's confidence: the estimated chance that its typed dyad is right.

Analysts threshold event data, so the number must mean what it says: of the events scored 0.8,
about eight in ten should have the right type, actor country and recipient country. It is a
logistic model over what the coder knows when it builds a record: how each side was found
(a named person, a country, an agent noun, a place, a reference back), by which syntactic
route, the modality, the kind of trigger and its type. The weights are data
(`data/confidence.json`), fitted by `scripts/fit_confidence.py` on the project's development
news and its own fixtures; `eventwire eval` prints the calibration they give.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources

BIAS = "bias"


def features(basis: Mapping[str, str], event_type: str, modality: str, rule: str) -> list[str]:
    """The names of the binary features that hold for one event."""
    pos = rule.split(":", 1)[0] if ":" in rule else "other"
    found = [
        BIAS,
        f"actor={basis.get('actor', 'none')}",
        f"recipient={basis.get('recipient', 'none')}",
        f"how={basis.get('how', 'none')}",
        f"modality={modality}",
        f"pos={pos}",
        f"type={event_type}",
    ]
    if basis.get("same_country") == "yes":
        found.append("same_country")
    if basis.get("position") == "lead":
        found.append("lead_sentence")
    return found


@cache
def _weights() -> dict[str, float]:
    path = resources.files("eventwire") / "data" / "confidence.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["weights"])


def probability(names: list[str], weights: Mapping[str, float] | None = None) -> float:
    """The model's probability for an event with these features (unknown names weigh 0)."""
    table = _weights() if weights is None else weights
    z = sum(table.get(name, 0.0) for name in names)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)
