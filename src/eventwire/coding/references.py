"""Recipients named by what happened to them, or by an act the article already reported.

Statements about acts rarely repeat who did them: "Pakistan condemned *the airstrikes*" points
back to the Indian strikes of an earlier sentence, "Iran vowed *to retaliate*" aims at whoever
last attacked Iran, and "the US military hit *three sites in Iran*" falls on Iran although the
object names no actor. These rules give such a recipient the party the article has already
named, with a reason saying how; they run only when the syntax found no actor of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Token

from eventwire.actors import Resolution
from eventwire.actors.resolution import derived
from eventwire.coding.lexicon import Lexicon
from eventwire.models import Actor, Event

# Acts whose recipient is where they physically fall: a target with no owner takes the place.
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE", "AID", "MOBILIZE"})
REPORTING_LEMMAS = frozenset({"say", "report", "state", "tell", "announce", "claim", "add"})
RETALIATION_LEMMAS = frozenset(
    {"retaliate", "retaliation", "reprisal", "revenge", "avenge", "respond", "response", "react"}
)
OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
ALLEGATIONS = "allegations"
CONTEXT = "context"  # a side the sentence does not name, read from what the article told
ACT_NOUNS = "argument_nouns"  # "the decision", "the vote", "the remarks": someone's act
# Acts after which a bare warning is understood to be aimed at their recipient.
HOSTILE_TYPES = frozenset({"ACCUSE", "ASSAULT", "THREATEN", "COERCE", "SANCTION", "REJECT"})
# What a coup takes: "seized power", "took control of the government".
STATE_POWER = frozenset({"power", "control", "government", "presidency", "state"})
HOST_NOUNS = frozenset({"country", "nation", "government", "state"})


class SettingLike(Protocol):
    place_country: str | None
    authority_country: str | None


class MentionResolverLike(Protocol):
    def resolve_token(self, token: Token) -> Resolution | None: ...


@dataclass
class ActLog:
    """The acts one article has reported so far, oldest first."""

    acts: list[tuple[str, Actor | None, Actor | None]] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)  # countries meetings were placed in

    def record(self, events: list[Event]) -> None:
        for event in events:
            if event.modality not in {"negated", "denied"}:
                self.acts.append((event.event_type, event.actor, event.recipient))
            place = event.location
            if event.event_type == "CONSULT" and place is not None and place.country:
                self.venues.append(place.country)

    def hostile(self, actor_country: str | None, target_country: str | None) -> bool:
        """Whether the article has told of force or threats by one country against the other."""
        return any(
            kind in {"ASSAULT", "THREATEN", "COERCE"}
            and actor is not None
            and recipient is not None
            and actor.country == actor_country
            and recipient.country == target_country
            for kind, actor, recipient in self.acts
        )

    def last_target(self, actor_country: str) -> Actor | None:
        """The coded recipient of this country's latest hostile act."""
        for kind, actor, recipient in reversed(self.acts):
            if kind not in HOSTILE_TYPES or actor is None or actor.country != actor_country:
                continue
            if recipient is not None and recipient.country not in {None, actor_country}:
                return recipient
        return None

    def last_hostile_to(self, country: str) -> Actor | None:
        """The coded actor of the latest hostile act against this country (an attack first)."""
        return self.last_doer("ASSAULT", against=country) or next(
            (
                actor
                for kind, actor, recipient in reversed(self.acts)
                if kind in HOSTILE_TYPES
                and actor is not None
                and actor.country not in {None, country}
                and recipient is not None
                and recipient.country == country
            ),
            None,
        )

    def last_doer_but(self, codes: frozenset[str]) -> Actor | None:
        """The coded actor of the latest act by another country than these codes'."""
        countries = {code[:3] for code in codes}
        for _, actor, _ in reversed(self.acts):
            if actor is not None and actor.country and actor.country not in countries:
                return actor
        return None

    def last_doer(self, event_type: str, against: str | None = None) -> Actor | None:
        """The coded actor of the latest act of this type (against this country, if given)."""
        for kind, actor, recipient in reversed(self.acts):
            if kind != event_type or actor is None or actor.country is None:
                continue
            if against is None or (recipient is not None and recipient.country == against):
                return actor
        return None


