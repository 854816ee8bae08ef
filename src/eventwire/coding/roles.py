"""Who acts and on whom: the actor and recipient phrases of a trigger.

Actors come from the clause that carries the trigger (its subject, a passive by-agent, an
inherited subject) or, for a noun used on its own, from its owner ("Russia's invasion",
"Russian strikes"). Recipients come from the roles the lexicon row lists, in order: the direct
object, an indirect object, or the object of a named preposition on the trigger or its light
verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.lexicon import load_lexicon
from eventwire.coding.syntax import (
    NOMINAL_POS,
    ORDER_VERBS,
    child,
    conjuncts,
    dative,
    direct_object,
    has_to,
    prepositional_objects,
    subject,
    through_collective,
)
from eventwire.coding.triggers import (
    FRAMING_TYPES,
    OWNER_DEPS,
    Candidate,
    act_doer,
    between_parties,
    naming_complement,
    stance_clause,
)

# Nouns that name an act without being triggers themselves: "rejected the decision by X".
ARGUMENT_NOUNS = "argument_nouns"
# Acts whose content clause names the party they are aimed at.
CONTENT_CLAUSE_TYPES = frozenset({"REQUEST", "ACCUSE"})
# "in response to X", "in retaliation for X": what an act answers.
RESPONSE_NOUNS = frozenset({"response", "retaliation", "reply", "reaction", "answer", "protest"})
# Where the parties of a framed clause stand: "agreed to hand the men over *to* Kenya".
FRAMED_PREPOSITIONS = ("to", "with", "for", "into", "in", "from")
# Acts whose "of" names their victim ("the killing of protesters"), not their doer.
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"})


def actor_tokens(candidate: Candidate) -> tuple[list[Token], str]:
    """Head tokens of the actor phrase(s) and how they were found."""
    trigger, predicate = candidate.trigger, candidate.predicate
    if trigger.pos_ in {"NOUN", "PROPN"} and candidate.light is None:
        parties = between_parties(trigger)
        if parties:
            return parties, "between"
        owner = _owner(trigger)
        return ([owner], "owner") if owner is not None else ([], "")
    doer = subject(predicate)
    if doer is not None:
        doer = through_collective(doer)
        behind = _behind_act(doer)
        if behind is not None:
            return conjuncts(behind), "act-owner"  # "a Taliban attack killed 20 policemen"
        how = "subject" if child(predicate, {"nsubj", "agent"}) is not None else "inherited"
        return _with_split_subjects(predicate, doer), how
    if trigger.i != predicate.i:
        owner = _owner(trigger)
        if owner is not None:
            return [owner], "owner"
    speaker = existential_speaker(predicate)
    if speaker is not None:
        return conjuncts(speaker), "speaker"  # "X said there would be no talks with Y"
    return [], ""


def existential_speaker(predicate: Token) -> Token | None:
    """Who says "there will be": the subject of the verb of saying the clause depends on."""
    if predicate.lemma_ != "be" or not any(c.dep_ == "expl" for c in predicate.children):
        return None
    if predicate.dep_ != "ccomp" or predicate.head.i == predicate.i:
        return None
    return subject(predicate.head)


def _behind_act(noun: Token) -> Token | None:
    """The doer named inside an act that is the subject: "a car bombing *by the Islamic
    State*", "*a Taliban* attack" (not the owner of a weapon's target)."""
    if noun.pos_ != "NOUN":
        return None
    readings = load_lexicon().candidates("NOUN", noun.lemma_.lower())
    if not any(e.event_type in VIOLENT_TYPES for e in readings):
        return None
    doer = act_doer(noun)
    return doer if doer is not None and doer.pos_ in {"PROPN", "NOUN"} else None


def _with_split_subjects(predicate: Token, doer: Token) -> list[Token]:
    """The doer and its conjuncts, plus any further subject the parser hung on the same verb
    when it split a long list ("Macron, Merz and Starmer reached Kyiv")."""
    found = conjuncts(doer)
    if doer.head.i == predicate.i and doer.dep_ == "nsubj":
        for other in predicate.children:
            if other.dep_ == "nsubj" and other.i != doer.i and other.pos_ in {"PROPN", "NOUN"}:
                found += [t for t in conjuncts(other) if t not in found]
    return sorted(found, key=lambda t: t.i)


