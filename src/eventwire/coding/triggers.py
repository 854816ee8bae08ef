"""Finding the words that start an event, and choosing the lexicon reading that fits.

A verb fires on its own when its lexicon row's constraints hold (a particle, a direct object of
the right class). A noun fires when it is carried by one of its light verbs ("imposed sanctions",
"held talks") or, without a light verb, when it names both who acts and on whom ("Blinken's trip
to London"). A verb that merely carries a noun trigger ("launched an attack") does not fire
itself, so one mention never yields two readings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eventwire.coding.lexicon import Lexicon, TriggerEntry, actor_nouns
from eventwire.coding.syntax import (
    DOCUMENT_NOUNS,
    ORDER_VERBS,
    child,
    direct_object,
    has_to,
    is_passive,
    is_time_word,
    prepositional_objects,
    through_collective,
)

# Classes of the lexicon read by the verbal-attack rule, not by a lexicon row.
VERBAL_ATTACK_CLASSES = ("verbal_attack", "attacked_ideas")
# Verbs that name someone as something: ", calling them 'nutters'".
NAMING_VERBS = frozenset({"call", "describe", "brand", "label", "dub", "denounce"})
CARRIER_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})


# Types whose clause complement is the content of the act, not a second event:
# "agreed to send troops", "threatened to strike", "urged Iran to stop", "refused to meet".
# Demanding force or penalties against someone threatens them: CAMEO code of the threat.
HOSTILE_DEMANDS = {"SANCTION": "1312", "COERCE": "132", "ASSAULT": "138"}
# Acts imposed on someone: when ordered, the order's author is their actor.
IMPOSED_TYPES = frozenset({"COERCE", "SANCTION"})
# Acts two sides do to each other, named by a noun: "clashes between X and Y".
RECIPROCAL_NOUNS = frozenset({"clash", "fighting", "battle", "skirmish", "exchange", "war"})
# Verbs that report a noun's act as happening: "protests erupted", "rallies led to clashes".
OCCURRENCE_VERBS = frozenset(
    {"erupt", "break", "continue", "spread", "lead", "take", "turn", "rage", "flare",
     "escalate", "occur", "resume", "grow", "swell", "begin", "start", "spill", "intensify"}
)  # fmt: skip
ALLEGATIONS_CLASS = "allegations"
# Acts of force whose naming with a word of condemnation accuses their doer.
HOSTILE_ACTS = frozenset({"ASSAULT", "COERCE", "THREATEN", "SANCTION"})
# Light classes under which a noun names what is broken, not a hostile act ("violated the
# ceasefire"): calling for a ceasefire threatens no one.
VIOLATED_NOUNS = frozenset({"light_violate"})
# Verbs whose "that" clause in the bare form is what they ask for: "demanded that Kabul crack
# down" reports a demand, not a crackdown.
DEMAND_VERBS = frozenset(
    {"demand", "urge", "insist", "ask", "request", "require", "propose", "suggest", "recommend",
     "call"}
)  # fmt: skip
RESPONSE_VERBS = frozenset({"respond", "retaliate", "react", "reply", "avenge", "hit"})
COMMITMENT_VERBS = frozenset({"vow", "promise", "pledge", "swear", "threaten", "warn"})
FRAMING_TYPES = frozenset({"AGREE", "THREATEN", "REQUEST", "REJECT"})
JOINT_WORDS = frozenset({"joint", "bilateral", "combined", "mutual", "trilateral"})
# Events that conjoined actors do with one another.
MUTUAL_TYPES = frozenset({"COOPERATE", "CONSULT", "AGREE"})
SERIES = frozenset(
    {"round", "series", "wave", "spate", "string", "campaign", "set", "number", "package",
     "raft", "slew", "tranche", "batch", "barrage", "volley"}
)  # fmt: skip
# Verbs of arriving that carry a meeting noun through "for": "reached Kyiv for talks".
# Verbs of going or coming together "for" a meeting: "reached Kyiv for talks", "leaders will
# gather for a summit".
ARRIVAL_VERBS = frozenset(
    {"reach", "arrive", "travel", "fly", "come", "go", "head", "land", "gather", "assemble",
     "convene"}
)  # fmt: skip
MEANING_PARTICLES = frozenset({"off", "down", "back", "away", "aside"})
PERSONS_CLASS = "persons"
CLAUSE_CLASS = "@to"  # object "class" meaning: the verb must govern a to-infinitive or "on"
# Object "classes" on the complement of a verb of naming: "called it reckless", "described
# the strikes as cowardly attacks". JUDGED_CLASS needs a pejorative word in the complement;
# NAMED_CLASS any complement (a stop reading: "called it a breakthrough" is no phone call).
JUDGED_CLASS = "@pejoratives"
NAMED_CLASS = "@complement"
EXPELLED_CLASS = "@expelled"  # an envoy object told to leave: "ordered the ambassador to leave"
NO_EVENT = "-"  # lexicon type of a stop reading that blocks the word's other readings
STATEMENT_VERBS = frozenset(
    {"comment", "say", "speak", "elaborate", "confirm", "respond", "discuss", "answer", "reply",
     "disclose", "identify", "detail", "specify", "name"}
)  # fmt: skip
REPORTING_VERBS = frozenset(
    {"say", "tell", "state", "declare", "insist", "add", "argue", "warn", "find", "hold", "rule",
     "deem", "consider", "believe", "claim", "allege", "conclude", "determine", "judge",
     "announce", "stress", "write", "maintain", "assert"}
)  # fmt: skip
WILLINGNESS = frozenset({"willing", "ready", "prepared", "eager", "determined", "keen"})


@dataclass(frozen=True)
class Candidate:
    """A trigger word, the lexicon row it matched and the clause that carries it.

    `embedded` is the event named inside a framing act ("agreed to *withdraw* from Mali"):
    it is not coded on its own, but lends its recipient to the framing event.
    """

    trigger: Token
    entry: TriggerEntry
    predicate: Token
    light: Token | None
    embedded: Candidate | None = None


def _seen_through_verb(noun: Candidate, verbs: dict[int, Candidate], lexicon: Lexicon) -> bool:
    """A bare noun event governed by a verb event is that verb's object, one act; a claim
    stays its owner's accusation ("Kenya's claims ... were rejected": two acts)."""
    if noun.light is not None or noun.trigger.head.i not in verbs:
        return False
    return not lexicon.in_class(ALLEGATIONS_CLASS, noun.trigger.lemma_.lower())