def warned_party(
    actors: list[tuple[Token, Resolution]], log: ActLog
) -> list[tuple[Token, Resolution]]:
    """ "Egypt accused Ethiopia ... Cairo reserves the right to take all measures": a warning
    with no one named is aimed at the party the actor last accused, attacked or threatened."""
    for token, actor in actors:
        target = log.last_target(actor.country) if actor.country else None
        if target is not None:
            why = "the party the actor last accused or attacked"
            return [(token, _from_actor(target, why, CONTEXT))]
    return []


def refer_back(
    recipients: list[tuple[Token, Resolution]],
    event_type: str,
    log: ActLog,
    lexicon: Lexicon,
    setting: SettingLike,
    own: frozenset[str] = frozenset(),
) -> list[tuple[Token, Resolution]]:
    """Recipients with their bare phrases read as the act they name (by another actor than the
    `own` codes), the power of the state that is seized, or the place they are in."""
    found = []
    for token, resolution in recipients:
        if resolution.country is None and not resolution.members:
            resolution = _seized_state(token, event_type, setting.authority_country) or resolution
        if resolution.country is None:
            resolution = _host(token, log) or resolution
        if resolution.kind == "phrase":
            resolution = (
                _act_doer(token, log, lexicon, own)
                or _target_place(resolution, event_type, setting.place_country)
                or resolution
            )
        found.append((token, resolution))
    return found


def _host(token: Token, log: ActLog) -> Resolution | None:
    """ "a summit in South Africa ... claims that the host country persecutes ...": the host
    is the country where the meeting the article told of is held."""
    hosted = any(c.dep_ in OWNER_DEPS and c.lower_ == "host" for c in token.children)
    if not hosted or token.lemma_.lower() not in HOST_NOUNS or not log.venues:
        return None
    country = log.venues[-1]
    return derived(token.text, country, None, "act-reference", 0.4, f"the host: {country}, "
                   "where the meeting the article told of is held")  # fmt: skip


def _seized_state(token: Token, event_type: str, country: str | None) -> Resolution | None:
    """ "army officers seized power": a coup falls on the state's own government."""
    if event_type != "COERCE" or country is None or token.lemma_.lower() not in STATE_POWER:
        return None
    reason = f"power seized in {country}: its government"
    return derived(token.text, country, "GOV", "implied", 0.4, reason)


def earlier_doer(event_type: str, recipient: Resolution, log: ActLog) -> Resolution | None:
    """ "its sites had been attacked": an act reported without its doer is most often the one
    the article already told, by the same doer (on the same country, if one was named)."""
    doer = log.last_doer(event_type, against=recipient.country) if recipient.country else None
    doer = doer or log.last_doer(event_type)
    if doer is None or doer.country == recipient.country:
        return None
    return _from_actor(doer, f"the doer of the {event_type} the article reported before")


def retaliation_target(
    trigger: Token, actors: list[tuple[Token, Resolution]], log: ActLog
) -> list[tuple[Token, Resolution]]:
    """Who a retaliation is aimed at: the last party the article saw attack the actor."""
    lemmas = {trigger.lemma_.lower()} | {c.lemma_.lower() for c in trigger.children}
    if not lemmas & RETALIATION_LEMMAS and not _strikes_back(trigger):
        return []
    for token, actor in actors:
        doer = log.last_hostile_to(actor.country) if actor.country else None
        if doer is not None:
            why = "the party that last acted against the actor"
            return [(token, _from_actor(doer, why, CONTEXT))]
    return []


