"""Which phrases take part in an event, and how each is resolved.

The actor and recipient phrases the syntax finds are resolved through the article's mentions.
When a phrase names no country itself, the words around it often do, and news English puts
them in a handful of places, tried in order:

- an apposition: "Gan Yu, a spokesperson for China's Coast Guard";
- a modifier of a generic head: "the foreign ministers *of* Rwanda and DR Congo", "officials
  *from* Kenya", "a number of countries, *among them* the US and the UK", "countries
  *including* X and Y", "police *in* Lagos" (a place gives its country);
- the setting of the event: a generic domestic participant ("police", "protesters", "the
  army") takes the country of the event's place, else the article's main country, with a
  `reason` that says so.

A phrase the knowledge base cannot code still takes part when it plainly names someone: a
proper name ("Action Against Hunger"), an acronym ("ICE"), a noun with a sector ("the court")
or a listed person noun ("armed men"). Such uncoded actors keep their words and a low
confidence. A recipient may also be a plain phrase ("the legislation", "catering conditions"):
it keeps its words so the record shows on whom the act fell, and the record builder decides
whether an event with such a side belongs in the default dataset.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from eventwire.actors import Resolution
from eventwire.actors.gazetteer import gazetteer
from eventwire.actors.kb import load_kb
from eventwire.actors.resolution import derived
from eventwire.coding.lexicon import actor_nouns, load_lexicon
from eventwire.coding.mentions import MentionResolver
from eventwire.coding.syntax import (
    conjuncts,
    is_time_word,
    phrase_span,
    prepositional_objects,
    reported_speaker,
)

PERSON_SUFFIXES = ("ian", "ist", "eer", "ee")
# Prepositions after which a name that could be a person's or a word is read as a place.
PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "into", "near", "from", "across", "inside"})
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
# Prepositions whose object names whom a generic head belongs to ("ministers of Rwanda").
MEMBER_PREPOSITIONS = frozenset({"of", "for", "from", "including", "among", "like"})
# Prepositions inside a thing's phrase that lead to the party it concerns ("ban on Turkey").
THING_PREPOSITIONS = frozenset(
    {"of", "on", "with", "against", "to", "for", "from", "by", "between", "over", "into", "in",
     "among"}
)  # fmt: skip
# Acts whose prepositional object is their victim ("the war on Ukraine").
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION", "ACCUSE", "MOBILIZE"})
# Lines between states: "the border with Benin" names the neighbour.
BORDER_HEADS = frozenset({"border", "frontier", "boundary", "borderland", "crossing"})
# Prepositions whose object locates a generic head ("police in Lagos", "sites in Iran").
LOCATING_PREPOSITIONS = frozenset({"in", "inside", "across", "near", "outside", "at"})
# Heads that name states among states: their country is never the place's or the article's.
INTERNATIONAL_HEADS = frozenset(
    {"country", "nation", "state", "power", "ally", "partner", "neighbour", "neighbor",
     "government", "member", "side", "party", "bloc", "donor", "world", "community",
     "superpower", "capital"}
)  # fmt: skip


@dataclass(frozen=True)
class Setting:
    """Where an event happens and what its article is mostly about: the country a generic
    domestic participant ("police", "protesters") belongs to when the text names none."""

    place_country: str | None = None
    main_country: str | None = None
    authority_country: str | None = None  # whose arrests, releases or pardons these are
    reporter_country: str | None = None  # whose officials report the act


def resolve_participants(
    heads: list[Token],
    mentions: MentionResolver,
    setting: Setting | None = None,
    keep_phrases: bool = False,
) -> list[tuple[Token, Resolution]]:
    """Resolutions of the phrases, lists ("these countries") expanded to their members.

    `keep_phrases` keeps a phrase that names no actor at all as a bare phrase (for
    recipients: the act still fell on it); otherwise such phrases take no part.
    """
    found: list[tuple[Token, Resolution]] = []
    for head in heads:
        named = None
        if head.pos_ == "PRON" and any(c.dep_ == "appos" for c in head.children):
            # "We, the leaders of France and Germany": the apposition says who "we" are
            named = _from_modifiers(head, mentions, None)
        head, resolution = (head, named) if named else _resolve_head(head, mentions)
        if head.lemma_.lower() in BORDER_HEADS:
            resolution = _neighbour(head, mentions) or resolution
        if not _coded(resolution):
            resolution = _from_modifiers(head, mentions, resolution) or resolution
        if not _coded(resolution):
            resolution = _in_setting(head, resolution, setting) or resolution
        if not _coded(resolution) and keep_phrases:
            resolution = named_place(head) or resolution
        if not _coded(resolution):
            resolution = _uncoded(head, resolution) or (_phrase(head) if keep_phrases else None)
            if resolution is None:
                continue
        else:
            mentions.remember(head, resolution)
        for member in resolution.members or (resolution,):
            found.append((head, member))
    return found


def _resolve_head(head: Token, mentions: MentionResolver) -> tuple[Token, Resolution | None]:
    """A phrase's resolution; "The army says it opened an inquiry": the pronoun is the
    speaker, named by the speaker's own words, when the speaker is a coded actor."""
    resolution = mentions.resolve_token(head)
    speaker = reported_speaker(head) if head.pos_ == "PRON" else None
    if speaker is None:
        return head, resolution
    said = mentions.resolve_token(speaker)
    if not _coded(resolution) or (_coded(said) and not speaker.is_upper):
        # "The government said it would ask the UN": the government (a dateline in capitals,
        # "KYIV -", is no speaker the parser should have found)
        return speaker, said
    return head, resolution


