"""eventwire as a spaCy pipeline component, added by name to the bundled model's pipeline."""

from __future__ import annotations

from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

from eventwire.config import DEFAULT_MODEL
from eventwire.errors import EventwireError
from eventwire.text.readers import read_articles

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-08-26_belarus_border.txt"


@pytest.fixture(scope="module")
def article():
    return next(iter(read_articles(EXAMPLE)))


@pytest.fixture(scope="module")
def nlp():
    """The bundled model as a spaCy user loads it, plus the component added by its name."""
    pipeline = spacy.load(DEFAULT_MODEL)
    pipeline.add_pipe("eventwire")
    return pipeline


def test_the_factory_is_an_installed_entry_point():
    found = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert found["eventwire"] == "eventwire.coding.spacy_component:make_eventwire"


def test_events_on_the_doc_match_the_coder(nlp, article, dataset_coder):
    doc = nlp.make_doc(article.text)
    doc._.pub_date = article.date
    doc = nlp(doc)
    dyads = {
        (e.event_type, e.actor and e.actor.code, e.recipient and e.recipient.code)
        for e in doc._.events
    }
    assert ("REQUEST", "UKRGOV", "BLRGOV") in dyads
    expected = dataset_coder.code_text(article.text, date=article.date)
    assert {e.event_type for e in doc._.events} == {e.event_type for e in expected}
    labels = {(s.text, s.label_) for s in doc.spans["eventwire_actors"]}
    assert ("President Alexander Lukashenko", "BLRGOV") in labels
    first = doc.spans["eventwire_actors"][0]
    assert first._.eventwire_actor.code == first.label_


def test_a_date_as_text_and_a_bad_date(nlp):
    doc = nlp.make_doc("Russian forces shelled Kharkiv on Monday.")
    doc._.pub_date = "2024-05-13"
    events = nlp(doc)._.events
    assert [e.date for e in events] == [date(2024, 5, 13)]
    bad = nlp.make_doc("Russian forces shelled Kharkiv on Monday.")
    bad._.pub_date = "last week"
    with pytest.raises(EventwireError, match="not a date"):
        nlp(bad)


def test_a_pipeline_without_a_parser_is_told_so():
    blank = spacy.blank("en")
    blank.add_pipe("eventwire")
    with pytest.raises(EventwireError, match="needs a dependency parser"):
        blank("Russian forces shelled Kharkiv on Monday.")
