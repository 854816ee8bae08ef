"""Accuracy guard: the coder's scores on the shared development gold sets must not regress.

The thresholds are the acceptance bar of the coding-quality work (span-anchored type macro-F1
and penta accuracy of at least 0.80). They read ../shared, so they skip in a user's clone.
"""

from __future__ import annotations

import pytest

from eventwire.evaluate import evaluate_file

BAR = 0.80


@pytest.fixture(scope="module")
def gold(shared_dir):
    return shared_dir / "gold"


def test_zsp_span_anchored_macro_f1(gold, coder):
    report = evaluate_file(gold / "zsp_plv_train.jsonl", coder=coder)
    assert report.anchored is not None and report.anchored.events > 1000
    assert report.anchored.macro_f1 >= BAR


def test_conflibert_penta_accuracy(gold, coder):
    report = evaluate_file(gold / "conflibert_cameo_train.jsonl", coder=coder)
    assert report.penta is not None and report.penta.records > 900
    assert report.penta.accuracy >= BAR