def _owner(noun: Token) -> Token | None:
    owners = [c for c in noun.lefts if c.dep_ in OWNER_DEPS]
    possessive = [c for c in owners if c.dep_ == "poss"]
    return (possessive or owners or [None])[0]


def recipient_tokens(candidate: Candidate) -> list[Token]:
    """Head tokens of the recipient phrase(s), from the first lexicon role present."""
    return next(iter(recipient_options(candidate)), [])


def recipient_options(candidate: Candidate) -> list[list[Token]]:
    """The recipient phrases of every lexicon role present, in the lexicon's order: the coder
    takes the first that names an actor ("shared intelligence with Morocco": not the
    intelligence, Morocco).

    A noun's light verb may name the recipient itself ("gave Canada a deadline", "used
    civilians as human shields"). A framing act without its own recipient takes the one of
    the act it frames ("agreed to send troops to Mali" -> Mali), or, when what it frames is no
    event of the lexicon, the parties of that clause ("agreed to allow UN workers access",
    "refused to meet with X"); an act done for a purpose may name its party there ("provided
    $40 million to support refugees in Jordan"); an act "in response to" another is aimed at
    that act's doer.
    """
    options = _light_verb_parties(candidate) + _attack_subject_target(candidate)
    options += _instrument_attack_target(candidate)
    options += _campaign_target(candidate)
    options += [
        option for role in candidate.entry.recipient_roles for option in _by_role(candidate, role)
    ]
    if not options:
        options = [found] if (found := _content_clause_subject(candidate)) else []
    if not options and candidate.embedded is not None:
        options = recipient_options(candidate.embedded)
    if not options and candidate.entry.event_type in FRAMING_TYPES:
        options = _framed_clause_parties(candidate)
    if not options:
        options = _purpose_parties(candidate.predicate)
    return options + _responded_to(candidate.predicate) + _awaited_party(candidate.predicate)


