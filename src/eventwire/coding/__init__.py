"""From a parsed article to validated `Event` records, and the `Coder`."""

from eventwire.deprecated_paths import forward


def __getattr__(name: str):
    """The names of the old module of this name, with a DeprecationWarning, for one
    release.

    Old module: `eventwire.coding`; its new home: `eventwire.coding.records`."""
    return forward(__name__, name)
