"""The place of an event, from the words of its own sentence.

A place is a proper-noun place phrase of the gazetteer (`eventwire.actors.gazetteer`) that the text
puts the event in, found by syntax:

* a locative phrase ("in/at/near/outside X", "north of X", "the outskirts of X", "X-based" is
  not one) attached to the trigger's clause beats one attached further away in the tree, which
  beats a locative phrase elsewhere in the sentence (the sentence-wide fallback);
* "on/over/against X" and a bare object ("shelled Kharkiv", "strikes on Iran") place only an
  attack or a seizure; "to X" and the object of a motion word ("a visit to Kyiv", "reached
  Kyiv", "sending troops to Los Angeles") only a motion;
* a place that is a subject, an object of any other act or a possessor is an actor or recipient
  ("Moscow said", "praised Berlin", "accused Minsk"), never the event's place;
* a name inside a longer name is no place ("Imran Khan", "Kyiv Post", "Alliance of Sahel
  States"), nor is a word that is not tagged a proper noun ("Human rights groups"); names that
  are also words or people's names ("Reading", "Rubio") count only after a locative preposition.

A country in a locative phrase gives precision "country" (no coordinates), refined by a town of
that country in another locative phrase of the sentence. When several places share a name, the
article's countries (the `countries` hint) decide, then the gazetteer's ranking. The places of a
sentence are found once, however many events it holds, so the cost stays linear in its length.
The dateline and the article's main place come later (`eventwire.coding.article_places`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from eventwire.actors.gazetteer import (
    ADMIN_KINDS,
    KIND_ORDER,
    PLACE_SUFFIXES,
    TERRITORY_WORDS,
    Gazetteer,
    Name,
    Place,
    fold,
    gazetteer,
    words_of,
)
from eventwire.coding.reach import Reach, ancestry, tree_distance
from eventwire.models import Location
from eventwire.ontology import plover_types

__all__ = [
    "PLACE_SUFFIXES",
    "Gazetteer",
    "Place",
    "find_place",
    "gazetteer",
    "locate",
    "locate_all",
]

LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within",
     "into", "off", "along", "through", "toward", "towards", "from", "beyond", "onto"}
)  # fmt: skip
# Prepositions that place an attack or a seizure on what they govern ("strikes on Iran").
CONTACT_PREPS = frozenset({"on", "over", "against", "upon"})
CONTACT_TYPES = frozenset({"ASSAULT", "COERCE"})
# "a claim over the Essequibo region", "tensions over Taiwan": what is at stake, not a place.
STAKE_NOUNS = frozenset(
    {"claim", "sovereignty", "control", "dispute", "row", "tension", "tensions", "standoff",
     "jurisdiction", "rights", "quarrel", "feud", "rift", "spat", "talks"}
)  # fmt: skip
# A country is the place of an event only inside one of these ("sanctions on Syria" is a target).
COUNTRY_PREPS = frozenset(
    {"in", "inside", "across", "throughout", "within", "near", "outside", "from", "into", "off",
     "along"}
)  # fmt: skip
# "north of Kyiv", "the outskirts of Kharkiv", "his hometown of Garoua": "of" is locative here.
OF_HEADS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "outskirts", "centre", "center", "city", "town", "village", "port", "region", "province",
     "suburbs", "coast", "streets", "heart", "edge", "area", "district", "outside", "hometown",
     "state", "governorate", "oblast", "capital", "island", "border", "waters"}
)  # fmt: skip
DIRECTIONS = frozenset(
    {"eastern", "western", "northern", "southern", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west"}
)  # fmt: skip
# Relations that may place an event from anywhere in its sentence; the others only when the
# phrase is attached to the event's own clause.
FREE_RELATIONS = frozenset({"locative", "motion"})
SUBJECTS = frozenset({"nsubj", "csubj", "poss", "expl"})
ARGUMENTS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd"})
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "appos", "conj", "attr"})
INSIDE_PHRASE = frozenset({"appos", "conj", "pobj", "prep", "amod"})
# Prepositions whose phrase is about something other than the event itself.
ASIDE_PREPS = frozenset(
    {"about", "for", "concerning", "regarding", "despite", "after", "before", "since", "amid",
     "like", "than", "following"}
)  # fmt: skip
MAX_CLIMB = 4
NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
BLOCKED = -1  # the distance of a phrase that hangs under a phrase about something else
# The country a possessive pronoun stands for, as the article's mentions resolve it.
Owner = Callable[[Token], str | None]


@cache
def _word_file(name: str) -> frozenset[str]:
    path = resources.files("eventwire") / "data" / "gazetteer" / name
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def motion_words() -> frozenset[str]:
    """Lemmas whose "to X" or object is where the event goes ("visit", "deploy", "reach")."""
    return _word_file("motion_words.txt")


def site_words() -> frozenset[str]:
    """Nouns that end a site's name inside a town ("the Islamabad High Court")."""
    return _word_file("site_words.txt")


