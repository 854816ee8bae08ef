"""Loads the spaCy pipeline once per process, with eventwire's line-break rule added.

News text puts headlines, datelines and paragraphs on their own lines; the statistical parser
sometimes runs a headline into the first sentence. A tiny component marks every line break as a
sentence boundary before the parser runs, and the parser respects boundaries already set.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.config import spacy_model_name
from eventwire.errors import EventwireError

LINE_BREAKS = "eventwire_line_breaks"


@Language.component(LINE_BREAKS)
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after any line break and after a dateline ("KABUL (AP) -- ...")."""
    starts = _line_starts(doc)
    for start in starts[1:]:
        doc[start].is_sent_start = True
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
    return doc


DATELINE_DASHES = frozenset({"-", "--", "—", "–", ":"})
DATELINE_MAX = 12


def _line_starts(doc: Doc) -> list[int]:
    starts = [0]
    starts += [t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_]
    return starts


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The token after "CITY, Country (Agency) --" at the start of a line, if there is one."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_title or first.is_upper) or not first.is_alpha:
        return None
    for token in doc[start + 1 : start + DATELINE_MAX]:
        if token.text in DATELINE_DASHES and _spaced(token):
            return token.i + 1
        if not _dateline_word(token):
            return None
    return None


def _spaced(token) -> bool:
    """A dateline dash stands apart ("KYIV - ..."); a hyphen inside a word ("Tsai Ing-wen",
    "India-Canada") does not end a dateline."""
    return bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)


def _dateline_word(token) -> bool:
    """Place names, the date and the agency: "ADDIS ABABA, May 15 (Xinhua)"."""
    return (
        token.is_punct
        and token.text not in {".", "!", "?"}
        or (token.is_title or token.is_upper or token.like_num)
        and "\n" not in token.text
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline; never downloads (offline rule)."""
    name = name or spacy_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise EventwireError(
            f"spaCy model {name!r} is not installed; install it with pip or set "
            "EVENTWIRE_SPACY_MODEL to an installed pipeline"
        ) from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp
