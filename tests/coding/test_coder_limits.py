"""The coder's bounds: over-long sentences, texts past spaCy's limit, one bad article among good
ones, and a caller's deadline (issue 13)."""

from __future__ import annotations

import time
from datetime import date

import pytest

from eventwire.errors import EventwireError, TimeLimitError
from eventwire.models import Article, ErrorRecord
from eventwire.nlp.pipeline import CUT, LONG_RUN, MAX_PART, text_parts

DAY = date(2024, 9, 10)
CLAUSES = (
    "Chile recalled its ambassador from Peru",
    "Kenya sent troops to Somalia",
    "the talks in Geneva stalled over the border",
    "Norway pledged aid to Sudan",
    "officials in Lima declined to comment",
)


def run_on(clauses: int) -> str:
    """One sentence of `clauses` clauses joined by commas, with a single full stop."""
    return ", and ".join(CLAUSES[i % len(CLAUSES)] for i in range(clauses)) + "."


def test_a_run_on_sentence_is_cut_into_bounded_parts(coder):
    doc = coder.nlp(run_on(60))
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= 2 * LONG_RUN and len(lengths) > 1
    assert sum(token._.get(CUT) for token in doc) >= len(doc) // MAX_PART


def test_ordinary_sentences_are_never_cut(coder):
    doc = coder.nlp(run_on(8) + " " + run_on(3) + "\n\n" + run_on(9))
    assert not any(token._.get(CUT) for token in doc)


def test_events_read_in_a_cut_part_say_so(coder):
    events = coder.code_text(run_on(40), DAY)
    cut = [e for e in events if e.note]
    assert cut and all("cut at a clause boundary" in e.note for e in cut)
    assert not any(e.note for e in coder.code_text(run_on(2), DAY))


@pytest.mark.parametrize("limit", [7, 60, 1000])
def test_text_parts_cover_the_text_within_the_limit(limit):
    text = "First paragraph here.\n\nSecond one, longer than the first.\nA line.\n\nEnd." * 20
    parts = text_parts(text, limit)
    assert [a for a, _ in parts] == [0, *[b for _, b in parts[:-1]]]
    assert parts[-1][1] == len(text) and all(0 < b - a <= limit for a, b in parts)
    if limit >= 60:  # room for a paragraph: every part but the last ends after a blank line
        assert all(text[a:b].endswith("\n\n") for a, b in parts[:-1])


def test_text_past_the_pipeline_limit_is_coded_in_paragraph_parts(coder, monkeypatch):
    """Regression: a text over spaCy's max_length (1,000,000 characters) raised out of the coder;
    a small limit stands in for it so the test stays fast."""
    paragraphs = [run_on(2), "Brazil criticised Argentina over tariffs.", run_on(3)] * 4
    text = "\n\n".join(paragraphs)
    whole = coder.code_text(text, DAY)
    monkeypatch.setattr(coder.nlp, "max_length", 300)
    assert len(text_parts(text, 300)) > 3
    parted = coder.code_text(text, DAY)
    assert [(e.id, e.trigger.start, e.event_type) for e in parted] == [
        (e.id, e.trigger.start, e.event_type) for e in whole
    ]
    assert all(text[e.trigger.start : e.trigger.end] == e.trigger.text for e in parted)


def test_an_article_the_tokenizer_rejects_costs_only_itself(coder):
    """An article built around validation (a lone surrogate) fails alone; the batch goes on."""
    bad = Article.model_construct(id="bad", text="Chile \ud800 recalled", date=DAY)
    good = Article(id="good", text="Kenya sent troops to Somalia.", date=DAY)
    errors: list[ErrorRecord] = []
    coded = list(coder.code_articles([good, bad, good], on_error=errors.append))
    assert [a.id for a, _ in coded] == ["good", "good"] and all(events for _, events in coded)
    assert len(errors) == 1 and errors[0].error.startswith("bad: cannot tokenize")
    with pytest.raises(EventwireError, match="bad: cannot tokenize"):
        list(coder.code_articles([bad]))


def test_a_coder_failure_on_one_article_costs_only_itself(coder, monkeypatch):
    import eventwire.coding.coder as coder_module

    real = coder_module.code_sentence

    def fail_on_peru(unit, *args):
        if "Peru" in unit.span.text:
            raise KeyError("odd token")
        return real(unit, *args)

    monkeypatch.setattr(coder_module, "code_sentence", fail_on_peru)
    articles = [
        Article(id="a", text="Kenya sent troops to Somalia.", date=DAY),
        Article(id="b", text="Chile recalled its ambassador from Peru.", date=DAY),
        Article(id="c", text="Norway pledged aid to Sudan.", date=DAY),
    ]
    outcomes = [outcome for _, outcome in coder.results(articles)]
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert outcomes[1].error.error == "b: coding failed (KeyError: 'odd token')"
    assert outcomes[0].events and outcomes[2].events


def test_a_passed_deadline_stops_coding(coder):
    with pytest.raises(TimeLimitError):
        coder.code_text(run_on(3), DAY, deadline=time.monotonic() - 1)
    assert coder.code_text(run_on(3), DAY, deadline=time.monotonic() + 60)


def test_a_year_written_in_superscript_digits_is_no_year(coder):
    """Regression (found by the fuzz suite): "²²²²" on an event noun crashed the coder."""
    events = coder.code_text("France condemned Russia's ²²²² annexation of Crimea.", DAY)
    assert all(not e.historical for e in events)
