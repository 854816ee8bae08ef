"""Turning a sentence's triggers into validated Event records.

For each trigger: find the actor and recipient phrases, look up their resolutions, expand
compound actors into one record per (actor, recipient) pair sharing a `group`, pair up
conjoined actors of reciprocal events ("Russia and Iran are collaborating"), attach the CAMEO
code, QuadClass and Goldstein score, the modality and a confidence a user can threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date as Date
from functools import cache
from itertools import permutations

from spacy.tokens import Span, Token

from eventwire.actors import Resolution
from eventwire.actors.resolution import derived
from eventwire.coding.confidence import features, probability
from eventwire.coding.guards import literal
from eventwire.coding.lexicon import Lexicon, read_table
from eventwire.coding.mentions import MentionResolver
from eventwire.coding.modality import is_refusal, modality_of
from eventwire.coding.participants import (
    Setting,
    inside_thing,
    resolve_participants,
    unnamed_protesters,
)
from eventwire.coding.references import (
    MATERIAL_TYPES,
    ActLog,
    earlier_doer,
    own_government,
    refer_back,
    reported_target,
    reporter_country,
    retaliation_target,
    warned_party,
)
from eventwire.coding.roles import actor_tokens, ordering_authority, recipient_options
from eventwire.coding.syntax import child, is_passive, phrase_span, prepositional_objects
from eventwire.coding.triggers import (
    IMPOSED_TYPES,
    MUTUAL_TYPES,
    RECIPROCAL_NOUNS,
    Candidate,
    find_candidates,
)
from eventwire.coding.when import resolve_event_date
from eventwire.coding.where import locate_all
from eventwire.models import Actor, Event, Location, stable_id
from eventwire.models import Span as TextSpan
from eventwire.ontology import CameoCode, cameo

# Acts a state does to people under its own authority: unnamed recipients are its own.
AUTHORITY_TYPES = frozenset({"COERCE", "RETREAT", "CONCEDE"})
# Resolutions of a phrase that names a state's territory (not a person or group in it).
PLACE_KINDS = frozenset({"country", "metonym", "place", "capital"})
OWNING_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
# Acts that undo an earlier one ("lifted the ban on Turkey"): the undone act's target is theirs.
UNDOING_TYPES = frozenset({"RETREAT", "CONCEDE"})
# Resolutions that name a state itself (not a town or region in it) or an organisation.
STATE_KINDS = frozenset({"country", "demonym", "metonym", "org", "title", "person"})
MILITARY_AID_CAMEO = "072"
# Launches that hit no one are shows of force: "fired a missile into the sea".
LAUNCH_VERBS = frozenset({"fire", "launch", "test", "test-fire"})
SEA_WORDS = frozenset(
    {"sea", "ocean", "water", "waters", "gulf", "bay", "strait", "coast", "sky", "air", "space"}
)  # fmt: skip
# An act that names no recipient is kept in the default dataset from this confidence up: the
# estimated chance that (type, actor, no recipient) is right (see README, "default dataset").
MIN_CONFIDENCE_WITHOUT_RECIPIENT = 0.25
# Acts whose unnamed generic recipients ("police", "protesters") may take the article's main
# country: force, coercion, aid, mobilisation, protest and a state's acts on its own people.
DOMESTIC_TYPES = MATERIAL_TYPES | AUTHORITY_TYPES | {"PROTEST"}
# Meetings and deals are often held on neutral ground: their place says nothing of who met.
VENUE_TYPES = MUTUAL_TYPES
RECIPROCAL_LEMMAS = frozenset(
    {"clash", "fight", "battle", "negotiate", "meet", "talk", "exchange", "swap", "trade"}
)
# What refusing each cooperative act is called in CAMEO (REJECT family).
REFUSAL_CAMEO = {
    "AGREE": "127",
    "CONSULT": "125",
    "SUPPORT": "120",
    "CONCEDE": "124",
    "COOPERATE": "121",
    "AID": "122",
    "RETREAT": "124",
}


@dataclass(frozen=True)
class SentenceInput:
    """What the coder knows about one sentence of an article.

    `countries` are the countries the article has named so far; they settle ambiguous place
    names ("Tripoli" in Libya or Lebanon).
    """

    doc_id: str
    index: int
    span: Span
    date: Date | None
    countries: frozenset[str] = frozenset()
    sports: bool | None = None  # the article's judgement: a sports report (None: judge alone)
    dateline_country: str | None = None  # where the reporter filed ("EL FASHER, Sudan -")


@cache
def _context_words() -> dict[str, str]:
    return {row["word"]: row["context"] for row in read_table("contexts.tsv")}


def code_sentence(
    sentence: SentenceInput, lexicon: Lexicon, mentions: MentionResolver
) -> list[Event]:
    """All events of one sentence; mentions must already hold this sentence's phrases."""
    events: list[Event] = []
    candidates = find_candidates(sentence.span, lexicon)
    for candidate in literal(candidates, sentence.span, sentence.sports):
        found = _events_for(candidate, sentence, mentions, lexicon)
        mentions.acts.record(found)
        events.extend(found)
    return events