def starting_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word that can start an event: the lexicon's triggers, the willingness adjectives,
    the words of condemnation (an owner's "misguided ambitions") and the allegation nouns
    ("his claims that ...")."""
    judged = lexicon.classes.get(JUDGED_CLASS[1:], frozenset())
    claims = lexicon.classes.get(ALLEGATIONS_CLASS, frozenset())
    return lexicon.trigger_words() | WILLINGNESS | judged | claims


def find_candidates(sentence: Span, lexicon: Lexicon) -> list[Candidate]:
    """Every event trigger of the sentence, in order, at most one reading per word."""
    nouns = _noun_candidates(sentence, lexicon)
    carriers = {c.light.i for c in nouns.values() if c.light is not None}
    others: dict[int, Candidate] = {}
    for token in sentence:
        candidate = None
        if token.pos_ == "VERB" and token.i not in carriers and token.dep_ != "amod":
            candidate = _verb_candidate(token, lexicon)
        elif token.pos_ == "ADJ" and token.lower_ in WILLINGNESS:
            candidate = _willingness_candidate(token, lexicon)
        elif token.pos_ in {"ADJ", "AUX"}:
            candidate = _stance_candidate(token, lexicon)
        if candidate is not None:
            others[token.i] = candidate
    for index, candidate in list(nouns.items()):
        if _seen_through_verb(candidate, others, lexicon):
            del nouns[index]  # "cut US aid to Jordan": the cut is the event, not the aid
    found = sorted({**nouns, **others}.values(), key=lambda c: c.trigger.i)
    found = [_verbal_attack(c, lexicon) for c in _fold_framed(found)]
    return [_vowed_response(_hostile_request(c, lexicon)) for c in found]


def _hostile_request(candidate: Candidate, lexicon: Lexicon) -> Candidate:
    """ "called for sanctions against China": advocating force or penalties against a party is
    a threat towards it (CAMEO 13), not a request to it; the recipient is the party named."""
    if candidate.entry.event_type != "REQUEST" or candidate.trigger.pos_ != "VERB":
        return candidate
    for wanted in _requested_things(candidate.trigger):
        readings = lexicon.candidates("NOUN", wanted.lemma_.lower())
        hostile = next(
            (
                e
                for e in readings
                if e.event_type in HOSTILE_DEMANDS and e.light_class not in VIOLATED_NOUNS
            ),
            None,
        )
        if hostile is not None and _names_target(wanted, hostile):
            threat = replace(
                candidate.entry,
                event_type="THREATEN",
                cameo=HOSTILE_DEMANDS[hostile.event_type],
                mode="",
                recipient_roles=(),
                recipient_required=False,
            )
            inner = Candidate(
                trigger=wanted, entry=hostile, predicate=candidate.predicate, light=None
            )
            return replace(candidate, entry=threat, embedded=inner)
    return candidate


def _requested_things(verb: Token) -> list[Token]:
    things = [o for p in verb.children if p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
    obj = child(verb, {"dobj"})
    return things + ([obj] if obj is not None else [])


def _names_target(noun: Token, entry: TriggerEntry) -> bool:
    return any(_has_preposition(noun, role) for role in entry.recipient_roles)


def _noun_candidates(sentence: Span, lexicon: Lexicon) -> dict[int, Candidate]:
    nouns = {}
    for token in sentence:
        if token.pos_ in {"NOUN", "PROPN"}:
            found = (
                _noun_candidate(token, lexicon)
                or _claim(token, lexicon)
                or judged_owner(token, lexicon)
            )
            if found is not None:
                nouns[token.i] = found
    for index in [i for i, c in nouns.items() if _modifies_noun(c.trigger)]:
        if nouns[index].trigger.head.i in nouns:
            del nouns[index]  # "aid package": one event, on the head noun
    for index in [i for i, c in nouns.items() if c.trigger.lemma_.lower() in SERIES]:
        if any(
            _same_token(_series_member(n.trigger), nouns[index].trigger) for n in nouns.values()
        ):
            del nouns[index]  # "a package of sanctions": the sanctions are the event
    return nouns


def _same_token(a: Token | None, b: Token) -> bool:
    return a is not None and a.i == b.i


def _series_member(noun: Token) -> Token | None:
    """The series a noun is counted in: "a new round of *talks*" -> round."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in SERIES:
        return noun.head.head
    return None


def _fold_framed(candidates: list[Candidate]) -> list[Candidate]:
    """Drop events that are the content of a framing act and hand them to it."""
    by_token = {c.trigger.i: c for c in candidates}
    embedded_in: dict[int, Candidate] = {}
    overruled: set[int] = set()
    for candidate in candidates:
        frame = _framing_candidate(candidate, by_token)
        if frame is not None and _imposed_by_order(frame, candidate):
            overruled.add(frame.trigger.i)  # "ordered the paper to close": the closure is coded
        elif frame is not None and frame.trigger.i not in embedded_in:
            embedded_in[frame.trigger.i] = candidate
    for candidate in candidates:
        inner = _judged_event(candidate, by_token)
        if inner is not None:
            embedded_in.setdefault(candidate.trigger.i, inner)
    kept = []
    framed = {c.trigger.i for c in embedded_in.values()}
    silent = {f for f in by_token if _declines_comment(by_token[f])}
    for candidate in candidates:
        if candidate.trigger.i in framed | silent | overruled:
            continue
        inner = embedded_in.get(candidate.trigger.i)
        if inner is not None:
            candidate = _committed_force(replace(candidate, embedded=inner), inner)
        kept.append(candidate)
    return kept


def _verbal_attack(candidate: Candidate, lexicon: Lexicon) -> Candidate:
    """ "launched a scathing attack on the minister", "led the attack on the impeachment
    proceedings", "an attack on X, calling them nutters": an attack in words is criticism
    (CAMEO 111), not force."""
    noun = candidate.trigger
    if candidate.entry.event_type != "ASSAULT" or noun.pos_ != "NOUN" or candidate.light is None:
        return candidate
    adjectives, ideas_class = VERBAL_ATTACK_CLASSES
    worded = any(lexicon.in_class(adjectives, c.lower_) for c in noun.lefts)
    targets = [o for word in ("on", "against") for o in prepositional_objects(noun, word)]
    ideas = any(lexicon.in_class(ideas_class, t.lemma_.lower()) for t in targets)
    naming = any(_names_them(c) for c in (*noun.children, *candidate.light.children))
    if not (worded or ideas or naming):
        return candidate
    criticism = replace(
        candidate.entry, event_type="ACCUSE", cameo="111", mode="disapprove",
        recipient_roles=("on", "against"), recipient_required=False,
    )  # fmt: skip
    return replace(candidate, entry=criticism)


def _names_them(clause: Token) -> bool:
    """ ", calling them 'nutters'": a naming participle beside the attack."""
    return clause.dep_ in {"advcl", "acl", "xcomp"} and clause.lemma_.lower() in NAMING_VERBS


def _vowed_response(candidate: Candidate) -> Candidate:
    """ "vowed to respond", "promised to retaliate": a commitment to answer in kind is a
    threat (CAMEO 130), whoever it is aimed at."""
    if candidate.entry.event_type != "AGREE" or candidate.embedded is not None:
        return candidate
    if candidate.trigger.lemma_.lower() not in COMMITMENT_VERBS:
        return candidate
    answers = [c for c in candidate.trigger.children if c.dep_ in {"xcomp", "ccomp"} and has_to(c)]
    if not any(c.lemma_.lower() in RESPONSE_VERBS for c in answers):
        return candidate
    threat = replace(
        candidate.entry, event_type="THREATEN", cameo="130", mode="", recipient_roles=(),
        recipient_required=False,
    )  # fmt: skip
    return replace(candidate, entry=threat)


def _committed_force(frame: Candidate, inner: Candidate) -> Candidate:
    """ "vowed to retaliate", "promised that his country would strike back": a commitment to
    use force or penalties against someone is a threat to them (CAMEO 13x), not an AGREE."""
    code = HOSTILE_DEMANDS.get(inner.entry.event_type)
    if frame.entry.event_type != "AGREE" or code is None:
        return frame
    threat = replace(
        frame.entry, event_type="THREATEN", cameo=code, mode="", recipient_roles=(),
        recipient_required=False,
    )  # fmt: skip
    return replace(frame, entry=threat)


def _promised(clause: Token) -> bool:
    """ "promised that his country would retaliate": a future clause under a commitment verb."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in COMMITMENT_VERBS:
        return False
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "shall"} for c in clause.children)


def _demanded(clause: Token) -> bool:
    """ "demanded that Kabul crack down", "urged that the prisoners be freed": a bare verb in
    a "that" clause of asking is the content of the request."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in DEMAND_VERBS:
        return False
    children = list(clause.children)
    bare = clause.tag_ == "VB" or any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in children)
    return bare and not any(c.dep_ == "aux" for c in children)