# ---- public -------------------------------------------------------------------------------
def locate(
    sentence: Span, trigger: Token, countries: set[str] | None = None, event_type: str = ""
) -> Location | None:
    """The place of the event anchored at `trigger`; `countries` are the article's countries."""
    found = find_place(sentence, trigger, countries, event_type)
    return found[0] if found else None


def locate_all(
    sentence: Span,
    trigger: Token,
    countries: set[str] | None = None,
    event_type: str = "",
    owner: Owner | None = None,
) -> list[Location]:
    """The event's place, then the places coordinated with it ("struck the sites at Fordo,
    Isfahan and Natanz", "rallies in Douala and in Garoua"): one act at each place, as a
    map of incidents counts them. Empty when the sentence puts the event nowhere. `owner`
    tells the country a possessive pronoun stands for ("entered its airspace")."""
    ranked, attached = _ranked_places(sentence, trigger, countries, event_type, owner)
    if not ranked:
        return []
    best = _most_specific(ranked)
    reason = "attached to the event" if attached else "named in its sentence"
    first = best.location(reason)
    qualifier = next((c for c in ranked if _qualifies(c, best)), None)
    if qualifier is not None:  # "in Nasir, Upper Nile state": one place, said precisely
        first = first.model_copy(update={"text": f"{best.text}, {qualifier.text}"})
    others = [c for c in ranked if _coordinated(best, c)]
    return [first, *(c.location(f"{reason}, with '{best.text}'") for c in others)]


def find_place(
    sentence: Span, trigger: Token, countries: set[str] | None = None, event_type: str = ""
) -> tuple[Location, str] | None:
    """The place of the event and its precision ("site", "city", "region" or "country"),
    or None when its sentence does not put it anywhere."""
    found = locate_all(sentence, trigger, countries, event_type)
    return (found[0], found[0].precision or "") if found else None


def _ranked_places(
    sentence: Span,
    trigger: Token,
    countries: set[str] | None,
    event_type: str,
    owner: Owner | None = None,
) -> tuple[list[Candidate], bool]:
    """The sentence's places that fit the event, best first, and whether they are attached
    to it (else they are only named in its sentence)."""
    places = sentence_index(sentence, countries)
    up = ancestry(trigger)
    statement = event_type in statement_types()

    def fits(candidate: Candidate) -> bool:
        return candidate.usable(up, event_type) and not candidate.describes_a_thing(up, statement)

    owned = [c for c in _owned_territories(sentence, owner) if fits(c)] if owner else []
    usable = [c for c in places.under(up) if fits(c)] + owned
    attached = [c for c in usable if c.close(up, event_type)]
    options = attached or [c for c in places.around(trigger.i) if fits(c)] + owned
    return sorted(options, key=lambda c: c.rank(up, trigger, event_type)), bool(attached)


def _owner_is_a_subject(territory: Token, country: str, owner: Owner) -> bool:
    """A check on the pronoun's reading: its country is that of a subject of the sentence
    other than the one who crosses into the territory ("Poland says it shot down drones that
    entered its airspace": Poland, not the drones)."""
    clause = territory
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    crossing = {c.i for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}}
    subjects = [
        t for t in territory.sent if t.dep_ in {"nsubj", "nsubjpass"} and t.i not in crossing
    ]
    return any(owner(subject) == country for subject in subjects)


