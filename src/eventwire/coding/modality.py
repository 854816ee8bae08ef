"""Whether an event is said to have happened, to be planned, alleged, hypothetical or denied.

Modality is read from the words around the predicate that carries the trigger: negation,
modal and future auxiliaries, verbs that announce plans, hedging adverbs, the accusation frame
("accused X of ...") and conditional clauses. Analysts filter on it, so it errs towards the
weaker reading: an event only counts as asserted when nothing marks it otherwise.
"""

from __future__ import annotations

from spacy.tokens import Token

NEGATORS = frozenset({"not", "n't", "never", "no"})
FAILURE_VERBS = frozenset({"fail", "refuse", "decline", "avoid", "stop", "cease", "halt"})
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "reject", "disavow"})
HEDGES = frozenset(
    {"allegedly", "reportedly", "purportedly", "supposedly", "apparently", "seemingly"}
)
ALLEGATION_VERBS = frozenset(
    {"accuse", "allege", "blame", "charge", "suspect", "claim", "criticise", "criticize",
     "condemn", "denounce", "fault"}
)  # fmt: skip
# Passive verbs of belief or report that raise their subject: "is believed to have sent".
HEARSAY_VERBS = frozenset(
    {"believe", "think", "report", "say", "suspect", "allege", "rumour", "rumor", "understand",
     "estimate", "presume", "claim"}
)  # fmt: skip
CLAIM_VERBS = frozenset({"claim", "allege", "accuse", "suspect", "rumour", "rumor", "purport"})
PLAN_VERBS = frozenset(
    {"plan", "intend", "expect", "aim", "prepare", "seek", "want", "vow", "pledge",
     "promise", "hope", "schedule", "set", "announce", "propose", "agree", "offer", "due",
     "mean", "threaten", "consider", "weigh", "push", "move", "try", "attempt", "ready"}
)  # fmt: skip
# Verbs that put the noun they carry in the future ("planned a visit"); "pledged support" or
# "offered help" are acts of support now, so pledge/offer/vow are not among them.
LIGHT_PLAN_VERBS = frozenset(
    {"plan", "schedule", "propose", "prepare", "intend", "expect", "seek", "want", "consider",
     "weigh", "announce", "declare", "unveil", "arrange", "set"}
)  # fmt: skip
DECLARING_VERBS = frozenset({"announce", "declare", "unveil"})
MEETING_NOUNS = frozenset(
    {"visit", "trip", "tour", "talk", "talks", "meeting", "summit", "conference", "negotiation",
     "consultation", "call", "dialogue"}
)  # fmt: skip
CONSIDERING_VERBS = frozenset(
    {"consider", "weigh", "explore", "mull", "contemplate", "discuss", "debate", "study",
     "examine", "review", "propose", "suggest", "recommend"}
)  # fmt: skip
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
PLANNING_MODIFIERS = frozenset({"scheduled", "planned", "expected", "proposed", "upcoming"})


def modality_of(trigger: Token, predicate: Token) -> str:
    """Classify the event anchored at `trigger`, whose clause is headed by `predicate`."""
    if _negated(trigger, predicate):
        return "negated"
    if _denied(predicate):
        return "denied"
    if _conditional(predicate) or _obligation(predicate) or _under_consideration(predicate):
        return "hypothetical"
    if _alleged(trigger, predicate):
        return "alleged"
    if _planned(trigger, predicate):
        return "planned"
    return "asserted"


VOLITIONAL_AUX = frozenset({"will", "wo", "would", "shall", "can", "ca", "could"})
REFUSAL_GOVERNORS = frozenset({"fail", "refuse", "decline"})


def is_refusal(trigger: Token, predicate: Token) -> bool:
    """A negated act the actor chooses not to do ("will not release", "failed to agree").

    PLOVER codes such statements as REJECT rather than as a negated cooperative event.
    """
    if not _negated(trigger, predicate):
        return False
    if predicate.dep_ == "xcomp" and predicate.head.lemma_ in REFUSAL_GOVERNORS:
        return True
    if any(_negating(c) and c.lower_ == "longer" for c in predicate.children):
        return True  # "no longer recognised the court": a deliberate stop
    return any(c.lower_ in VOLITIONAL_AUX for c in _auxiliaries(predicate))


def _negated(trigger: Token, predicate: Token) -> bool:
    for token in {trigger, predicate}:
        if any(_negating(c) for c in token.children):
            return True
    if predicate.dep_ == "conj" and _neither_nor(predicate.head):
        return True  # "would neither send troops nor carry out operations"
    governor = predicate.head
    return predicate.dep_ == "xcomp" and governor.lemma_ in FAILURE_VERBS


