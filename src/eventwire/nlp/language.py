"""Which language an article is written in, offline, so that no article is coded in the wrong one.

The lexicon, the actor tables and the bundled spaCy model are English: a French or Arabic
article run through them gives no events and no word about why. The coder asks this module
first and skips (and counts) an article in a language that has no configured model.

The detector is py3langid (the langid.py model: 97 languages, a small wheel, numpy only, no
download). Its model takes about two seconds to load, so plain English news, which is almost
all of the input, is recognised without it: a text in which English function words ("the",
"of", "and", "said", ...) make up a large share of the words is English. Everything else goes
to the detector, and a text is taken as another language only when the detector is sure of it
on enough letters; short or unclear text keeps the default, English.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from eventwire.config import MODEL_ENV, spacy_model_name

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT = "en"
SAMPLE_CHARS = 2000  # the start of an article says its language; the rest only costs time
MIN_LETTERS = 25  # below this the detector guesses: keep the default
MIN_PROBABILITY = 0.9
ENGLISH_SHARE = 0.12  # share of English function words above which a text is plainly English
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset((
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "said", "was", "with", "as",
    "by", "it", "at", "from", "has", "have", "be", "were", "are", "its", "his", "her", "their",
    "this", "which", "will", "would", "not", "an", "he", "she", "they", "who", "after", "over",
))  # fmt: skip


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in ("en" when unsure)."""
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    letters = sum(map(len, words))
    if letters < MIN_LETTERS:
        return DEFAULT
    if sum(w in _ENGLISH for w in words) >= ENGLISH_SHARE * len(words):
        return DEFAULT
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= MIN_PROBABILITY else DEFAULT


@cache
def _identifier():
    """The langid model, loaded once per process (it ships inside the py3langid wheel)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def skip_reason(language: str) -> str:
    """Why an article in `language` was not coded, and how to have it coded."""
    return (
        f"written in {language!r}, which has no spaCy model configured "
        f"(set {MODEL_ENV}_{language.upper()} or [models] {language} in eventwire.toml)"
    )


class Languages:
    """The pipelines of the other languages a coder met, each loaded once when first needed
    (None: no model configured for it, so its articles are skipped)."""

    def __init__(self) -> None:
        self._loaded: dict[str, Language | None] = {}

    def pipeline(self, language: str) -> Language | None:
        if language not in self._loaded:
            from eventwire.nlp.pipeline import load_pipeline

            name = spacy_model_name(language)
            self._loaded[language] = load_pipeline(name) if name else None
        return self._loaded[language]
