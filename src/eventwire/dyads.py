"""Typed dyads as analysts count them: (PLOVER type, actor country, recipient country).

The keys are the unit of the accuracy funnel and of the confidence model. Cooperation that two
sides do together (CONSULT, COOPERATE, AGREE) is counted once, whichever side is written first;
every international organisation counts as one class, "IGO", since gold sets and feeds disagree
on how to code each one; a gold side may list several codes joined by "+".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from eventwire.models import Actor, Event

SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
IGO = "IGO"
# Organisation codes in the field's conventions (PLOVER/Phoenix IGO codes and common short
# forms): a code starting with one of these is an organisation, not a country.
ORGANISATION_CODES = frozenset(
    {"IGO", "UNO", "EUR", "NATO", "NAT", "AU", "AFR", "ASEAN", "ASN", "ECOWAS", "OPEC", "SADC",
     "GCC", "OAS", "EAC", "IGAD", "SCO", "CSTO", "BRICS", "G7", "G20", "OSCE", "OIC", "WHO",
     "IAEA", "ICC", "ICJ", "IMF", "WTO", "ARL", "NGO", "MNC"}
)  # fmt: skip

Key = tuple[str, str | None, str | None]


def country_class(code: str | None) -> str | None:
    """A side's class: its country code, "IGO" for any organisation, None for no code."""
    if not code or code.startswith("---"):
        return None
    upper = code.upper()
    if upper in ORGANISATION_CODES or upper[:3] in ORGANISATION_CODES:
        return IGO
    return upper[:3]


def key(event_type: str, actor: str | None, recipient: str | None) -> Key:
    a, r = country_class(actor), country_class(recipient)
    if event_type in SYMMETRIC_TYPES and a and r:
        a, r = sorted((a, r))
    return (event_type, a, r)


def event_key(event: Event) -> Key:
    return key(event.event_type, _country(event.actor), _country(event.recipient))


def _country(actor: Actor | None) -> str | None:
    return actor.country if actor is not None else None


def gold_keys(events: Iterable[Mapping[str, Any] | Any]) -> set[Key]:
    """The dyads of gold events (dicts or objects with source, target and event_code)."""
    found: set[Key] = set()
    for event in events:
        get = event.get if isinstance(event, Mapping) else lambda f, e=event: getattr(e, f, None)
        event_type = get("event_code") or get("type")
        for source in str(get("source") or "").split("+"):
            for target in str(get("target") or "").split("+"):
                found.add(key(event_type, source or None, target or None))
    return found
