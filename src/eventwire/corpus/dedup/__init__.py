"""Deduplication: near-duplicate stories, then mentions merged into real-world events.

- `stories`: wire copies and reprints grouped by MinHash/LSH over their word 5-grams;
- `matching`: which mentions report one real-world event, and why (pure, order-independent);
- `update`: what an update reconsiders (the new articles' date window, never the whole store),
  event ids kept across updates, and the writing, in one transaction.
"""

from eventwire.corpus.dedup.matching import (
    DEFAULT_WINDOW_DAYS,
    Mention,
    MergedEvent,
    event_row,
    merge_mentions,
)
from eventwire.corpus.dedup.stories import STORY_THRESHOLD, group_stories, signature, similarity
from eventwire.corpus.dedup.update import DedupSummary, deduplicate, remove_article

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "STORY_THRESHOLD",
    "DedupSummary",
    "Mention",
    "MergedEvent",
    "deduplicate",
    "event_row",
    "group_stories",
    "merge_mentions",
    "remove_article",
    "signature",
    "similarity",
]
