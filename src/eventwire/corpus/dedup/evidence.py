"""Whether two reports of an act can be the same real-world event, and what says they are.

Compatibility, not equality. A side that is missing, or only a sector with no country ("CVL",
"COP"), is compatible with a coded side of the same kind (the same sector, or none named); two
coded sides must name the same country or organisation. Places compare by containment (a town
is within its country; two different towns or regions are two places), and only a place where
the text puts the act can tell two acts apart: a dateline, the article's main place or the town
where something was said is weak evidence and never splits. Two exact days (day precision, read
from the text) must be equal; other days may lie `window` days apart. A planned act and an
asserted one join when the plan came first and the act followed within the window. Negated
reports never join real ones.

What tells look-alikes apart is a conflict: another town, another named counterpart (two
different people on one side), other figures (both sentences give numbers and share none), or
another exact day. What makes two reports one event is evidence: the same near-duplicate story,
the same place, shared figures, shared names, similar sentences. Reports with fully coded,
equal sides and one type need no more than the absence of a conflict; a soft side needs
something shared (the story, a place, a figure or a name, or its sentence naming the
country the other has on that side: wording alone is not enough), and is
compared on its own days only; reports the coder read as two types of one QuadClass need
strong evidence (two kinds of it, one a hard fact: the same place or the same figures, on the
same day), and each join says what it rested on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache

POLARITY = {
    "asserted": "real",
    "alleged": "real",
    "planned": "unreal",
    "hypothetical": "unreal",
    "negated": "negated",
    "denied": "negated",
}
SECTORS = frozenset((
    "AGR", "BUS", "COP", "CRM", "CVL", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "JUD", "LAB",
    "LEG", "MED", "MIL", "OPP", "PTY", "REB", "REF", "REL", "SPY",
))  # fmt: skip
WEAK_REASONS = ("dateline", "main place")
SPEECH = r"(?:said|says|told|announced|stated|declared|speaking|spoke|wrote|added)"
SAME_TOWN_KM = 15.0
SIMILAR = 0.35  # word overlap (Jaccard) that counts as similar sentences
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand))?"
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, None: 1.0}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozen": 12,
}  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_CALENDAR = {*MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_STOP = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from",
    "that", "this", "these", "those", "its", "his", "her", "their", "was", "were", "is", "are",
    "be", "been", "has", "have", "had", "will", "would", "said", "says", "after", "before",
    "over", "into", "than", "as", "about", "also", "more", "most", "which", "who", "when",
    "where", "while", "it", "they", "he", "she", "we", "not", "but",
}  # fmt: skip


@dataclass(frozen=True)
class Side:
    """One side of a mention: how far it resolved and to what."""

    country: str | None = None
    code: str | None = None
    sector: str | None = None
    name: str | None = None

    @property
    def key(self) -> str | None:
        """The country or organisation it names; None for a missing or sector-only side."""
        if self.country:
            return self.country
        return self.code if self.code and self.code not in SECTORS else None

    @property
    def level(self) -> int:
        """2: country or organisation; 1: a sector only; 0: nothing."""
        return 2 if self.key else (1 if self.code or self.sector else 0)

    @property
    def own_name(self) -> str | None:
        """A person's or a body's own name ("Wang Yi"), not the country's ("China")."""
        if not self.name or not self.key:
            return None
        return None if self.name == _country_name(self.key) else self.name

    def bare_sector(self) -> str | None:
        return self.sector or (self.code if self.code in SECTORS else None)


@cache
def _country_name(code: str) -> str | None:
    from eventwire.actors.kb import load_kb

    return load_kb().country_name(code)


@cache
def _generic_words() -> frozenset[str]:
    """Capitalised words that name no one in particular: countries, their adjectives and
    people, office titles ("Ukrainian", "President", "Minister")."""
    from eventwire.actors.kb import load_kb

    kb = load_kb()
    phrases = [*kb.titles]
    for row in kb.countries.values():
        for column in ("name", "aliases", "adjectives", "person_nouns"):
            phrases += (row.get(column) or "").split("|")
    return frozenset(w.lower() for phrase in phrases for w in _WORD.findall(phrase))


