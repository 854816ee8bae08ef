"""The benchmark: right figures from a tiny run of the real pipeline (no timing assertions)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.evaluation.bench import bench_articles, run_bench, time_bare_pipe
from eventwire.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


def positive_throughput(side) -> None:
    assert side.seconds > 0 and side.sentences_per_s > 0 and side.words_per_s > 0


def test_articles_pack_the_generated_sentences():
    articles = bench_articles(45, per_article=20, seed=0)
    assert len(articles) == 3
    assert all(a.text and a.date and a.id for a in articles)
    assert len({a.id for a in articles}) == 3
    assert bench_articles(45, per_article=20, seed=0) == articles


def test_bare_pipe_parses_every_text(nlp):
    texts = [a.text for a in bench_articles(10, per_article=5)]
    ticks: list[int] = []
    seconds = time_bare_pipe(nlp, texts, batch_size=4, tick=lambda: ticks.append(1))
    assert seconds > 0 and len(ticks) == len(texts)


def test_bench_without_coder_reports_bare_figures(nlp):
    result = run_bench(sentences=40, batch_size=8, repeats=1, with_coder=False, nlp=nlp)
    figures = result.to_dict()
    assert set(figures) >= {"sentences", "words", "bare", "coder", "ratio", "events", "peak_rss_mb"}
    assert set(figures["bare"]) == {"seconds", "sentences_per_s", "words_per_s"}
    assert result.sentences == 40 and result.articles == 2 and result.words > 40
    positive_throughput(result.bare)
    assert result.coder is None and result.ratio is None and result.events is None
    assert result.peak_rss_mb > 50


def test_bench_with_coder_reports_both_sides_and_ratio(nlp):
    pytest.importorskip("eventwire.coding.coder", exc_type=ImportError)
    disabled_before = list(nlp.disabled)
    result = run_bench(sentences=40, batch_size=8, repeats=2, nlp=nlp)
    positive_throughput(result.bare)
    positive_throughput(result.coder)
    assert result.ratio > 0 and result.events > 0
    # the two sides timed the very same words
    assert result.ratio == pytest.approx(
        result.coder.words_per_s / result.bare.words_per_s, rel=0.01
    )
    if result.coder_disables:
        positive_throughput(result.bare_same_pipes)
        assert result.ratio_same_pipes > 0
    else:
        assert result.bare_same_pipes is None and result.ratio_same_pipes is None
    assert set(nlp.pipe_names) >= set(result.coder_disables)
    assert nlp.disabled == disabled_before  # the trimmed run switched its components back on


def test_cli_prints_json(nlp):
    out = CliRunner().invoke(app, ["bench", "-n", "40", "-b", "8", "--repeats", "1", "--no-coder",
                                   "--json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    figures = json.loads(out.stdout)
    assert figures["sentences"] == 40 and figures["bare"]["words_per_s"] > 0


@pytest.mark.parametrize("kwargs", [{"sentences": 0}, {"batch_size": 0}, {"repeats": 0}])
def test_bad_settings_raise_input_error(kwargs, nlp):
    with pytest.raises(InputError):
        run_bench(with_coder=False, nlp=nlp, **kwargs)


def test_length_bench_times_one_run_on_sentence_per_length(coder):
    from eventwire.evaluation.length_bench import run_on_sentence, time_lengths

    text = run_on_sentence(2000, seed=3)
    assert 1900 <= len(text) <= 2000 and text.endswith(".")
    assert text.rstrip(".").count(". ") == 0  # one sentence: no full stop inside
    first, second = time_lengths(coder, (400, 1600), seed=3)
    assert (first.chars, first.per_doubling) == (len(run_on_sentence(400, seed=3)), None)
    assert second.chars > first.chars and second.seconds > 0 and second.per_doubling > 0


def test_length_bench_option_rejects_bad_lengths():
    result = CliRunner().invoke(app, ["bench", "--lengths", "1000,lots"])
    assert result.exit_code != 0 and "--lengths" in str(result.exception or result.output)
