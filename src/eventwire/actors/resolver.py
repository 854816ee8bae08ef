"""Resolve one noun phrase to an actor valid on a date, in the order DESIGN.md gives.

A person holding an office on the date beats a title plus country, which beats a metonym, a
country (with an agent noun giving the sector), then an organisation or group. Names are found
by looking up lower-cased token n-grams in the knowledge-base index; the longest match wins
where matches overlap. Country words that sit inside a longer unknown proper name ("Chad
Smith", "Georgia Tech") are ignored. Pronouns, bare titles and plural references resolve only
through the article context.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from eventwire.actors.context import (
    ArticleContext,
    is_country_like,
    is_person,
    office_matches,
)
from eventwire.actors.kb import (
    COMMUNITY_WORDS,
    Entry,
    KnowledgeBase,
    Tenure,
    load_kb,
    tenure_on,
)
from eventwire.actors.resolution import Resolution, make_code
from eventwire.actors.tokens import CONJUNCTIONS, Tok, fold, tokenize

if TYPE_CHECKING:  # the gazetteer reads the actor tables, so it is imported lazily below
    from eventwire.actors.gazetteer import Gazetteer, Place

Date = datetime.date

# Entry kinds in the order they win when several tables name the same span.
KIND_RANK = {
    k: i
    for i, k in enumerate(
        [
            "person",
            "title",
            "metonym",
            "agency",
            "media",
            "country",
            "demonym",
            "person_noun",
            "place",
            "capital",
            "group",
            "party",
            "company",
            "org",
            "surname",
            "sector",
        ]  # fmt: skip
    )
}
# Named bodies of one country (or movement): groups, parties, state agencies and units, media
# and companies. The coder sees them as the kinds its confidence model and coreference know.
BODY_KINDS = frozenset({"group", "party", "agency", "media", "company"})
RESOLVED_KIND = {"party": "group", "agency": "metonym", "media": "metonym", "company": "org"}
# Names that rows of several countries may share ("Democratic Party", "al-Shabaab").
SHARED_NAME_KINDS = BODY_KINDS | {"metonym", "org"}
FORMER_WORDS = frozenset({"former", "ex", "late"})
# Lower-case words that stay inside a person's name ("Abdel Fattah al-Burhan").
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "ben", "bint", "ould", "de", "del", "della", "da", "do", "dos",
     "das", "di", "du", "van", "von", "der", "den", "la", "le", "y"}
)  # fmt: skip
# Capitalised words after a title that are not the holder's name ("the Prime Minister's Office").
NOT_NAMES = frozenset(
    {"office", "palace", "residence", "camp", "team", "aide", "aides", "adviser", "advisers",
     "advisor", "advisors", "statement", "visit", "decree", "plan", "order", "says", "said"}
)  # fmt: skip
# Ambiguous single words: they only count when not glued to an unknown capitalised name.
GUARDED_KINDS = frozenset({"country", "demonym", "person_noun", "capital", "surname"})
# Capitalised words that do not make a neighbouring country word part of a longer name.
NEUTRAL_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "former",
        "then",
        "acting",
        "deputy",
        "vice",
        "top",
        "senior",
        "both",
        "all",
        "many",
        "some",
        "several",
        "most",
        "few",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozens",
        "hundreds",
        "thousands",
        "neighbouring",
        "neighboring",
        "fellow",
        "pro",
        "anti",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "mainland",
        "rival",
        "allied",
        "its",
        "his",
        "her",
        "their",
        "our",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "on",
        "in",
        "at",
        "by",
        "for",
        "from",
        "with",
        "to",
        "of",
        "while",
        "after",
    ]
)
NEUTRAL_WORDS |= COMMUNITY_WORDS  # "Iraqi Kurdish forces": a community word glues to no name
LEADING_WORDS = frozenset({"the", "a", "an"})
# "Iran-backed militias": the hyphen compound modifies, it is not the actor.
MODIFIER_SUFFIXES = frozenset(
    [
        "backed",
        "sponsored",
        "funded",
        "aligned",
        "allied",
        "affiliated",
        "linked",
        "based",
        "born",
        "made",
        "style",
        "occupied",
        "controlled",
        "held",
        "annexed",
        "armed",
        "inspired",
    ]
)
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "hers": "person", "it": "country", "its": "country", "they": "plural", "them": "plural",
    "their": "plural", "theirs": "plural",
}  # fmt: skip
PLURAL_HEADS = {
    "countries": "country", "nations": "country", "states": "country", "governments": "country",
    "powers": "country", "capitals": "country", "allies": "country", "sides": "any",
    "parties": "any", "leaders": "person", "ministers": "person", "men": "person",
    "officials": "person", "diplomats": "person", "presidents": "person",
}  # fmt: skip
# Nouns that, with "the", point back to the last state named ("the country's air force").
COUNTRY_REFERENCES = frozenset({"country", "nation"})
PLURAL_DETERMINERS = {"these": None, "those": None, "both": 2, "two": 2, "three": 3, "four": 4}
PLURAL_FILLERS = frozenset({"the", "all", "of", "such"})
COUNTRY_KINDS = frozenset({"country", "demonym", "person_noun", "place"})


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def best(self) -> Entry:
        return self.entries[0]

    @property
    def kind(self) -> str:
        return self.best.kind


@dataclass(frozen=True, slots=True)
class Phrase:
    """One segment of a mention: its words, its table matches, and those grouped by kind."""

    text: str
    toks: list[Tok]
    matches: list[Match]
    by_kind: dict[str, list[Match]]


class Resolver:
    """Stateless apart from the knowledge base; safe to share between threads and articles."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb if kb is not None else load_kb()
        # offices the people tables follow: a title naming someone else there is a KB miss
        self.tracked_offices = frozenset(office for office, _ in self.kb.offices)

    # ---- public -------------------------------------------------------------------------
    def resolve(
        self, text: str, date: Date | None = None, context: ArticleContext | None = None
    ) -> Resolution | None:
        """Resolve one noun phrase as it appears in the text; None when no actor is in it."""
        day = date or Date.today()
        toks = _strip_leading(tokenize(text))
        if not toks:
            return None
        reference = self._reference(text, toks, day, context)
        if reference is not None or _is_reference(toks):
            return reference
        matches = self._matches(toks, day)
        segments = _segments(toks, matches)
        found = [self._segment(text, toks, seg, day, context) for seg in segments]
        found = _share_sector([r for r in found if r is not None])
        if not found:
            return _place(text, toks)
        if len(found) == 1:
            return found[0]
        return Resolution(
            text, None, None, None, None, None, "list", min(r.confidence for r in found),
            "conjunction of " + "; ".join(r.code or r.text for r in found), members=tuple(found),
        )  # fmt: skip

    def mentions(self, text: str, date: Date | None = None) -> list[Resolution]:
        """The actors named in a longer text, left to right: runs of adjacent known words
        (joined across conjunctions) resolved as phrases. For context sentences, not parsing."""
        toks = tokenize(text)
        matches = self._matches(toks, date or Date.today())
        runs: list[list[int]] = []
        for m in matches:
            gap = toks[runs[-1][1] : m.start] if runs else None
            if gap is not None and all(t.low in CONJUNCTIONS for t in gap):
                runs[-1][1] = m.end
            else:
                runs.append([m.start, m.end])
        found = (self.resolve(" ".join(t.text for t in toks[a:b]), date) for a, b in runs)
        return [r for r in found if r is not None]

    # ---- matching -----------------------------------------------------------------------
    def _matches(self, toks: list[Tok], day: Date) -> list[Match]:
        """Non-overlapping table matches, longest first, guarded words checked."""
        candidates: list[Match] = []
        skip = _modifier_positions(toks)
        for i in range(len(toks)):
            for n in range(min(self.kb.max_len, len(toks) - i), 0, -1):
                entries = self._entries(toks[i : i + n], day)
                if entries and any(j in skip for j in range(i, i + n)):
                    # "Iran-backed" names no actor, but "government-backed" says PRM
                    entries = tuple(e for e in entries if e.role == "modifier")
                if entries:
                    candidates.append(Match(i, i + n, entries))
        chosen: list[Match] = []
        taken: set[int] = set()
        for m in sorted(candidates, key=lambda m: (m.start - m.end, KIND_RANK[m.kind], m.start)):
            span = set(range(m.start, m.end))
            if not span & taken:
                chosen.append(m)
                taken |= span
        chosen.sort(key=lambda m: m.start)
        return [m for m in chosen if not _glued_to_name(m, toks, taken)]

    def _entries(self, window: Sequence[Tok], day: Date) -> tuple[Entry, ...]:
        entries = self.kb.lookup(tuple(t.low for t in window))
        if not entries:
            return ()
        words = [t.text for t in window]
        fit = [e for e in entries if not e.case_sensitive or _same_case(e.phrase, words)]
        fit.sort(key=lambda e: (KIND_RANK[e.kind], not e.valid_on(day)))
        return tuple(fit)

    # ---- one segment of a (possibly conjoined) phrase -------------------------------------
    def _segment(
        self,
        text: str,
        toks: list[Tok],
        seg: list[Match],
        day: Date,
        context: ArticleContext | None,
    ) -> Resolution | None:
        named = {m.best.country for m in seg if m.kind in COUNTRY_KINDS}
        seg = [_prefer(m, named, context) for m in seg]
        by_kind: dict[str, list[Match]] = {}
        for m in seg:
            by_kind.setdefault(_group_kind(m.kind), []).append(m)
        agent = _agent(by_kind.get("sector", []))
        agent_sector = agent.best.sector if agent else None
        phrase = Phrase(text, toks, seg, by_kind)
        if "person" in by_kind:
            return self._person(phrase, day, context)
        if "title" in by_kind:
            found = self._title(phrase, day, context)
            if found is not None:
                return found
            words = sorted(by_kind.get("sector", []) + _sector_words(by_kind["title"]), key=_start)
            agent = _agent(words) or agent
            agent_sector = agent.best.sector if agent else None
        place = by_kind.get("country", [None])[0]
        body = by_kind.get("body", [None])[-1]  # "the PKK's Syrian offshoot YPG": the head
        if body and (not place or place.best.country == body.best.country):
            return self._named(text, body.best, None, day)
        if "metonym" in by_kind:
            return self._metonym(text, by_kind["metonym"][0].best, agent_sector, day)
        if place is not None:  # "Italy's Democratic Party": the country, the body's sector
            return self._country(text, place.best, agent_sector or (body and body.best.sector))
        if "org" in by_kind:  # "the African Union's Peace and Security Council"
            return self._named(text, by_kind["org"][-1].best, agent_sector, day)
        if agent is not None:
            return Resolution(
                text, None, agent_sector, None, None, None, "agent", 0.4,
                f"agent noun '{agent.best.phrase}' -> {agent_sector}, no country named",
            )  # fmt: skip
        return None

    def _person(self, phrase: Phrase, day: Date, context: ArticleContext | None) -> Resolution:
        text, toks, by_kind = phrase.text, phrase.toks, phrase.by_kind
        entry = by_kind["person"][0].best
        if entry.kind == "surname" and context is not None:
            seen = context.persons_named(entry.phrase)
            if seen is not None and seen.name != entry.name:
                return _refer(text, seen, "person", f"surname '{entry.phrase}' seen earlier as")
        tenures = self.kb.tenures.get(entry.code, [])
        tenure, in_office = tenure_on(tenures, day)
        title = by_kind.get("title", [None])[0]
        if title is not None and self._title_wins(toks, title, tenures, in_office, day):
            fallback = tenures[-1].country if tenures else None
            person = (entry.name or entry.code, entry.wikidata, fallback)
            return self._titled(text, title.best, _title_owner(by_kind), person, day, context)
        confidence = 0.95 if entry.kind == "person" else 0.85
        if tenure is None:
            reason = f"person {entry.name}, no tenure known"
            return Resolution(
                text, None, None, None, entry.name, entry.wikidata, "person", 0.5, reason
            )
        span = f"{tenure.start or '…'}..{tenure.end or 'open'}"
        if in_office:
            return Resolution(
                text, tenure.office_country, tenure.sector,
                make_code(tenure.office_country, tenure.sector), entry.name, entry.wikidata,
                "person", confidence,
                f"person {entry.name}, {tenure.office} {tenure.office_country} {span}",
                office=tenure.office, office_country=tenure.office_country,
            )  # fmt: skip
        return Resolution(
            text, tenure.country, None, tenure.country, entry.name, entry.wikidata, "person",
            confidence * 0.85,
            f"person {entry.name}, out of office on {day} (last: {tenure.office} "
            f"{tenure.office_country} {span})",
        )  # fmt: skip

    def _title_wins(
        self, toks: list[Tok], title: Match, tenures: list[Tenure], in_office: bool, day: Date
    ) -> bool:
        """Whether the text's title beats the tables for a known person: a title they never
        held by the day (not "former"), when it names an office the tables follow or the
        person holds no office then ("Senator Marco Rubio" in 2020, but "General al-Burhan"
        stays the head of state the tables say he is)."""
        if _says_former(toks) or _ever_held(tenures, title, day):
            return False
        return not in_office or title.best.code.split("|")[0] in self.tracked_offices

    def _title(
        self, phrase: Phrase, day: Date, context: ArticleContext | None
    ) -> Resolution | None:
        text, toks, by_kind = phrase.text, phrase.toks, phrase.by_kind
        title = by_kind["title"][0]
        offices = title.best.code.split("|")
        owner = _title_owner(by_kind)
        name = _name_after(toks, title.end, phrase.matches)
        if name is not None:  # "Defense Minister Diego Molano": a person the tables lack
            return self._titled(text, title.best, owner, (name, None, None), day, context)
        if "." in title.best.phrase:
            return None  # an abbreviation ("Sen.", "Gen.") is a title only before a name
        if _says_former(toks):  # "the former French president": an elite, not the holder
            return self._former(text, title.best, owner)
        if owner is not None:
            how = f"title '{title.best.phrase}' + {owner.kind} '{owner.phrase}'"
            return self._office(text, offices, owner, title.best, day, how, 0.9)
        if context is not None:
            seen = context.office_holder(offices, title.best.country)
            if seen is not None:
                return _refer(text, seen, "title", f"title '{title.best.phrase}' held by")
        country = title.best.country
        if country is None and context is not None and len(by_kind) == 1:
            last = context.last_country()
            country = last.country if last is not None else None
        if country is None or context is None:
            return None
        how = f"title '{title.best.phrase}' of {country}"
        return self._office(text, offices, None, title.best, day, how, 0.7, country)

    def _former(self, text: str, title: Entry, owner: Entry | None) -> Resolution | None:
        """A former office holder the text does not name: PLOVER's ELI of the office's country."""
        country = owner.country if owner is not None else title.country
        if country is None:
            return None
        return Resolution(
            text, country, "ELI", make_code(country, "ELI"), None, None, "title", 0.7,
            f"former holder of '{title.phrase}' of {country} -> ELI",
        )  # fmt: skip

    def _office(
        self, text: str, offices: list[str], owner: Entry | None, title: Entry, day: Date,
        how: str, confidence: float, country: str | None = None,
    ) -> Resolution:  # fmt: skip
        """The holder of a titled office on the day; a body's title takes the body's sector
        ("Hezbollah leader" -> LBNREB), never its country's head of state."""
        country, office_country, sector = self._title_codes(owner, title, country)
        holder = self._holder(offices, office_country, day)
        if holder is not None and holder.sector:
            sector = holder.sector
        reason = how + (f", held by {holder.name} on {day}" if holder else "")
        return Resolution(
            text, country, sector, make_code(country, sector), holder.name if holder else None,
            holder.wikidata if holder else None, "title", confidence, reason,
            office=holder.office if holder else offices[0], office_country=office_country,
        )  # fmt: skip

    def _titled(
        self, text: str, title: Entry, owner: Entry | None,
        person: tuple[str, str | None, str | None], day: Date, context: ArticleContext | None,
    ) -> Resolution:  # fmt: skip
        """A title with the name the text gives it: coded from the title and its country (the
        owner named in the phrase, the title's own country, the person's, else the article's
        last country), named by the text; a knowledge-base miss when the tables track that
        office and hold someone else (or no one) on the day."""
        name, wikidata, fallback = person
        offices = title.code.split("|")
        country, office_country, sector = self._title_codes(owner, title, title.country or fallback)
        if country is None and context is not None:
            last = self._nearest_state(context, sector)
            country = office_country = last.country if last is not None else None
        holder = self._holder(offices, office_country, day)
        if holder is not None and _same_person(name, holder.name, self.kb.person_names):
            how = f"title '{title.phrase}' named '{name}'"
            return self._office(text, offices, owner, title, day, how, 0.9, country)
        body = owner is not None and owner.kind in BODY_KINDS
        miss = country is not None and not body and offices[0] in self.tracked_offices
        whose = f"{owner.kind} {owner.code}" if body and owner else country or "no named country"
        reason = f"title '{title.phrase}' of {whose}, named '{name}'"
        if miss:
            reason += f"; the tables hold {holder.name if holder else 'no one'} on {day}"
        confidence = 0.8 if owner is not None else (0.6 if country else 0.45)
        return Resolution(
            text, country, sector, make_code(country, sector), name, wikidata, "title",
            confidence, reason, office=offices[0], office_country=office_country, kb_miss=miss,
        )  # fmt: skip

    def _title_codes(
        self, owner: Entry | None, title: Entry, country: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """(country, whose office, sector) of a title: a body's title keeps the body's sector
        and is the body's office; any other owner lends its country. A state's director
        general is GOV, not IGO."""
        if owner is not None and owner.kind in BODY_KINDS:
            return owner.country, owner.code, owner.sector
        if owner is not None:
            country = owner.country
        sector = title.sector
        if sector == "IGO" and country in self.kb.countries:
            sector = "GOV"
        return country, country, sector

    def _holder(self, offices: list[str], office_country: str | None, day: Date) -> Tenure | None:
        if office_country is None:
            return None
        return next(
            (h for o in offices if (h := self.kb.holder(o, office_country, day)) is not None),
            None,
        )

    def _metonym(self, text: str, entry: Entry, agent: str | None, day: Date) -> Resolution:
        valid = entry.valid_on(day)
        if entry.kind == "capital":
            sector = (agent or entry.sector) if valid else agent
            confidence = 0.75 if valid else 0.5
            note = "seat of government" if valid else f"not the seat of government on {day}"
        else:
            sector, confidence = entry.sector, (0.9 if valid else 0.6)
            note = "metonym" if valid else f"metonym not valid on {day}"
        name = self.kb.country_name(entry.country)
        return Resolution(
            text, entry.country, sector, make_code(entry.country, sector), name, None, "metonym",
            confidence, f"{entry.kind} '{entry.phrase}' -> {entry.country} ({note})",
        )  # fmt: skip

    def _country(self, text: str, entry: Entry, agent: str | None) -> Resolution:
        sector = agent or ("CVL" if entry.kind == "person_noun" else None)
        kind = "agent" if agent else "country"
        how = f"{entry.kind} '{entry.phrase}' -> {entry.country}"
        if agent:
            how += f" + agent noun -> {agent}"
        return Resolution(
            text, entry.country, sector, make_code(entry.country, sector),
            self.kb.country_name(entry.country) or entry.name, entry.wikidata, kind,
            0.9 if entry.kind != "place" else 0.6, how,
        )  # fmt: skip

    def _named(self, text: str, entry: Entry, agent: str | None, day: Date) -> Resolution:
        sector = agent or entry.sector
        valid = entry.valid_on(day)
        note = "" if valid else f" (row not valid on {day})"
        code = make_code(entry.country, sector)
        return Resolution(
            text, entry.country, sector, code, entry.name,
            entry.wikidata, RESOLVED_KIND.get(entry.kind, entry.kind), 0.9 if valid else 0.6,
            f"{entry.kind} {entry.code} '{entry.phrase}' -> {code}{note}",
        )  # fmt: skip

    # ---- references resolved through the article context -----------------------------------
    def _the_country(
        self, text: str, toks: list[Tok], day: Date, context: ArticleContext
    ) -> Resolution | None:
        """ "the country's air force", "the nation": the state the article named last, with
        whatever the rest of the phrase says (a sector, a title)."""
        found = self._nearest_state(context, None)
        name = self.kb.country_name(found.country) if found is not None else None
        if found is None or name is None:
            return None
        rest = " ".join(t.text for t in toks[1:])
        inner = self.resolve(f"{name} {rest}".strip(), day)
        target = inner if inner is not None and inner.country == found.country else found.base()
        how = f"'{toks[0].text}' -> {found.country} (the last country named)"
        return replace(target, text=text, confidence=round(target.confidence * 0.8, 3),
                       reason=f"{how}; {target.reason}")  # fmt: skip

    def _nearest_state(self, context: ArticleContext, sector: str | None) -> Resolution | None:
        """The state the article named last, through any actor of it (a country, a person in
        office, a national body); one of `sector` first ("China's navy" for an admiral)."""

        def of_state(r: Resolution) -> bool:
            return r.country in self.kb.countries and r.kind not in ("org", "list")

        same = context.last(lambda r: of_state(r) and sector is not None and r.sector == sector)
        return same or context.last(of_state)

    def _reference(
        self, text: str, toks: list[Tok], day: Date, context: ArticleContext | None
    ) -> Resolution | None:
        if context is None:
            return None
        if toks[0].low in COUNTRY_REFERENCES and (toks[0].possessive or len(toks) == 1):
            return self._the_country(text, toks, day, context)
        if len(toks) == 1 and toks[0].low in PRONOUNS and toks[0].text != "US":
            want = PRONOUNS[toks[0].low]
            found = {
                "person": context.last_person,
                "country": context.last_country,
                "plural": context.last_plural,
            }[want]()
            if found is None:
                return None
            what = {"person": "person", "country": "country or organisation", "plural": "plural"}
            return _refer(text, found, "pronoun", f"pronoun '{toks[0].text}' -> last {what[want]}")
        plural = _plural_reference(toks)
        if plural is None:
            return None
        accept = {"country": is_country_like, "person": is_person, "any": lambda r: True}
        members = context.last_members(accept[plural[0]], plural[1])
        if not members:
            return None
        return Resolution(
            text, None, None, None, None, None, "list", min(m.confidence for m in members) * 0.9,
            f"plural reference -> {', '.join(m.name or m.code or m.text for m in members)}",
            members=members,
        )  # fmt: skip


# ---- helpers ------------------------------------------------------------------------------
def _strip_leading(toks: list[Tok]) -> list[Tok]:
    i = 0
    while i < len(toks) and toks[i].low in LEADING_WORDS:
        i += 1
    return toks[i:]


def _is_reference(toks: list[Tok]) -> bool:
    """Pronouns and plural references never resolve without a context."""
    single = len(toks) == 1 and toks[0].low in PRONOUNS and toks[0].text != "US"
    return single or _plural_reference(toks) is not None


def _plural_reference(toks: list[Tok]) -> tuple[str, int | None] | None:
    """("country", 2) for "both countries", ("any", None) for "these sides", else None."""
    if len(toks) < 2 or toks[-1].low not in PLURAL_HEADS:
        return None
    size: int | None = None
    determiner = False
    for t in toks[:-1]:
        if t.low in PLURAL_DETERMINERS:
            determiner = True
            size = PLURAL_DETERMINERS[t.low] or size
        elif t.low not in PLURAL_FILLERS:
            return None
    return (PLURAL_HEADS[toks[-1].low], size) if determiner else None


def _same_case(phrase: str, words: list[str]) -> bool:
    words = [fold(w) for w in words]
    written = [fold(t.text) for t in tokenize(phrase)]
    written = written[len(written) - len(words) :]  # a leading "the" is not in the mention
    if written == words:
        return True
    # Headlines in capitals ("RUSSIA WARNS ...") still match names written in mixed case.
    return all(w.isupper() and len(w) > 1 for w in words) and [w.upper() for w in written] == words


def _modifier_positions(toks: list[Tok]) -> set[int]:
    """Tokens of a hyphen compound like "Iran-backed", which modifies rather than names."""
    skip: set[int] = set()
    for i, t in enumerate(toks[1:], start=1):
        if t.low in MODIFIER_SUFFIXES and toks[i - 1].hyphen_after:
            j = i - 1
            skip.update({i, j})
            while j > 0 and toks[j - 1].hyphen_after:
                j -= 1
                skip.add(j)
    return skip


def _glued_to_name(m: Match, toks: list[Tok], taken: set[int]) -> bool:
    """A guarded word next to an unknown capitalised word is part of another name ("Chad
    Smith"); so is a one-word body name spelt like an ordinary word before one ("Amal
    Clooney", "Vox Media")."""
    word_body = m.kind in BODY_KINDS and m.end - m.start == 1 and _plain_word(toks[m.start])
    if m.kind not in GUARDED_KINDS and not word_body:
        return False

    def unknown_cap(i: int) -> bool:
        t = toks[i]
        return t.capitalised and i not in taken and t.low not in NEUTRAL_WORDS and t.low.isalpha()

    left = m.start > 0 and not toks[m.start - 1].possessive and unknown_cap(m.start - 1)
    right = m.end < len(toks) and not toks[m.end - 1].possessive and unknown_cap(m.end)
    # a demonym before a name still says whose it is: "Eritrean Information Minister",
    # "Philippine Maritime Council"
    right = right and m.kind != "demonym"
    return right or (left and not word_body)


def _plain_word(tok: Tok) -> bool:
    """Capitalised like a word or a first name, not an acronym ("Vox", not "PRI")."""
    return tok.capitalised and tok.text[1:].islower()


def _segments(toks: list[Tok], matches: list[Match]) -> list[list[Match]]:
    """Split the matches at conjunctions that are not inside a name ("Bosnia and Herzegovina")."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    cuts = [i for i, t in enumerate(toks) if t.low in CONJUNCTIONS and i not in covered]
    segments: list[list[Match]] = [[]]
    cut_iter = iter(cuts + [len(toks) + 1])
    cut = next(cut_iter)
    for m in matches:
        while m.start > cut:
            segments.append([])
            cut = next(cut_iter)
        segments[-1].append(m)
    return [s for s in segments if s]


def _share_sector(found: list[Resolution]) -> list[Resolution]:
    """ "Russian and Iranian officials": the agent noun of the last part applies to the others."""
    if len(found) < 2 or found[-1].kind != "agent" or found[-1].sector is None:
        return found
    sector = found[-1].sector
    shared = []
    for r in found[:-1]:
        if r.kind == "country" and r.sector is None:
            r = Resolution(
                r.text, r.country, sector, make_code(r.country, sector), r.name, r.wikidata,
                "agent", r.confidence, r.reason + f" + shared agent noun -> {sector}",
            )  # fmt: skip
        shared.append(r)
    return shared + [found[-1]]


def _group_kind(kind: str) -> str:
    if kind in ("person", "surname"):
        return "person"
    if kind in ("metonym", "capital"):
        return "metonym"
    if kind in COUNTRY_KINDS:
        return "country"
    if kind in BODY_KINDS:
        return "body"
    return kind


def _prefer(m: Match, named: set[str | None], context: ArticleContext | None) -> Match:
    """Of rows of several countries sharing a name ("the Democratic Party", "al-Shabaab"),
    the one whose country the phrase names, else the one the article named last; otherwise
    the order of the tables (the most common bearer first)."""
    shared = [e for e in m.entries if e.kind in SHARED_NAME_KINDS and e.country]
    countries = {e.country for e in shared}
    if len(countries) < 2:
        return m
    pick = next((e for e in shared if e.country in named), None)
    if pick is None and context is not None:
        seen = context.last(lambda r: r.country in countries)
        pick = next((e for e in shared if seen and e.country == seen.country), None)
    if pick is None:
        return m
    return Match(m.start, m.end, (pick, *(e for e in m.entries if e is not pick)))


def _agent(sectors: list[Match]) -> Match | None:
    """The sector word that speaks for the phrase: the last specific one ("government
    troops" -> troops, "police officials" -> police, "religious leaders" -> religious), else
    a generic head alone ("officials"); modifiers alone name no actor."""
    specific = [m for m in sectors if m.best.role != "generic"]
    heads = [m for m in sectors if m.best.role != "modifier"]
    if specific and heads:
        return specific[-1]
    return heads[-1] if heads else None


def _start(m: Match) -> int:
    return m.start


def _sector_words(titles: list[Match]) -> list[Match]:
    """Titles that are also sector words ("general", "judge"), as sector matches."""
    found = []
    for m in titles:
        sector = next((e for e in m.entries if e.kind == "sector"), None)
        if sector is not None:
            found.append(Match(m.start, m.end, (sector,)))
    return found


def _title_owner(by_kind: dict[str, list[Match]]) -> Entry | None:
    """The country, organisation or body a title belongs to, named in the same phrase."""
    for kind in ("country", "demonym", "org", "metonym", "body"):
        if kind in by_kind:
            return by_kind[kind][0].best
    return None


def _name_after(toks: list[Tok], after: int, seg: list[Match]) -> str | None:
    """The name the text gives a title's holder: the first run of capitalised words after the
    title that no table knows ("Prime Minister Sanae Takaichi", "Gen. Y")."""
    taken = {i for m in seg for i in range(m.start, m.end)}
    words: list[str] = []
    for i in range(after, len(toks)):
        t = toks[i]
        inside = bool(words) and t.text in NAME_PARTICLES
        if inside or _name_word(t, i, taken):
            words.append(t.text)
            if t.possessive:
                break
        elif words:
            break
    while words and words[-1] in NAME_PARTICLES:
        words.pop()
    return " ".join(words) or None


def _name_word(t: Tok, i: int, taken: set[int]) -> bool:
    return (
        t.capitalised and t.low.isalpha() and i not in taken
        and t.low not in NEUTRAL_WORDS and t.low not in NOT_NAMES
    )  # fmt: skip


def _same_person(name: str, holder: str, spellings: dict[str, set[str]]) -> bool:
    """Whether the text's name is the holder's ("President Xi" for Xi Jinping)."""
    said = {t.low for t in tokenize(name) if len(t.low) > 1} - NAME_PARTICLES
    known = {t.low for s in spellings.get(holder, {holder}) for t in tokenize(s)}
    return bool(said & known)


def _says_former(toks: list[Tok]) -> bool:
    return any(t.low in FORMER_WORDS for t in toks)


def _ever_held(tenures: list[Tenure], title: Match, day: Date) -> bool:
    """Whether the tables have the person in the title's office on the day or before it
    ("President Biden" after 2025 is the courtesy title of a past office)."""
    patterns = title.best.code.split("|")
    return any(
        office_matches(p, t.office) for t in tenures if t.start is None or t.start <= day
        for p in patterns
    )  # fmt: skip


def _refer(text: str, target: Resolution, kind: str, how: str) -> Resolution:
    label = target.name or target.text
    return Resolution(
        text, target.country, target.sector, target.code, target.name, target.wikidata, kind,
        round(target.confidence * 0.8, 3), f"{how} {label} ({target.code})",
        members=target.members, office=target.office, office_country=target.office_country,
        antecedent=target, kb_miss=target.kb_miss,
    )  # fmt: skip


# A town named as an actor or recipient ("Russia shelled Kharkiv") stands for its country, but
# only a town big enough to be news on its own, or one in a country at war.
PLACE_MIN_POPULATION = 100_000
PLACE_CONFIDENCE = 0.6
PLACE_KINDS = frozenset({"city", "capital", "region"})


def _place(text: str, toks: list[Tok]) -> Resolution | None:
    """The lowest-priority fallback: a capitalised gazetteer town gives its country."""
    from eventwire.actors.gazetteer import PLACE_SUFFIXES, gazetteer

    gaz = gazetteer()
    for i, tok in enumerate(toks):
        if not tok.capitalised:
            continue
        for end in range(min(len(toks), i + gaz.max_len), i, -1):
            words = tuple(t.text for t in toks[i:end])
            if not words[-1][:1].isupper() or gaz.is_ambiguous(words):
                continue
            names = [n for n in gaz.names(words) if _newsworthy(n.place, gaz)]
            if not names or _glued_place(toks, i, end, PLACE_SUFFIXES):
                continue
            place = gaz.best(names)
            if place is None:
                continue
            phrase = " ".join(words)
            return Resolution(
                text, place.country, None, place.country, place.name, None, "place",
                PLACE_CONFIDENCE, f"place '{phrase}' -> {place.country} (gazetteer)",
            )  # fmt: skip
    return None


def _newsworthy(place: Place, gaz: Gazetteer) -> bool:
    return place.kind in PLACE_KINDS and (
        place.population >= PLACE_MIN_POPULATION
        or place.kind == "region"
        or place.country in gaz.conflict_countries
    )


def _glued_place(toks: list[Tok], start: int, end: int, suffixes: frozenset[str]) -> bool:
    """A town word inside a longer unknown name ("Jackson Smith", "Kyiv Post")."""

    def unknown_cap(i: int) -> bool:
        t = toks[i]
        return t.capitalised and t.low.isalpha() and t.low not in NEUTRAL_WORDS

    left = start > 0 and not toks[start - 1].possessive and unknown_cap(start - 1)
    right = end < len(toks) and not toks[end - 1].possessive and unknown_cap(end)
    return left or (right and toks[end].text not in suffixes)


@cache
def get_resolver() -> Resolver:
    """The default resolver over the shipped tables and EVENTWIRE_KB_PATH overlays."""
    return Resolver()