@cache
def _common_words() -> frozenset[str]:
    """The words that are never a name's clue, joined once (every mention compared asks)."""
    return frozenset(_STOP | _CALENDAR | _generic_words())


@cache
def _country_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """Country names and aliases as written ("Taiwan", "U.S."), longest first, with their codes."""
    from eventwire.actors.kb import load_kb

    codes = {}
    for code, row in load_kb().countries.items():
        for phrase in [row.get("name") or "", *(row.get("aliases") or "").split("|")]:
            if phrase.strip():
                codes.setdefault(phrase.strip(), code)
    names = sorted(codes, key=len, reverse=True)
    alternatives = "|".join(map(re.escape, names))
    # the lookahead lets most positions fail at once: names and aliases start with a capital
    pattern = re.compile(r"(?<![\w.])(?=[A-Z])(?:" + alternatives + r")(?![\w])")
    return pattern, codes


def countries_named(sentence: str) -> frozenset[str]:
    """The codes of the countries a sentence names ("Taiwan said ..." -> TWN)."""
    pattern, codes = _country_pattern()
    return frozenset(codes[m.group(0)] for m in pattern.finditer(sentence))


def side_relation(a: Side, b: Side) -> str | None:
    """'same', 'soft' (one side stands for the other) or None (they differ)."""
    if a.key and b.key:
        return "same" if a.key == b.key else None
    soft, other = (a, b) if a.level <= b.level else (b, a)
    wanted = soft.bare_sector()
    if soft.level == 1 and other.level >= 1 and other.sector and wanted and other.sector != wanted:
        return None  # police are not the army
    return "soft"


@dataclass(frozen=True)
class PlaceInfo:
    key: str
    name: str
    country: str | None
    precision: str
    lat: float | None
    lon: float | None
    strong: bool


def place_info(location: dict | None, sentence: str) -> PlaceInfo | None:
    """The mention's place, and whether it is where the act happened (strong) or only where the
    article was filed or the words were said (weak)."""
    if not location:
        return None
    name = location.get("name") or location.get("text")
    if not name:
        return None
    gid = location.get("geonameid")
    reason = location.get("reason") or ""
    weak = _spoken_in(str(name), sentence) or any(w in reason for w in WEAK_REASONS)
    return PlaceInfo(
        key=f"geonames:{gid}" if gid else f"name:{name.strip().lower()}",
        name=str(name),
        country=location.get("country"),
        precision=location.get("precision") or "city",
        lat=location.get("lat"),
        lon=location.get("lon"),
        strong=not weak,
    )


_SPOKEN_AFTER = re.compile(rf"\W+(?:\w+\W+){{0,2}}{SPEECH}\b")
_SPOKEN_BEFORE = re.compile(rf"\b{SPEECH}\W+(?:\w+\W+){{0,3}}$")


def _spoken_in(name: str, sentence: str) -> bool:
    """ "in Brussels, the minister said" / "said in Brussels": where the words were said.
    Fixed patterns around each "in NAME" (a pattern per place name would be compiled for every
    mention an update reconsiders)."""
    needle = f"in {name}"
    start = sentence.find(needle)
    while start >= 0:
        end = start + len(needle)
        alone = (start == 0 or not _is_word(sentence[start - 1])) and (
            end == len(sentence) or not _is_word(sentence[end])
        )
        if alone and (
            _SPOKEN_AFTER.match(sentence, end) or _SPOKEN_BEFORE.search(sentence, 0, start)
        ):
            return True
        start = sentence.find(needle, start + 1)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def place_relation(a: PlaceInfo, b: PlaceInfo) -> str | None:
    """'same', 'within' (one contains the other) or None (two places)."""
    if a.key == b.key:
        return "same"
    if a.country and b.country and a.country != b.country:
        return None
    if "country" in (a.precision, b.precision):
        return "within"
    if a.precision == b.precision or {a.precision, b.precision} <= {"city", "site"}:
        return "same" if _km(a, b) <= SAME_TOWN_KM else None
    return "within"  # a town and a region of one country: the gazetteer does not say which


