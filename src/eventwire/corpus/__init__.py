"""The embedded corpus: store, ingest, deduplication, query, export, watch."""

from eventwire.deprecated_paths import forward


def __getattr__(name: str):
    """The names of the old module of this name, with a DeprecationWarning, for one
    release.

    Old module: `eventwire.corpus`; its new home: `eventwire.evaluation.synthetic_news`."""
    return forward(__name__, name)
