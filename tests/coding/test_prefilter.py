"""The prefilter changes what is parsed, never what is coded: events equal the full parse."""

from __future__ import annotations

from itertools import chain
from pathlib import Path

import pytest

from eventwire.coding.coder import Coder
from eventwire.coding.prefilter import MARGIN, trigger_forms
from eventwire.evaluation.evaluate import _article, load_gold
from eventwire.evaluation.synthetic_news import generate_articles
from eventwire.models import Article
from eventwire.text.sources import expand

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pair(coder):
    """The session coder's pipeline, coded with and without the prefilter."""
    full = Coder(nlp=coder.nlp, resolver=coder.resolver, lexicon=coder.lexicon, prefilter=False)
    fast = Coder(nlp=coder.nlp, resolver=coder.resolver, lexicon=coder.lexicon, prefilter=True)
    return full, fast


def _dumps(coder: Coder, articles: list[Article]) -> dict[str, list[dict]]:
    """Events by article (an article skipped for its language has none in either run)."""
    return {
        a.doc_id(): [e.model_dump() for e in events] for a, events in coder.code_articles(articles)
    }


def _assert_same(pair, articles: list[Article]) -> None:
    full, fast = pair
    expected, got = _dumps(full, articles), _dumps(fast, articles)
    assert sum(map(len, expected.values())) > 0 and expected.keys() == got.keys()
    differing = [doc for doc in expected if expected[doc] != got[doc]]
    assert differing == []


def test_inflected_forms_are_kept(coder):
    forms = trigger_forms(coder.lexicon, coder.nlp)
    for word in ("attacked", "attacks", "accuses", "sanctions", "met", "arresting", "talks"):
        assert word in forms, word
    assert "weather" not in forms and "the" not in forms


def test_text_without_trigger_forms_is_not_parsed(coder):
    forms = trigger_forms(coder.lexicon, coder.nlp)
    doc = coder.nlp.make_doc("Rain fell over the hills on Tuesday morning.")
    assert forms.plan(doc).skip


def test_tail_after_last_trigger_block_is_cut_with_margin(coder):
    forms = trigger_forms(coder.lexicon, coder.nlp)
    tail = " ".join(["Rain fell over the quiet hills all day."] * 8)
    doc = coder.nlp.make_doc(f"Ruritania attacked Freedonia on Monday.\n\n{tail}")
    plan = forms.plan(doc)
    assert plan.last_trigger == 1
    assert plan.end < len(doc) and plan.end >= MARGIN


def test_same_events_on_examples(pair):
    articles = [i.record for i in expand([str(ROOT / "examples")]) if isinstance(i.record, Article)]
    assert articles
    _assert_same(pair, articles)


def test_same_events_on_generated_news(pair):
    _assert_same(pair, [g.article for g in generate_articles(40, seed=7)])


def test_same_events_on_shared_gold_and_seed(pair, shared_dir):
    gold = sorted((shared_dir / "gold").glob("*.jsonl"))
    records = chain.from_iterable(load_gold(path) for path in gold)
    articles = [_article(record, i) for i, record in enumerate(records)]
    seed = shared_dir / "examples" / "seed_article.txt"
    if seed.is_file():
        articles.append(Article(id="seed", text=seed.read_text(encoding="utf-8")))
    _assert_same(pair, articles)


def test_worker_processes_give_the_same_events(pair):
    full, _ = pair
    articles = [g.article for g in generate_articles(6, seed=3)]
    workers = Coder(batch_size=2, n_process=2)
    try:
        assert _dumps(workers, articles) == _dumps(full, articles)
        first = workers._workers().pids()
        assert _dumps(workers, articles[:2]) == _dumps(full, articles[:2])
        assert len(first) == 2 and workers._workers().pids() == first  # the pool is reused
    finally:
        workers.close()