def _events_for(
    candidate: Candidate, sentence: SentenceInput, mentions: MentionResolver, lexicon: Lexicon
) -> list[Event]:
    places = _places(sentence, candidate.trigger, candidate.entry.event_type, mentions)
    place = places[0] if places else None
    where = place.country if place is not None else sentence.dateline_country
    actors, recipients, how = _sides(candidate, mentions, lexicon, where)
    if _unattributed_denial(candidate, recipients):
        return []
    mutual = _reciprocal(candidate) and len(actors) > 1
    named = [r for r in recipients if r[1].kind != "phrase"]
    if candidate.entry.recipient_required and not named and not mutual:
        return []
    candidate = _as_military_aid(candidate, actors, named, mentions.acts)
    if _show_of_force(candidate, recipients):
        force = replace(candidate.entry, event_type="MOBILIZE", cameo="150", mode="weapons")
        candidate, recipients = replace(candidate, entry=force), []
    shared = _shared_fields(candidate, sentence, _group_id(sentence, candidate), place)
    if not actors:
        events = _agentless(candidate, sentence, named, lexicon, shared, mentions)
        return _at_each_place(events, places)
    pairs = [p for p in _pairs(candidate, actors, recipients) if not _home_trip(candidate, *p)]
    trigger = candidate.trigger
    events = [
        _event(shared, sentence, trigger, actor, recipient, how) for actor, recipient in pairs
    ]
    return _at_each_place(events, places)


def _at_each_place(events: list[Event], places: list[Location]) -> list[Event]:
    """One record per conjoined place ("the sites at Fordo, Isfahan and Natanz"): the first
    keeps its id, the others' ids add their place; all share the trigger's group."""
    copies = [
        e.model_copy(update={"location": place, "id": stable_id(e.id, place.text)})
        for place in places[1:]
        for e in events
    ]
    return [*events, *copies]


def _unattributed_denial(candidate: Candidate, recipients: list[tuple[Token, Resolution]]) -> bool:
    """ "rejected accusations that it had used ...": dismissing claims nobody is named for is a
    denial (CAMEO 016), no PLOVER event; dismissing another party's claims is REJECT."""
    entry = candidate.entry
    if entry.event_type != "REJECT" or entry.object_class != "allegations":
        return False
    # a party found only inside the claim ("accusations of abuses in Xinjiang") made no claim
    return not any((r.country or r.members) and r.kind != "concerned" for _, r in recipients)


def _home_trip(
    candidate: Candidate,
    actor: tuple[Token, Resolution],
    recipient: tuple[Token, Resolution] | None,
) -> bool:
    """ "the PTI chairman travelled to the federal capital Islamabad": a trip to a place in
    one's own country meets no one."""
    if candidate.entry.mode != "visit" or recipient is None:
        return False
    place = recipient[1].kind in {"place", "capital", "target-place", "metonym"}
    return place and recipient[1].country == actor[1].country