def _km(a: PlaceInfo, b: PlaceInfo) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Clues:
    """What a sentence says beyond its codes: figures, names, words."""

    numbers: frozenset[str]
    names: frozenset[str]
    words: frozenset[str]
    countries: frozenset[str] = frozenset()  # codes of the countries it names


def clues(sentence: str, skip: tuple[str | None, ...] = ()) -> Clues:
    """Figures (years and days of the month left out), the words of capitalised names (not
    the sides' own words, countries, titles or a lone first word), and content words."""
    numbers = set()
    for match in _NUMBER.finditer(sentence):
        value = float(match.group(1).replace(",", "")) * _SCALE[match.group(2)]
        if not _calendar_number(sentence, match):
            numbers.add(f"{value:g}")
    lowered = [w.lower() for w in _WORD.findall(sentence)]
    numbers |= {f"{_COUNT_WORDS[w]:g}" for w in lowered if w in _COUNT_WORDS}
    skipped = {w.lower() for part in skip if part for w in _WORD.findall(part)}
    common = _common_words()
    names = {
        word.lower()
        for m in _NAME.finditer(sentence)
        for word in _WORD.findall(m.group(0))
        if word.lower() not in common
        and word.lower() not in skipped
        and (m.start() > 0 or " " in m.group(0))
    }
    words = {w for w in lowered if len(w) > 3 and w not in _STOP and w not in _CALENDAR}
    return Clues(frozenset(numbers), frozenset(names), frozenset(words), countries_named(sentence))


def clue_keys(found: Clues) -> set[str]:
    """The clues two reports can share as index keys: figures, name words, countries named."""
    return (
        {f"n:{n}" for n in found.numbers}
        | {f"w:{w}" for w in found.names}
        | {f"c:{c}" for c in found.countries}
    )


def _calendar_number(sentence: str, match: re.Match) -> bool:
    """A year, or a day next to a month name: part of a date, not a figure."""
    text = match.group(1)
    if len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100:
        return True
    around = sentence[max(0, match.start() - 12) : match.end() + 12].lower()
    return text.isdigit() and int(text) <= 31 and any(m in around for m in MONTHS)


def similarity(a: Clues, b: Clues) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


@dataclass
class Link:
    """Two mentions that may be one event: the evidence for it and what had to be allowed."""

    score: float
    evidence: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """The comparable facts of one mention (or of an act unified within an article)."""

    event_type: str
    quad_class: int
    polarity: str
    actor: Side
    recipient: Side
    day: Date | None
    exact: bool  # the day was read from the text at day precision
    end: Date | None  # the last day of its date's range (a month-long range ends at its end)
    place: PlaceInfo | None
    clues: Clues
    story: str
    article: str


def conflict(a: Report, b: Report, window: int) -> str | None:
    """Why two reports cannot be one event; None when nothing forbids it."""
    if a.polarity != b.polarity and "negated" in (a.polarity, b.polarity):
        return "one report says it did not happen"
    if side_relation(a.actor, b.actor) is None:
        return "different actors"
    if side_relation(a.recipient, b.recipient) is None:
        return "different recipients"
    for side in ("actor", "recipient"):
        one, other = getattr(a, side).own_name, getattr(b, side).own_name
        if one and other and one != other:
            return f"different named {side}s ({one}, {other})"
    if a.day and b.day:
        if a.exact and b.exact and a.day != b.day:
            return f"different days ({a.day}, {b.day})"
        if gap(a, b) > window:
            return "dates too far apart"
    both_strong = a.place and b.place and a.place.strong and b.place.strong
    if both_strong and place_relation(a.place, b.place) is None:  # type: ignore[arg-type]
        return f"different places ({a.place.name}, {b.place.name})"  # type: ignore[union-attr]
    if a.clues.numbers and b.clues.numbers and not a.clues.numbers & b.clues.numbers:
        return "different figures"
    return None


