"""Dated person mentions from well over a hundred states, resolved as `eventwire actor` does.

The fixture (`fixtures/actor_mentions_people.jsonl`, written for this project) names office
holders the way news does: a name alone, a title with the name, a title alone ("the Chilean
president"), a "former" leader, and the same person on both sides of leaving office. Each line
gives the article date and the country and sector a careful coder would assign on that date
(sector null for someone out of office). The test prints accuracy by kind, so a drop shows
where it happened, and guards the overall country + sector accuracy.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventwire.actors import ArticleContext, get_resolver

FIXTURE = Path(__file__).parents[1] / "fixtures" / "actor_mentions_people.jsonl"
MIN_ACCURACY = 0.9


def load_mentions() -> list[dict]:
    with FIXTURE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def resolve(mention: dict) -> tuple[str | None, str | None]:
    """Country and sector the way the `actor` command resolves a mention: a fresh context."""
    found = get_resolver().resolve(
        mention["text"], date.fromisoformat(mention["date"]), ArticleContext()
    )
    return (found.country, found.sector) if found else (None, None)


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[dict, tuple[str | None, str | None]]]:
    return [(m, resolve(m)) for m in load_mentions()]


def test_fixture_spans_many_states_and_kinds() -> None:
    mentions = load_mentions()
    assert len(mentions) >= 350
    assert len({m["country"] for m in mentions}) >= 100
    assert {m["kind"] for m in mentions} >= {"name", "title", "former", "left_office"}


def test_country_and_sector_accuracy_by_kind(outcomes, capsys) -> None:
    total, right = Counter(), Counter()
    misses = []
    for mention, got in outcomes:
        want = (mention["country"], mention["sector"])
        total[mention["kind"]] += 1
        if got == want:
            right[mention["kind"]] += 1
        else:
            misses.append(f"  {mention['date']} {mention['text']!r}: want {want}, got {got}")
    with capsys.disabled():
        print("\nperson mentions, country + sector accuracy by kind:")
        for kind in sorted(total):
            print(f"  {kind:<12} {right[kind]:>4}/{total[kind]:<4} {right[kind] / total[kind]:.3f}")
        print(f"  {'all':<12} {sum(right.values()):>4}/{sum(total.values()):<4} "
              f"{sum(right.values()) / sum(total.values()):.3f}")  # fmt: skip
        if misses:
            print("misses:\n" + "\n".join(misses))
    accuracy = sum(right.values()) / sum(total.values())
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.3f} < {MIN_ACCURACY}"


def test_country_accuracy_alone_is_near_perfect(outcomes) -> None:
    """Wrong sectors are tolerable at the margin; a wrong country is a wrong dyad."""
    right = sum(1 for mention, got in outcomes if got[0] == mention["country"])
    assert right / len(outcomes) >= 0.95


@pytest.mark.parametrize(
    ("text", "day", "country"),
    [
        ("Maduro", "2004-03-01", "HND"),  # Ricardo Maduro, Honduras
        ("Maduro", "2024-03-01", "VEN"),  # Nicolás Maduro, Venezuela
        ("Kallas", "2002-06-01", "EST"),  # Siim Kallas
        ("Merz", "2025-09-01", "DEU"),  # not Hans-Rudolf Merz, Swiss president in 2009
        ("Smith", "2010-01-01", None),  # a common surname of two ministers names nobody alone
    ],
)
def test_a_shared_surname_names_the_leader_of_the_day(text: str, day: str, country) -> None:
    assert resolve({"text": text, "date": day})[0] == country
