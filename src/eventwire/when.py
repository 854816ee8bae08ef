"""The date of an event, read from the time expressions of its sentence.

News reports date events relative to the day they were published ("yesterday", "on Friday",
"last month"), so expressions are resolved against the publication date; without one only
absolute dates ("3 March 2024", "in 2022") can be resolved, and the answer is otherwise
unknown, never the day the coder happens to run. The statistical NER is not needed: the
coder turns it off for speed, so expressions are found by scanning tokens and chosen by how
close they sit to the trigger in the dependency tree (the "on Friday" of "shelled" rather than
the "on Saturday" of "said").

A period is reported by its first day with its precision: "last week" is the Monday of the
previous week with precision "week", "in March" the first of March with precision "month".
When the sentence has no time expression the event takes the publication date, the convention
of news event datasets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from eventwire.modality import modality_of

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ],  # fmt: skip
        start=1,
    )
    for name in names.split()
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            "monday mon",
            "tuesday tue tues",
            "wednesday wed",
            "thursday thu thurs",
            "friday fri",
            "saturday sat",
            "sunday sun",
        ]  # fmt: skip
    )
    for name in names.split()
}
NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]  # fmt: skip
    )
} | {"a": 1, "an": 1, "several": 3, "few": 3, "couple": 2}
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight"})
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
# Words naming the publication day or a day relative to it, with the offset in days.
DAY_WORDS = {"today": 0, "tonight": 0, "overnight": 0, "yesterday": -1, "tomorrow": 1}
ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DAY_NUMBER_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)$")
YEAR_PREPOSITIONS = frozenset({"in", "during", "since", "by", "until", "of", "throughout"})
# Words before a bare month name that make it a date: "in March", "since May", "late June".
MONTH_LEADS = frozenset({"in", "since", "by", "of", "early", "late", "mid", "until", "during"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})

Precision = str  # "day" | "week" | "month" | "year" | "unknown"
Resolved = tuple[date | None, Precision]


@dataclass(frozen=True, slots=True)
class Expression:
    """A time expression: the tokens it covers and how to turn a publication date into a date.

    `resolve(published, future)` returns the date and precision; `absolute` expressions
    do not need the publication date.
    """

    start: int
    end: int
    resolve: Callable[[date | None, bool], Resolved]
    absolute: bool = False


# ---- public ---------------------------------------------------------------------------------
def resolve_event_date(sentence: Span, trigger: Token, published: date | None) -> Resolved:
    """The date of the event anchored at `trigger` and its precision."""
    found = [e for e in find_expressions(sentence) if e.absolute or published is not None]
    if not found:
        return (published, "day") if published is not None else (None, "unknown")
    best = min(found, key=lambda e: _distance(sentence, e, trigger))
    when, precision = best.resolve(published, _is_future(trigger))
    if when is None:
        return (None, "unknown")
    return when, precision


def find_expressions(sentence: Span) -> list[Expression]:
    """Every time expression of the sentence, left to right, without overlaps."""
    tokens = list(sentence)
    found = list(_iso_dates(sentence))
    taken = {i for e in found for i in range(e.start, e.end)}
    i = 0
    while i < len(tokens):
        if tokens[i].i in taken:
            i += 1
            continue
        expression = _match_at(tokens, i)
        if expression is None:
            i += 1
            continue
        found.append(expression)
        i = expression.end - sentence.start
    return sorted(found, key=lambda e: e.start)


# ---- scanning -------------------------------------------------------------------------------
def _match_at(tokens: list[Token], i: int) -> Expression | None:
    for matcher in (_day_word, _relative_unit, _ago, _weekday, _calendar, _year):
        expression = matcher(tokens, i)
        if expression is not None:
            return expression
    return None


def _iso_dates(sentence: Span) -> Iterator[Expression]:
    """ISO dates, which the tokenizer splits at the hyphens: found in the text instead."""
    for m in ISO_RE.finditer(sentence.text):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        span = sentence.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            yield Expression(span.start, span.end, _fixed(day, "day"), absolute=True)


def _low(tokens: list[Token], i: int) -> str:
    return tokens[i].lower_ if 0 <= i < len(tokens) else ""


def _day_word(tokens: list[Token], i: int) -> Expression | None:
    """ "today", "yesterday", "overnight", "last night", "this morning", "earlier today"."""
    word = _low(tokens, i)
    if word in DAY_WORDS:
        return _expr(tokens, i, i + 1, _offset(DAY_WORDS[word]))
    following = _low(tokens, i + 1)
    if word == "last" and following == "night":
        return _expr(tokens, i, i + 2, _offset(-1))
    if word == "this" and following in PARTS_OF_DAY:
        return _expr(tokens, i, i + 2, _offset(0))
    return None


def _relative_unit(tokens: list[Token], i: int) -> Expression | None:
    """ "last week", "this month", "next year", "earlier this year", "later this month"."""
    start = i
    if _low(tokens, i) in ("earlier", "later") and _low(tokens, i + 1) == "this":
        i += 1
    word, unit = _low(tokens, i), UNITS.get(_low(tokens, i + 1).rstrip("s"))
    if unit is None or word not in ("last", "this", "next", "past", "coming"):
        return None
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(word, 0)
    if word == "past" and unit == "day":
        return None  # "the past days" names no particular day
    return _expr(tokens, start, i + 2, _period(unit, shift))


def _ago(tokens: list[Token], i: int) -> Expression | None:
    """ "three days ago", "a week ago", "2 years ago"."""
    count = _count(_low(tokens, i))
    unit = UNITS.get(_low(tokens, i + 1).rstrip("s"))
    if count is None or unit is None or _low(tokens, i + 2) != "ago":
        return None
    return _expr(tokens, i, i + 3, _ago_period(unit, count))


def _weekday(tokens: list[Token], i: int) -> Expression | None:
    """ "Friday", "last Friday", "next Tuesday", "this Monday", "Monday night"."""
    start, direction = i, None
    if _low(tokens, i) in ("last", "next", "this", "on") and _is_weekday(tokens, i + 1):
        direction = {"last": "past", "next": "future"}.get(_low(tokens, i))
        i += 1
    if not _is_weekday(tokens, i):
        return None
    end = i + 1 + (_low(tokens, i + 1) in PARTS_OF_DAY)
    return _expr(tokens, start, end, _weekday_date(WEEKDAYS[tokens[i].lower_], direction))


def _calendar(tokens: list[Token], i: int) -> Expression | None:
    """ "March", "March 3", "3 March", "March 3, 2024", "3rd of March 2024", "March 2024"."""
    day = _day_number(tokens, i)
    j = i
    if day is not None:
        j = i + 1 + (_low(tokens, i + 1) == "of")
        if not _is_month(tokens, j):
            return None
    elif not _is_month(tokens, i):
        return None
    month = MONTHS[tokens[j].lower_.rstrip(".")]
    end = j + 1
    if day is None and (day := _day_number(tokens, end)) is not None:
        end += 1
    k = end + (_low(tokens, end) == ",")
    year = _year_at(tokens, k)
    if year is not None:
        end = k + 1
    if day is None and year is None and _low(tokens, i - 1) not in MONTH_LEADS:
        return None  # a bare month name is too often a person or a verb
    return _expr(tokens, i, end, _calendar_date(year, month, day), absolute=year is not None)


def _year(tokens: list[Token], i: int) -> Expression | None:
    """ "in 2022", "during 2019"; a bare number is not taken for a year."""
    year = _year_at(tokens, i)
    if year is None or _low(tokens, i - 1) not in YEAR_PREPOSITIONS:
        return None
    return _expr(tokens, i, i + 1, _fixed(date(year, 1, 1), "year"), absolute=True)


def _expr(
    tokens: list[Token], start: int, end: int, resolve: Callable, absolute: bool = False
) -> Expression:
    end = min(end, len(tokens))
    return Expression(tokens[start].i, tokens[end - 1].i + 1, resolve, absolute)


def _is_weekday(tokens: list[Token], i: int) -> bool:
    if not 0 <= i < len(tokens):
        return False
    text = tokens[i].text.rstrip(".")
    return text[:1].isupper() and text.lower() in WEEKDAYS and (len(text) > 3 or "." in text)


def _is_month(tokens: list[Token], i: int) -> bool:
    if not 0 <= i < len(tokens):
        return False
    token = tokens[i]
    text = token.text.rstrip(".")
    if not text[:1].isupper() or text.lower() not in MONTHS or token.tag_ == "MD":
        return False
    return len(text) > 3 or text.lower() == "may" or token.text.endswith(".")


def _day_number(tokens: list[Token], i: int) -> int | None:
    if not 0 <= i < len(tokens):
        return None
    m = DAY_NUMBER_RE.match(tokens[i].text)
    return int(m[1]) if m and 1 <= int(m[1]) <= 31 else None


def _year_at(tokens: list[Token], i: int) -> int | None:
    if not 0 <= i < len(tokens):
        return None
    m = YEAR_RE.match(tokens[i].text)
    return int(m[1]) if m else None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


# ---- resolution -----------------------------------------------------------------------------
def _fixed(day: date, precision: Precision) -> Callable[[date | None, bool], Resolved]:
    return lambda published, future: (day, precision)


def _offset(days: int) -> Callable[[date | None, bool], Resolved]:
    def resolve(published: date | None, future: bool) -> Resolved:
        return (published + timedelta(days=days), "day") if published else (None, "unknown")

    return resolve


def _period(unit: str, shift: int) -> Callable[[date | None, bool], Resolved]:
    def resolve(published: date | None, future: bool) -> Resolved:
        if published is None:
            return None, "unknown"
        return _shift(published, unit, shift), unit

    return resolve


def _ago_period(unit: str, count: int) -> Callable[[date | None, bool], Resolved]:
    def resolve(published: date | None, future: bool) -> Resolved:
        if published is None:
            return None, "unknown"
        if unit == "day":
            return published - timedelta(days=count), "day"
        return _shift(published, unit, -count), unit

    return resolve


def _weekday_date(weekday: int, direction: str | None) -> Callable[[date | None, bool], Resolved]:
    def resolve(published: date | None, future: bool) -> Resolved:
        if published is None:
            return None, "unknown"
        ahead = (weekday - published.weekday()) % 7
        if direction == "future" or (direction is None and future):
            if direction == "future" and ahead == 0:
                ahead = 7
            return published + timedelta(days=ahead), "day"
        back = (published.weekday() - weekday) % 7
        if direction == "past" and back == 0:
            back = 7
        return published - timedelta(days=back), "day"

    return resolve


def _calendar_date(
    year: int | None, month: int, day: int | None
) -> Callable[[date | None, bool], Resolved]:
    def resolve(published: date | None, future: bool) -> Resolved:
        precision = "day" if day is not None else "month"
        if year is not None:
            return _safe_date(year, month, day or 1), precision
        if published is None:
            return None, "unknown"
        candidate_year = published.year
        first = (month, day or 1)
        now = (published.month, published.day if day is not None else 1)
        if future and first < now:
            candidate_year += 1
        elif not future and first > now:
            candidate_year -= 1
        return _safe_date(candidate_year, month, day or 1), precision

    return resolve


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None  # "30 February"


def _shift(published: date, unit: str, shift: int) -> date:
    """The first day of the period `shift` units away from the one holding `published`."""
    if unit == "day":
        return published + timedelta(days=shift)
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=shift)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + shift
        return date(index // 12, index % 12 + 1, 1)
    return date(published.year + shift, 1, 1)


# ---- choosing the expression of the trigger ---------------------------------------------------
def _distance(sentence: Span, expression: Expression, trigger: Token) -> tuple[int, int]:
    """Tree distance from the expression's head to the trigger, then distance in words."""
    doc = sentence.doc
    head = _head_of(doc[expression.start : expression.end])
    linear = min(abs(trigger.i - expression.start), abs(trigger.i - (expression.end - 1)))
    return _tree_distance(head, trigger), linear


def _head_of(span: Span) -> Token:
    """The token of the span whose head lies outside it, climbing through its preposition."""
    head = span.root
    if head.head.dep_ == "prep" and head.head.i < span.start:
        return head.head
    return head


def _tree_distance(a: Token, b: Token) -> int:
    up_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return n + up_a[t.i]
    return len(up_a) + n + 1


def _is_future(trigger: Token) -> bool:
    """Whether the event is still to come: a future auxiliary or a planning frame."""
    predicate = trigger
    while predicate.pos_ not in ("VERB", "AUX") and predicate.head.i != predicate.i:
        predicate = predicate.head
    if any(c.lower_ in FUTURE_AUX for c in predicate.children if c.dep_ == "aux"):
        return True
    if _low_next(predicate) == "to" and predicate.lemma_ == "go":
        return True
    return modality_of(trigger, predicate) == "planned"


def _low_next(token: Token) -> str:
    doc = token.doc
    return doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
