"""The module paths of the flat layout, served for one release after the move into stages.

Code written against 0.1 imports `eventwire.triggers` or `eventwire.store`; those modules now
live in their stage's package (`eventwire.coding.triggers`, `eventwire.corpus.store`). An import
finder answers an old name with the module itself (the same object, so a monkeypatch through
either name patches both) and a DeprecationWarning naming the new path. Three old modules share
their name with a new package (`eventwire.nlp`, `eventwire.coding`, `eventwire.corpus`): those
packages' `__getattr__` hands out the old module's names through `forward`. The public
`eventwire.query` stays, silently: it is the documented API.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from types import ModuleType

MOVED = {
    "eventwire.article_dates": "eventwire.coding.article_dates",
    "eventwire.article_places": "eventwire.coding.article_places",
    "eventwire.bench": "eventwire.evaluation.bench",
    "eventwire.coder": "eventwire.coding.coder",
    "eventwire.coding": "eventwire.coding.records",
    "eventwire.confidence": "eventwire.coding.confidence",
    "eventwire.corpus": "eventwire.evaluation.synthetic_news",
    "eventwire.dedup": "eventwire.corpus.dedup",
    "eventwire.dedup.evidence": "eventwire.corpus.dedup.evidence",
    "eventwire.dedup.matching": "eventwire.corpus.dedup.matching",
    "eventwire.dedup.stories": "eventwire.corpus.dedup.stories",
    "eventwire.dedup.update": "eventwire.corpus.dedup.update",
    "eventwire.dedup_bench": "eventwire.evaluation.dedup_bench",
    "eventwire.evaluate": "eventwire.evaluation.evaluate",
    "eventwire.export": "eventwire.corpus.export",
    "eventwire.export_dictionary": "eventwire.corpus.export_dictionary",
    "eventwire.fetch": "eventwire.text.fetch",
    "eventwire.filters": "eventwire.corpus.filters",
    "eventwire.gazetteer": "eventwire.actors.gazetteer",
    "eventwire.gold": "eventwire.evaluation.gold",
    "eventwire.guards": "eventwire.coding.guards",
    "eventwire.handoff": "eventwire.corpus.handoff",
    "eventwire.ingest": "eventwire.corpus.ingest",
    "eventwire.language": "eventwire.nlp.language",
    "eventwire.length_bench": "eventwire.evaluation.length_bench",
    "eventwire.lexicon": "eventwire.coding.lexicon",
    "eventwire.mentions": "eventwire.coding.mentions",
    "eventwire.modality": "eventwire.coding.modality",
    "eventwire.nlp": "eventwire.nlp.pipeline",
    "eventwire.participants": "eventwire.coding.participants",
    "eventwire.prefilter": "eventwire.coding.prefilter",
    "eventwire.pubdates": "eventwire.text.pubdates",
    "eventwire.query": "eventwire.corpus.query",
    "eventwire.reach": "eventwire.coding.reach",
    "eventwire.readers": "eventwire.text.readers",
    "eventwire.references": "eventwire.coding.references",
    "eventwire.roles": "eventwire.coding.roles",
    "eventwire.scale_bench": "eventwire.evaluation.scale_bench",
    "eventwire.sources": "eventwire.text.sources",
    "eventwire.spacy_component": "eventwire.coding.spacy_component",
    "eventwire.spikes": "eventwire.corpus.spikes",
    "eventwire.store": "eventwire.corpus.store",
    "eventwire.store.db": "eventwire.corpus.store.db",
    "eventwire.store.reader": "eventwire.corpus.store.reader",
    "eventwire.store.schema": "eventwire.corpus.store.schema",
    "eventwire.store.writer": "eventwire.corpus.store.writer",
    "eventwire.strict_eval": "eventwire.evaluation.strict_eval",
    "eventwire.syntax": "eventwire.coding.syntax",
    "eventwire.tables": "eventwire.corpus.tables",
    "eventwire.triggers": "eventwire.coding.triggers",
    "eventwire.update_bench": "eventwire.evaluation.update_bench",
    "eventwire.watch": "eventwire.corpus.watch",
    "eventwire.watchlists": "eventwire.corpus.watchlists",
    "eventwire.webhook": "eventwire.corpus.webhook",
    "eventwire.when": "eventwire.coding.when",
    "eventwire.where": "eventwire.coding.where",
    "eventwire.where_eval": "eventwire.evaluation.where_eval",
    "eventwire.workers": "eventwire.nlp.workers",
}
PUBLIC = {
    "eventwire.query",
}
# Old modules whose name is now a package (`eventwire.corpus`) -> the old module's new home.
# The package itself answers imports of that name; `forward` serves the old module's names.
OLD_MODULES = {
    old: new
    for old, new in MOVED.items()
    if any(other.startswith(f"{old}.") for other in MOVED.values())
}


class OldPathFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old dotted name as the module at its new path."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in MOVED or fullname in OLD_MODULES:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec) -> ModuleType:
        new = MOVED[spec.name]
        if spec.name not in PUBLIC:
            warn(spec.name, new)
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """The module at the new path is already executed."""


def forward(package: str, name: str) -> object:
    """A name of the old module that a package replaced (`eventwire.nlp.load_pipeline`)."""
    home = OLD_MODULES.get(package)
    if home is None or name.startswith("_") or is_submodule(package, name):
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    warn(f"{package}.{name}", f"{home}.{name}")
    return value


def is_submodule(package: str, name: str) -> bool:
    """`from eventwire.coding import coder` probes the package's attribute before importing."""
    return importlib.util.find_spec(f"{package}.{name}") is not None


def warn(old: str, new: str) -> None:
    message = f"{old} moved to {new}; the old path goes away in the next release"
    warnings.warn(message, DeprecationWarning, stacklevel=_caller_level())


def _caller_level() -> int:
    """The stacklevel of the importing code: past this module's frames and the import
    machinery's (which `warnings` itself skips without counting them)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and _machinery(frame):
        level += not _bootstrap(frame)
        frame = frame.f_back
    return level


def _bootstrap(frame) -> bool:
    """The frames `warnings` skips on its own: importlib's frozen bootstrap."""
    name = frame.f_code.co_filename
    return "importlib" in name and "_bootstrap" in name


def _is_here(frame) -> bool:
    """A frame of this module, or of a package's `__getattr__` that calls `forward`."""
    module = frame.f_globals.get("__name__")
    return module == __name__ or (module in OLD_MODULES and frame.f_code.co_name == "__getattr__")


def _machinery(frame) -> bool:
    module = frame.f_globals.get("__name__", "")
    return _is_here(frame) or module == "importlib" or module.startswith("importlib.")


def install() -> None:
    if not any(isinstance(finder, OldPathFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, OldPathFinder())


install()
