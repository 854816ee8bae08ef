"""eventwire: political event data from news text, traceable to the word."""

from eventwire import deprecated_paths  # noqa: F401  (serves the old module paths)
from eventwire.models import Actor, Article, Event

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Coder", "Event", "code_text"]


def __getattr__(name: str):
    """Import the coder lazily so `import eventwire` stays cheap for the CLI and tools."""
    if name in {"Coder", "code_text"}:
        from eventwire.coding import coder

        return getattr(coder, name)
    raise AttributeError(name)