def _as_military_aid(
    candidate: Candidate,
    actors: list[tuple[Token, Resolution]],
    recipients: list[tuple[Token, Resolution]],
    log: ActLog,
) -> Candidate:
    """ "North Korea sent 1,500 soldiers to Russia": troops sent to another state that the
    sender is not fighting are military assistance (PLOVER AID: "arms and personnel"), not a
    mobilisation; troops sent to a border, a city or a foe stay MOBILIZE."""
    entry = candidate.entry
    if entry.event_type != "MOBILIZE" or entry.object_class != "troops" or not recipients:
        return candidate
    if modality_of(candidate.trigger, candidate.predicate) == "negated":
        return candidate  # "would not send troops to Mexico": no aid, no refusal of it
    if any(t.dep_ == "pobj" and t.head.lower_ in {"against", "on"} for t, _ in recipients):
        return candidate  # "mobilised troops for the war against Iraq": a foe
    senders = {a.country for _, a in actors if a.country}
    for _, recipient in recipients:
        if recipient.kind not in STATE_KINDS or recipient.country in senders | {None}:
            return candidate
        if any(log.hostile(sender, recipient.country) for sender in senders):
            return candidate
    aid = replace(entry, event_type="AID", cameo=MILITARY_AID_CAMEO, mode="")
    return replace(candidate, entry=aid)


Sides = tuple[list[tuple[Token, Resolution]], list[tuple[Token, Resolution]], str]


def _sides(
    candidate: Candidate, mentions: MentionResolver, lexicon: Lexicon, place_country: str | None
) -> Sides:
    """The resolved actors and recipients of a trigger, and how the actor was found."""
    actor_heads, how = actor_tokens(candidate)
    recipient_choices = recipient_options(candidate)
    ordered = ordering_authority(candidate.predicate)
    if ordered is not None and candidate.entry.event_type in IMPOSED_TYPES:
        # "the court ordered the paper to suspend publication": imposed by the court on the paper
        actor_heads, recipient_heads, how = ordered
        recipient_choices = [recipient_heads]
    event_type = candidate.entry.event_type
    if event_type in VENUE_TYPES:
        place_country = None  # "foreign ministers met in Geneva": a venue, not their country
    setting = Setting(place_country, mentions.main_country())
    actors = resolve_participants(actor_heads, mentions, setting)
    if not actors and event_type == "PROTEST" and candidate.trigger.pos_ == "NOUN":
        actors = unnamed_protesters(candidate.trigger, setting)
    if event_type in MATERIAL_TYPES:
        setting = replace(setting, reporter_country=reporter_country(candidate.predicate, mentions))
    if event_type in AUTHORITY_TYPES and actors and actors[0][1].country:
        # "Lukashenko freed 14 activists": a state's arrests and releases fall on its own people
        setting = replace(setting, authority_country=actors[0][1].country)
    if event_type not in DOMESTIC_TYPES:
        # "The US urged that the prisoners be freed": whose prisoners the article does not say
        setting = replace(setting, main_country=None)
    own = {a.country for _, a in actors if a.country}
    codes = {a.code for _, a in actors if a.code}
    recipients = _first_named(recipient_choices, mentions, setting, event_type, lexicon, own, codes)
    if event_type == "MOBILIZE":
        # "put missile units on alert": the forces moved are the actor's own, not a recipient
        recipients = [r for r in recipients if not _own_force(r[1], own)]
    if recipients and _show_of_force(candidate, recipients):
        return actors, recipients, how  # "fired a missile into the sea": no one was hit
    if all(r.kind == "phrase" for _, r in recipients):
        # "warned that any aggression would receive a response": no one named, so the context
        recipients = _from_context(candidate, actors, mentions, recipients) or recipients
    return actors, recipients, how


def _show_of_force(candidate: Candidate, recipients: list[tuple[Token, Resolution]]) -> bool:
    """A missile fired or launched with no one hit (no target, or only the sea) is a show of
    force, MOBILIZE, not an attack."""
    entry = candidate.entry
    if entry.event_type != "ASSAULT" or entry.object_class != "weapons":
        return False
    if candidate.trigger.lemma_.lower() not in LAUNCH_VERBS:
        return False
    if any(r.country or r.members for _, r in recipients):
        return False
    return all(t.lemma_.lower() in SEA_WORDS for t, _ in recipients)


def _from_context(
    candidate: Candidate,
    actors: list[tuple[Token, Resolution]],
    mentions: MentionResolver,
    phrases: list[tuple[Token, Resolution]],
) -> list[tuple[Token, Resolution]]:
    """The recipient the article implies; a protest's own government keeps the words it was
    aimed at ("boycotting the presidential poll"), which name the act's target."""
    found = _recipient_from_context(candidate, actors, mentions)
    if phrases and found and all(r.kind == "implied" for _, r in found):
        token, phrase = phrases[0]
        return [(token, replace(resolution, text=phrase.text)) for _, resolution in found]
    return found