def _coded(resolution: Resolution | None) -> bool:
    return resolution is not None and bool(resolution.country or resolution.members)


def _from_modifiers(
    head: Token, mentions: MentionResolver, own: Resolution | None, depth: int = 0
) -> Resolution | None:
    """The country named next to a generic head: apposition, member or locating modifier."""
    sector = own.sector if own is not None else None
    for appos in _appositions(head):
        found: list[Resolution] = []
        if depth == 0 and appos.pos_ == "NOUN":  # "the leaders of France and Germany"
            inner = mentions.resolve_token(appos)
            nested = _from_modifiers(appos, mentions, inner, depth + 1)
            found = list(nested.members or (nested,)) if nested is not None else []
        found = found or _members(conjuncts(appos), mentions)
        if found:
            return _with_sector(found, sector or _sector_of(appos, mentions), head, "apposition")
    for prep in head.children:
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        if word in MEMBER_PREPOSITIONS or _such_as(prep):
            found = _members(conjuncts(objects[0]), mentions)
            if found:
                return _with_sector(found, sector, head, f"{word!r} modifier", objects[0])
        elif word in LOCATING_PREPOSITIONS and _generic(head, own) and not _owned(head):
            place = named_place(objects[0])  # "police in Lagos": the city, not a Chilean
            found = [place] if place is not None else _members([objects[0]], mentions)
            if found:
                return _with_sector(found[:1], sector, head, f"located {word!r}", objects[0])
    return None


def _owned(head: Token) -> bool:
    """ "its consulate in Syria": the owning pronoun, not the place, says whose it is."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)


def _neighbour(head: Token, mentions: MentionResolver) -> Resolution | None:
    """ "its southern border with Benin": the neighbour a border is shared with (the parser
    often hangs "with Benin" on the verb instead of the border)."""
    holders = [head] + ([head.head.head] if head.dep_ == "pobj" else [])
    for holder in holders:
        for neighbour in prepositional_objects(holder, "with"):
            found = _members(conjuncts(neighbour), mentions)
            if found:
                shared = _with_sector(found[:1], None, head, "border with")
                return replace(shared, kind="border") if shared is not None else None
    return None


def _appositions(head: Token) -> list[Token]:
    """Appositions of the head, or of the collective it was reached through ("a number of
    countries, among them the US and the UK")."""
    owners = [head]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i != head.head.i:
        owners.append(head.head.head)
    return [
        c for owner in owners for c in owner.children
        if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"}
    ]  # fmt: skip


def _such_as(prep: Token) -> bool:
    """ "officials such as X": the preposition "as" after "such"."""
    return prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)


def _members(tokens: list[Token], mentions: MentionResolver, depth: int = 0) -> list[Resolution]:
    """Coded actors among the tokens; "several members *of* Hamas" is read through once."""
    found = []
    for token in tokens:
        resolution = mentions.resolve_token(token)
        coded = (
            [m for m in (resolution.members or (resolution,)) if m.country] if resolution else []
        )
        if not coded and depth == 0:
            inner = [o for p in token.children if p.lower_ == "of" for o in p.children]
            coded = _members([o for o in inner if o.dep_ == "pobj"], mentions, depth + 1)
        found.extend(coded)
    return found


def inside_thing(
    head: Token, mentions: MentionResolver, through_attacks: bool = False
) -> Resolution | None:
    """A thing an act fell on, and the party it belongs to or concerns inside its phrase:
    "suspended air links *with 21 countries*", "lifted restrictions on the ability of
    people to visit *Cuba*", "parole restrictions imposed *on Olmert*". Only for a head that
    names no kind of actor itself; the words run on to the party. A hostile act's target is
    its victim ("backed the war on Ukraine" supports no Ukraine) unless the act is being
    undone (`through_attacks`: "lifted the ban on Turkey")."""
    if not _nominal(head) or _named(head) or _person_noun(head) or agent_word(head.lemma_):
        return None
    for obj in _thing_objects(head, 0, through_attacks):
        found = _members(conjuncts(obj), mentions)
        if found:
            concerned = _with_sector(found, None, head, "inside the phrase", obj)
            if concerned is None:
                return None
            members = tuple(replace(m, kind="concerned") for m in concerned.members)
            return replace(concerned, kind="concerned", members=members)
    return None


