"""The place of events their own sentence does not place: the dateline, then the article's
main place.

Both are the article's, not the event's, so they are given only to an event they fit: one
whose home country is theirs. An event's home is where such an act usually happens: a
statement (verbal QuadClass 1 and 3) or a mobilisation where its actor is, another material
act where it lands (its recipient's country, else its actor's). A dateline is where the
reporter filed ("PEZINOK, Slovakia (AP) -"): it places a Slovak court's order, not a
Romanian court's ruling reported from Budapest. A dateline naming two places ("KYIV and
MOSCOW -") places nothing. The main place is the town or region the article names most
often as the place of something (in, at, to it; not "a claim over" it, which names what is at
stake) and whose country is the event's home.

A whole country is given this way only as a last resort, to a domestic act between two
parts of one country, or to a mobilisation aimed at no one (its actor's country). Attacks and
deployments do not take the dateline: they happen in the field, rarely where the reporter
files from (the article's main place, which the text names as a place, may still place them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Span

from eventwire.actors.gazetteer import Place, gazetteer, words_of
from eventwire.coding.when import MONTHS
from eventwire.coding.where import sentence_places, statement_types
from eventwire.models import Actor, Event, Location

# "CITY, Country (Agency) -", "Budapest, Dec 6 (EFE).-", "Stockholm:" at the start of the text.
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][^\n():]{1,80}?)\s*(?:\([^()\n]{1,30}\)\s*)?(?:\.?-{1,2}|—|–|:)\s"
)
MAX_ELEMENT_WORDS = 5
# Where a place is named as a place (not as a speaker, an object of an act or what is at stake).
PLACE_RELATIONS = frozenset({"locative", "motion"})
# Acts that happen somewhere on the ground, so that their sides can name the country.
# Acts done in the field, rarely where the reporter files from.
FIELD_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
VERBAL_QUADS = frozenset({1, 3})
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Material acts done on the actor's own ground: forces massed "against" a neighbour stay home.
OWN_GROUND_TYPES = frozenset({"MOBILIZE"})


def place_events(
    events: list[Event], sentences: Iterable[Span], text: str, countries: frozenset[str]
) -> list[Event]:
    """The events with a place for those whose sentence gave none, where one fits;
    `countries` are the countries the article names."""
    if all(e.location is not None for e in events):
        return events
    dateline = dateline_place(text)
    mains = main_places(sentences, countries)
    placed = []
    for event in events:
        fallback = None
        if event.location is None:
            filed = [] if event.event_type in FIELD_TYPES else [dateline]
            fallback = _fitting(event, [*filed, *mains]) or _home_country(event)
        placed.append(event.model_copy(update={"location": fallback}) if fallback else event)
    return placed


def _fitting(event: Event, places: list[Location | None]) -> Location | None:
    """The first of the article's places that fits the event's home."""
    homes = home_countries(event)
    return next((p for p in places if p is not None and p.country in homes), None)


def _home_country(event: Event) -> Location | None:
    """The last resort, at country precision: a domestic act between two parts of one
    country (its army and its government, its police and its protesters) happens in that
    country, though a statement may be made anywhere; a mobilisation aimed at no one happens
    on its actor's own ground. An act between two countries gets no guess: where an attack
    lands is not where it is fought often enough (drones downed over the attacker's own
    territory, strikes at sea)."""
    actor, recipient = _side(event.actor), _side(event.recipient)
    if actor is None:
        return None
    if actor == recipient and _two_parts(event) and event.event_type not in statement_types():
        why = "both sides are of this country"
    elif event.event_type in OWN_GROUND_TYPES and event.recipient is None:
        why = "a mobilisation aimed at no one is on its actor's ground"
    else:
        return None
    place = gazetteer().countries[actor]
    return _location(place.name, place, why)


def _two_parts(event: Event) -> bool:
    """Two distinct sectors of the country: "the army seized power from the government", not
    a side resolved to the country itself, which is more often a misread reference."""
    sides = [event.actor, event.recipient]
    sectors = [side.sector if side is not None else None for side in sides]
    return all(sectors) and sides[0].code != sides[1].code


def home_countries(event: Event) -> set[str]:
    """Where an act of this kind happens: a meeting or a deal at either side's, a statement or
    a mobilisation at its actor's, another material act where it lands (its recipient's, else
    its actor's)."""
    actor, recipient = _side(event.actor), _side(event.recipient)
    if event.event_type in SYMMETRIC_TYPES:
        homes = {actor, recipient}
    elif event.quad_class in VERBAL_QUADS or event.event_type in OWN_GROUND_TYPES:
        homes = {actor or recipient}
    else:
        homes = {recipient or actor}
    return {c for c in homes if c}


def _side(actor: Actor | None) -> str | None:
    country = actor.country if actor is not None else None
    return country if country in gazetteer().countries else None


# ---- the dateline ------------------------------------------------------------------------------
def dateline_place(text: str) -> Location | None:
    """The place of the article's dateline, if it opens with one naming a single place."""
    match = DATELINE_RE.match(text)
    if match is None:
        return None
    elements = [e.strip() for e in match["place"].split(",")]
    names = [e for e in elements if not _is_date(e)]
    if not names or not all(_name_like(e) for e in names):
        return None
    gaz = gazetteer()
    found = [(e, gaz.best(gaz.names(words_of(e)))) for e in names]
    hints = {p.country for _, p in found[1:] if p is not None and p.country}
    place = next((p for _, p in found if p is not None), None)
    if place is None:
        return None
    if hints and place.country not in hints:
        first = next(e for e, p in found if p is place)
        place = gaz.best(gaz.names(words_of(first)), hints) or place
    return _location(", ".join(names), place, "the article's dateline")


def _is_date(element: str) -> bool:
    words = element.replace(".", " ").split()
    return bool(words) and all(w.lower() in MONTHS or w.isdigit() for w in words)


def _name_like(element: str) -> bool:
    """A dateline element names one place: a few capitalised words ("KYIV and MOSCOW" two)."""
    words = element.split()
    return 0 < len(words) <= MAX_ELEMENT_WORDS and all(w[:1].isupper() for w in words)


# ---- the article's main place --------------------------------------------------------------------
def main_places(sentences: Iterable[Span], countries: frozenset[str]) -> list[Location]:
    """The towns and regions the article names as places, most often named first (the first
    named wins a tie)."""
    counts: Counter[Place] = Counter()
    texts: dict[Place, str] = {}
    hint = set(countries)
    for sentence in sentences:
        for candidate in sentence_places(sentence, hint, any_hint=True):
            place = candidate.place
            if candidate.relation in PLACE_RELATIONS and place.kind != "country":
                counts[place] += 1
                texts.setdefault(place, candidate.text)
    return [_location(texts[p], p, "the article's main place") for p, _ in counts.most_common()]


def _location(text: str, place: Place, reason: str) -> Location:
    return Location(
        text=text, name=place.name, country=place.country, lat=place.lat, lon=place.lon,
        geonameid=place.geonameid, precision=place.precision, reason=reason,
    )  # fmt: skip