def _recipient_from_context(
    candidate: Candidate, actors: list[tuple[Token, Resolution]], mentions: MentionResolver
) -> list[tuple[Token, Resolution]]:
    """A recipient the sentence does not name: the last attacker of a retaliating actor, the
    reporting side of an attack, the protesters' own government."""
    event_type = candidate.entry.event_type
    if event_type in {"ASSAULT", "THREATEN"}:
        inner = candidate.embedded.trigger if candidate.embedded is not None else None
        for trigger in filter(None, (candidate.trigger, inner)):
            found = retaliation_target(trigger, actors, mentions.acts)
            if found:
                return found
    if event_type == "ASSAULT":
        return reported_target(candidate.predicate, actors, mentions)
    if event_type == "THREATEN":
        return warned_party(actors, mentions.acts)
    if event_type == "PROTEST":
        return own_government(actors)
    return []


def _first_named(
    choices: list[list[Token]],
    mentions: MentionResolver,
    setting: Setting,
    event_type: str,
    lexicon: Lexicon,
    own: set[str],
    codes: set[str],
) -> list[tuple[Token, Resolution]]:
    """The recipients of the first role whose phrases name an actor, directly or through the
    act or place they name ("condemned the airstrikes": their doer), else the first phrases.
    The actor's own belongings ("recalled *its* envoy") name no one else: the next role may;
    a name that is no one's ("into the Arabian Sea") gives way to a later coded one ("in response
    to Iranian threats"); a bare phrase beside a coded one is part of the same target ("tariffs on
    Mexican steel and aluminium")."""
    first: list[tuple[Token, Resolution]] = []
    uncoded: list[tuple[Token, Resolution]] = []
    belongings: list[tuple[Token, Resolution]] = []
    for heads in choices:
        found = resolve_participants(heads, mentions, setting, keep_phrases=True)
        found = refer_back(found, event_type, mentions.acts, lexicon, setting, frozenset(codes))
        named = [(t, r) for t, r in found if r.kind != "phrase"]
        if any(r.country or r.members for _, r in named) and not all(
            _belongs_to(t, r, own) for t, r in named
        ):
            return named  # "tariffs on Mexican steel and aluminium": one target
        if found and all(_own_belonging(t) for t, _ in found):
            belongings = belongings or found  # "withdraw its troops from the zone"
            continue
        uncoded = uncoded or named  # "into the Arabian Sea": a name, but no one's
        first = first or found
    undoing = event_type in UNDOING_TYPES
    return uncoded or _concerned(first, mentions, undoing) or first or belongings


def _own_belonging(head: Token) -> bool:
    """ "its troops", "their weapons": what the actor owns names no one else."""
    return any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in head.children)


def _concerned(
    things: list[tuple[Token, Resolution]], mentions: MentionResolver, undoing: bool
) -> list[tuple[Token, Resolution]]:
    """When every role names only things, the party a thing concerns ("suspended air links
    with Chad"), read inside its phrase."""
    found = []
    for token, _ in things:
        inside = inside_thing(token, mentions, through_attacks=undoing)
        if inside is not None:
            found.extend((token, member) for member in inside.members or (inside,))
    return found


def _own_force(side: Resolution, own: set[str]) -> bool:
    return side.kind in {"inferred", "possessed"} and side.country in own


def _belongs_to(head: Token, resolution: Resolution, own: set[str]) -> bool:
    """ "its envoy", "their troops": the actor's own people or things, by a possessive
    pronoun that points back to the actor's country."""
    mine = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)
    return mine and resolution.country in own