def _neither_nor(first: Token) -> bool:
    """The first conjunct carries "neither" and its coordination "nor"."""
    words = {(c.dep_, c.lower_) for c in first.children}
    return ("preconj", "neither") in words and ("cc", "nor") in words


def _negating(token: Token) -> bool:
    """ "not", "no talks", "neither ... nor", "no longer"."""
    if token.dep_ == "neg":
        return True
    if token.lower_ == "longer" and any(c.lower_ == "no" for c in token.children):
        return True
    if token.dep_ == "det" and token.lower_ == "no":
        return True
    return token.dep_ == "preconj" and token.lower_ == "neither"


def _clause_governors(predicate: Token, limit: int = 3) -> list[Token]:
    """The verbs that embed the predicate's clause, nearest first ("denied that X ...").

    A coordinated verb shares its first conjunct's governors but is not embedded by the
    conjunct itself: in "denied harbouring militants and accused Pakistan" the accusation
    is not denied."""
    found, token = [], predicate
    while len(found) < limit and token.head is not token:
        if token.dep_ == "conj":
            token = token.head
            continue
        if token.dep_ not in {"xcomp", "ccomp", "pcomp", "advcl"}:
            break
        token = token.head
        if token.dep_ == "prep":
            token = token.head
        found.append(token)
    return found


def _denied(predicate: Token) -> bool:
    governors = _clause_governors(predicate, limit=2)
    return any(g.lemma_ in DENIAL_VERBS for g in governors)


def _conditional(predicate: Token) -> bool:
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in predicate.children):
        return True
    has_modal = any(c.lower_ in CONDITIONAL_AUX - {"would"} for c in _auxiliaries(predicate))
    conditional_clause = any(
        c.dep_ == "advcl" and any(m.lower_ in CONDITIONAL_MARKS for m in c.children)
        for c in predicate.children
    )
    would = any(c.lower_ == "would" for c in _auxiliaries(predicate))
    return conditional_clause and (would or has_modal)


def _under_consideration(predicate: Token) -> bool:
    """ "is considering sending aid": an option weighed, not an act."""
    return predicate.dep_ == "xcomp" and predicate.head.lemma_ in CONSIDERING_VERBS


def _obligation(predicate: Token) -> bool:
    """ "Israel must end its attacks": a demand about the act, not a report of it."""
    return any(c.lower_ in OBLIGATION_AUX for c in _auxiliaries(predicate))


def _alleged(trigger: Token, predicate: Token) -> bool:
    for token in {trigger, predicate}:
        if any(c.lower_ in HEDGES for c in token.children):
            return True
    if any(c.dep_ == "amod" and c.lower_ == "alleged" for c in trigger.children):
        return True
    if predicate.dep_ == "pcomp" and predicate.head.dep_ == "prep":
        return predicate.head.head.lemma_ in ALLEGATION_VERBS
    if predicate.dep_ == "ccomp":
        return predicate.head.lemma_ in CLAIM_VERBS
    return _said_to_have(predicate)


def _said_to_have(predicate: Token) -> bool:
    """ "North Korea is believed to have sent troops", "is reported to have fired": an act
    that others believe or report, not one the text asserts."""
    governor = predicate.head
    if predicate.dep_ != "xcomp" or governor.lemma_ not in HEARSAY_VERBS:
        return False
    return any(c.dep_ == "auxpass" for c in governor.children)


def _planned(trigger: Token, predicate: Token) -> bool:
    auxiliaries = {c.lower_ for c in _auxiliaries(predicate)}
    if auxiliaries & FUTURE_AUX or "would" in auxiliaries:
        return True
    if "to" in auxiliaries and (
        predicate.dep_ in {"acl", "relcl", "ROOT"} or predicate.head.lemma_ in PLAN_VERBS
    ):
        return True
    if trigger is not predicate and predicate.lemma_ in LIGHT_PLAN_VERBS:
        # "announced a visit" lies ahead; "announced a ceasefire / sanctions" takes effect now
        return predicate.lemma_ not in DECLARING_VERBS or trigger.lemma_.lower() in MEETING_NOUNS

    if trigger.pos_ in {"NOUN", "PROPN"} and any(
        t.dep_ in {"acl", "amod"} and t.lower_ in PLANNING_MODIFIERS for t in trigger.subtree
    ):
        return True  # "a visit to the White House scheduled for Friday"
    return _going_to(predicate)


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]


def _going_to(predicate: Token) -> bool:
    head = predicate.head
    return predicate.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG"
