"""Cut a mention's sentence into pieces marked trigger / actor / recipient.

Offsets in the store are relative to the article text, the sentence is stored on its own. The
sentence is found again in the article (the occurrence that holds the trigger, as a sentence may
repeat), and the spans are shifted into it. Pieces carry plain text and role names; templates
and scripts escape the text, nothing here produces markup.
"""

from __future__ import annotations

ROLES = ("trigger", "actor", "recipient")
Span = tuple[int | None, int | None, str | None]


def sentence_start(text: str | None, sentence: str, anchor: int | None) -> int | None:
    """Where `sentence` starts in the article, preferring the occurrence containing `anchor`."""
    if not text or not sentence:
        return None
    first = None
    at = text.find(sentence)
    while at != -1:
        if first is None:
            first = at
        if anchor is None or at <= anchor < at + len(sentence):
            return at
        at = text.find(sentence, at + 1)
    return first


def _relative(span: Span, base: int | None, sentence: str) -> tuple[int, int] | None:
    start, end, words = span
    if base is not None and start is not None and end is not None:
        lo, hi = start - base, end - base
        if 0 <= lo < hi <= len(sentence):
            return lo, hi
    if words:  # no usable offsets: fall back to the first occurrence of the words
        at = sentence.find(words)
        if at != -1:
            return at, at + len(words)
    return None


def segments(text: str | None, sentence: str, spans: dict[str, Span]) -> dict:
    """The sentence as ordered pieces; `missing` names roles that could not be placed."""
    base = sentence_start(text, sentence, spans.get("trigger", (None, None, None))[0])
    shown = sentence.rstrip()
    placed: dict[str, tuple[int, int]] = {}
    missing = []
    for role in ROLES:
        span = spans.get(role)
        if span is None or (span[0] is None and not span[2]):
            continue
        where = _relative(span, base, shown)
        if where is None:
            missing.append(role)
        else:
            placed[role] = where
    cuts = sorted({0, len(shown), *(i for pair in placed.values() for i in pair)})
    pieces: list[dict] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        roles = [r for r, (a, b) in placed.items() if a <= lo and hi <= b]
        if pieces and pieces[-1]["roles"] == roles:
            pieces[-1]["text"] += shown[lo:hi]
        else:
            pieces.append({"text": shown[lo:hi], "roles": roles})
    return {"sentence_start": base, "pieces": pieces, "missing": missing}
