"""Dates an article gives an act in another sentence than the one that codes it.

A lead often summarises what a later sentence dates ("X freed 14 activists after meeting a US
envoy ... the envoy visited him in Minsk on Saturday"). When the same act (type and the two
sides' countries; either order for meetings and deals) is coded twice in one article and only
one telling has a date expression, the undated telling takes that date rather than the
publication day, and says where it came from.
"""

from __future__ import annotations

from eventwire.coding.when import PUBLICATION
from eventwire.models import Event

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
Key = tuple[str, str, str]


def date_events(events: list[Event]) -> list[Event]:
    """The events, undated tellings of an act dated elsewhere in the article given its date."""
    dated: dict[Key, Event] = {}
    for event in events:
        key = _key(event)
        if key is not None and _explicit(event):
            dated.setdefault(key, event)
    if not dated:
        return events
    return [_from_twin(event, dated) for event in events]


def _from_twin(event: Event, dated: dict[Key, Event]) -> Event:
    key = _key(event)
    twin = dated.get(key) if key is not None and not _explicit(event) else None
    if twin is None:
        return event
    reason = f"the same act, dated in sentence {twin.sentence_index + 1}: {twin.date_reason}"
    return event.model_copy(
        update={
            "date": twin.date,
            "date_end": twin.date_end,
            "date_precision": twin.date_precision,
            "date_reason": reason,
        }
    )


def _explicit(event: Event) -> bool:
    """Dated by an expression of its own sentence (not the publication day, not unknown)."""
    return event.date is not None and event.date_reason != PUBLICATION


def _key(event: Event) -> Key | None:
    actor = event.actor.country if event.actor else None
    recipient = event.recipient.country if event.recipient else None
    if not actor or not recipient:
        return None
    if event.event_type in SYMMETRIC_TYPES:
        actor, recipient = sorted((actor, recipient))
    return event.event_type, actor, recipient
