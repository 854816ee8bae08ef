"""The spaCy pipeline with eventwire's sentence rules, the language gate, the workers."""

from eventwire.deprecated_paths import forward


def __getattr__(name: str):
    """The names of the old module of this name, with a DeprecationWarning, for one
    release.

    Old module: `eventwire.nlp`; its new home: `eventwire.nlp.pipeline`."""
    return forward(__name__, name)
