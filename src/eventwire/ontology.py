"""The PLOVER and CAMEO ontologies as read-only Python objects.

Everything comes from the JSON files in `eventwire/data/ontology/`, compiled by
`scripts/build_ontology.py`; they are loaded once per process. Unknown names raise
EventwireError rather than KeyError because they usually come from user files or lexicons,
and the message should say which name was wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType

from eventwire.errors import EventwireError

__all__ = [
    "CameoCode",
    "PloverType",
    "cameo",
    "cameo_codes",
    "cameo_for_plover",
    "contexts",
    "plover_for_cameo",
    "plover_type",
    "plover_types",
]


@dataclass(frozen=True)
class PloverType:
    """One of the 16 PLOVER event types with what a coder needs to emit it."""

    name: str
    quad_class: int
    requires_recipient: bool
    modes: Mapping[str, str]
    default_cameo: str
    description: str = ""
    mode_cameo: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code (root, 3- or 4-digit) with its QuadClass and Goldstein score."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


@dataclass(frozen=True)
class _Mapping:
    event_type: str
    mode: str
    contexts: tuple[str, ...]


def _load(name: str) -> dict:
    path = resources.files("eventwire").joinpath("data", "ontology", name)
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _plover_doc() -> dict:
    return _load("plover.json")


@cache
def _types() -> Mapping[str, PloverType]:
    types = {
        name: PloverType(
            name=name,
            quad_class=t["quad_class"],
            requires_recipient=t["requires_recipient"],
            modes=MappingProxyType(dict(t["modes"])),
            default_cameo=t["default_cameo"],
            description=t["description"],
            mode_cameo=MappingProxyType(dict(t["mode_cameo"])),
        )
        for name, t in _plover_doc()["types"].items()
    }
    return MappingProxyType(types)


@cache
def _cameo_doc() -> tuple[Mapping[str, CameoCode], Mapping[str, _Mapping | None]]:
    codes: dict[str, CameoCode] = {}
    mapping: dict[str, _Mapping | None] = {}
    for code, c in _load("cameo.json")["codes"].items():
        codes[code] = CameoCode(code, c["name"], c["root"], c["quad_class"], c["goldstein"])
        p = c["plover"]
        mapping[code] = p and _Mapping(p["type"], p["mode"], tuple(p["contexts"]))
    return MappingProxyType(codes), MappingProxyType(mapping)


def plover_types() -> dict[str, PloverType]:
    """All 16 PLOVER types by name, in the manual's order."""
    return dict(_types())


def plover_type(name: str) -> PloverType:
    """One PLOVER type by name (case-insensitive)."""
    try:
        return _types()[name.strip().upper()]
    except KeyError:
        raise EventwireError(f"unknown PLOVER event type {name!r}") from None


def cameo_codes() -> dict[str, CameoCode]:
    """All 312 CAMEO codes by code string ("01", "010", "0211", ...)."""
    return dict(_cameo_doc()[0])


def cameo(code: str) -> CameoCode:
    """One CAMEO code; codes are strings because leading zeros matter ("042" is not "42")."""
    try:
        return _cameo_doc()[0][str(code).strip()]
    except KeyError:
        raise EventwireError(f"unknown CAMEO code {code!r}") from None


def plover_for_cameo(code: str) -> tuple[str, str, tuple[str, ...]]:
    """(type, mode, contexts) for a CAMEO code.

    CAMEO 01 (public statements) has no PLOVER equivalent and gives ("", "", ()): callers
    treat it as "no event" rather than an error, since such codes are valid CAMEO.
    """
    cameo(code)
    entry = _cameo_doc()[1][str(code).strip()]
    if entry is None:
        return "", "", ()
    return entry.event_type, entry.mode, entry.contexts


def cameo_for_plover(event_type: str, mode: str = "", contexts: Iterable[str] = ()) -> str:
    """The CAMEO code that best represents a PLOVER type, mode and (optionally) contexts.

    Without contexts this is the documented choice per type and per type+mode. With contexts,
    a more specific code of the same type and mode is preferred when its mapping shares a
    context ("AID" + "military" -> 072), so CAMEO users keep the detail the coder found.
    """
    ptype = plover_type(event_type)
    if mode and mode not in ptype.modes:
        raise EventwireError(f"PLOVER type {ptype.name} has no mode {mode!r}")
    chosen = ptype.mode_cameo.get(mode, ptype.default_cameo) if mode else ptype.default_cameo
    wanted = set(contexts)
    if not wanted:
        return chosen
    return _best_with_contexts(ptype.name, mode, wanted, chosen)


def _best_with_contexts(event_type: str, mode: str, wanted: set[str], chosen: str) -> str:
    """Among codes mapped to (type, mode), the one sharing most contexts; ties keep `chosen`."""
    best, best_score = chosen, len(wanted & set(plover_for_cameo(chosen)[2]))
    for code, entry in _cameo_doc()[1].items():
        if entry is None or entry.event_type != event_type or entry.mode != mode:
            continue
        score = len(wanted & set(entry.contexts))
        # Two-digit root codes duplicate their "x0" child, so they never win.
        if len(code) > 2 and (score, -len(code)) > (best_score, -len(best)):
            best, best_score = code, score
    return best


def contexts() -> dict[str, str]:
    """The PLOVER general contexts: name -> short description."""
    return dict(_plover_doc()["contexts"])


COOPERATIVE_ACTS = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
FORCEFUL_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})


def single_category(event_type: str, modality: str) -> str:
    """The one PLOVER category of an event once its auxiliary mode is folded in.

    The manual asks coders to return a single category rather than category + auxiliary:
    a cooperative act announced for the future is an AGREE, and a forceful act announced or held
    out as a possibility is a THREATEN. eventwire keeps the finer reading (type + modality) in its
    records; this folding is for comparisons with PLOVER-coded data and for PLOVER exports.
    """
    if modality == "planned" and event_type in COOPERATIVE_ACTS:
        return "AGREE"
    if modality in {"planned", "hypothetical"} and event_type in FORCEFUL_ACTS:
        return "THREATEN"
    return event_type


PENTA_BY_ROOT = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}


def penta_class(cameo_code: str) -> int:
    """The Phoenix "PentaClass" of a CAMEO code: 0 neutral (statements and appeals),
    1 verbal cooperation, 2 material cooperation, 3 verbal conflict (with reduced relations,
    16), 4 material conflict. Data sets built on Phoenix (ConfliBERT's among them) use it."""
    return PENTA_BY_ROOT[cameo(cameo_code).root[:2]]