def _light_verb_parties(candidate: Candidate) -> list[list[Token]]:
    """ "gave Canada a deadline", "granted the government permission": the light verb's
    indirect object; "used civilians as human shields": its object, the noun being its
    complement."""
    light, trigger = candidate.light, candidate.trigger
    if light is None or light.i == trigger.i or trigger.pos_ != "NOUN":
        return []
    found = [c for c in light.children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN"}]
    obj = child(light, {"dobj"})
    complement = trigger.dep_ == "pobj" and trigger.head.lower_ == "as"
    if obj is not None and obj.i != trigger.i and complement:
        found.append(obj)  # "used civilians as human shields", not "led a delegation on a visit"
    return [conjuncts(through_collective(t)) for t in found]


def _attack_subject_target(candidate: Candidate) -> list[list[Token]]:
    """ "A Saudi-led strike on a school bus killed 40 children": an attack named as the
    subject names its target first; the dead are its victims there."""
    doer = subject(candidate.predicate)
    if candidate.entry.event_type != "ASSAULT" or doer is None or not _names_attack(doer):
        return []
    return _attack_target(doer)


def _instrument_attack_target(candidate: Candidate) -> list[list[Token]]:
    """ "Iran hit back with aerial attacks on Israel": an attack verb whose means is an attack
    named with its target takes that target."""
    if candidate.entry.event_type != "ASSAULT" or candidate.trigger.pos_ != "VERB":
        return []
    for means in prepositional_objects(candidate.trigger, "with"):
        if _names_attack(means):
            return _attack_target(means)
    return []


def _attack_target(attack: Token) -> list[list[Token]]:
    """The first party an attack noun is "on" or "against"."""
    for word in ("on", "against"):
        objects = list(prepositional_objects(attack, word))
        if objects:
            return [conjuncts(through_collective(objects[0]))]
    return []


def _campaign_target(candidate: Candidate) -> list[list[Token]]:
    """ "mobilised the army for a ground assault against Gaza", "troops for the war against
    Iraq": forces readied for an attack are aimed at its target."""
    if candidate.entry.event_type != "MOBILIZE":
        return []
    lexicon = load_lexicon()
    for purpose in prepositional_objects(candidate.trigger, "for"):
        lemma = purpose.lemma_.lower()
        if not (_names_attack(purpose) or lexicon.in_class("hostilities", lemma)):
            continue
        for word in ("against", "on"):
            objects = list(prepositional_objects(purpose, word))
            if objects:
                return [conjuncts(through_collective(objects[0]))]
    return []


def _framed_clause_parties(candidate: Candidate) -> list[list[Token]]:
    """The parties of the plain clause an act frames, most direct first: its indirect object,
    its object, the subject of what it lets happen ("refused to allow the plane to land"),
    whom it is done to or with, where it is done."""
    holders = (candidate.predicate, candidate.trigger)
    clause = next(
        (
            c
            for holder in holders
            for c in holder.children
            if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"
        ),
        None,
    )
    return _clause_parties(clause) if clause is not None else []


def _purpose_parties(predicate: Token) -> list[list[Token]]:
    """ "provided $40 million to support refugees in Jordan": the parties of the purpose."""
    clause = next(
        (c for c in predicate.children if c.dep_ in {"advcl", "xcomp"} and has_to(c)), None
    )
    return _clause_parties(clause) if clause is not None else []


def _clause_parties(clause: Token) -> list[list[Token]]:
    options: list[list[Token]] = []
    target = dative(clause)
    if target is not None:
        options.append(conjuncts(target))
    obj = direct_object(clause)
    if obj is not None:
        options.append(conjuncts(through_collective(obj)))
    inner = next((c for c in clause.children if c.dep_ in {"ccomp", "xcomp"}), None)
    doer = child(inner, {"nsubj"}) if inner is not None else None
    if doer is not None and doer.pos_ in {"NOUN", "PROPN"}:
        options.append(conjuncts(doer))  # "allow two airlines to land": the airlines
    for word in FRAMED_PREPOSITIONS:
        for found in prepositional_objects(clause, word):
            named = conjuncts(through_collective(found))
            options.append([a for t in named for a in _event_argument(t)])
    return options


def _names_attack(noun: Token) -> bool:
    readings = load_lexicon().candidates("NOUN", noun.lemma_.lower())
    return noun.pos_ == "NOUN" and any(e.event_type in VIOLENT_TYPES for e in readings)


def _awaited_party(predicate: Token) -> list[list[Token]]:
    """ "will not end the strike until the authorities meet its demands", "pledged equipment
    should Mexico ask for help": the party whose act is awaited (a last resort)."""
    holders = [predicate] + ([predicate.head] if predicate.dep_ == "xcomp" else [])
    for clause in (c for holder in holders for c in holder.children):
        if clause.dep_ == "advcl" and _awaits(clause):
            doer = subject(clause)
            if doer is not None and doer.pos_ in {"NOUN", "PROPN"}:
                return [conjuncts(doer)]
    return []


def _awaits(clause: Token) -> bool:
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if marks & {"until", "unless", "till", "if", "before"}:
        return True
    doer = child(clause, {"nsubj"})
    inverted = [c for c in clause.children if c.dep_ == "aux" and c.lower_ == "should"]
    return bool(inverted and doer is not None and inverted[0].i < doer.i)


def _content_subject(noun: Token) -> list[Token]:
    """ "his claims that the host country persecutes its minority": who the claim is about."""
    for clause in noun.children:
        if clause.dep_ in {"acl", "ccomp"} and any(c.lower_ == "that" for c in clause.children):
            doer = child(clause, {"nsubj", "nsubjpass"})
            if doer is not None and doer.pos_ in {"NOUN", "PROPN"}:
                return conjuncts(doer)
    return []


def _responded_to(predicate: Token) -> list[list[Token]]:
    """ "staged a strike in response to GE's decision", "responding to the US deployment":
    the doer of what the act answers (a last resort, after every role)."""
    holders = [predicate] + [c for c in predicate.children if c.dep_ in {"xcomp", "ccomp"}]
    for prep in (p for holder in holders for p in holder.children):
        if prep.dep_ == "prep" and prep.lower_ == "after":
            earlier = child(prep, {"pobj"})
            if earlier is not None and _names_attack(earlier):
                return [_event_argument(earlier)]  # "vowed to retaliate after Israeli strikes"
        if prep.dep_ == "prep" and prep.lower_ == "in":
            response = child(prep, {"pobj"})
            if response is not None and response.lemma_.lower() in RESPONSE_NOUNS:
                answered = next(prepositional_objects(response, "to"), None) or next(
                    prepositional_objects(response, "for"), None
                )
                if answered is not None:
                    return [_event_argument(answered)]
    for clause in (c for holder in holders for c in holder.children if c.dep_ == "advcl"):
        marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
        earlier = child(clause, {"nsubj"}) if "after" in marks else None
        if earlier is not None and _names_attack(earlier):
            return [_event_argument(earlier)]  # "after Israeli strikes killed seven officials"
    for clause in predicate.children:
        if clause.dep_ == "advcl" and clause.lemma_.lower() in {"respond", "react", "retaliate"}:
            answered = next(prepositional_objects(clause, "to"), None) or next(
                prepositional_objects(clause, "for"), None
            )
            if answered is not None:
                return [_event_argument(answered)]
    return []


def _content_clause_subject(candidate: Candidate) -> list[Token]:
    """ "demanded that Kabul crack down", "urged that the prisoners be freed", "charged that
    Iran had armed them": the subject of the demanded or alleged clause."""
    trigger = candidate.trigger
    if trigger.pos_ != "VERB" or candidate.entry.event_type not in CONTENT_CLAUSE_TYPES:
        return []
    clause = next((c for c in trigger.children if c.dep_ == "ccomp"), None)
    subject_ = child(clause, {"nsubj", "nsubjpass"}) if clause is not None else None
    if subject_ is None or subject_.pos_ not in {"NOUN", "PROPN"}:
        return []
    return conjuncts(subject_)


def _by_role(candidate: Candidate, role: str) -> list[list[Token]]:
    """The role's phrases as recipient options; a phrase naming an act offers the party who
    did it (or the phrase itself) first and the one it was aimed at second."""
    found = [token for token in _by_role_heads(candidate, role) if not _denied(token)]
    if not found:
        return []
    first = [argument for token in found for argument in _event_argument(token)]
    options = [first]
    aimed = [target for token in found for target in _act_target(token)]
    if aimed:
        options.append(aimed)
    return options


def _denied(token: Token) -> bool:
    """ "a summit with no U.S. representatives": a party said to be absent takes no part."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _act_target(token: Token) -> list[Token]:
    """Whom an act named by a noun was aimed at: "cancelled a visit *to Britain*", "rejected
    any cooperation *with the ICC*"."""
    readings = load_lexicon().candidates("NOUN", token.lemma_.lower())
    if token.pos_ != "NOUN" or any(e.event_type in VIOLENT_TYPES for e in readings):
        return []  # "condemned the attack on X" blames the attacker, not X
    for entry in readings:
        for role in entry.recipient_roles:
            objects = list(prepositional_objects(token, role))
            if objects:
                return conjuncts(through_collective(objects[0]))
    return []


def _event_argument(token: Token) -> list[Token]:
    """ "condemned the bombing by X", "rejected a call from X", "welcomed the release of X":
    when the phrase names an act, the party who did it (or, for acts that are not attacks,
    the one they concern) is the recipient; otherwise the phrase itself."""
    lemma = token.lemma_.lower()
    lexicon = load_lexicon()
    readings = lexicon.candidates("NOUN", lemma)
    if not (readings or lexicon.in_class(ARGUMENT_NOUNS, lemma)) or token.pos_ != "NOUN":
        return [token]
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        return [owner]  # "condemned the Indian government's decision", "its attack"
    for clause in token.children:
        agent = child(clause, {"agent"}) if clause.dep_ == "acl" else None
        doer = child(agent, {"pobj"}) if agent is not None else None
        if doer is not None:
            return conjuncts(doer)  # "the threats made by the United States"
    violent = any(e.event_type in VIOLENT_TYPES for e in readings)
    for word in ("by", "from") if violent else ("by", "of", "from"):
        objects = [o for o in prepositional_objects(token, word) if o.pos_ in NOMINAL_POS]
        if objects:  # a party, not "the legislation of attacking civil society"
            return conjuncts(objects[0])
    return [token]


def _by_role_heads(candidate: Candidate, role: str) -> list[Token]:
    trigger, light = candidate.trigger, candidate.light
    if role == "dobj":
        return _object_role(trigger)
    if role == "complement":
        return _complement_doer(trigger)
    if role == "doer":
        doer = act_doer(trigger)
        return conjuncts(doer) if doer is not None else []
    if role == "content_subject":
        return _content_subject(trigger)
    if role == "clause_subject":
        judged = child(stance_clause(trigger), {"nsubj", "nsubjpass"})
        return conjuncts(judged) if judged is not None else []
    if role == "dative":
        target = dative(trigger) if trigger.pos_ == "VERB" else None
        return conjuncts(target) if target is not None else []
    anchors = [trigger] + ([light] if light is not None else [])
    if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":
        anchors.append(trigger.head)  # "a protest letter to the UN over the dam"
    thing = direct_object(trigger) if trigger.pos_ == "VERB" else None
    if thing is not None and thing.pos_ == "NOUN":
        anchors.append(thing)  # "shared intelligence with Morocco": the parser hangs it there
    for anchor in anchors:
        # "took to the streets in protest": the trigger is never its own recipient
        objects = [o for o in prepositional_objects(anchor, role) if o.i != trigger.i]
        if objects:
            return conjuncts(through_collective(objects[0]))
    return _between_below(anchors) if role == "between" else []


def _between_below(anchors: list[Token]) -> list[Token]:
    """ "a mediation effort to resolve the rift between Qatar and its neighbours": the sides
    a mediator stands between may be named further down the phrase."""
    for anchor in anchors:
        for token in anchor.subtree:
            if token.dep_ == "prep" and token.lower_ == "between" and token.head.i != anchor.i:
                pobj = child(token, {"pobj"})
                if pobj is not None and pobj.pos_ in {"NOUN", "PROPN"}:
                    return conjuncts(through_collective(pobj))
    return []


def _complement_doer(verb: Token) -> list[Token]:
    """Whom a naming blames: "described as an act of aggression *by Moscow*", "called it
    *Russia's* aggression"."""
    complement = naming_complement(verb) if verb.pos_ == "VERB" else None
    if complement is None:
        return []
    for token in complement.subtree:
        if token.dep_ == "poss" and token.pos_ in {"PROPN", "NOUN"}:
            return conjuncts(token)
        if token.dep_ in {"prep", "agent"} and token.lower_ in {"by", "from"}:
            doer = child(token, {"pobj"})
            if doer is not None:
                return conjuncts(doer)
    return []


def _object_role(trigger: Token) -> list[Token]:
    if trigger.pos_ != "VERB":
        return []
    obj = direct_object(trigger)
    return conjuncts(through_collective(obj)) if obj is not None else []


def ordering_authority(predicate: Token) -> tuple[list[Token], list[Token], str] | None:
    """Who imposes a clause they order: "X ordered Y to close" -> ([X], [Y])."""
    governor = predicate.head
    if predicate.dep_ not in {"xcomp", "ccomp", "oprd"} or governor.lemma_ not in ORDER_VERBS:
        return None
    authority = subject(governor)
    if authority is None:
        return None
    target = child(governor, {"dobj"}) or child(predicate, {"nsubj", "nsubjpass"})
    return conjuncts(authority), conjuncts(target) if target is not None else [], "subject"
