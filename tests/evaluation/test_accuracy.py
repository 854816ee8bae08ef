"""Accuracy guard: the coder's scores on the shared development gold sets must not regress.

The strict measures are the headline (issue 10): the typed-dyad funnel on modern_news_dev, as
`eventwire eval` runs the coder (the default dataset), and strict span anchoring on
zsp_plv_train. The thresholds sit a little below the figures measured when they were set;
raise them as the coder improves. The lenient figures of earlier work stay guarded too.
The shared sets are read from ../shared and skip in a user's clone; the project's own
passages (tests/fixtures/own_news_gold.jsonl) always run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.evaluation import evaluate as ev

# Strict dyad funnel on modern_news_dev (measured 0.794 / 0.771 / 0.743 on 2026-12-05; it was
# 0.555 / 0.519 / 0.486 before the issue-10 round).
MODERN_TYPE_F1 = 0.76
MODERN_TYPE_ACTOR_F1 = 0.73
MODERN_TYPED_DYAD_F1 = 0.70
MODERN_DYAD_PRECISION = 0.85  # the default dataset (measured 0.899)
MODERN_CONFIDENT_PRECISION = 0.85  # dyad precision of events with confidence >= 0.7 (0.93)
# The project's own 80 passages, written to measure the coder (0.756 / 0.736 / 0.679, dyad
# precision 0.782); they ship with the project, so these never skip.
OWN_TYPE_F1 = 0.72
OWN_TYPE_ACTOR_F1 = 0.70
OWN_TYPED_DYAD_F1 = 0.64
OWN_DYAD_PRECISION = 0.74
OWN_GOLD = Path(__file__).parents[1] / "fixtures" / "own_news_gold.jsonl"
# Strict span anchoring on zsp_plv_train, whole reading (measured 0.601 / 0.692 on 2026-12-05;
# 0.48 / 0.59 before the round): the acceptance is 0.60.
ZSP_STRICT_ACCURACY = 0.60
ZSP_STRICT_MACRO_F1 = 0.67
# Lenient figures of the earlier coding-quality work (0.802 before the strict round, 0.804 now).
ZSP_LENIENT_MACRO_F1 = 0.79
CONFLIBERT_PENTA_ACCURACY = 0.82  # whole reading (0.839 now; 0.843 when issue 10 was filed)


@pytest.fixture(scope="module")
def gold(shared_dir):
    return shared_dir / "gold"


@pytest.fixture(scope="module")
def modern(gold, dataset_coder):
    """modern_news_dev coded once as `eval` codes it: records, predictions and the report."""
    records = ev.load_gold(gold / "modern_news_dev.jsonl")
    predictions = ev.run_coder(records, dataset_coder)
    return records, predictions, ev.score(records, predictions)


@pytest.fixture(scope="module")
def zsp(gold, coder):
    return ev.evaluate_file(gold / "zsp_plv_train.jsonl", coder=coder)


def test_modern_news_strict_funnel(modern):
    _, _, report = modern
    levels = report.funnel.levels
    assert report.funnel.records == 52
    assert levels["type"].f1 >= MODERN_TYPE_F1
    assert levels["type+actor"].f1 >= MODERN_TYPE_ACTOR_F1
    assert levels["typed dyad"].f1 >= MODERN_TYPED_DYAD_F1


def test_modern_news_default_dataset_is_precise_and_calibrated(modern):
    _, _, report = modern
    assert report.funnel.levels["typed dyad"].precision >= MODERN_DYAD_PRECISION
    dyad = next(c for c in report.calibration if c.basis == "typed dyad")
    confident = next(b for b in dyad.bins if b.low == 0.7)
    assert confident.at_least_events >= 10
    assert confident.at_least_precision >= MODERN_CONFIDENT_PRECISION


def test_modern_news_funnel_agrees_with_the_shared_tool(modern, shared_dir, tmp_path):
    """The independent tool, fed the very events eval scored (negated acts left out, as eval
    does), prints the same three figures."""
    _, predictions, report = modern
    tool = shared_dir / "tools" / "dyad_funnel.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/dyad_funnel.py is not present")
    events = tmp_path / "events.jsonl"
    with events.open("w", encoding="utf-8") as fh:
        for event in (e for p in predictions for e in p if e.modality not in ev.NOT_EVENTS):
            fh.write(event.model_dump_json() + "\n")
    fake = tmp_path / "fake-eventwire"
    fake.write_text(f"#!{sys.executable}\nprint(open({str(events)!r}).read(), end='')\n")
    fake.chmod(0o755)
    gold_file = shared_dir / "gold" / "modern_news_dev.jsonl"
    out = subprocess.run(
        [sys.executable, str(tool), str(gold_file), "--cmd", str(fake)],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    ours = " · ".join(
        f"{name} P/R/F1 {m.precision:.3f}/{m.recall:.3f}/{m.f1:.3f}"
        for name, m in report.funnel.levels.items()
    )
    assert out.strip() == f"modern_news_dev.jsonl: {ours}"


def test_zsp_strict_span_anchoring(zsp):
    assert zsp.strict is not None and zsp.strict.events > 1000
    assert zsp.strict.accuracy >= ZSP_STRICT_ACCURACY
    assert zsp.strict.macro_f1 >= ZSP_STRICT_MACRO_F1


def test_zsp_lenient_span_anchored_macro_f1(zsp):
    assert zsp.anchored is not None and zsp.anchored.events > 1000
    assert zsp.anchored.macro_f1 >= ZSP_LENIENT_MACRO_F1


def test_conflibert_penta_accuracy(gold, coder):
    report = ev.evaluate_file(gold / "conflibert_cameo_train.jsonl", coder=coder)
    assert report.penta is not None and report.penta.records > 900
    assert report.penta.accuracy >= CONFLIBERT_PENTA_ACCURACY
    assert report.strict is None and report.notes  # no spans: says so


def test_own_news_strict_funnel(dataset_coder):
    """The project's own passages: the same strict funnel, on text no peer wrote."""
    records = ev.load_gold(OWN_GOLD)
    report = ev.score(records, ev.run_coder(records, dataset_coder))
    levels = report.funnel.levels
    assert report.funnel.records == 80
    assert levels["type"].f1 >= OWN_TYPE_F1
    assert levels["type+actor"].f1 >= OWN_TYPE_ACTOR_F1
    assert levels["typed dyad"].f1 >= OWN_TYPED_DYAD_F1
    assert levels["typed dyad"].precision >= OWN_DYAD_PRECISION
