"""The trigger lexicon: which words can start an event, and how to read their arguments.

The lexicon is data (`data/lexicon/triggers.tsv` and `classes.tsv`) so that analysts can review
and extend it without touching code. Each row says: this lemma, as this part of speech, starts an
event of this PLOVER type and CAMEO code; its recipient is found through these syntactic roles;
a noun needs one of these light verbs; a verb needs a direct object of this word class.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row; `lemma` may hold a particle ("pull out") that must be present."""

    lemma: str
    particle: str
    pos: str
    event_type: str
    mode: str
    cameo: str
    recipient_roles: tuple[str, ...]
    recipient_required: bool
    light_class: str
    object_class: str
    contexts: tuple[str, ...]

    @property
    def rule(self) -> str:
        """A short name of the pattern, shown with each event so users see why it fired."""
        words = (self.particle, self.lemma) if self.pos == "NOUN" else (self.lemma, self.particle)
        phrase = " ".join(w for w in words if w)
        extra = f"+{self.object_class}" if self.object_class else ""
        extra += f"/{self.light_class}" if self.light_class else ""
        return f"{self.pos.lower()}:{phrase}{extra}->{self.event_type}"


@dataclass(frozen=True)
class Lexicon:
    """Entries indexed by (part of speech, lemma) plus the word classes they refer to."""

    entries: dict[tuple[str, str], tuple[TriggerEntry, ...]]
    classes: dict[str, frozenset[str]]

    def candidates(self, pos: str, lemma: str) -> tuple[TriggerEntry, ...]:
        return self.entries.get((pos, lemma), ())

    def in_class(self, name: str, lemma: str) -> bool:
        return lemma in self.classes.get(name, frozenset())

    def trigger_words(self) -> frozenset[str]:
        """Every word that can start an event, for cheap pre-filtering of sentences."""
        words = {lemma for (_, lemma) in self.entries}
        return frozenset(words)


def read_table(name: str) -> list[dict[str, str]]:
    """One tab-separated table of `data/lexicon/`, as rows keyed by its header."""
    path = resources.files("eventwire") / "data" / "lexicon" / name
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _entry(row: dict[str, str]) -> TriggerEntry:
    """A verb's second word is its particle ("pull out"); a noun's first word is a modifier it
    needs ("hunger strike", "war game"), stored in the same field and keyed by the head noun."""
    if row["pos"] == "NOUN" and " " in row["lemma"]:
        particle, _, lemma = row["lemma"].rpartition(" ")
    else:
        lemma, _, particle = row["lemma"].partition(" ")
    roles = row["recipient"].strip()
    required = roles.startswith("!")
    return TriggerEntry(
        lemma=lemma,
        particle=particle,
        pos=row["pos"],
        event_type=row["type"],
        mode=row["mode"],
        cameo=row["cameo"],
        recipient_roles=tuple(r for r in roles.lstrip("!").split("|") if r),
        recipient_required=required,
        light_class=row["light"],
        object_class=row["object"],
        contexts=tuple(c for c in row["context"].split("|") if c),
    )


@cache
def load_lexicon() -> Lexicon:
    """Read the lexicon once per process; entries with constraints sort first so they win."""
    grouped: dict[tuple[str, str], list[TriggerEntry]] = {}
    for row in read_table("triggers.tsv"):
        entry = _entry(row)
        grouped.setdefault((entry.pos, entry.lemma), []).append(entry)
    entries = {
        key: tuple(sorted(group, key=lambda e: (not e.particle, not e.object_class)))
        for key, group in grouped.items()
    }
    classes = {
        row["class"]: frozenset(w for w in row["words"].split("|") if w)
        for row in read_table("classes.tsv")
    }
    return Lexicon(entries=entries, classes=classes)


@cache
def actor_nouns() -> frozenset[str]:
    """Common nouns that name someone who can act ("men", "countries"), from actor_nouns.txt."""
    path = resources.files("eventwire") / "data" / "lexicon" / "actor_nouns.txt"  # one per line
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
