"""The date of an event, read from the time expressions of its sentence.

News reports date events relative to the day they were published ("yesterday", "on Friday",
"last month"), so expressions are resolved against the publication date; without one only
absolute dates ("3 March 2024", "in 2022") can be resolved, and the answer is otherwise
unknown, never the day the coder happens to run. The statistical NER is not needed: the
coder turns it off for speed, so expressions are found by scanning tokens and chosen by how
close they sit to the trigger in the dependency tree (the "on Friday" of "shelled" rather than
the "on Saturday" of "said"); a day inside the coarser period chosen refines it ("next week
... on May 21").

Every date is a range with its precision: "last week" runs from the Monday to the Sunday of
the previous week with precision "week", "in mid-January" over January with precision
"month", "earlier this year" from 1 January to the publication day with precision "year",
"between 3 and 5 May" over those days. A year or a month never becomes a day. When the
sentence has no time expression the event takes the publication date, the convention of news
event datasets, unless its tense says it happened before the news (a past perfect background
act: "had ordered"), which leaves it undated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from eventwire.coding.modality import modality_of
from eventwire.coding.reach import MAX_TREE_DISTANCE, Reach, ancestry, tree_distance

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
MONTH_LEADS = frozenset(
    {"in", "since", "by", "of", "early", "late", "mid", "until", "during", "from", "through"}
)  # fmt: skip
RANGE_WORDS = frozenset({"-", "–", "to", "and", "through"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# The words a time expression can start with (besides numbers).
START_WORDS = (
    frozenset(DAY_WORDS) | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(NUMBER_WORDS)
    | {"last", "this", "next", "past", "coming", "earlier", "later", "between", "from", "on"}
)  # fmt: skip

Precision = str  # "day" | "week" | "month" | "year" | "unknown"
PUBLICATION = "the publication date: no date in its sentence"
RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class When:
    """An event's date: the first day of its range, the last day, the precision and why."""

    date: date | None
    end: date | None
    precision: Precision
    reason: str = ""

    def within(self, other: When) -> bool:
        """Whether this range lies inside another one."""
        if None in (self.date, self.end, other.date, other.end):
            return False
        return other.date <= self.date and self.end <= other.end  # type: ignore[operator]


UNKNOWN = When(None, None, "unknown")
Resolved = When


@dataclass(frozen=True, slots=True)
class Expression:
    """A time expression: the tokens it covers and how to turn a publication date into a date.

    `resolve(published, future)` returns the range and precision; `absolute` expressions do not
    need the publication date.
    """

    start: int
    end: int
    resolve: Callable[[date | None, bool], When]
    absolute: bool = False
    head: Token | None = None  # the word the expression hangs from in the parse

    def text(self, doc) -> str:
        return doc[self.start : self.end].text


# ---- public ---------------------------------------------------------------------------------
def resolve_event_date(sentence: Span, trigger: Token, published: date | None) -> When:
    """The date range of the event anchored at `trigger`, its precision and why."""
    reach = _sentence_expressions(sentence)
    usable = [e for e in reach.items if e.absolute or published is not None]
    if not usable:
        return _undated(trigger, published)
    up = ancestry(trigger)
    near = [e for e in reach.under(up) if e.absolute or published is not None]
    options = near or [e for e in reach.around(trigger.i) if e.absolute or published is not None]
    future = _is_future(trigger)
    best = min(options or usable, key=lambda e: _distance(e, up, trigger))
    when = _resolved(best, published, future, sentence)
    return _refined(when, options, published, future, sentence)


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


def _undated(trigger: Token, published: date | None) -> When:
    """No expression: the publication day, unless the act is told as earlier background."""
    if published is None:
        return UNKNOWN
    if _past_perfect(trigger):
        return When(None, None, "unknown", "a past perfect act before the news, no date given")
    return When(published, published, "day", PUBLICATION)


def _resolved(expression: Expression, published: date | None, future: bool, sentence) -> When:
    try:
        when = expression.resolve(published, future)
    except (ValueError, OverflowError):
        return UNKNOWN  # a relative date past the calendar's edge
    if when.date is None:
        return UNKNOWN
    return replace(when, reason=f"'{expression.text(sentence.doc)}'")


def _refined(
    when: When, options: list[Expression], published: date | None, future: bool, sentence
) -> When:
    """A day named inside the chosen week or month refines it: "next week ... on May 21"."""
    if RANK.get(when.precision, 0) == 0:
        return when
    for expression in options:
        finer = _resolved(expression, published, future, sentence)
        if finer.precision == "day" and finer.within(when):
            return finer
    return when


# ---- the expressions of a sentence, found once -------------------------------------------------
_last: tuple[Span, Reach[Expression]] | None = None


