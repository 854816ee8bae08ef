"""Whole-token normalisation shared by the table index and the mentions it is matched against.

Names and mentions go through the same function so that "U.S." meets "US", "Russia's" meets
"Russia", "Secretary-General" meets "Secretary General" and "Khürelsükh" meets "Khurelsukh"
without any substring matching: a mention matches a name only token by token.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A word (letters/digits with inner apostrophes or dots, like "U.S." or "d'Ivoire"), or a
# separator that matters for splitting lists. Hyphens split words: "Nur-Sultan" -> Nur, Sultan.
_TOKEN_RE = re.compile(r"\w+(?:[.']\w+)*\.?|[,;&/]|-")
_POSSESSIVE_RE = re.compile(r"(?:'s|')$", re.IGNORECASE)
CONJUNCTIONS = frozenset({",", ";", "&", "/", "and", "or", "as well as", "plus"})
# Typographic apostrophes and dashes news text uses for the plain ones; quotes are dropped.
_PUNCTUATION = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-",
     "—": "-", "“": " ", "”": " ", "„": " ", "«": " ", "»": " ", '"': " "}
)  # fmt: skip
# Letters that carry no combining mark to strip but are still spelt without it in English.
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "ı": "i", "ß": "ss",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th"}
)  # fmt: skip


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


def fold(word: str) -> str:
    """The word without diacritics ("Khürelsükh" -> "Khurelsukh"), case kept."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_LETTERS)


def tokenize(text: str) -> list[Tok]:
    """Split into normalised tokens: possessives and dots dropped, hyphens split, quotes and
    typographic apostrophes normalised; `low` is also free of diacritics."""
    raw = _TOKEN_RE.findall(unicodedata.normalize("NFC", text).translate(_PUNCTUATION))
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
        toks.append(Tok(word, fold(word).lower(), possessive))
    return toks


def key_of(phrase: str) -> tuple[str, ...]:
    """The index key of a table phrase."""
    return tuple(t.low for t in tokenize(phrase))