def _thing_objects(token: Token, depth: int, through_attacks: bool) -> Iterator[Token]:
    """Objects of the prepositions inside a phrase, nearest first, two levels down, through
    a participle ("restrictions *imposed on* X")."""
    if depth > 2 or not through_attacks and _hostile_act(token):
        return
    for modifier in token.rights:
        preps = [modifier] if modifier.dep_ == "prep" else []
        if modifier.dep_ == "acl" and modifier.tag_ == "VBN":
            preps = [c for c in modifier.children if c.dep_ in {"prep", "agent"}]
        for prep in preps:
            if prep.lower_ not in THING_PREPOSITIONS:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if not is_time_word(obj):
                    yield obj
                    yield from _thing_objects(obj, depth + 1, through_attacks)


def _end_through_of(token: Token) -> int:
    """Where a phrase ends, its "of" object included ("the homes of several members *of
    Hamas*"), since the members rule reads through one "of"."""
    end = phrase_span(token)[1]
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            end = max([end] + [phrase_span(o)[1] for o in prep.children if o.dep_ == "pobj"])
    return end


def _hostile_act(token: Token) -> bool:
    """A noun for an attack or a hostile act ("the war", "sanctions", "the charges")."""
    lemma, lexicon = token.lemma_.lower(), load_lexicon()
    if token.pos_ != "NOUN":
        return False
    if lexicon.in_class("hostilities", lemma) or lexicon.in_class("violence", lemma):
        return True
    return any(e.event_type in HOSTILE_TYPES for e in lexicon.candidates("NOUN", lemma))


def _sector_of(token: Token, mentions: MentionResolver) -> str | None:
    resolution = mentions.resolve_token(token)
    return resolution.sector if resolution is not None else None


def _with_sector(
    found: list[Resolution],
    sector: str | None,
    head: Token,
    how: str,
    modifier: Token | None = None,
) -> Resolution | None:
    """The countries found, each with the generic head's sector ("ministers" -> GOV); the
    words run on through the `modifier` that named them ("officials from Kenya")."""
    start, end = phrase_span(head)
    if modifier is not None:
        end = max(end, *(_end_through_of(o) for o in conjuncts(modifier)))
    text = head.doc[start:end].text
    words_end = end if modifier is not None else None
    members = tuple(
        replace(
            member.base(),
            text=text,
            sector=member.sector or sector,
            code=(member.country or "") + (member.sector or sector or ""),
            kind=member.kind if member.kind != "place" else "agent",
            confidence=min(0.75, member.confidence),
            reason=f"{how} {member.text!r} -> {member.country}",
            members=(),
            antecedent=None,
            words_end=words_end,
        )
        for member in found
    )
    if not members:
        return None
    if len(members) == 1:
        return members[0]
    return Resolution(
        text, None, None, None, None, None, "list", min(m.confidence for m in members),
        f"{how}: " + "; ".join(m.code or "" for m in members), members=members,
        words_end=words_end,
    )  # fmt: skip


def _generic(head: Token, own: Resolution | None) -> bool:
    """A head that names a kind of participant, not a particular one."""
    if head.pos_ == "PROPN":
        return False
    return bool(own is not None and own.sector) or _person_noun(head) or head.pos_ == "NOUN"


def _in_setting(head: Token, own: Resolution | None, setting: Setting | None) -> Resolution | None:
    """A generic domestic participant takes the country where the event happens."""
    if setting is None or not _common_noun(head) or _international(head) or _owned(head):
        return None  # "its consulate": its owner's, whoever that is, not the place's
    sectored = own is not None and own.sector and not _act_head(head)
    if not (_person_noun(head) or sectored):
        return None  # "joint military exercises" are no participant, "the army" is
    if setting.authority_country:
        country, why = setting.authority_country, "the authority that acts on them"
    elif setting.place_country:
        country, why = setting.place_country, "the event's place"
    elif setting.reporter_country:
        country, why = setting.reporter_country, "the officials who report it"
    elif setting.main_country:
        country, why = setting.main_country, "the article's main country"
    else:
        return None
    sector = own.sector if own is not None else None
    text = head.doc[slice(*phrase_span(head))].text
    return derived(
        text, country, sector, "inferred", 0.35, f"no country named; {country} from {why}"
    )


def _agent_head(head: Token) -> bool:
    """The head word itself names a kind of actor ("the army", "authorities"), not only a
    modifier of it ("military exercises")."""
    return agent_word(head.lemma_.lower()) or agent_word(head.lower_)


