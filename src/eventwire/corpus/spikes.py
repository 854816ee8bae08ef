"""Is today's count far above its baseline? The test behind a watchlist's flag.

Event counts per day are small and bursty, so the baseline is the mean of the previous
`BASELINE_DAYS` days and the spread is the larger of their standard deviation and the square
root of the mean (what Poisson noise alone would give), never below one event. A day is flagged
when its count reaches `MIN_COUNT` and lies at least `Z` spreads above the baseline: a first
lone event on a quiet dyad is not a spike, and a dyad that is busy every day needs a lot more
than its usual day to be one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

BASELINE_DAYS = 28
Z = 3.0
MIN_COUNT = 3


@dataclass(frozen=True)
class Assessment:
    """The last day of a series against the days before it."""

    count: int
    baseline: float
    threshold: float
    flagged: bool


def assess(counts: Sequence[int], baseline_days: int = BASELINE_DAYS) -> Assessment:
    """Assess the last value of a daily series (oldest first) against the days before it."""
    if not counts:
        raise ValueError("an empty series has no last day to assess")
    today = int(counts[-1])
    history = [int(c) for c in counts[-1 - baseline_days : -1]]
    mean = sum(history) / len(history) if history else 0.0
    variance = sum((c - mean) ** 2 for c in history) / len(history) if history else 0.0
    spread = max(math.sqrt(variance), math.sqrt(mean), 1.0)
    threshold = mean + Z * spread
    return Assessment(
        count=today,
        baseline=round(mean, 2),
        threshold=round(threshold, 2),
        flagged=today >= MIN_COUNT and today >= threshold,
    )
