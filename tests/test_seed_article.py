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
    assert any(e.mode == "military" for e in aid)
    assert any(e.modality == "alleged" for e in aid)


def test_seed_no_event_from_discussed_sanctions_or_relationship(seed_events):
    for event in seed_events:
        assert not (
            event.event_type == "SANCTION" and event.recipient and event.recipient.country == "RUS"
        )
        assert "relationship" not in event.trigger.text