def _agentless(
    candidate: Candidate,
    sentence: SentenceInput,
    recipients: list[tuple[Token, Resolution]],
    lexicon: Lexicon,
    shared: dict,
    mentions: MentionResolver,
) -> list[Event]:
    """ "Prisoners were released in Tripoli": a passive with no by-agent still reports an event;
    it is kept with an empty actor (and a low confidence) when its recipient is an actor. An
    arrest or release "in Rwanda" is the act of that state's authorities."""
    force = _moved_force(candidate, mentions)
    if not recipients and force is None:
        return []
    if not (is_passive(candidate.predicate) or _weapon_subject(candidate, lexicon) is not None):
        return []
    trigger = candidate.trigger
    weapon = _weapon_subject(candidate, lexicon)
    events = []
    authority = _authority_of_place(candidate, mentions) if weapon is None else None
    for recipient in recipients or [None]:
        doer = (
            earlier_doer(candidate.entry.event_type, recipient[1], mentions.acts)
            if recipient
            else None
        )
        actor = (
            (trigger, doer) if doer is not None else force or authority or _unnamed_weapon(weapon)
        )
        events.append(_event(shared, sentence, trigger, actor, recipient, "agentless"))
    return events


def _moved_force(
    candidate: Candidate, mentions: MentionResolver
) -> tuple[Token, Resolution] | None:
    """ "North Korean troops are deployed in Kursk": forces moved with no mover named are
    moved by their own state, so the forces stand for the actor."""
    if candidate.entry.event_type != "MOBILIZE" or not is_passive(candidate.predicate):
        return None
    forces = child(candidate.predicate, {"nsubjpass"})
    found = resolve_participants([forces], mentions, keep_phrases=True) if forces else []
    side = found[0][1] if len(found) == 1 else None
    if side is None or not side.country or side.kind == "phrase":
        return None
    reason = f"no mover named; forces of {side.country} are moved by their own state"
    return forces, replace(side, reason=reason)


def _authority_of_place(
    candidate: Candidate, mentions: MentionResolver
) -> tuple[Token, Resolution] | None:
    """The state whose authorities did an agentless arrest or release: the country named
    where it happened ("was arrested in Niger")."""
    if candidate.entry.event_type not in AUTHORITY_TYPES:
        return None
    for place in prepositional_objects(candidate.trigger, "in"):
        found = resolve_participants([place], mentions, keep_phrases=True)
        side = found[0][1] if len(found) == 1 else None
        if side is not None and side.country and side.kind in PLACE_KINDS:
            reason = f"no doer named; the authorities of {side.country}, where it happened"
            return place, replace(side, kind="place", confidence=0.4, reason=reason)
    return None


def _unnamed_weapon(weapon: Token | None) -> tuple[Token, Resolution] | None:
    """ "A suicide attack on a convoy killed eight people": with no doer named anywhere, the
    act itself stands in the actor's place, uncoded, so the record shows what did it."""
    if weapon is None:
        return None
    text = weapon.doc[slice(*phrase_span(weapon))].text
    reason = "no doer named; the act or weapon that did it, uncoded"
    return weapon, derived(text, None, None, "uncoded", 0.1, reason)


def _weapon_subject(candidate: Candidate, lexicon: Lexicon) -> Token | None:
    """ "An airstrike killed twelve civilians": the doer is unnamed, the act is not in doubt."""
    doer = child(candidate.predicate, {"nsubj"})
    if doer is None or candidate.entry.event_type != "ASSAULT":
        return None
    lemma = doer.lemma_.lower()
    weapon = lexicon.in_class("weapons", lemma) or any(
        e.event_type == "ASSAULT" for e in lexicon.candidates("NOUN", lemma)
    )
    return doer if weapon else None


def _pairs(
    candidate: Candidate,
    actors: list[tuple[Token, Resolution]],
    recipients: list[tuple[Token, Resolution]],
) -> list[tuple[tuple[Token, Resolution], tuple[Token, Resolution] | None]]:
    mutual = _reciprocal(candidate) and len(actors) > 1
    parties = {t.i for t, _ in actors}
    if mutual and all(_unowned(r[1]) or r[0].i in parties for r in recipients):
        # "Jordan and Britain agreed to hold joint exercises", "a meeting between X, Y and Z":
        # each is the other's recipient
        recipients = []
    if recipients:
        pairs = [(a, r) for a in actors for r in recipients if not _same(a[1], r[1])]
        if pairs:
            return pairs
        # "Kiir pardoned him": coreference gave the object the subject's referent, which the
        # grammar rules out; keep the event without a recipient rather than lose it.
        return [(a, None) for a in actors]
    if mutual:
        return _mutual_pairs(actors)
    return [(a, None) for a in actors]


def _unowned(side: Resolution) -> bool:
    """A side that names no party of its own ("joint exercises", "62 prisoners" whose country
    was only inferred)."""
    return side.country is None or side.kind in {"inferred", "concerned"}