def _common_noun(head: Token) -> bool:
    """A common noun, even one the tagger took for a name at the start of a sentence
    ("Gunmen who abducted 25 pupils ...")."""
    if head.pos_ == "NOUN":
        return True
    return head.pos_ == "PROPN" and head.is_sent_start and agent_word(head.lower_)


def unnamed_protesters(trigger: Token, setting: Setting) -> list[tuple[Token, Resolution]]:
    """ "Protests erupted in Tehran": civilians of the place where they protest (else of the
    article's main country), with a reason that says so."""
    country = setting.place_country or setting.main_country
    if country is None:
        return []
    why = "the event's place" if setting.place_country else "the article's main country"
    text = trigger.doc[slice(*phrase_span(trigger))].text
    reason = f"protesters not named; civilians of {country}, from {why}"
    return [(trigger, derived(text, country, "CVL", "inferred", 0.35, reason))]


def _act_head(head: Token) -> bool:
    """The head names an act, not a participant: "joint military exercises", "the army's
    operation" take their sector word from a modifier and are no one."""
    lemma = head.lemma_.lower()
    return bool(load_lexicon().candidates("NOUN", lemma)) and not agent_word(lemma)


@cache
def agent_word(word: str) -> bool:
    """A word the knowledge base lists as a sector noun, or a listed actor noun."""
    if word in actor_nouns():
        return True
    return any(entry.kind == "sector" for entry in load_kb().lookup((word,)))


def _international(head: Token) -> bool:
    """ "countries", "allies", "Western governments" name states among states; a singular
    "the government" in a domestic story is that country's own."""
    lemma = head.lemma_.lower()
    if lemma == "government":
        return head.tag_ == "NNS"
    return lemma in INTERNATIONAL_HEADS


def _person_noun(head: Token) -> bool:
    """Listed actor nouns, and plurals that name kinds of people ("musicians", "loyalists")."""
    lemma = head.lemma_.lower()
    return lemma in actor_nouns() or head.tag_ == "NNS" and lemma.endswith(PERSON_SUFFIXES)


def _named(head: Token) -> bool:
    """A proper name, even when the tagger calls its head a noun ("Israel Flying Aid",
    "Action Against Hunger")."""
    if head.pos_ == "PROPN" or (head.is_upper and len(head.text) > 1 and head.is_alpha):
        return True  # "ICE", "USAID": acronyms name organisations
    return (head.is_title or head.is_upper) and any(
        t.pos_ == "PROPN" for t in head.subtree if t.i != head.i
    )


def _nominal(head: Token) -> bool:
    return (
        head.pos_ in {"NOUN", "PROPN"}
        and head.ent_type_ not in NON_ACTOR_ENTS
        and not is_time_word(head)
    )


def _uncoded(head: Token, partial: Resolution | None) -> Resolution | None:
    """An actor known only by its words (and perhaps a sector), or None for non-actors."""
    sector = partial.sector if partial is not None else None
    if not _nominal(head):
        return None
    if sector and _act_head(head):
        sector = None  # "joint military exercises": the sector word only describes an act
    if not (sector or _named(head) or _person_noun(head)):
        return None  # a common noun that names no kind of actor: "the visit", "technology"
    start, end = phrase_span(head)
    reason = "no knowledge-base match; kept as an uncoded actor"
    return derived(
        head.doc[start:end].text, None, sector, "uncoded", 0.3 if sector else 0.2, reason
    )


def named_place(head: Token) -> Resolution | None:
    """A recipient named by a place inside a country ("sent troops to Louisiana", "aid to
    people in Tigray"): the country, as event coders code a city or region by its state. Only
    a proper-noun phrase that is a gazetteer name as a whole; a name that is also a word or a
    person's ("Lagos", "Louisiana" bare as a region) only right after a place preposition
    ("in Lagos"). Seas and international areas name no country."""
    if head.pos_ != "PROPN":
        return None
    start, end = phrase_span(head)
    words = tuple(t.text for t in head.doc[start:end] if t.lower_ != "the")
    atlas = gazetteer()
    placed = head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS
    if not words or atlas.is_ambiguous(words) and not placed:
        return None
    place = atlas.best(atlas.names(words))
    if place is None or place.country is None or place.kind == "country":
        return None
    reason = f"place {place.name!r} ({place.kind}) in {place.country}"
    return derived(head.doc[start:end].text, place.country, None, "place", 0.5, reason)


def _phrase(head: Token) -> Resolution | None:
    """A recipient that is a thing, not an actor ("the legislation"): kept by its words."""
    if not _nominal(head):
        return None
    start, end = phrase_span(head)
    reason = "names no actor; kept as the phrase the act fell on"
    return derived(head.doc[start:end].text, None, None, "phrase", 0.1, reason)
