"""Words beside codes: CAMEO names, PLOVER descriptions, sector and country names.

Analysts read "057" and "RUSMIL" faster with "Sign formal agreement" and "Russia · military"
beside them. Everything comes from the package's data files (the ontology and the actor
tables), loaded once; an unknown code gets no label rather than an error, because a page must
still render a database written with older tables.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from eventwire.ontology import cameo_codes, plover_types


@cache
def sector_names() -> dict[str, str]:
    path = resources.files("eventwire").joinpath("data", "ontology", "sectors.json")
    return json.loads(path.read_text(encoding="utf-8"))["sectors"]


@cache
def _country_names() -> dict[str, str]:
    from eventwire.actors.kb import load_kb

    return {code: row["name"] for code, row in load_kb().countries.items()}


def cameo_label(code: object) -> str:
    """The CAMEO name of a code ("057" -> "Sign formal agreement"), or ""."""
    entry = cameo_codes().get(str(code)) if code else None
    return entry.name if entry else ""


def plover_label(event_type: object) -> str:
    """The PLOVER manual's one-line description of a type, or ""."""
    found = plover_types().get(str(event_type or "").upper())
    return found.description if found else ""


def sector_label(sectors: object) -> str:
    """Sector codes as words; a code may stack sectors ("GOVMIL")."""
    text = str(sectors or "")
    parts = [text[i : i + 3] for i in range(0, len(text), 3)]
    return ", ".join(sector_names().get(p, p) for p in parts if p)


def actor_label(code: object) -> str:
    """A code in words: "RUSMIL" -> "Russia · military"; a whole non-state code as is."""
    text = str(code or "").upper()
    country = _country_names().get(text[:3])
    if country is None:
        return ""
    rest = sector_label(text[3:]) if len(text) % 3 == 0 else ""
    return f"{country} · {rest}" if rest else country
