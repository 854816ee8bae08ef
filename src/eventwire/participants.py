"""Which phrases take part in an event, and how each is resolved.

The actor and recipient phrases the syntax finds are resolved through the article's mentions.
A phrase the knowledge base cannot code still takes part when it plainly names someone: a
proper name ("Action Against Hunger"), an acronym ("ICE"), a noun with a sector ("the court")
or a listed person noun ("armed men"). Such uncoded actors keep their words and a low confidence,
so analysts can keep or drop them; anything else ("the visit", "technology") takes no part.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.actors import Resolution
from eventwire.lexicon import actor_nouns
from eventwire.mentions import MentionResolver
from eventwire.syntax import phrase_span, reported_speaker

PERSON_SUFFIXES = ("ian", "ist", "eer", "ee")
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


def resolve_participants(
    heads: list[Token], mentions: MentionResolver
) -> list[tuple[Token, Resolution]]:
    """Resolutions of the phrases, lists ("these countries") expanded to their members.

    A noun phrase that names no known actor is kept as an uncoded actor ("The rebel army",
    "a local court"): the event is real even when the knowledge base cannot code who did it,
    and analysts can filter such events out by their missing country or lower confidence.
    """
    found: list[tuple[Token, Resolution]] = []
    for head in heads:
        resolution = mentions.resolve_token(head)
        if head.pos_ == "PRON" and not (resolution and (resolution.country or resolution.members)):
            speaker = reported_speaker(head)
            if speaker is not None:
                head, resolution = speaker, mentions.resolve_token(speaker)
        if resolution is None or not (resolution.country or resolution.members):
            resolution = _uncoded(head, resolution)
            if resolution is None:
                continue
        for member in resolution.members or (resolution,):
            found.append((head, member))
    return found


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
        t.pos_ == "PROPN" for t in head.subtree if t is not head
    )


def _uncoded(head: Token, partial: Resolution | None) -> Resolution | None:
    """An actor known only by its words (and perhaps a sector), or None for non-actors."""
    sector = partial.sector if partial is not None else None
    if head.pos_ not in {"NOUN", "PROPN"} or head.like_num or head.ent_type_ in NON_ACTOR_ENTS:
        return None
    if not (sector or _named(head) or _person_noun(head)):
        return None  # a common noun that names no kind of actor: "the visit", "technology"
    start, end = phrase_span(head)
    text = head.doc[start:end].text
    return Resolution(
        text=text,
        country=None,
        sector=sector,
        code=sector,
        name=None,
        wikidata=None,
        kind="uncoded",
        confidence=0.3 if sector else 0.2,
        reason="no knowledge-base match; kept as an uncoded actor",
    )
