"""Coreference inside one article: what "he", "it", "the minister", "these countries" point to.

The coder feeds every resolution in reading order; references look backwards through that
history for the most recent compatible antecedent. Rules are deliberately simple and pinned by
tests: he/she -> last person; it/its -> last country or organisation; they/their -> last group
or plural; a bare title -> the person seen holding that office, else the office of the last
country; "these countries", "both sides", "the two leaders" -> the actors last listed together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from eventwire.actors.resolution import Resolution

SINGULAR_KINDS = frozenset({"country", "metonym", "org", "group"})


def is_person(res: Resolution) -> bool:
    return res.kind == "person" or (res.kind == "title" and res.name is not None)


def is_country_like(res: Resolution) -> bool:
    """What "it" can point to: a country, organisation or group, or a singular national body
    ("the Iraqi military ... it")."""
    if res.country is None:
        return False
    return res.kind in SINGULAR_KINDS or (res.kind == "agent" and not is_plural(res))


def is_plural(res: Resolution) -> bool:
    if res.kind in ("list", "group"):
        return True
    return res.kind in ("agent", "country") and res.sector is not None and res.text.endswith("s")


class ArticleContext:
    """The actors an article has named so far, oldest first."""

    def __init__(self) -> None:
        self.history: list[Resolution] = []

    def observe(self, res: Resolution | None) -> None:
        if res is not None:
            self.history.append(res)

    def observe_group(self, members: Sequence[Resolution | None]) -> None:
        """Record actors listed together ("China, Iran and North Korea") as one plural."""
        found = tuple(m for m in members if m is not None)
        if len(found) < 2:
            return
        text = ", ".join(m.text for m in found)
        confidence = min(m.confidence for m in found)
        self.history.append(
            Resolution(
                text,
                None,
                None,
                None,
                None,
                None,
                "list",
                confidence,
                "listed together",
                members=found,
            )  # fmt: skip
        )

    def last(self, accept: Callable[[Resolution], bool]) -> Resolution | None:
        """The most recent observed actor (unwrapped from references) that `accept` allows."""
        for res in reversed(self.history):
            base = res.base()
            if accept(base):
                return base
        return None

    def last_person(self) -> Resolution | None:
        return self.last(is_person)

    def last_country(self) -> Resolution | None:
        return self.last(is_country_like)

    def last_plural(self) -> Resolution | None:
        return self.last(is_plural)

    def office_holder(self, offices: Sequence[str], country: str | None) -> Resolution | None:
        """The last person seen holding one of `offices` (of `country`, when given)."""

        def holds(res: Resolution) -> bool:
            if not is_person(res) or res.office is None:
                return False
            if country is not None and res.office_country != country:
                return False
            return any(office_matches(pattern, res.office) for pattern in offices)

        return self.last(holds)

    def persons_named(self, surname: str) -> Resolution | None:
        """A person already seen whose name ends with this word ("Blinken")."""
        low = surname.lower()
        return self.last(lambda r: is_person(r) and (r.name or "").lower().split()[-1:] == [low])

    def last_members(self, accept: Callable[[Resolution], bool], size: int | None) -> tuple:
        """Members of the last list whose members all pass `accept` (and match `size`)."""
        for res in reversed(self.history):
            base = res.base()
            if base.kind != "list":
                continue
            members = tuple(m.base() for m in base.members)
            if all(accept(m) for m in members) and (size is None or len(members) == size):
                return members
        if size is None:
            return ()
        return self._last_distinct(accept, size)

    def _last_distinct(self, accept: Callable[[Resolution], bool], size: int) -> tuple:
        seen: dict[str, Resolution] = {}
        for res in reversed(self.history):
            base = res.base()
            key = base.name or base.code or base.text
            if base.kind != "list" and accept(base) and key not in seen:
                seen[key] = base
            if len(seen) == size:
                return tuple(reversed(seen.values()))
        return ()


def office_matches(pattern: str, office: str) -> bool:
    """Office patterns from titles.tsv: an exact key, or `*minister` style suffix wildcards."""
    if pattern.startswith("*"):
        return office.endswith(pattern[1:])
    if pattern.endswith("*"):
        return office.startswith(pattern[:-1])
    return pattern == office