def _sentence_expressions(sentence: Span) -> Reach[Expression]:
    """The sentence's expressions indexed by where they hang; the last sentence is remembered
    so that its events share one scan."""
    global _last
    last = _last
    if last is not None and last[0].doc is sentence.doc and last[0].start == sentence.start:
        return last[1]
    found = [replace(e, head=_head_of(sentence.doc[e.start : e.end])) for e in
             find_expressions(sentence)]  # fmt: skip
    reach = Reach(found, lambda e: e.head, lambda e: e.start)
    _last = (sentence, reach)
    return reach


# ---- scanning -------------------------------------------------------------------------------
def _match_at(tokens: list[Token], i: int) -> Expression | None:
    if not _may_start(tokens[i]):
        return None
    for matcher in (_day_word, _relative_unit, _ago, _weekday, _range, _calendar, _year):
        expression = matcher(tokens, i)
        if expression is not None:
            return expression
    return None


def _may_start(token: Token) -> bool:
    """Whether a word can open a time expression: most words of a sentence cannot."""
    word = token.lower_.rstrip(".")
    return token.text[:1].isdigit() or word in START_WORDS


def _iso_dates(sentence: Span) -> Iterator[Expression]:
    """ISO dates, which the tokenizer splits at the hyphens: found in the text instead."""
    for m in ISO_RE.finditer(sentence.text):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        span = sentence.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            yield Expression(span.start, span.end, _fixed(day, day, "day"), absolute=True)


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
    start, side = i, None
    if _low(tokens, i) in ("earlier", "later") and _low(tokens, i + 1) == "this":
        side = _low(tokens, i)
        i += 1
    word, unit = _low(tokens, i), UNITS.get(_low(tokens, i + 1).rstrip("s"))
    if unit is None or word not in ("last", "this", "next", "past", "coming"):
        return None
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(word, 0)
    if word == "past" and unit == "day":
        return None  # "the past days" names no particular day
    return _expr(tokens, start, i + 2, _period(unit, shift, side))


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
    weekday = WEEKDAYS[tokens[i].lower_.rstrip(".")]  # "Fri." and "Friday." as "Friday"
    return _expr(tokens, start, end, _weekday_date(weekday, direction))


def _range(tokens: list[Token], i: int) -> Expression | None:
    """ "between 3 and 5 May", "from 3 to 5 May 2024", "3-5 May", "May 3-5"."""
    start = i + (_low(tokens, i) in ("between", "from"))
    first = _day_number(tokens, start)
    if first is not None and _low(tokens, start + 1) in RANGE_WORDS:
        last = _day_number(tokens, start + 2)
        month_at = start + 3 + (_low(tokens, start + 3) == "of")
    elif _is_month(tokens, i) and (first := _day_number(tokens, i + 1)) is not None:
        if _low(tokens, i + 2) not in RANGE_WORDS:
            return None
        last, month_at = _day_number(tokens, i + 3), i
        start = i
    else:
        return None
    if last is None or last < first or not _is_month(tokens, month_at):
        return None
    end = max(month_at, start + 2) + 1
    year = _year_at(tokens, end + (_low(tokens, end) == ","))
    if year is not None:
        end += 1 + (_low(tokens, end) == ",")
    month = MONTHS[tokens[month_at].lower_.rstrip(".")]
    days = _days_of(year, month, first, last)
    return _expr(tokens, i, end, days, absolute=year is not None)


def _calendar(tokens: list[Token], i: int) -> Expression | None:
    """ "March", "March 3", "3 March", "March 3, 2024", "3rd of March 2024", "March 2024",
    "mid-January", "late March"."""
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
    if day is None and year is None and _month_lead(tokens, i) is None:
        return None  # a bare month name is too often a person or a verb
    start = i - 2 if day is None and _low(tokens, i - 1) == "-" else i  # "mid-January"
    resolve = _calendar_date(year, month, day)
    return _expr(tokens, max(start, 0), end, resolve, absolute=year is not None)


def _month_lead(tokens: list[Token], i: int) -> str | None:
    """The word before a bare month name that makes it a date ("in", "mid-", "late")."""
    before = _low(tokens, i - 1)
    if before == "-":
        before = _low(tokens, i - 2)
    return before if before in MONTH_LEADS else None


def _year(tokens: list[Token], i: int) -> Expression | None:
    """ "in 2022", "during 2019"; a bare number is not taken for a year."""
    year = _year_at(tokens, i)
    if year is None or _low(tokens, i - 1) not in YEAR_PREPOSITIONS:
        return None
    return _expr(tokens, i, i + 1, _fixed(date(year, 1, 1), date(year, 12, 31), "year"), True)


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
    if word.isdecimal():  # not isdigit: "²" is a digit that int() refuses
        return int(word)
    return NUMBER_WORDS.get(word)


# ---- resolution -----------------------------------------------------------------------------
Resolver = Callable[[date | None, bool], When]


def _fixed(first: date, last: date, precision: Precision) -> Resolver:
    return lambda published, future: When(first, last, precision)


