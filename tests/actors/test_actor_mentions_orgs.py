"""Non-person mentions resolved as `eventwire actor` resolves them, against a dated test set.

`fixtures/actor_mentions_orgs.jsonl` holds mentions written for this test (never copied from
news): parties, agencies, military units, companies, state media, international bodies, armed
and criminal groups, de facto entities, sector nouns, titles with and without a name, false
friends and spellings that only normalisation makes meet. Each gives the country and sector
expected on its date (null where nothing should resolve) and, where a title needs it, the
sentences read before it. Country + sector accuracy must stay at 0.9 or above, overall and
for each kind; the figures by kind are printed (`pytest -s`).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eventwire.cli.actor_cmd import resolve_mention

FIXTURE = Path(__file__).parents[1] / "fixtures" / "actor_mentions_orgs.jsonl"
MIN_ACCURACY = 0.9
MIN_KIND_ACCURACY = 0.85
KINDS = {
    "party", "agency", "unit", "company", "igo", "group", "defacto", "media", "sector",
    "title_named", "title_alone", "false_friend", "normalised",
}  # fmt: skip


def load_cases() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[dict, tuple[str | None, str | None]]]:
    found = []
    for case in load_cases():
        res = resolve_mention(
            case["text"], date.fromisoformat(case["date"]), case.get("context", [])
        )
        found.append((case, (res.country, res.sector) if res is not None else (None, None)))
    return found


def test_the_set_is_broad():
    cases = load_cases()
    assert len(cases) >= 400
    assert {c["kind"] for c in cases} == KINDS
    countries = {c["country"] for c in cases if c["country"] and len(c["country"]) == 3}
    assert len(countries) >= 100


def test_country_and_sector_accuracy(outcomes):
    by_kind: dict[str, Counter] = {}
    misses = []
    for case, got in outcomes:
        right = got == (case["country"], case["sector"])
        by_kind.setdefault(case["kind"], Counter())[right] += 1
        if not right:
            misses.append(f"{case['kind']}: {case['text']!r} {case['date']} -> {got}")
    total = sum(sum(c.values()) for c in by_kind.values())
    correct = sum(c[True] for c in by_kind.values())
    print(f"\nactor mentions (orgs): {correct}/{total} = {correct / total:.3f}")
    for kind, counts in sorted(by_kind.items()):
        n = sum(counts.values())
        print(f"  {kind:13} {counts[True]:4}/{n:<4} {counts[True] / n:.3f}")
    print("\n".join(["misses:", *misses]) if misses else "no misses")
    assert correct / total >= MIN_ACCURACY, misses
    weak = {k: c[True] / sum(c.values()) for k, c in by_kind.items()}
    assert all(v >= MIN_KIND_ACCURACY for v in weak.values()), weak
