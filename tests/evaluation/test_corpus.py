"""The synthetic news generator: seeded, covers every PLOVER type, copies and rewrites."""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from datetime import date

import pytest

from eventwire.errors import InputError
from eventwire.evaluation import synthetic_news as corpus
from eventwire.evaluation.synthetic_news import (
    generate_articles,
    generate_labeled_sentences,
    generate_sentences,
    write_jsonl,
)
from eventwire.models import Article
from eventwire.text.readers import read_articles

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def records(n: int, **kwargs) -> list[dict]:
    return [a.to_record() for a in generate_articles(n, **kwargs)]


def test_same_seed_same_output_and_other_seed_differs():
    assert list(generate_sentences(50, seed=3)) == list(generate_sentences(50, seed=3))
    assert list(generate_sentences(50, seed=3)) != list(generate_sentences(50, seed=4))
    kwargs = {"words": 150, "duplicate_rate": 0.2, "rewrite_rate": 0.2}
    assert records(20, seed=1, **kwargs) == records(20, seed=1, **kwargs)
    assert records(20, seed=1, **kwargs) != records(20, seed=2, **kwargs)


def test_data_has_every_type_in_every_form():
    assert set(corpus.event_types()) == PLOVER
    for event_type in PLOVER:
        groups = corpus._templates()[event_type]
        assert set(groups) == set(corpus.FORMS), event_type
        assert sum(len(v) for v in groups.values()) >= 8, event_type


def test_sentences_cover_all_types_and_record_the_template_they_came_from():
    sentences = list(generate_labeled_sentences(400, seed=0))
    events = [s for s in sentences if s.event_type]
    assert {s.event_type for s in events} == PLOVER
    assert {s.form for s in events} == set(corpus.FORMS)
    assert 0.4 < len(events) / len(sentences) < 0.8
    for s in events:
        event_type, form, index = s.template_id.split("/")
        assert event_type == s.event_type and form == s.form
        assert 0 <= int(index) < len(corpus._templates()[event_type][form])
        assert s.actor or s.recipient
        assert s.actor != s.recipient
    for s in sentences:
        assert "{" not in s.text and "  " not in s.text and not s.text[0].islower()
        assert s.event_type or s.template_id.startswith("background/")


def test_every_template_renders():
    rng = corpus.random.Random(0)
    facts = corpus._random_facts(rng, "s", corpus.START, corpus.END)
    writer = corpus._Writer(rng, facts, facts.event_date)
    for groups in corpus._templates().values():
        for templates in groups.values():
            for template in templates:
                for main in (True, False):
                    assert "{" not in writer.render(template, main)
    for headlines in corpus._load("events.json")["headlines"].values():
        for template in headlines:
            assert "{" not in writer.render(template, main=True)


def test_articles_have_metadata_and_requested_length():
    for item in generate_articles(30, seed=5, words=400):
        article = item.article
        assert article.id and article.title and article.source and article.date
        assert article.url.startswith("https://") and f"/{article.date:%Y/%m/%d}/" in article.url
        assert 400 <= len(article.text.split()) < 480
        assert item.story_id == item.facts.story_id
        assert item.events and item.events[0].event_type == item.facts.event_type
        assert corpus.START <= item.facts.event_date <= article.date


def test_duplicates_and_rewrites_at_requested_rates():
    items = list(generate_articles(500, seed=7, words=250, duplicate_rate=0.2, rewrite_rate=0.1))
    kinds = Counter(i.kind for i in items)
    assert abs(kinds["duplicate"] / 500 - 0.2) < 0.05
    assert abs(kinds["rewrite"] / 500 - 0.1) < 0.04
    assert len({i.article.id for i in items}) == 500
    by_id = {i.article.id: i for i in items}
    originals = {i.story_id: i for i in items if i.kind == "original"}
    assert len(originals) == kinds["original"]
    for item in items:
        if item.kind == "original":
            continue
        first = originals[item.story_id]
        assert item.facts == first.facts
        parent = by_id[item.parent_id] if item.parent_id else first
        similarity = difflib.SequenceMatcher(None, parent.article.text, item.article.text).ratio()
        if item.kind == "duplicate":
            assert similarity > 0.8 and item.article.source != parent.article.source
        else:
            assert similarity < 0.6 and item.article.text != first.article.text


def test_day_phrases_are_english_and_right():
    assert corpus.day_phrases(date(2024, 9, 10)) == ("on Tuesday", "on September 10")


def test_rewrites_keep_the_main_event_date():
    items = generate_articles(200, seed=11, words=100, rewrite_rate=0.5)
    for item in (i for i in items if i.kind == "rewrite"):
        day = item.facts.event_date
        lead = item.article.text.split("\n\n")[0]
        delta = (item.article.date - day).days
        phrases = list(corpus.day_phrases(day))
        phrases += ["earlier today"] if delta == 0 else ["yesterday"] if delta == 1 else []
        assert any(p in lead for p in phrases), lead


def test_named_office_holders_are_in_office_on_the_article_date():
    tenures: dict[str, list[tuple[date, date]]] = {}
    for country in corpus._countries():
        for person in country["leaders"]:
            tenures.setdefault(person["name"], []).append((person["_start"], person["_end"]))
    names = re.compile("|".join(re.escape(n) for n in sorted(tenures, key=len, reverse=True)))
    checked = 0
    for item in generate_articles(60, seed=2, words=300):
        day = item.article.date
        for name in set(names.findall(item.article.text)):
            assert any(start <= day < end for start, end in tenures[name]), (name, day)
            checked += 1
    assert checked > 20


def test_jsonl_is_readable_by_the_article_reader(tmp_path):
    path = tmp_path / "corpus.jsonl"
    count = write_jsonl(generate_articles(5, seed=0, words=100, duplicate_rate=0.5), path)
    lines = path.read_text("utf-8").splitlines()
    assert count == len(lines) == 5
    first = json.loads(lines[0])
    assert first["story_id"] and first["kind"] == "original" and first["facts"]["event_type"]
    articles = list(read_articles(path))
    assert [a.id for a in articles] == [json.loads(line)["id"] for line in lines]
    assert all(isinstance(a, Article) and a.date for a in articles)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"duplicate_rate": 1.5},
        {"rewrite_rate": -0.1},
        {"duplicate_rate": 0.6, "rewrite_rate": 0.6},
        {"words": 5},
        {"n": -1},
    ],
)
def test_bad_arguments_raise_input_error(kwargs):
    n = kwargs.pop("n", 3)
    with pytest.raises(InputError):
        list(generate_articles(n, **kwargs))


def test_generation_streams_without_building_the_corpus():
    stream = generate_articles(10**9, seed=0, words=100, duplicate_rate=0.3, rewrite_rate=0.3)
    first = [next(stream) for _ in range(100)]
    assert len(first) == 100
    sentences = generate_sentences(10**9, seed=0)
    assert next(sentences)
