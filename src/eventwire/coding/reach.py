"""Phrases of a sentence (places, dates) found by the words they hang under, in bounded time.

An event looks for the phrase attached to its own clause: the tree distance between the word a
phrase hangs from and the trigger decides. Comparing every phrase with every trigger costs the
square of a sentence's length; indexing each phrase under its anchor's ancestors (up to the
distance limit) lets a trigger look only at the phrases under its own ancestors, a bounded
number of them, and at the few nearest in words for a sentence-wide fallback.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from spacy.tokens import Token

T = TypeVar("T")
MAX_TREE_DISTANCE = 6  # farther than this, a phrase belongs to another clause
MAX_PER_WORD = 8  # phrases a trigger looks at under each word of its clause, and on each side


def ancestry(trigger: Token, limit: int = MAX_TREE_DISTANCE) -> dict[int, int]:
    """The trigger and its ancestors up to `limit`, by token index, with their distance."""
    up = {trigger.i: 0}
    token = trigger
    for n in range(1, limit + 1):
        if token.head.i == token.i:
            break
        token = token.head
        up[token.i] = n
    return up


def tree_distance(
    anchor: Token,
    up: dict[int, int],
    passes: Callable[[Token], bool] = lambda _: True,
    limit: int = MAX_TREE_DISTANCE,
) -> int | None:
    """Distance from `anchor` to the trigger whose ancestry is `up`, if within `limit`; -1
    when the way up crosses a word that `passes` refuses before it meets the trigger's."""
    token = anchor
    for n in range(limit + 1):
        if token.i in up and n + up[token.i] <= limit:
            return n + up[token.i]
        if token.head.i == token.i:
            return None
        if not passes(token.head):
            return -1
        token = token.head
    return None


class Reach(Generic[T]):
    """Items indexed by the ancestors of their anchor word and by their position."""

    def __init__(self, items: Sequence[T], anchor: Callable[[T], Token], start: Callable[[T], int]):
        self.items = list(items)
        found: dict[int, list[tuple[int, int, T]]] = defaultdict(list)
        for n, item in enumerate(self.items):
            token = anchor(item)
            for steps in range(MAX_TREE_DISTANCE + 1):
                found[token.i].append((steps, n, item))
                if token.head.i == token.i:
                    break
                token = token.head
        self._under = {
            i: [item for _, _, item in sorted(entries, key=lambda e: e[:2])[:MAX_PER_WORD]]
            for i, entries in found.items()
        }
        self._by_position = sorted(self.items, key=start)
        self._starts = [start(item) for item in self._by_position]

    def under(self, up: dict[int, int]) -> list[T]:
        """Items hanging under the trigger's ancestors, nearest first under each, no repeats."""
        seen: dict[int, T] = {}
        for i in up:
            for item in self._under.get(i, ()):
                seen.setdefault(id(item), item)
        return list(seen.values())

    def around(self, position: int) -> list[T]:
        """The items nearest a token position in words, a few on each side."""
        at = bisect_left(self._starts, position)
        return self._by_position[max(0, at - MAX_PER_WORD) : at + MAX_PER_WORD]
