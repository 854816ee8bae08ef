"""Precision guards: conflict words used as metaphors are not events.

"Liverpool attacked down the left", "a price war", "a heart attack": the trigger words are the
same as in political news, the events are not. Sports reports are recognised by their vocabulary
(two or more sports words in the sentence, one once the article has read as sport) and idioms by
fixed phrases around the trigger; both lists are data (`data/lexicon/guards.tsv`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from eventwire.coding.lexicon import read_table
from eventwire.coding.triggers import Candidate

CONFLICT_TYPES = frozenset({"ASSAULT", "THREATEN", "COERCE", "MOBILIZE", "ACCUSE", "PROTEST"})
SPORT_EVIDENCE = 2
SPORT_EVIDENCE_AFTER = 1  # in an article already read as a sports report
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")  # "1-0", "3-2": a match result
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@cache
def _guard_words() -> dict[str, tuple[str, ...]]:
    rows = read_table("guards.tsv")
    return {row["kind"]: tuple(w for w in row["words"].split("|") if w) for row in rows}


@cache
def _sport_words() -> frozenset[str]:
    return frozenset(_guard_words()["sport"])


@dataclass
class SportsTally:
    """Whether an article reads as a sports report so far. Once one sentence did ("the
    tournament's group stage"), a later one needs less evidence: "Sudan met Equatorial Guinea
    and the Nile Crocodiles won 1-0" is a match, not talks."""

    seen: bool = False

    def judge(self, sentence: Span) -> bool:
        needed = SPORT_EVIDENCE_AFTER if self.seen else SPORT_EVIDENCE
        sports = sport_evidence(sentence) >= needed
        self.seen = self.seen or sports
        return sports


def literal(
    candidates: list[Candidate], sentence: Span, sports: bool | None = None
) -> list[Candidate]:
    """The candidates that are not metaphors: every trigger of a sports report, and conflict
    triggers inside a known idiom, are dropped. `sports` is the article's judgement of the
    sentence; without one the sentence is judged alone, at most once."""
    kept = []
    for candidate in candidates:
        if candidate.entry.event_type in CONFLICT_TYPES and _in_idiom(candidate, sentence):
            continue
        if sports is None:
            sports = sport_evidence(sentence) >= SPORT_EVIDENCE
        if sports:
            continue
        kept.append(candidate)
    return kept


def sport_evidence(sentence: Span) -> float:
    """Sports words, counting the ones politics also uses ("team", "final", "cup") as half,
    and a match score ("beat Egypt 1-0 in the semi-final") as one."""
    words, shared = _sport_words(), _shared_words()
    text = sentence.text.lower()
    found = set(WORD.findall(text)) | {t.lemma_.lower() for t in sentence}
    evidence = sum(0.5 if w in shared else 1.0 for w in found & words)
    if SCORE.search(text):
        evidence += 1.0
    return evidence


@cache
def _shared_words() -> frozenset[str]:
    return frozenset(_guard_words().get("sport_shared", ()))


def _in_idiom(candidate: Candidate, sentence: Span) -> bool:
    trigger = candidate.trigger
    window = sentence.doc[max(sentence.start, trigger.i - 3) : min(sentence.end, trigger.i + 4)]
    text = " " + " ".join(t.lower_ for t in window) + " "
    return any(f" {idiom} " in text for idiom in _guard_words()["idiom"])
