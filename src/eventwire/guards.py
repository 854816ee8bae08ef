"""Precision guards: conflict words used as metaphors are not events.

"Liverpool attacked down the left", "a price war", "a heart attack": the trigger words are the
same as in political news, the events are not. Sports reports are recognised by their vocabulary
(two or more sports words in the sentence) and idioms by fixed phrases around the trigger; both
lists are data (`data/lexicon/guards.tsv`).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from eventwire.lexicon import read_table
from eventwire.triggers import Candidate

CONFLICT_TYPES = frozenset({"ASSAULT", "THREATEN", "COERCE", "MOBILIZE", "ACCUSE", "PROTEST"})
SPORT_EVIDENCE = 2
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")  # "1-0", "3-2": a match result
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@cache
def _guard_words() -> dict[str, tuple[str, ...]]:
    rows = read_table("guards.tsv")
    return {row["kind"]: tuple(w for w in row["words"].split("|") if w) for row in rows}


@cache
def _sport_words() -> frozenset[str]:
    return frozenset(_guard_words()["sport"])


def literal(candidates: list[Candidate], sentence: Span) -> list[Candidate]:
    """The candidates that are not metaphors: conflict triggers in a sports report or inside a
    known idiom are dropped. The sentence is judged a sports report at most once."""
    sports: bool | None = None
    kept = []
    for candidate in candidates:
        if candidate.entry.event_type in CONFLICT_TYPES:
            if _in_idiom(candidate, sentence):
                continue
            if sports is None:
                sports = _sports_report(sentence)
            if sports:
                continue
        kept.append(candidate)
    return kept


def _sports_report(sentence: Span) -> bool:
    """Two sports words, counting the ones politics also uses ("team", "final", "cup") as half,
    or a match score beside one sports word ("beat Egypt 1-0 in the semi-final")."""
    words, shared = _sport_words(), _shared_words()
    text = sentence.text.lower()
    found = set(WORD.findall(text)) | {t.lemma_.lower() for t in sentence}
    evidence = sum(0.5 if w in shared else 1.0 for w in found & words)
    if SCORE.search(text):
        evidence += 1.0
    return evidence >= SPORT_EVIDENCE


@cache
def _shared_words() -> frozenset[str]:
    return frozenset(_guard_words().get("sport_shared", ()))


def _in_idiom(candidate: Candidate, sentence: Span) -> bool:
    trigger = candidate.trigger
    window = sentence.doc[max(sentence.start, trigger.i - 3) : min(sentence.end, trigger.i + 4)]
    text = " " + " ".join(t.lower_ for t in window) + " "
    return any(f" {idiom} " in text for idiom in _guard_words()["idiom"])