def _owned_territories(sentence: Span, owner: Owner) -> list[Candidate]:
    """ "drones that entered its airspace", "in their territorial waters": a territory word
    owned by a pronoun is the country the pronoun stands for."""
    found = []
    for token in sentence:
        if token.lower_ not in TERRITORY_WORDS:
            continue
        pronoun = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        country = owner(pronoun) if pronoun is not None else None
        place = gazetteer().countries.get(country) if country else None
        if place is None or not _owner_is_a_subject(token, country, owner):
            continue
        span = sentence.doc[pronoun.i : token.i + 1]
        prep = _preposition(span)
        relation, anchor = _attachment(span, prep)
        found.append(
            Candidate(span, place, anchor, relation, prep.lower_ if prep else "", span.text)
        )
    return found


def _most_specific(ranked: list[Candidate]) -> Candidate:
    """The first ranked place, or a town of it when it is a whole country."""
    best = ranked[0]
    if best.place.kind == "country":
        towns = [c for c in ranked if c.place.kind != "country" and c.country == best.country]
        best = towns[0] if towns else best
    return best


def _qualifies(other: Candidate, best: Candidate) -> bool:
    """A broader place of the same country in apposition to the event's place: "Nasir, Upper
    Nile state", "Springfield, Illinois"."""
    root = other.span.root
    inside = best.span.start <= root.head.i < best.span.end
    broader = KIND_ORDER[other.place.kind] != KIND_ORDER[best.place.kind]
    return root.dep_ == "appos" and inside and other.country == best.country and broader


def _coordinated(best: Candidate, other: Candidate) -> bool:
    """Whether two place phrases are conjoined ("Fordo, Isfahan and Natanz"; "in Douala and
    in Garoua"), so that the act happened at each: the same relation to it, both whole
    countries or neither, and one list of names or of prepositional phrases."""
    if other.place == best.place or other.relation != best.relation:
        return False
    if (other.place.kind == "country") != (best.place.kind == "country"):
        return False
    mine, theirs = best.span.root, other.span.root
    if "conj" in (mine.dep_, theirs.dep_) and _first_conjunct(mine) == _first_conjunct(theirs):
        return True
    mine, theirs = _preposition(best.span), _preposition(other.span)
    if mine is None or theirs is None or mine.i == theirs.i:
        return False
    return _first_conjunct(mine) == _first_conjunct(theirs)


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


