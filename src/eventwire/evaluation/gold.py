"""The shared gold format (see DESIGN.md) and the label and span helpers every measure uses.

Kept apart from the measures so the headline (strict) measures and the diagnostic (lenient)
ones read gold the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from eventwire import ontology
from eventwire.errors import EventwireError

YIELD = "YIELD"
MERGED_INTO_YIELD = {"CONCEDE", "RETREAT"}
_WORD = re.compile(r"\w+")
_WEAK_WORDS = {"the", "a", "an", "of", "and", "its", "his", "her", "their", "s"}


class GoldEvent(BaseModel):
    source: str | None = None
    target: str | None = None
    event_code: str
    source_text: str | None = None
    target_text: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)

    @property
    def has_span(self) -> bool:
        return bool(self.source_text or self.target_text)

    @property
    def has_code(self) -> bool:
        return bool(self.source or self.target)


class GoldRecord(BaseModel):
    dataset: str = ""
    id: str = ""
    lang: str = "en"
    date: str | None = None
    text: str
    ontology: str
    no_event: bool = False
    events: list[GoldEvent] = Field(default_factory=list)
    optional: list[GoldEvent] = Field(
        default_factory=list,
        description="readings a coder may extract without being wrong: neither reward nor cost",
    )
    meta: dict[str, Any] = Field(default_factory=dict)
    where: dict[str, Any] = Field(
        default_factory=dict,
        description="event places, dateline, words that are no place, event dates (where_eval)",
    )

    @property
    def kind(self) -> str:
        """'plover', 'cameo' or 'penta': which measures this record can feed."""
        name = self.ontology.upper()
        if name.startswith("PLOVER"):
            return "plover"
        if name.startswith("PENTA"):
            return "penta"
        if name.startswith("CAMEO"):
            return "cameo"
        return "unknown"

    @property
    def merges_yield(self) -> bool:
        return self.kind == "plover" and YIELD in self.ontology.upper()

    @property
    def typed(self) -> bool:
        """Whether the gold labels are (or map to) PLOVER types."""
        return self.kind in ("plover", "cameo")


class PRF(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> PRF:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(tp=tp, fp=fp, fn=fn, precision=p, recall=r, f1=f)


def plover_label(record: GoldRecord, event_type: str) -> str:
    """A PLOVER type in the gold's terms: CONCEDE and RETREAT become YIELD where merged."""
    label = event_type.upper()
    if record.merges_yield and label in MERGED_INTO_YIELD:
        return YIELD
    return label


def gold_type(record: GoldRecord, event: GoldEvent, unmapped: Counter[str] | None = None) -> str:
    """The PLOVER label of one gold event; '' (and counted) when it has none (CAMEO 01, 903)."""
    code = event.event_code.strip()
    if record.kind == "plover":
        label = plover_label(record, code)
        known = label in ontology.plover_types() or (record.merges_yield and label == YIELD)
        if known:
            return label
    elif record.kind == "cameo":
        try:
            label = ontology.plover_for_cameo(code)[0]
        except EventwireError:
            label = ""
        if label:
            return plover_label(record, label)
    if unmapped is not None:
        unmapped[code] += 1
    return ""


def content_words(text: str) -> set[str]:
    """Lower-cased words of a phrase without articles and possessives, for loose matching."""
    return {w for w in _WORD.findall(text.lower()) if w not in _WEAK_WORDS}


def find_span(text: str, part: str | None) -> tuple[int, int] | None:
    """Character offsets of a gold phrase in the record text (first occurrence, any case)."""
    if not part:
        return None
    start = text.find(part)
    if start < 0:
        start = text.lower().find(part.lower())
    return (start, start + len(part)) if start >= 0 else None


def macro_f1(pairs: Sequence[tuple[Any, Any]], labels: Iterable[Any]) -> float:
    """Mean F1 over `labels` (the gold labels); predictions outside them only cost recall."""
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(PRF.of(tp, fp, fn).f1)
    return sum(scores) / len(scores) if scores else 0.0
