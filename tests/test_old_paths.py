"""Code written for the flat layout keeps working for one release, and is told where to go.

The old module paths are served by `eventwire.deprecated_paths`; the public API
(`eventwire.code_text`, `eventwire.Coder`, `eventwire.query.query`) is unchanged and silent.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import eventwire
from eventwire.coding import triggers
from eventwire.corpus import query as corpus_query
from eventwire.corpus import store
from eventwire.evaluation import synthetic_news
from eventwire.nlp import pipeline


def forget(name: str) -> None:
    """Drop the cached aliases of an old name, as in a user's process that never imported it."""
    for cached in [n for n in sys.modules if n == name or n.startswith(f"{name}.")]:
        del sys.modules[cached]


def fresh_import(name: str):
    forget(name)
    return importlib.import_module(name)


def test_an_old_module_path_is_the_new_module_with_a_warning():
    with pytest.warns(DeprecationWarning, match="eventwire.triggers moved to eventwire.coding"):
        old = fresh_import("eventwire.triggers")
    assert old is triggers


def test_an_old_package_path_serves_its_submodules():
    forget("eventwire.store")
    with pytest.warns(DeprecationWarning) as caught:
        old = fresh_import("eventwire.store.db")
    assert old is store.db
    moved = sorted(str(w.message).split(" moved")[0] for w in caught)
    assert moved == ["eventwire.store", "eventwire.store.db"]
    forget("eventwire.store")
    with pytest.warns(DeprecationWarning, match="eventwire.store moved"):
        from eventwire.store import connect
    assert connect is store.connect


@pytest.mark.parametrize(
    ("package", "name", "home"),
    [
        ("eventwire.nlp", "load_pipeline", pipeline),
        ("eventwire.corpus", "generate_articles", synthetic_news),
    ],
)
def test_an_old_module_now_a_package_still_hands_out_its_names(package, name, home):
    module = importlib.import_module(package)
    with pytest.warns(DeprecationWarning, match=f"{package}.{name} moved to {home.__name__}"):
        value = getattr(module, name)
    assert value is getattr(home, name)


def test_the_new_paths_and_the_public_api_are_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from eventwire.coding import coder, records  # noqa: F401

        public = fresh_import("eventwire.query")
        assert public is corpus_query and callable(public.query)
        assert callable(eventwire.code_text) and eventwire.Coder is coder.Coder


def test_a_misspelt_name_is_still_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = importlib.import_module("eventwire.nlp").no_such_name


def test_the_warning_points_at_the_importing_line(tmp_path):
    """Python shows a DeprecationWarning by default only when it is attributed to __main__."""
    script = tmp_path / "old_user.py"
    script.write_text("import eventwire.export\nfrom eventwire.nlp import load_pipeline\n", "utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{script}:1: DeprecationWarning: eventwire.export moved" in done.stderr
    assert f"{script}:2: DeprecationWarning: eventwire.nlp.load_pipeline moved" in done.stderr