def _mutual_pairs(
    actors: list[tuple[Token, Resolution]],
) -> list[tuple[tuple[Token, Resolution], tuple[Token, Resolution]]]:
    """Each party of a mutual act with each other one; when the parties come from several
    countries, colleagues on one side ("Trump, Vance and Zelensky met") are not a dyad."""
    countries = {a[1].country for a in actors if a[1].country}
    pairs = [(a, r) for a, r in permutations(actors, 2) if not _same(a[1], r[1])]
    if len(countries) > 1:
        pairs = [(a, r) for a, r in pairs if a[1].country != r[1].country]
    return pairs


def _reciprocal(candidate: Candidate) -> bool:
    """Events that conjoined actors do to each other ("Russia and Iran are collaborating")."""
    return (
        candidate.entry.event_type in MUTUAL_TYPES
        or candidate.trigger.lemma_ in RECIPROCAL_LEMMAS
        or candidate.trigger.lemma_ in RECIPROCAL_NOUNS
    )


def _same(a: Resolution, b: Resolution) -> bool:
    """Whether two sides are one party: the same words, or the same code and name — unless a
    side's country was only inferred and the words differ ("the Uttar Pradesh government ...
    with the Gujarat government")."""
    if (
        a.country is None
        or b.country is None
        or a.text != b.text
        and "inferred"
        in {
            a.kind,
            b.kind,
        }
    ):
        return a.text == b.text
    return a.code == b.code and a.name == b.name


def _shared_fields(
    candidate: Candidate, sentence: SentenceInput, group: str, place: Location | None
) -> dict:
    """What every record expanded from one trigger shares, computed once per trigger."""
    entry, trigger = candidate.entry, candidate.trigger
    event_type, code, modality, rule = _reading(candidate)
    when = resolve_event_date(sentence.span, trigger, sentence.date)
    start = trigger.idx
    return {
        "doc_id": sentence.doc_id,
        "sentence_index": sentence.index,
        "sentence": sentence.span.text.strip(),
        "event_type": event_type,
        "mode": entry.mode if event_type == entry.event_type else "",
        "contexts": _contexts(candidate),
        "cameo": code.code,
        "quad_class": code.quad_class,
        "goldstein": code.goldstein,
        "trigger": TextSpan(text=trigger.text, start=start, end=start + len(trigger.text)),
        "modality": modality,
        "date": when.date,
        "date_end": when.end,
        "date_precision": when.precision,
        "date_reason": when.reason,
        "location": place,
        "historical": _historical(when.date, sentence.date)
        or _dated_before(trigger, sentence.date),
        "group": group,
        "rule": rule,
    }


def _event(
    shared: dict,
    sentence: SentenceInput,
    trigger: Token,
    actor: tuple[Token, Resolution] | None,
    recipient: tuple[Token, Resolution] | None,
    how: str,
) -> Event:
    actor_record = _actor(*actor) if actor else None
    recipient_record = _actor(*recipient) if recipient else None
    basis = _basis(how, actor, recipient, sentence.index)
    names = features(basis, shared["event_type"], shared["modality"], shared["rule"])
    confidence = probability(names)
    return Event(
        id=_event_id(sentence, trigger, actor_record, recipient_record),
        actor=actor_record,
        recipient=recipient_record,
        confidence=confidence,
        basis=basis,
        withheld=_withheld(actor_record, recipient_record, confidence),
        **shared,
    )


def _basis(
    how: str,
    actor: tuple[Token, Resolution] | None,
    recipient: tuple[Token, Resolution] | None,
    index: int,
) -> dict[str, str]:
    """How each side was found, in words the confidence model and an analyst can read."""
    a = actor[1] if actor else None
    r = recipient[1] if recipient else None
    same = a is not None and r is not None and a.country is not None and a.country == r.country
    return {
        "actor": a.kind if a is not None else "none",
        "recipient": r.kind if r is not None else "none",
        "how": how or "none",
        "same_country": "yes" if same else "no",
        "position": "lead" if index == 0 else "body",
    }