def _imposed_by_order(frame: Candidate, inner: Candidate) -> bool:
    """An order whose content is a coercive act: the act is coded, imposed by the orderer."""
    return frame.trigger.lemma_ in ORDER_VERBS and inner.entry.event_type in IMPOSED_TYPES


def _judged_event(candidate: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The event inside a reported judgement ("Israel must *end* attacks"): framed, not coded."""
    if candidate.trigger.pos_ not in {"ADJ", "AUX"} or candidate.entry.event_type == "AGREE":
        return None
    inner = by_token.get(stance_clause(candidate.trigger).i)
    return inner if inner is not candidate else None


def _declines_comment(candidate: Candidate) -> bool:
    """ "declined to comment" is a statement (CAMEO 011), not a rejection of anything."""
    if candidate.entry.event_type != "REJECT":
        return False
    return any(
        c.dep_ in {"xcomp", "ccomp"}
        and c.lemma_.lower() in STATEMENT_VERBS
        and not _answers_someone(c)
        for c in candidate.predicate.children
    )


def _answers_someone(statement: Token) -> bool:
    """ "refused to respond to a request from Haaretz" turns someone down; "declined to
    comment" does not."""
    return any(
        p.dep_ == "prep" and p.lower_ == "to" and any(o.dep_ == "pobj" for o in p.children)
        for p in statement.children
    )


def _framing_candidate(candidate: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    clause = candidate.predicate
    framed = has_to(clause) or _promised(clause) or _demanded(clause)
    requested = clause.dep_ == "advcl" and has_to(clause) and child(clause.head, {"dobj"})
    if clause.dep_ not in {"xcomp", "ccomp"} and not requested or not framed:
        return None  # "pressing Tehran to free them": the freeing is what is asked
    frame = by_token.get(clause.head.i) or _acomp_frame(clause.head, by_token)
    if frame is None or frame.entry.event_type not in FRAMING_TYPES or frame is candidate:
        return None
    return frame


def _acomp_frame(token: Token, by_token: dict[int, Candidate]) -> Candidate | None:
    """ "is willing to withdraw": the willingness adjective frames the clause."""
    return by_token.get(token.i) if token.pos_ == "ADJ" else None


def _takes_plan(verb: Token) -> bool:
    """ "agreed to withdraw", "agreed on a truce": not "agreed with the report that ..."."""
    if any(c.dep_ in {"xcomp", "ccomp"} and has_to(c) for c in verb.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ in {"on", "to", "upon"} for c in verb.children)


def _stance_candidate(word: Token, lexicon: Lexicon) -> Candidate | None:
    """A judgement reported by someone: "X said Y was responsible" (ACCUSE), "a court found Y
    guilty" (ACCUSE), "X says Y must withdraw" (REQUEST). The reporter is the actor and the
    subject of the judged clause the recipient."""
    entries = lexicon.candidates(word.pos_, word.lower_)
    if not entries:
        return None
    governor = _reporting_verb(word)
    if governor is None:
        return None
    return Candidate(trigger=word, entry=entries[0], predicate=governor, light=None)


def _reporting_verb(word: Token) -> Token | None:
    clause = word.head
    if word.dep_ in {"ccomp", "oprd", "xcomp"} and clause.lemma_ in REPORTING_VERBS:
        return clause  # small clause: "found him guilty"
    if clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING_VERBS:
        return clause.head
    return None


def stance_clause(word: Token) -> Token:
    """The clause a stance word judges: its own small clause or the clause it sits in."""
    return word if any(c.dep_ in {"nsubj", "nsubjpass"} for c in word.children) else word.head


def _willingness_candidate(adjective: Token, lexicon: Lexicon) -> Candidate | None:
    """ "X is willing / ready to V" expresses intent: an AGREE event with the copula's subject."""
    clause = next((c for c in adjective.children if c.dep_ == "xcomp"), None)
    if clause is None or adjective.head.pos_ not in {"AUX", "VERB"}:
        return None
    entries = lexicon.candidates("ADJ", "willing")
    if not entries:
        return None
    return Candidate(trigger=adjective, entry=entries[0], predicate=adjective.head, light=None)


def _verb_candidate(verb: Token, lexicon: Lexicon) -> Candidate | None:
    lemma = verb.lemma_.lower()
    obj = direct_object(verb) or _nominal_dative(verb)
    obj = through_collective(obj) if obj is not None else None
    fitting = []
    for entry in lexicon.candidates("VERB", lemma):
        if entry.particle and not _has_particle(verb, entry.particle):
            continue
        thing = obj if obj is not None or not entry.particle else _particle_object(verb, entry)
        if entry.object_class == CLAUSE_CLASS:
            if not _takes_plan(verb):
                continue
        elif entry.object_class in {JUDGED_CLASS, NAMED_CLASS}:
            if not _judges(verb, entry.object_class, lexicon):
                continue
        elif entry.object_class == EXPELLED_CLASS:
            if not _orders_out(verb, obj, lexicon):
                continue
        elif entry.object_class and not (thing is not None and _object_fits(lexicon, entry, thing)):
            continue
        fitting.append(entry)
    if not fitting or fitting[0].event_type == NO_EVENT:
        return None  # a stop reading: "rejected the allegation" is a denial, not an event
    specific = [e for e in fitting if e.particle or e.object_class]
    entry = _prefer_present_recipient(verb, None, specific or fitting)
    return Candidate(trigger=verb, entry=entry, predicate=verb, light=None)


def _orders_out(verb: Token, obj: Token | None, lexicon: Lexicon) -> bool:
    """ "ordered Kenya's ambassador to leave the country": an expulsion of diplomats."""
    if obj is None or not lexicon.in_class("envoys", obj.lemma_.lower()):
        return False
    return any(
        c.dep_ in {"xcomp", "ccomp"} and lexicon.in_class(EXPELLED_CLASS[1:], c.lemma_.lower())
        for c in verb.children
    )


def naming_complement(verb: Token) -> Token | None:
    """What a verb of naming calls its object: "called it *reckless*", "described the strikes
    *as cowardly attacks*"."""
    found = child(verb, {"oprd"})
    if found is not None:
        return found
    obj = child(verb, {"dobj"})
    for holder in (verb, obj) if obj is not None else (verb,):  # "as" may hang on the object
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                return child(prep, {"pobj"})
    return None


def _judges(verb: Token, object_class: str, lexicon: Lexicon) -> bool:
    complement = naming_complement(verb)
    if complement is None:
        return False
    if object_class == NAMED_CLASS:
        return True
    phrase = _own_phrase(complement)
    words = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
    return any(lexicon.in_class(object_class[1:], w) for w in words)


def _own_phrase(head: Token) -> list[Token]:
    """A phrase without the clauses that describe it: in "a breakthrough document which
    provides for assistance in case of aggression" the aggression is not what it is called."""
    clauses = {"relcl", "acl", "advcl", "ccomp"}
    return [t for t in head.subtree if not any(a.dep_ in clauses for a in _path_up(t, head))]


def _path_up(token: Token, top: Token) -> list[Token]:
    path = []
    while token.i != top.i and token.head is not token:
        path.append(token)
        token = token.head
    return path


def _nominal_dative(verb: Token) -> Token | None:
    """ "has given the prize 117 times": the parser's indirect object that is the thing given."""
    found = child(verb, {"dative"})
    return found if found is not None and found.pos_ in {"NOUN", "PROPN"} else None


def _noun_candidate(noun: Token, lexicon: Lexicon) -> Candidate | None:
    entries = lexicon.candidates("NOUN", noun.lemma_.lower()) or lexicon.candidates(
        "NOUN", noun.lower_
    )
    entries = tuple(e for e in entries if not e.particle or _has_modifier(noun, e.particle))
    if not entries:
        return None
    carried_noun = noun.head if _modifies_noun(noun) else noun
    for carrier in (_carrier_verb(carried_noun), _participle_carrier(carried_noun)):
        if carrier is None or _phrasal(carrier):
            continue
        lemma = carrier.lemma_.lower()
        carried = [e for e in entries if e.light_class and lexicon.in_class(e.light_class, lemma)]
        mutual = [e for e in carried if e.event_type in MUTUAL_TYPES]
        if mutual and any(c.lower_ in JOINT_WORDS for c in noun.lefts):
            carried = mutual  # "joint exercises" are done together, not a show of force
        if carried:
            entry = _prefer_present_recipient(noun, carrier, carried)
            return Candidate(trigger=noun, entry=entry, predicate=carrier, light=carrier)
    if between_parties(noun):
        mutual = [e for e in entries if e.event_type in MUTUAL_TYPES or _reciprocal_noun(noun)]
        if mutual:  # "a meeting between Trump and Zelensky", "clashes between X and Y"
            return Candidate(trigger=noun, entry=mutual[0], predicate=noun, light=None)
    condemned = _condemned_act(noun, entries, lexicon)
    if condemned is not None:
        return condemned
    stated = _occurring(noun, entries) or _existential(noun, entries)
    if stated is not None:
        return stated
    if _names_owner(noun) and noun.dep_ not in {"compound", "amod"}:
        standalone = [e for e in entries if _present_recipient_role(noun, None, e)]
        if standalone:
            return Candidate(trigger=noun, entry=standalone[0], predicate=noun, light=None)
    return None


def _occurring(noun: Token, entries: tuple[TriggerEntry, ...]) -> Candidate | None:
    """ "protests on Saturday led to clashes", "demonstrations erupted in Tehran": a protest
    reported as happening, with its protesters unnamed."""
    protest = next((e for e in entries if e.event_type == "PROTEST"), None)
    verb = noun.head
    if protest is None or noun.dep_ != "nsubj" or verb.lemma_.lower() not in OCCURRENCE_VERBS:
        return None
    return Candidate(trigger=noun, entry=protest, predicate=verb, light=None)


def _existential(noun: Token, entries: tuple[TriggerEntry, ...]) -> Candidate | None:
    """ "Mulino said there will be no negotiations with the US": the speaker's act, carried by
    the existential "be"."""
    verb = noun.head
    if noun.dep_ not in {"attr", "nsubj"} or verb.lemma_ != "be":
        return None
    if not any(c.dep_ == "expl" for c in verb.children):
        return None
    return Candidate(trigger=noun, entry=entries[0], predicate=verb, light=verb)


def _claim(noun: Token, lexicon: Lexicon) -> Candidate | None:
    """ "his claims that the host country persecutes its minority": an allegation with its
    owner, about the subject of what it says."""
    if not lexicon.in_class(ALLEGATIONS_CLASS, noun.lemma_.lower()) or _owner_of(noun) is None:
        return None
    accusing = lexicon.candidates("NOUN", "allegation")
    if not accusing:
        return None
    entry = replace(accusing[0], lemma=noun.lemma_.lower(), recipient_roles=("content_subject",))
    return Candidate(trigger=noun, entry=entry, predicate=noun, light=None)


def _owner_of(noun: Token) -> Token | None:
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def judged_owner(noun: Token, lexicon: Lexicon) -> Candidate | None:
    """ "said Eritrea was baffled by Ethiopia's misguided ambitions": a word of condemnation on
    what another party owns, in a reported clause, accuses that party."""
    owner = _owner_of(noun)
    if owner is None or owner.pos_ not in {"PROPN", "NOUN"} or noun.pos_ != "NOUN":
        return None
    judged = [c for c in noun.children if c.dep_ == "amod"]
    judged += [c for a in judged for c in a.conjuncts]
    if not any(lexicon.in_class(JUDGED_CLASS[1:], a.lower_) for a in judged):
        return None
    speaker_clause = _speaker_clause(noun)
    if speaker_clause is None or speaker_clause.lemma_ not in REPORTING_VERBS:
        return None
    condemning = lexicon.candidates("VERB", "condemn")
    if not condemning:
        return None
    entry = replace(condemning[0], lemma=noun.lemma_.lower(), pos="NOUN", recipient_roles=("doer",))
    return Candidate(trigger=noun, entry=entry, predicate=speaker_clause, light=speaker_clause)


def _condemned_act(
    noun: Token, entries: tuple[TriggerEntry, ...], lexicon: Lexicon
) -> Candidate | None:
    """ "will stand against Russia's barbaric and illegal invasion": an act of force named with
    a word of condemnation by the one who speaks is an accusation of its doer (CAMEO 111)."""
    doer = act_doer(noun)
    if not any(e.event_type in HOSTILE_ACTS for e in entries) or doer is None:
        return None
    judged = [c for c in noun.children if c.dep_ == "amod"]
    judged += [c for a in judged for c in a.conjuncts]
    judged += [c for c in doer.subtree if c.i != doer.i or doer.pos_ == "NOUN"]
    if not any(lexicon.in_class(JUDGED_CLASS[1:], a.lower_) for a in judged):
        return None
    speaker_clause = _speaker_clause(noun)
    condemning = lexicon.candidates("VERB", "condemn")
    if speaker_clause is None or not condemning:
        return None
    entry = replace(condemning[0], lemma=noun.lemma_.lower(), pos="NOUN", recipient_roles=("doer",))
    return Candidate(trigger=noun, entry=entry, predicate=speaker_clause, light=speaker_clause)


def act_doer(noun: Token) -> Token | None:
    """Who did the act a noun names: "Russia's invasion", "the onslaught of Maduro"."""
    owners = [c for c in noun.lefts if c.dep_ == "poss"]
    owners += [
        c
        for c in noun.lefts
        if c.dep_ in OWNER_DEPS and (c.pos_ == "PROPN" or c.pos_ == "ADJ" and c.is_title)
    ]
    if owners:
        return owners[0]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "by"}:
            found = child(prep, {"pobj"})
            if found is not None and found.pos_ in {"PROPN", "NOUN"}:
                return found
    return None


def _speaker_clause(noun: Token) -> Token | None:
    """The clause whose subject passes judgement: the verb of saying above the noun ("Ali said
    the country need not fear the dictator's onslaught"), unless a document says it ("We will
    stand against the invasion, says a statement": then the clause's own subject)."""
    clause = _governing_verb(noun)
    reporting = clause
    for _ in range(3):
        if reporting is None or reporting.lemma_ in REPORTING_VERBS:
            break
        reporting = _governing_verb(reporting) if reporting.head is not reporting else None
    if reporting is not None and reporting.lemma_ in REPORTING_VERBS:
        speaker = child(reporting, {"nsubj"})
        if speaker is not None and speaker.lemma_.lower() not in DOCUMENT_NOUNS:
            return reporting
    return clause


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above a noun, whose subject speaks of it."""
    head = token.head
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.head is head:
            return None
        head = head.head
    return None


def _participle_carrier(noun: Token) -> Token | None:
    """ "the exercise held by X and Y", "sanctions imposed by the EU": a passive participle
    describing the noun carries it, with its by-agent as the doer."""
    return next(
        (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and child(c, {"agent"})),
        None,
    )


def between_parties(noun: Token) -> list[Token]:
    """The parties of "talks between X and Y" (two or more), else nothing."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            pobj = child(prep, {"pobj"})
            if pobj is not None:
                parties = [pobj] + [c for c in pobj.conjuncts if c.pos_ in {"NOUN", "PROPN"}]
                if len(parties) > 1:
                    return sorted(parties, key=lambda t: t.i)
    return []


def _reciprocal_noun(noun: Token) -> bool:
    return noun.lemma_.lower() in RECIPROCAL_NOUNS


def _modifies_noun(noun: Token) -> bool:
    """ "a mediation effort", "peace talks": the event noun modifies the carried noun."""
    return noun.dep_ == "compound" and noun.head.pos_ == "NOUN"


def _carrier_verb(noun: Token) -> Token | None:
    """The verb whose object (or passive subject) the noun is, through coordination."""
    token = noun
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in SERIES:
        token = token.head.head  # "began a new round of joint exercises"
    if token.dep_ in CARRIER_DEPS and token.head.pos_ in {"VERB", "AUX"}:
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
        verb, prep = token.head.head, token.head
        set_off = prep.i > 0 and prep.doc[prep.i - 1].text == ","  # ", in the first visit ..."
        if prep.lower_ in {"in", "into", "on", "as"} and not set_off:  # "engaged in talks"
            return verb
        if token.head.lower_ == "for" and verb.lemma_.lower() in ARRIVAL_VERBS:
            return verb  # "reached Kyiv for a meeting with Zelensky"
    return None


def _names_owner(noun: Token) -> bool:
    """ "Russia's invasion", "its strikes", "Russian strikes": not "brutal strikes"."""
    return any(
        c.dep_ in OWNER_DEPS and (c.pos_ in {"PROPN", "PRON"} or c.pos_ == "ADJ" and c.is_title)
        for c in noun.lefts
    )


def _particle_object(verb: Token, entry: TriggerEntry) -> Token | None:
    """ "called off the strike" parsed with "off" as a preposition: its object is the thing."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == entry.particle:
            return child(c, {"pobj"})
    return None


def _phrasal(verb: Token) -> bool:
    """ "called off the strike": a phrasal verb is not the light verb "call" (while "carried
    out an attack" and "stepped up attacks" still carry their noun)."""
    return any(c.dep_ == "prt" and c.lower_ in MEANING_PARTICLES for c in verb.children)


def _has_modifier(noun: Token, modifier: str) -> bool:
    """ "hunger strike": the modifier word a compound noun trigger needs."""
    return any(
        c.dep_ in {"compound", "amod"} and modifier in {c.lower_, c.lemma_.lower()}
        for c in noun.lefts
    )


def _has_particle(verb: Token, particle: str) -> bool:
    """The particle of a phrasal verb; a preposition counts unless it heads a time phrase
    ("called on Iran" is an appeal, "called Lavrov on Tuesday" is not)."""
    for c in verb.children:
        if c.lower_ != particle or c.dep_ not in {"prt", "prep", "advmod"}:
            continue
        if c.dep_ == "prep" and any(is_time_word(o) for o in c.children if o.dep_ == "pobj"):
            continue
        return True
    return _adjective_particle(verb, particle)


def _adjective_particle(verb: Token, particle: str) -> bool:
    """ "set free the prisoners": the parser reads the particle as an adjective of the
    object right after the verb."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is None or after.lower_ != particle or after.dep_ != "amod":
        return False
    return after.head.dep_ == "dobj" and after.head.head.i == verb.i


def _object_fits(lexicon: Lexicon, entry: TriggerEntry, obj: Token) -> bool:
    """A stop reading looks at the head noun alone ("gave account information" is not an
    "account"); other readings also accept a telling modifier ("military experts")."""
    if entry.event_type == NO_EVENT:
        return lexicon.in_class(entry.object_class, obj.lemma_.lower()) or lexicon.in_class(
            entry.object_class, obj.lower_
        )
    return _in_class(lexicon, entry, obj)


def _in_class(lexicon: Lexicon, entry: TriggerEntry, obj: Token) -> bool:
    if entry.object_class == PERSONS_CLASS and (
        obj.pos_ in {"PROPN", "PRON"} or obj.lemma_.lower() in actor_nouns()
    ):
        return True  # "released Moncayo", "freed two ex-ministers": people, named or not
    words = {obj.lemma_.lower(), obj.lower_}
    words |= {c.lemma_.lower() for c in obj.children if c.dep_ in {"compound", "amod"}}
    return any(lexicon.in_class(entry.object_class, w) for w in words)


def _prefer_present_recipient(
    trigger: Token, light: Token | None, entries: list[TriggerEntry]
) -> TriggerEntry:
    """Among readings that fit, take the first whose recipient role is in the parse."""
    for entry in entries:
        if _present_recipient_role(trigger, light, entry):
            return entry
    unrestricted = [e for e in entries if not e.recipient_required]
    return unrestricted[0] if unrestricted else entries[0]


def _present_recipient_role(trigger: Token, light: Token | None, entry: TriggerEntry) -> bool:
    anchors = [trigger] + ([light] if light is not None else [])
    return any(_role_present(trigger, anchors, role) for role in entry.recipient_roles)


def _role_present(trigger: Token, anchors: list[Token], role: str) -> bool:
    if role == "dobj":
        return (
            trigger.pos_ == "VERB"
            and direct_object(trigger) is not None
            and not is_passive(trigger)
        )
    if role == "dative":
        return child(trigger, {"dative"}) is not None
    return any(_has_preposition(anchor, role) for anchor in anchors)


def _has_preposition(token: Token, preposition: str) -> bool:
    return any(c.dep_ in {"prep", "dative"} and c.lower_ == preposition for c in token.children)