def _offset(days: int) -> Resolver:
    def resolve(published: date | None, future: bool) -> When:
        if published is None:
            return UNKNOWN
        day = published + timedelta(days=days)
        return When(day, day, "day")

    return resolve


def _period(unit: str, shift: int, side: str | None = None) -> Resolver:
    """A whole period ("last week"); "earlier this year" ends, "later this year" starts on the
    publication day."""

    def resolve(published: date | None, future: bool) -> When:
        if published is None:
            return UNKNOWN
        first = _shift(published, unit, shift)
        last = _period_end(first, unit)
        if side == "earlier":
            last = min(last, published)
        elif side == "later":
            first = max(first, published)
        return When(first, last, unit)

    return resolve


def _ago_period(unit: str, count: int) -> Resolver:
    def resolve(published: date | None, future: bool) -> When:
        if published is None:
            return UNKNOWN
        if unit == "day":
            day = published - timedelta(days=count)
            return When(day, day, "day")
        first = _shift(published, unit, -count)
        return When(first, _period_end(first, unit), unit)

    return resolve


def _weekday_date(weekday: int, direction: str | None) -> Resolver:
    def resolve(published: date | None, future: bool) -> When:
        if published is None:
            return UNKNOWN
        ahead = (weekday - published.weekday()) % 7
        if direction == "future" or (direction is None and future):
            if direction == "future" and ahead == 0:
                ahead = 7
            day = published + timedelta(days=ahead)
            return When(day, day, "day")
        back = (published.weekday() - weekday) % 7
        if direction == "past" and back == 0:
            back = 7
        day = published - timedelta(days=back)
        return When(day, day, "day")

    return resolve


def _calendar_date(year: int | None, month: int, day: int | None) -> Resolver:
    def resolve(published: date | None, future: bool) -> When:
        if year is None and published is None:
            return UNKNOWN
        found = year if year is not None else _nearest_year(published, month, day, future)
        first = _safe_date(found, month, day or 1)
        if first is None:
            return UNKNOWN
        if day is not None:
            return When(first, first, "day")
        return When(first, _period_end(first, "month"), "month")

    return resolve


def _days_of(year: int | None, month: int, first: int, last: int) -> Resolver:
    def resolve(published: date | None, future: bool) -> When:
        if year is None and published is None:
            return UNKNOWN
        found = year if year is not None else _nearest_year(published, month, first, future)
        start, end = _safe_date(found, month, first), _safe_date(found, month, last)
        return When(start, end, "day") if start and end else UNKNOWN

    return resolve


def _nearest_year(published: date, month: int, day: int | None, future: bool) -> int:
    """The year that puts a month (and day) on the side of the publication date the tense
    says: "in October" written in March is last October, "will ... in October" this one."""
    year = published.year
    first = (month, day or 1)
    now = (published.month, published.day if day is not None else 1)
    if future and first < now:
        return year + 1
    if not future and first > now:
        return year - 1
    return year


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


def _period_end(first: date, unit: str) -> date:
    """The last day of the period that starts on `first`."""
    if unit == "day":
        return first
    if unit == "week":
        return first + timedelta(days=6)
    if unit == "month":
        return _shift(first, "month", 1) - timedelta(days=1)
    return date(first.year, 12, 31)


# ---- choosing the expression of the trigger ---------------------------------------------------
def _distance(expression: Expression, up: dict[int, int], trigger: Token) -> tuple[int, int]:
    """Tree distance from the expression's head to the trigger, then distance in words."""
    assert expression.head is not None
    tree = tree_distance(expression.head, up)
    linear = min(abs(trigger.i - expression.start), abs(trigger.i - (expression.end - 1)))
    return (tree if tree is not None and tree >= 0 else MAX_TREE_DISTANCE + 1), linear


def _head_of(span: Span) -> Token:
    """The token of the span whose head lies outside it, climbing through its preposition."""
    head = span.root
    if head.head.dep_ == "prep" and head.head.i < span.start:
        return head.head
    return head


def _predicate(trigger: Token) -> Token:
    predicate = trigger
    while predicate.pos_ not in ("VERB", "AUX") and predicate.head.i != predicate.i:
        predicate = predicate.head
    return predicate


def _is_future(trigger: Token) -> bool:
    """Whether the event is still to come: a future auxiliary or a planning frame."""
    predicate = _predicate(trigger)
    if any(c.lower_ in FUTURE_AUX for c in predicate.children if c.dep_ == "aux"):
        return True
    if _low_next(predicate) == "to" and predicate.lemma_ == "go":
        return True
    return modality_of(trigger, predicate) == "planned"


def _past_perfect(trigger: Token) -> bool:
    """ "had ordered", "had been attacked": an act told as earlier than the news."""
    predicate = _predicate(trigger)
    if predicate.tag_ != "VBN":
        return False
    return any(c.lower_ in ("had", "'d") for c in predicate.children if c.dep_ == "aux")


def _low_next(token: Token) -> str:
    doc = token.doc
    return doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