def _withheld(actor: Actor | None, recipient: Actor | None, confidence: float) -> str | None:
    """Why an event is no countable record: analysts count (type, actor, recipient) by code,
    so the default dataset holds events whose two sides both resolve to a country or an
    organisation, and acts that name no recipient at all ("North Korea fired a missile into
    the sea", "Moscow vowed to respond") when the model is fairly sure of them. An event
    whose recipient is named but resolves to nothing ("the legislation") is withheld, as is
    one without a coded actor. The rest stays available (``--all``) with this reason."""
    if actor is None:
        return "no actor named"
    if actor.country is None:
        return "the actor resolves to no country or organisation"
    if recipient is None:
        if confidence >= MIN_CONFIDENCE_WITHOUT_RECIPIENT:
            return None
        return "no recipient named"
    if recipient.country is None:
        return "the recipient resolves to no country or organisation"
    return None


def _places(
    sentence: SentenceInput, trigger: Token, event_type: str, mentions: MentionResolver
) -> list[Location]:
    def owner(pronoun: Token) -> str | None:
        resolution = mentions.resolve_token(pronoun)
        return resolution.country if resolution is not None else None

    countries = set(sentence.countries) or None
    return locate_all(sentence.span, trigger, countries, event_type, owner)


def _historical(when: Date | None, published: Date | None) -> bool:
    """Background ("since the 2014 annexation"), not news of the day."""
    return when is not None and published is not None and (published - when).days > 365


def _dated_before(trigger: Token, published: Date | None) -> bool:
    """ "Russia's 2014 annexation": a year written on the event noun itself, before this year."""
    if published is None:
        return False
    for token in trigger.children:
        if token.like_num and len(token.text) == 4 and token.text.isdecimal():
            return 1900 <= int(token.text) < published.year
    return False


def _reading(candidate: Candidate) -> tuple[str, CameoCode, str, str]:
    """Type, CAMEO code, modality and rule name; refusals of cooperation become REJECT:
    "will not release", "failed to agree", and any withheld concession ("did not give
    permission")."""
    entry = candidate.entry
    modality = modality_of(candidate.trigger, candidate.predicate)
    refused = REFUSAL_CAMEO.get(entry.event_type)
    if (
        modality == "negated"
        and refused
        and (entry.event_type == "CONCEDE" or is_refusal(candidate.trigger, candidate.predicate))
    ):
        return "REJECT", cameo(refused), "asserted", entry.rule + "+refused->REJECT"
    return entry.event_type, cameo(entry.cameo), modality, entry.rule


def _actor(head: Token, resolution: Resolution) -> Actor:
    start, end = phrase_span(head)
    span = head.doc[start : max(end, resolution.words_end or 0)]
    elsewhere = resolution.kind in {"context", "implied"} and resolution.text != span.text
    if elsewhere or resolution.kind == "act-reference" and head.pos_ == "VERB":
        # a side the sentence does not name (the doer of an earlier act, the protesters' own
        # government): its own words, no offsets that would point at someone else
        return Actor(
            text=resolution.text, country=resolution.country, sector=resolution.sector,
            code=resolution.code, name=resolution.name, wikidata=resolution.wikidata,
            confidence=resolution.confidence, reason=resolution.reason,
            kb_miss=resolution.kb_miss,
        )  # fmt: skip
    return Actor(
        text=span.text,
        country=resolution.country,
        sector=resolution.sector,
        code=resolution.code,
        name=resolution.name,
        wikidata=resolution.wikidata,
        start=span.start_char,
        end=span.end_char,
        confidence=resolution.confidence,
        reason=resolution.reason,
        kb_miss=resolution.kb_miss,
    )


def _contexts(candidate: Candidate) -> list[str]:
    words = _context_words()
    found = list(candidate.entry.contexts)
    for token in candidate.predicate.subtree:
        context = words.get(token.lemma_.lower())
        if context and context not in found:
            found.append(context)
    return found


def _group_id(sentence: SentenceInput, candidate: Candidate) -> str:
    return stable_id(sentence.doc_id, sentence.index, candidate.trigger.idx)


def _event_id(
    sentence: SentenceInput, trigger: Token, actor: Actor | None, recipient: Actor | None
) -> str:
    return stable_id(
        sentence.doc_id,
        sentence.span.text,
        trigger.idx,
        actor.code if actor else None,
        actor.text if actor else None,
        recipient.code if recipient else None,
        recipient.text if recipient else None,
    )
