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
    from eventwire.coding.coder import Coder

    return Coder(include_withheld=True)


@pytest.fixture(scope="session")
def dataset_coder(coder):
    """The coder as `code` runs it by default: only events with two coded sides."""
    from eventwire.coding.coder import Coder

    return Coder(coder.nlp, coder.resolver, coder.lexicon)


@pytest.fixture(scope="session")
def parse():
    """Parse a text with the real pipeline (as the coder runs it, NER off); its first sentence."""
    from eventwire.nlp.pipeline import load_pipeline

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
def examples_db(tmp_path_factory, coder):
    """A database of the bundled examples, ingested by the real pipeline; one per module."""
    from eventwire.web.testing import build_db

    return build_db(tmp_path_factory.mktemp("examples") / "examples.duckdb", coder=coder)


@pytest.fixture(scope="module")
def examples_client(examples_db):
    """The web app over `examples_db`, read-only, in FastAPI's test client."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(examples_db, token="")) as client:
        yield client


@pytest.fixture(scope="module")
def examples_site(examples_db):
    """The dashboard over `examples_db`, served on a free local port for the browser tests."""
    from eventwire.web import create_app
    from eventwire.web.testing import serve_in_thread

    with serve_in_thread(create_app(examples_db)) as base:
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
