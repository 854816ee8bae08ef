"""The article eventwire started from (read from ../shared, never copied into the project)."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def seed_events(coder, shared_dir):
    text = (shared_dir / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    return coder.code_text(text, date(2024, 9, 10), doc_id="seed")


def found(events, event_type, actor, recipient):
    return [
        e
        for e in events
        if e.event_type == event_type
        and e.actor.country == actor
        and (e.recipient.country if e.recipient else None) == recipient
    ]


@pytest.mark.parametrize(
    ("event_type", "actor", "recipient"),
    [
        ("CONSULT", "USA", "UKR"),
        ("CONSULT", "GBR", "UKR"),
        ("ASSAULT", "RUS", "UKR"),
        ("SANCTION", "USA", "IRN"),
        ("ACCUSE", "USA", "IRN"),
        ("AID", "IRN", "RUS"),
        ("COOPERATE", "RUS", "IRN"),
        ("COOPERATE", "IRN", "RUS"),
    ],
)
def test_seed_article_events(seed_events, event_type, actor, recipient):
    assert found(seed_events, event_type, actor, recipient)


def test_consult_between_us_and_uk(seed_events):
    assert found(seed_events, "CONSULT", "USA", "GBR") or found(
        seed_events, "CONSULT", "GBR", "USA"
    )


def test_seed_modalities(seed_events):
    visit = found(seed_events, "CONSULT", "USA", "UKR")
    assert any(e.modality == "planned" for e in visit)
    assert any(e.modality == "planned" for e in found(seed_events, "SANCTION", "USA", "IRN"))
    aid = found(seed_events, "AID", "IRN", "RUS")
    assert any("military" in e.contexts for e in aid)
    assert any(e.modality == "alleged" for e in aid)


def test_seed_no_event_from_discussed_sanctions_or_relationship(seed_events):
    for event in seed_events:
        assert not (
            event.event_type == "SANCTION" and event.recipient and event.recipient.country == "RUS"
        )
        assert "relationship" not in event.trigger.text


@pytest.fixture(scope="module")
def seed_mentions(coder, shared_dir):
    """Every resolved phrase of the seed article, as (head text, resolution) in reading order."""
    from eventwire.coding.mentions import MentionResolver

    text = (shared_dir / "examples" / "seed_article.txt").read_text(encoding="utf-8")
    doc = coder.nlp(text)
    mentions = MentionResolver(coder.resolver, date(2024, 9, 10))
    for sentence in doc.sents:
        mentions.resolve_sentence(sentence)
    return [(doc[i].text, r) for i, r in sorted(mentions.table.by_head.items())]


def first(mentions, head):
    found = [r for text, r in mentions if text == head]
    assert found, f"{head!r} was not resolved"
    return found[0]


@pytest.mark.parametrize(
    ("head", "code", "name_part"),
    [
        ("Blinken", "USAGOV", "Blinken"),
        ("Lammy", "GBRGOV", "Lammy"),
        ("Starmer", "GBRGOV", "Starmer"),
        ("House", "USAGOV", None),
        ("He", "USAGOV", "Blinken"),
        ("Secretary", "USAGOV", "Blinken"),
    ],
)
def test_seed_mentions_resolve(seed_mentions, head, code, name_part):
    resolution = first(seed_mentions, head)
    assert resolution.code == code
    if name_part:
        assert name_part in (resolution.base().name or "")


def test_seed_it_is_iran_and_these_countries_are_the_three(seed_mentions):
    it = [r for text, r in seed_mentions if text == "it"]
    assert it and it[-1].country == "IRN"
    listed = first(seed_mentions, "countries")
    assert {m.country for m in listed.members} == {"CHN", "IRN", "PRK"}


def test_seed_events_use_coreference(seed_events):
    accuse = found(seed_events, "ACCUSE", "USA", "IRN")
    assert any(e.recipient.text == "it" for e in accuse) or any(
        e.actor.text == "He" for e in seed_events if e.event_type == "ACCUSE"
    )
    criticised = [e for e in seed_events if e.recipient and e.recipient.text == "these countries"]
    assert {e.recipient.country for e in criticised} == {"CHN", "IRN", "PRK"}
