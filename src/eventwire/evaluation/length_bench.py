"""How coding time grows with the length of one sentence: it must double when the sentence does.

A stranger can post one sentence of 100,000 characters with no full stop in it. If any stage
of the coder looked over the whole sentence once per event, the time would grow with the square
of the length (4x per doubling) and such a post could hold a core for hours. This benchmark
builds one run-on sentence from generated news clauses joined by commas and "and", codes it at
several lengths with the real coder, and reports the growth per doubling of the length: about 2
for linear work, 4 for quadratic. `eventwire bench --lengths` prints it.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import asdict, dataclass
from typing import Any

from eventwire.evaluation.bench import BENCH_DATE
from eventwire.evaluation.synthetic_news import generate_sentences

LENGTHS = (1_000, 5_000, 20_000, 100_000)
_FINAL_STOP = re.compile(r"[.!?]+([\"”’']?)$")  # the stop, before a closing quote if any


@dataclass(frozen=True)
class LengthTiming:
    """One sentence length: how long coding took, and its growth from the previous length."""

    chars: int
    words: int
    seconds: float
    events: int
    per_doubling: float | None  # time ratio per doubling of the length since the previous row

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_on_sentence(chars: int, seed: int = 0) -> str:
    """One sentence of about `chars` characters: generated clauses, one full stop at the end."""
    clauses: list[str] = []
    size = 0
    for sentence in generate_sentences(max(8, chars // 40), seed=seed):
        clause = _FINAL_STOP.sub(r"\1", sentence.strip())
        clauses.append(clause)
        size += len(clause) + 6
        if size >= chars:
            break
    text = ", and ".join(clauses)[: chars - 1]
    return text[: text.rfind(" ")].rstrip(",; ") + "." if " " in text else text + "."


def time_lengths(
    coder: Any, lengths: tuple[int, ...] = LENGTHS, seed: int = 0
) -> list[LengthTiming]:
    """Code one run-on sentence per length (after a warm-up) and time each."""
    coder.code_text(run_on_sentence(300, seed), BENCH_DATE)  # loads tables and caches
    timings: list[LengthTiming] = []
    for chars in lengths:
        text = run_on_sentence(chars, seed)
        started = time.perf_counter()
        events = coder.code_text(text, BENCH_DATE, doc_id=f"length-{chars}")
        seconds = time.perf_counter() - started
        previous = timings[-1] if timings else None
        timings.append(
            LengthTiming(len(text), len(text.split()), round(seconds, 3), len(events),
                         _per_doubling(previous, len(text), seconds))
        )  # fmt: skip
    return timings


def _per_doubling(previous: LengthTiming | None, chars: int, seconds: float) -> float | None:
    """(t2 / t1) ** (1 / log2(n2 / n1)): 2 when time grows linearly with length, 4 when
    quadratically."""
    if previous is None or previous.seconds <= 0 or chars <= previous.chars:
        return None
    doublings = math.log2(chars / previous.chars)
    return round((seconds / previous.seconds) ** (1 / doublings), 2)
