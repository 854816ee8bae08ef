"""Shared fixtures: the real spaCy pipeline and coder, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def coder():
    from eventwire.coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present in this checkout")
    return SHARED
