"""Where to draw an event on the map, offline.

A resolved place has coordinates; otherwise the event falls back to a representative point of
its place's country, then of the recipient's or actor's country, and says which (`precision`),
so the map never pretends to know more than the record does. The country points are built from
Natural Earth shapes by `eventwire.web.geo_build` and ship in `static/geo/centroids.json`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

FALLBACKS = (
    ("location_country", "country"),
    ("recipient_country", "recipient country"),
    ("actor_country", "actor country"),
)


@cache
def centroids() -> dict[str, dict]:
    path = resources.files("eventwire.web") / "static" / "geo" / "centroids.json"
    return json.loads(path.read_text(encoding="utf-8"))


def place_of(row: dict) -> dict | None:
    """A marker position for an event row, or None when nothing in it is on the map.

    `precision` is "place" for a town or site, "region" for a region, sea or area (an
    approximate centre), otherwise how the country was chosen."""
    if row.get("lat") is not None and row.get("lon") is not None:
        return {
            "lat": row["lat"],
            "lon": row["lon"],
            "name": row.get("location_name"),
            "country": row.get("location_country"),
            "precision": "region" if row.get("location_precision") == "region" else "place",
        }
    table = centroids()
    for column, precision in FALLBACKS:
        code = row.get(column)
        if code and code in table:
            entry = table[code]
            return {
                "lat": entry["lat"],
                "lon": entry["lon"],
                "name": entry["name"],
                "country": code,
                "precision": precision,
            }
    return None
