"""The place and date measures: what an analyst who maps and plots events gets from the coder.

Read from each gold record's `where` field (see DESIGN.md): the passage's event places (name,
country, kind), the words that are *not* event places (metonym capitals, names, common words)
and each required event's date with its precision.

* Places are judged per document, as the distinct places the predicted events carry: a place is
  *right* when it names a gold place (one name's words hold the other's: "Khartoum" for "north of
  Khartoum"; or, for a gold place that is a whole country, any country-precision place of that
  country), a *trap* when its words are one of the words the gold says are no place, or when
  it names no gold place and its name is such a word or part of one (as "Pakistan" of a party's
  name), otherwise wrong. "Afghan territory" is right where the gold places an event there,
  even if the text also uses "Afghanistan" as an actor. Precision and the trap rate are
  shares of the predicted places, recall the share of gold places some predicted event carries.
* Dates are judged on matched events: each gold date entry names its event by typed dyad
  ("ASSAULT SDN->SDN"); the first predicted event with that key in reading order is its match,
  right when both its date and its precision agree with the gold.

Scoring is pure (gold records and predicted events in, scores out), like `strict_eval`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from eventwire.evaluation.gold import GoldRecord, plover_label
from eventwire.evaluation.strict_eval import Key, dyad_key, event_key, side_class
from eventwire.models import Event, Location

TYPED_DYAD = 2
_WORD = re.compile(r"\w+")
_WEAK = frozenset({"the", "of", "a", "an", "s"})


class WhereScores(BaseModel):
    records: int = Field(description="gold records with a `where` field")
    predicted_places: int = Field(description="distinct places of predicted events, per document")
    right_places: int
    trap_places: int
    gold_places: int
    found_places: int
    place_precision: float
    place_recall: float
    trap_rate: float
    gold_dates: int
    matched_dates: int = Field(description="gold date entries whose event was predicted")
    right_dates: int = Field(description="matched with the right date and precision")
    right_days: int = Field(description="matched with the right date, whatever the precision")
    date_accuracy: float = Field(description="right_dates / matched_dates")


def where_scores(kept: Sequence[tuple[GoldRecord, list[Event]]]) -> WhereScores | None:
    """Both measures over the records that carry place and date gold; None when none does."""
    docs = [(r, events) for r, events in kept if r.where]
    if not docs:
        return None
    places = [_place_counts(r.where, events) for r, events in docs]
    predicted, right, trap, gold, found = (sum(c[i] for c in places) for i in range(5))
    dates = [_date_counts(r, events) for r, events in docs]
    total, matched, right_dates, right_days = (sum(c[i] for c in dates) for i in range(4))
    return WhereScores(
        records=len(docs),
        predicted_places=predicted,
        right_places=right,
        trap_places=trap,
        gold_places=gold,
        found_places=found,
        place_precision=_share(right, predicted),
        place_recall=_share(found, gold),
        trap_rate=_share(trap, predicted),
        gold_dates=total,
        matched_dates=matched,
        right_dates=right_dates,
        right_days=right_days,
        date_accuracy=_share(right_dates, matched),
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# --------------------------------------------------------------------------- places


def _place_counts(where: dict[str, Any], events: Sequence[Event]) -> tuple[int, ...]:
    """(predicted, right, trap, gold, found) for one document."""
    gold = list(where.get("places") or [])
    not_places = [_words(n) for n in where.get("not_places") or []]
    predicted = _distinct_places(e.location for e in events)
    verdicts = [_verdict(p, gold, not_places) for p in predicted]
    found = sum(any(_names(p, g) for p in predicted) for g in gold)
    return len(predicted), verdicts.count("right"), verdicts.count("trap"), len(gold), found


def _distinct_places(locations: Iterable[Location | None]) -> list[Location]:
    seen: dict[tuple, Location] = {}
    for loc in locations:
        if loc is not None:
            seen.setdefault((loc.name or loc.text).lower(), loc)
    return list(seen.values())


def _verdict(place: Location, gold: list[dict], not_places: list[frozenset[str]]) -> str:
    """'trap' for a word the gold says is no place, 'right' for a gold place, else 'wrong'."""
    if _words(place.text) in not_places:
        return "trap"
    if any(_names(place, g) for g in gold):
        return "right"
    if any(form <= word for form in _forms(place) for word in not_places):
        return "trap"  # its gazetteer name is a word used as no place, or part of a name
    return "wrong"


def _names(place: Location, gold: dict) -> bool:
    """Whether a predicted place names a gold place."""
    whole_country = gold.get("kind") == "country" and place.precision == "country"
    if whole_country and place.country and place.country == gold.get("country"):
        return True
    wanted = _words(gold.get("name") or "")
    return bool(wanted) and any(f <= wanted or wanted <= f for f in _forms(place))


def _forms(place: Location) -> list[frozenset[str]]:
    return [w for w in (_words(place.text), _words(place.name or "")) if w]


def _words(text: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return frozenset(w for w in _WORD.findall(plain) if w not in _WEAK)


# --------------------------------------------------------------------------- dates


def _date_counts(record: GoldRecord, events: Sequence[Event]) -> tuple[int, int, int, int]:
    """(gold entries, matched, right date and precision, right date) for one document."""
    ordered = sorted(events, key=lambda e: (e.sentence_index, e.trigger.start))
    first: dict[Key, Event] = {}
    for event in ordered:
        first.setdefault(event_key(record, event, TYPED_DYAD), event)
    entries = list(record.where.get("dates") or [])
    matched = right = days = 0
    for entry in entries:
        event = first.get(_gold_key(record, entry.get("event") or ""))
        if event is None:
            continue
        matched += 1
        same_day = event.date is not None and event.date.isoformat() == entry.get("date")
        days += same_day
        right += same_day and event.date_precision == entry.get("precision")
    return len(entries), matched, right, days


def _gold_key(record: GoldRecord, name: str) -> Key:
    """ "ASSAULT SDN->SDN" as the typed-dyad key eval gives predictions."""
    label, _, sides = name.partition(" ")
    source, _, target = sides.partition("->")
    return dyad_key(
        plover_label(record, label), _side(source), _side(target), TYPED_DYAD
    )  # fmt: skip


def _side(code: str) -> str | None:
    code = code.strip()
    return None if code in ("", "None") else side_class(code)
