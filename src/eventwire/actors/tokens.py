"""Whole-token normalisation shared by the table index and the mentions it is matched against.

Names and mentions go through the same function so that "U.S." meets "US", "Russia's" meets
"Russia" and "Secretary-General" meets "Secretary General" without any substring matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word (letters/digits with inner apostrophes or dots, like "U.S." or "d'Ivoire"), or a
# separator that matters for splitting lists. Hyphens split words: "Nur-Sultan" -> Nur, Sultan.
_TOKEN_RE = re.compile(r"\w+(?:[.'’]\w+)*\.?|[,;&/]|-")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$", re.IGNORECASE)
CONJUNCTIONS = frozenset({",", ";", "&", "/", "and", "or", "as well as", "plus"})


@dataclass(frozen=True, slots=True)
class Tok:
    """One normalised token: `text` keeps case for case-sensitive names, `low` is the key."""

    text: str
    low: str
    possessive: bool = False
    hyphen_after: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Tok]:
    """Split into normalised tokens: possessives and dots dropped, hyphens split."""
    raw = _TOKEN_RE.findall(text.replace("’", "'"))
    toks: list[Tok] = []
    for piece in raw:
        if piece == "-":
            if toks:
                last = toks[-1]
                toks[-1] = Tok(last.text, last.low, last.possessive, True)
            continue
        stripped = _POSSESSIVE_RE.sub("", piece) if len(piece) > 2 else piece
        possessive = stripped != piece
        word = stripped.replace(".", "") or stripped
        if not word:
            continue
        toks.append(Tok(word, word.lower(), possessive))
    return toks


def key_of(phrase: str) -> tuple[str, ...]:
    """The index key of a table phrase."""
    return tuple(t.low for t in tokenize(phrase))
