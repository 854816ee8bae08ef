"""Shared fixtures: the real spaCy pipeline and coder, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def coder():
    """The coder's whole reading, withheld events included: most tests check how a sentence
    is read, whether or not both sides resolve to a code."""
    from eventwire.coder import Coder

    return Coder(include_withheld=True)


@pytest.fixture(scope="session")
def dataset_coder(coder):
    """The coder as `code` runs it by default: only events with two coded sides."""
    from eventwire.coder import Coder

    return Coder(coder.nlp, coder.resolver, coder.lexicon)


@pytest.fixture(scope="session")
def parse():
    """Parse a text with the real pipeline (as the coder runs it, NER off); its first sentence."""
    from eventwire.nlp import load_pipeline

    nlp = load_pipeline()

    def run(text: str):
        with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
            doc = nlp(text)
        return next(iter(doc.sents))

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present in this checkout")
    return SHARED


@pytest.fixture(scope="module")
def examples_site(tmp_path_factory, coder):
    """The dashboard over a database of the bundled examples, served on a free local port;
    one per test module, so the browser tests of a module share it."""
    from eventwire.web import create_app
    from eventwire.web.testing import build_db, serve_in_thread

    db = build_db(tmp_path_factory.mktemp("web-site") / "examples.duckdb", coder=coder)
    with serve_in_thread(create_app(db)) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium under Playwright, one per test module (skips when either is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from eventwire.web.testing import CHROMIUM, launch_chromium

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing")
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