def gap(a: Report, b: Report) -> int:
    """Days between two reports' date ranges (0 when they overlap)."""
    if not a.day or not b.day:
        return 0
    a_end, b_end = a.end or a.day, b.end or b.day
    return max(0, (b.day - a_end).days, (a.day - b_end).days)


def link(a: Report, b: Report, window: int) -> Link | None:
    """The evidence that two reports are one event, or None when it is not enough."""
    if conflict(a, b, window):
        return None
    found = Link(0.0)
    _plan(a, b, window, found)
    if found.score < 0:
        return None
    sides_soft = _sides(a, b, found)
    kinds = _evidence(a, b, found)
    strong = len(kinds) + ("story" in kinds)
    if a.event_type != b.event_type:
        hard = kinds & {"place", "figures"}
        if a.quad_class != b.quad_class or sides_soft or a.day != b.day or strong < 2 or not hard:
            return None
        types = " and ".join(sorted((a.event_type, b.event_type)))
        found.allowed.append(f"types {types} joined on the evidence")
    elif sides_soft and not kinds & {"story", "place", "figures", "names"} | _named(a, b, found):
        return None  # a vague report needs something it shares with the other, not wording
    found.score += 1.0 + strong
    return found


def _plan(a: Report, b: Report, window: int, found: Link) -> None:
    if a.polarity == b.polarity:
        return
    plan, act = (a, b) if a.polarity == "unreal" else (b, a)
    if plan.day and act.day and act.day >= plan.day and gap(plan, act) <= window:
        found.allowed.append(f"planned on {plan.day}, reported done on {act.day}")
    else:
        found.score = -1.0


def _sides(a: Report, b: Report, found: Link) -> bool:
    soft = False
    for side in ("actor", "recipient"):
        one, other = getattr(a, side), getattr(b, side)
        if side_relation(one, other) == "soft":
            soft = True
            if one.level or other.level:
                weak, full = (one, other) if one.level <= other.level else (other, one)
                missing = weak.bare_sector() or "missing"
                found.allowed.append(f"{side} {missing} taken as {full.key or full.code}")
    return soft


def _named(a: Report, b: Report, found: Link) -> set[str]:
    """{"named"} when the sentence of a report with a soft side names the country the other
    report has on that side ("Taiwan said China deployed ships" beside China -> Taiwan)."""
    for side in ("actor", "recipient"):
        for vague, full in ((a, b), (b, a)):
            key = getattr(full, side).key
            if getattr(vague, side).level < 2 and key and key in vague.clues.countries:
                found.evidence.append(f"{side} {key} named in the vaguer report")
                return {"named"}
    return set()


def _evidence(a: Report, b: Report, found: Link) -> set[str]:
    """Note each kind of shared evidence; returns the kinds found (story, place, figures,
    names, similar)."""
    kinds = set()
    if a.story == b.story:
        found.evidence.append("near-duplicate text")
        kinds.add("story")
    if a.place and b.place:
        relation = place_relation(a.place, b.place)
        if relation == "same" and a.place.strong and b.place.strong:
            found.evidence.append(f"place {a.place.name}")
            kinds.add("place")
        elif relation:
            found.evidence.append(f"compatible places {a.place.name}/{b.place.name}")
    shared = sorted(a.clues.numbers & b.clues.numbers)
    if shared:
        found.evidence.append(f"figures {', '.join(shared)}")
        kinds.add("figures")
    names = sorted(a.clues.names & b.clues.names)
    if names:
        found.evidence.append(f"names {', '.join(names[:4])}")
        kinds.add("names")
    overlap = similarity(a.clues, b.clues)
    if overlap >= SIMILAR:
        found.evidence.append(f"similar sentences ({overlap:.2f})")
        kinds.add("similar")
    found.score += 0.1 * len(kinds) + overlap
    return kinds
