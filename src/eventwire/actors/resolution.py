"""The answer of the resolver: one mention resolved to codes valid on a date, with its reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Resolution:
    """A mention resolved to an actor; `code` is country + sector ("USAGOV")."""

    text: str
    country: str | None
    sector: str | None
    code: str | None
    name: str | None
    wikidata: str | None
    kind: str  # person|title|metonym|country|agent|org|group|pronoun|list
    confidence: float
    reason: str
    members: tuple[Resolution, ...] = ()
    office: str | None = None  # office key held on the date, e.g. "foreign_minister"
    office_country: str | None = None  # whose office: a country or IGO code
    antecedent: Resolution | None = None  # what a pronoun or bare title refers back to
    # The text names someone the people tables do not have in the office it gives them on the
    # date ("Prime Minister X" while the table's holder is Y): coded by the title, named by the
    # text, and flagged so that a stale table shows.
    kb_miss: bool = False
    # The phrase goes on to this token (exclusive) of its document: the modifier that named
    # the country ("imports *of British beef*") is part of the words that name the side.
    words_end: int | None = None

    def base(self) -> Resolution:
        """The resolution this one ultimately stands for (itself unless it is a reference)."""
        return self.antecedent.base() if self.antecedent is not None else self

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.antecedent is not None:
            data["antecedent"] = {"text": self.antecedent.text, "code": self.antecedent.code}
        return data


def make_code(country: str | None, sector: str | None) -> str | None:
    if country is None:
        return None
    return country + (sector or "")


def derived(
    text: str,
    country: str | None,
    sector: str | None,
    kind: str,
    confidence: float,
    reason: str,
    name: str | None = None,
) -> Resolution:
    """A resolution the coder infers from context rather than looks up in the knowledge base
    (an uncoded actor, a place's country, an implied government): its code is country +
    sector, or the sector alone when no country is known."""
    return Resolution(
        text=text,
        country=country,
        sector=sector,
        code=make_code(country, sector) or sector,
        name=name,
        wikidata=None,
        kind=kind,
        confidence=confidence,
        reason=reason,
    )