def reported_target(
    predicate: Token, actors: list[tuple[Token, Resolution]], mentions: MentionResolverLike
) -> list[tuple[Token, Resolution]]:
    """ "Ukraine's air force said Russia fired nine missiles": an attack with no target named,
    reported by another country's own officials, fell on that country."""
    reporter = _reporter(predicate, mentions)
    if reporter is None or any(actor.country == reporter[1].country for _, actor in actors):
        return []
    speaker, said = reporter
    reason = f"an attack reported by {said.country}'s own side, with no other target named"
    return [(speaker, derived(said.text, said.country, None, "reporter", 0.4, reason, said.name))]


def reporter_country(predicate: Token, mentions: MentionResolverLike) -> str | None:
    """The country of whoever reports the clause ("Iran's health ministry says ..."), if any."""
    reporter = _reporter(predicate, mentions)
    return reporter[1].country if reporter is not None else None


def _reporter(predicate: Token, mentions: MentionResolverLike) -> tuple[Token, Resolution] | None:
    """The speaker of a reported clause and its resolution, when it names a country."""
    speaker = _reporting_subject(predicate)
    said = mentions.resolve_token(speaker) if speaker is not None else None
    if said is None or not said.country or said.kind == "org":
        return None
    return speaker, said


def _reporting_subject(predicate: Token) -> Token | None:
    clause = predicate
    for _ in range(2):  # "X said Russia fired", "X said it believed Russia had fired"
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        clause = clause.head
        if clause.lemma_.lower() in REPORTING_LEMMAS:
            return next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return None


def own_government(actors: list[tuple[Token, Resolution]]) -> list[tuple[Token, Resolution]]:
    """A protest that names no target is against the protesters' own government, as
    domestic protests are coded (CAMEO 14x: civilians against their state)."""
    for token, actor in actors:
        if actor.country and actor.sector not in {"GOV", "MIL", "COP"} and actor.kind != "org":
            reason = f"a protest with no named target: the {actor.country} government"
            text = f"the {actor.country} government"
            government = derived(text, actor.country, "GOV", "implied", 0.4, reason)
            return [(token, government)]
    return []


def _strikes_back(trigger: Token) -> bool:
    """ "hit back", "strike back": the particle makes the act a reply."""
    return any(c.dep_ == "prt" and c.lower_ == "back" for c in trigger.children)


def _act_doer(
    token: Token, log: ActLog, lexicon: Lexicon, own: frozenset[str] = frozenset()
) -> Resolution | None:
    """ "condemned the airstrikes": an act named without its doer is the last one of its kind
    reported; "condemned the decision", "the expulsions": the last act by another party."""
    if token.pos_ != "NOUN" or any(c.dep_ in OWNER_DEPS for c in token.children):
        return None
    lemma = token.lemma_.lower()
    types = [e.event_type for e in lexicon.candidates("NOUN", lemma)]
    if lexicon.in_class(ALLEGATIONS, lemma):
        types.insert(0, "ACCUSE")  # "rejected the claims": the claims of the last accuser
    for event_type in dict.fromkeys(types):
        doer = log.last_doer(event_type)
        if doer is not None and doer.code not in own:
            return _from_actor(doer, f"the doer of the earlier {event_type} the phrase names")
    if lexicon.in_class(ACT_NOUNS, lemma):
        doer = log.last_doer_but(own)
        if doer is not None:
            return _from_actor(doer, "the doer of the act the article last reported")
    return None


def _target_place(
    phrase: Resolution, event_type: str, place_country: str | None
) -> Resolution | None:
    """ "hit three sites in Iran": a material act falls on the country where it took place."""
    if event_type not in MATERIAL_TYPES or place_country is None:
        return None
    reason = f"a target with no owner named; {place_country}, where the event happens"
    return derived(phrase.text, place_country, None, "target-place", 0.35, reason)


def _from_actor(actor: Actor, how: str, kind: str = "act-reference") -> Resolution:
    return Resolution(
        text=actor.text,
        country=actor.country,
        sector=actor.sector,
        code=actor.code,
        name=actor.name,
        wikidata=actor.wikidata,
        kind=kind,
        confidence=min(0.5, actor.confidence),
        reason=how,
    )