@cache
def statement_types() -> frozenset[str]:
    """Verbal acts (QuadClass 1 and 3: said, asked, agreed, accused), whose place is where they
    are made, but a meeting, which is held at a place ("talks at the border meeting point in
    eastern Ladakh")."""
    verbal = (name for name, t in plover_types().items() if t.quad_class in (1, 3))
    return frozenset(verbal) - {"CONSULT"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place phrase of a sentence and how the sentence attaches it."""

    span: Span
    place: Place
    anchor: Token  # the word the phrase hangs from (the preposition's head, or its own head)
    relation: str  # locative | contact | motion | argument | subject | mention
    prep: str  # the preposition's word, "" without one
    text: str

    @property
    def country(self) -> str | None:
        return self.place.country

    def places(self, event_type: str) -> bool:
        """Whether this phrase can be the place of an event of `event_type`: a locative or
        motion phrase, or the target of an attack or seizure."""
        if self.relation == "locative":
            return self.place.kind != "country" or self.prep in COUNTRY_PREPS
        if self.relation == "motion":
            return True
        return self.relation in ("contact", "argument") and event_type in CONTACT_TYPES

    def usable(self, up: dict[int, int], event_type: str) -> bool:
        """A place of this event: of its kind, attached to it, or a locative phrase of its
        sentence that is not about something else."""
        if not self.places(event_type):
            return False
        distance = self.distance(up, event_type)
        if self.relation == "argument":
            return distance == 0  # the object of the attack itself: "shelled Kharkiv"
        return distance != BLOCKED and (distance is not None or self.relation in FREE_RELATIONS)

    def describes_a_thing(self, up: dict[int, int], statement: bool) -> bool:
        """A locative or motion phrase hanging from a noun on its way up to the trigger
        describes that thing. For a statement it is the topic, not the place ("called for a
        ceasefire in Gaza", "a deal to free the hostages held in Gaza"; "talks in Geneva"
        hangs from the trigger itself); for any act when the noun is in a clause above the
        trigger's ("the defence ministry in Ankara said ..., a day after the group's fighters
        killed two soldiers" does not place the killing in Ankara). One walk up serves both."""
        if self.relation not in FREE_RELATIONS:
            return False
        path, met = _way_up(self.anchor, up)
        if not any(t.pos_ in NOUNS for t in path):
            return False
        return statement or up.get(met.i, 0) > 0

    def close(self, up: dict[int, int], event_type: str) -> bool:
        distance = self.distance(up, event_type)
        return distance is not None and distance != BLOCKED

    def distance(self, up: dict[int, int], event_type: str) -> int | None:
        """Tree distance from the anchor to the trigger (whose ancestors are `up`), if close;
        BLOCKED through a phrase about something else ("sanctions over the war in Ukraine")."""
        return tree_distance(self.anchor, up, lambda t: _passes(t, event_type))

    def rank(self, up: dict[int, int], trigger: Token, event_type: str) -> tuple[int, ...]:
        """Attached phrases first, closest in the tree, where reaching a phrase of a clause
        above the trigger's costs one step more than one of its own clause, which wins a tie
        ("Israel hit sites in Iran, after which Iran hit back with attacks on Israel": the
        second attack is on Israel); then the most specific, then the nearest in words."""
        distance = self.distance(up, event_type)
        far = distance is None
        climb = 0 if far else _climb(self.anchor, up)
        specific = {"site": 0, "city": 0, "region": 1, "country": 2}[self.place.precision]
        steps = (distance or 0) + (climb > 0)
        return (far, steps, climb, specific, abs(self.span.start - trigger.i))

    def location(self, reason: str) -> Location:
        place = self.place
        return Location(
            text=self.text, name=place.name, country=place.country, lat=place.lat,
            lon=place.lon, geonameid=place.geonameid, precision=place.precision,
            reason=f"{self.relation} phrase '{self.text}' {reason}",
        )  # fmt: skip


def _way_up(anchor: Token, up: dict[int, int]) -> tuple[list[Token], Token]:
    """The words from a phrase's anchor up to where it meets the trigger's ancestry (`up`),
    and the word where it meets it (the sentence's root, also on the way, when it never
    does)."""
    path = []
    token = anchor
    while token.i not in up:
        path.append(token)
        if token.head.i == token.i:
            break
        token = token.head
    return path, token


def _climb(anchor: Token, up: dict[int, int]) -> int:
    """How far above the trigger the phrase's way up meets the trigger's (0: in its clause)."""
    _, met = _way_up(anchor, up)
    return up.get(met.i, 0)


def _passes(token: Token, event_type: str) -> bool:
    """Whether a place phrase under this word still describes the event: not through a
    preposition that gives a cause, a topic or another time ("sanctions over the war in
    Ukraine", "talks about", "after the raid in")."""
    if token.dep_ != "prep":
        return True
    word = token.lower_
    if word in CONTACT_PREPS:
        return event_type in CONTACT_TYPES or word == "on"
    if word == "of":
        return token.head.lower_ in OF_HEADS
    return word not in ASIDE_PREPS


# ---- the places of a sentence, found once ------------------------------------------------------
# The places of the sentences of the document being coded, by sentence: its events and the
# article's main place share one scan of each sentence.
Scans = dict[tuple[int, int], tuple[frozenset[str], Reach["Candidate"]]]
_scanned: tuple[Doc | None, Scans] = (None, {})


def sentence_places(
    sentence: Span, countries: set[str] | None = None, any_hint: bool = False
) -> list[Candidate]:
    """Every place phrase of the sentence, left to right; `any_hint` takes the sentence's
    scan as it was made for its events, whatever countries hinted it then."""
    return sentence_index(sentence, countries, any_hint).items


def sentence_index(
    sentence: Span, countries: set[str] | None = None, any_hint: bool = False
) -> Reach[Candidate]:
    """The sentence's place phrases, scanned once per document (and hint)."""
    global _scanned
    doc, done = _scanned
    if doc is not sentence.doc:
        done = {}
        _scanned = (sentence.doc, done)
    hint = frozenset(countries or ())
    found = done.get((sentence.start, sentence.end))
    if found is not None and (any_hint or found[0] == hint):
        return found[1]
    reach = Reach(list(_scan(sentence, gazetteer(), hint)), _anchor, _start)
    done[(sentence.start, sentence.end)] = (hint, reach)
    return reach


def _anchor(candidate: Candidate) -> Token:
    return candidate.anchor


def _start(candidate: Candidate) -> int:
    return candidate.span.start


def _scan(sentence: Span, gaz: Gazetteer, countries: frozenset[str]) -> Iterator[Candidate]:
    tokens = list(sentence)
    i = 0
    while i < len(tokens):
        found = _match_at(tokens, i, gaz) if _starts_name(tokens[i], gaz) else None
        if found is None:
            i += 1
            continue
        end, words, names = found
        span = sentence.doc[tokens[i].i : tokens[end - 1].i + 1]
        candidate = _candidate(span, words, names, gaz, set(countries))
        if candidate is not None:
            yield candidate
        i = end


def _match_at(
    tokens: list[Token], i: int, gaz: Gazetteer
) -> tuple[int, tuple[str, ...], list[Name]] | None:
    """The longest gazetteer name starting at token i (in sentence positions)."""
    for end in range(min(len(tokens), i + gaz.max_len * 2), i, -1):
        last = tokens[end - 1]
        closing = last.lower_ in ADMIN_KINDS or last.lower_ in TERRITORY_WORDS
        if not last.is_alpha or not (last.text[:1].isupper() or closing):
            continue
        words = words_of(tokens[i].doc[tokens[i].i : last.i + 1].text)
        if len(words) > gaz.max_len + 1:
            continue
        names = gaz.names(words)
        if names:
            return end, words, names
    return None


def _candidate(
    span: Span, words: tuple[str, ...], names: list[Name], gaz: Gazetteer, countries: set[str]
) -> Candidate | None:
    if not _proper(span) or _named_thing(span):
        return None
    site = _site_name(span)
    if site is None and _glued(span):
        return None
    phrase = site or span
    prep = _preposition(phrase)
    relation, anchor = _attachment(phrase, prep)
    plain = relation in ("locative", "motion", "contact") and (prep is not None or not site)
    direct = plain and phrase.root.head.i == (prep.i if prep is not None else anchor.i)
    if gaz.is_ambiguous(words) and not (direct or _named_by_kind(phrase)):
        return None  # "Reading", "Rubio", "Borno": places only right after "in", "to", ...
    if all(n.alias for n in names) and not plain:
        return None  # old and foreign spellings only where the phrase is plainly a place
    if site is not None and relation != "locative":
        return None
    place = gaz.best(names, countries)
    if place is None or (place.kind == "admin1" and place.country not in countries):
        return None  # "the Gulf state": regions are read only in the article's countries
    text = site.text if site is not None else _phrase_text(span)
    return Candidate(span, place, anchor, relation, prep.lower_ if prep else "", text)


def _named_by_kind(span: Span) -> bool:
    """ "the highland province of Enga", "the state of Borno": a region named after its kind."""
    of = span.root.head
    return of.lower_ == "of" and of.head.lower_ in ADMIN_KINDS and span.root.dep_ == "pobj"


def _site_name(span: Span) -> Span | None:
    """ "the Islamabad High Court": a town's name starting a site's name, the whole name."""
    doc, end = span.doc, span.end
    while end < span.sent.end and _name_word(doc[end]):
        end += 1
    if end == span.end or doc[end - 1].lower_ not in site_words():
        return None
    return doc[span.start : end]


def _attachment(span: Span, prep: Token | None) -> tuple[str, Token]:
    """How the sentence attaches the phrase: through a preposition, or as an argument."""
    root = span.root
    if prep is not None:
        prep = _first_conjunct(prep)  # "in Lyon and in Marseille": both hang from "rallied"
        word = prep.lower_
        if word in LOCATIVE_PREPS or (word == "of" and prep.head.lower_ in OF_HEADS):
            return "locative", prep.head
        if word in CONTACT_PREPS and prep.head.lemma_.lower() in STAKE_NOUNS:
            return "mention", prep.head
        if word == "over" and prep.head.lemma_.lower() in motion_words():
            return "locative", prep.head  # "bombers flew over the Sea of Japan"
        if word in CONTACT_PREPS:
            governed = [c.lower_ for c in prep.children if c.dep_ == "pobj"]
            return ("locative" if set(governed) & OF_HEADS else "contact"), prep.head
        if word == "to" and prep.head.lemma_.lower() in motion_words():
            return "motion", prep.head
        return "mention", prep.head
    if root.dep_ in ARGUMENTS and root.head.i != root.i:
        head = root.head
        if head.lemma_.lower() in motion_words() and root.dep_ == "dobj":
            return "motion", head
        return "argument", head
    if root.dep_ in SUBJECTS and not (root.dep_ == "poss" and prep is not None):
        return "subject", root.head
    return "mention", root.head


def _preposition(span: Span) -> Token | None:
    """The preposition whose object holds the place: "in Kyiv", "north of Kyiv", "at the
    Islamabad High Court", "in Nasir, Upper Nile state"."""
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.dep_ in ("pobj", "pcomp") and _is_preposition(token.head):
            prep = token.head
            if prep.lower_ == "of" and prep.head.lower_ in OF_HEADS:
                return _outer_preposition(prep)
            return prep
        if token.head.i == token.i or not _inside(token):
            return None
        token = token.head
    return None


def _inside(token: Token) -> bool:
    """Whether a word belongs to its head's place phrase: "Kharkiv" of "the Kharkiv region",
    "Venezuela" of "Venezuela's coast", "Washington" of "Washington DC", but not "Horn of
    Africa" of "Horn of Africa states"."""
    if token.dep_ in ("compound", "poss", "nmod"):
        head = token.head.lower_
        suffix = token.head.text in PLACE_SUFFIXES  # "Washington" of "Washington DC"
        return suffix or head in OF_HEADS or head in site_words() or head in ADMIN_KINDS
    return token.dep_ in INSIDE_PHRASE


def _outer_preposition(of: Token) -> Token:
    """ "in the outskirts of Kharkiv": the preposition that governs the whole phrase."""
    head = of.head
    if head.dep_ == "pobj" and _is_preposition(head.head):
        return head.head
    return of


def _is_preposition(token: Token) -> bool:
    """A preposition heading a phrase, or the second of two ("in Lyon and in Marseille")."""
    return token.dep_ in ("prep", "agent") or (token.dep_ == "conj" and token.pos_ == "ADP")


def _proper(span: Span) -> bool:
    """A proper-noun phrase: some word tagged a proper noun or written in capitals, or a
    capitalised noun phrase inside the sentence (the tagger sometimes calls "Bakhmut" an
    adjective); a capitalised first word of a sentence may be any word ("Human rights")."""
    if any(t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS") or t.is_upper for t in span):
        return True
    return span.start > span.sent.start and span.root.dep_ in NOMINAL_DEPS


def _glued(span: Span) -> bool:
    """A place word that is part of a longer proper name ("Victoria Beckham", "Kyiv Post",
    "Alliance of Sahel States")."""
    doc, sent = span.doc, span.sent
    before = doc[span.start - 1] if span.start > sent.start else None
    after = doc[span.end] if span.end < sent.end else None
    if before is not None and _name_word(before):
        return before.lower_ not in DIRECTIONS
    if after is None:
        return False
    if _name_word(after):
        return after.text not in PLACE_SUFFIXES
    following = doc[span.end + 1] if span.end + 1 < sent.end else None
    return after.lower_ == "of" and following is not None and _name_word(following)


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and not token.is_upper


def _named_thing(span: Span) -> bool:
    """A place word that only modifies a thing's name: "the Kyiv government" stays a place
    word of its noun, but "Venezuela-based" or "Gaza-bound" describe something else."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].is_alpha


def _phrase_text(span: Span) -> str:
    """The place as the sentence names it, with a direction word: "eastern Ukraine"."""
    doc = span.doc
    start = span.start
    if start > span.sent.start and doc[start - 1].lower_ in DIRECTIONS:
        start -= 1
    return doc[start : span.end].text


def _starts_name(token: Token, gaz: Gazetteer) -> bool:
    if not (token.is_alpha and token.text[:1].isupper()):
        return False
    return token.lower_ in gaz.first_words or fold(token.lower_) in gaz.first_words
