"""Loads the spaCy pipeline once per process, with eventwire's sentence rules added.

News text puts headlines, datelines and paragraphs on their own lines; the statistical parser
sometimes runs a headline into the first sentence. A tiny component marks every line break as a
sentence boundary before the parser runs, and the parser respects boundaries already set.

The same component bounds the length of a sentence, because what the coder does per sentence
grows faster than the sentence (each event looks over the whole sentence for its place and
date). A stretch of more than `LONG_RUN` tokens with no full stop or line break (no sentence of
the gold sets reaches 75) is cut after clause punctuation (``; , : —``) into parts of at least
`MIN_PART` tokens, and where no such punctuation comes for `MAX_PART` tokens, after `MAX_PART`
tokens. The token after a cut carries ``token._.eventwire_cut``, so the coder can note it on
the events it reads there.

Texts longer than spaCy's `max_length` are parsed in parts cut at paragraph boundaries
(`text_parts`) and joined back into one document.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.config import spacy_model_name
from eventwire.errors import EventwireError

LINE_BREAKS = "eventwire_line_breaks"


CUT = "eventwire_cut"
LONG_RUN = 80
MIN_PART = 20
MAX_PART = 60
SENTENCE_ENDS = frozenset({".", "!", "?"})
CLAUSE_ENDS = frozenset({";", ",", ":", "—", "–", "--"})
if not Token.has_extension(CUT):
    Token.set_extension(CUT, default=False)


@Language.component(LINE_BREAKS)
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after any line break, after a dateline ("KABUL (AP) -- ...") and
    where an over-long stretch of text is cut."""
    starts, cuts = _line_starts_and_cuts(doc)
    for start in starts[1:]:
        doc[start].is_sent_start = True
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
    for cut in cuts:
        doc[cut].is_sent_start = True
        doc[cut]._.set(CUT, True)
    return doc


DATELINE_DASHES = frozenset({"-", "--", "—", "–"})
DATELINE_MAX = 12


def _line_starts_and_cuts(doc: Doc) -> tuple[list[int], list[int]]:
    """Tokens that start a line, and tokens where an over-long stretch of text is cut."""
    starts, cuts, run_start, clauses = [0], [], 0, []
    for token in doc[:-1]:
        text = token.text
        if "\n" in text or "\n" in token.whitespace_:
            starts.append(token.i + 1)
        elif text not in SENTENCE_ENDS:
            if text in CLAUSE_ENDS:
                clauses.append(token.i + 1)
            continue
        if token.i + 1 - run_start > LONG_RUN:
            cuts += _cuts(run_start, token.i + 1, clauses)
        run_start, clauses = token.i + 1, []
    if len(doc) - run_start > LONG_RUN:
        cuts += _cuts(run_start, len(doc), clauses)
    return starts, cuts


def _cuts(start: int, end: int, clauses: list[int]) -> list[int]:
    """Cut tokens start..end after clause punctuation, in parts of MIN_PART to MAX_PART."""
    cuts, last = [], start
    for at in [*clauses, end]:
        while at - last > MAX_PART:
            last += MAX_PART
            cuts.append(last)
        if at - last >= MIN_PART and at < end:
            cuts.append(at)
            last = at
    return cuts


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The token after "CITY, Country (Agency) --" at the start of a line, if there is one."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_title or first.is_upper) or not first.is_alpha:
        return None
    for token in doc[start + 1 : start + DATELINE_MAX]:
        # "ISLAMABAD: ...", not a headline's speaker ("Zelensky: Russia must pay")
        if _colon(token) and first.is_upper and len(first) > 1 and token.whitespace_:
            return token.i + 1
        if token.text in DATELINE_DASHES and _spaced(token):
            return token.i + 1
        if not _dateline_word(token):
            return None
    return None


def _spaced(token) -> bool:
    """A dateline dash stands apart ("KYIV - ..."); a hyphen inside a word ("Tsai Ing-wen",
    "India-Canada") does not end a dateline."""
    return bool(token.whitespace_) and bool(token.doc[token.i - 1].whitespace_)


def _colon(token) -> bool:
    """A colon, alone or glued to a bracket by the tokenizer ("(Pajhwok):")."""
    return token.is_punct and token.text.endswith(":")


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


def text_parts(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut a text longer than `limit` characters into (start, end) parts of at most `limit`,
    each ending after a paragraph break if one is in reach, else a line break, else a space."""
    parts, start = [], 0
    while len(text) - start > limit:
        end = start + _cut_point(text[start : start + limit])
        parts.append((start, end))
        start = end
    parts.append((start, len(text)))
    return parts


def _cut_point(window: str) -> int:
    for mark in ("\n\n", "\n", " "):
        at = window.rfind(mark)
        if at >= 0:
            return at + len(mark)
    return len(window)
