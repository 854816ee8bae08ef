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
    """Start a new sentence after any whitespace token that holds a newline."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


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
