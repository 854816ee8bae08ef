"""Reading grammatical roles off a spaCy dependency parse.

These helpers answer "who is the subject of this predicate?" through the constructions news
text uses: plain subjects, passives with by-agents, control verbs ("agreed to send"), object
control ("urged X to", "accused X of"), coordination, participial and relative clauses.
They work on the labels of spaCy's English ClearNLP-style parser.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Verbs whose object is the understood subject of the clause they govern ("urged Iran to stop").
OBJECT_CONTROL = frozenset(
    {
        "urge", "ask", "call", "press", "force", "order", "tell", "invite", "encourage",
        "persuade", "allow", "help", "accuse", "blame", "criticise", "criticize", "condemn",
        "charge", "praise", "thank", "warn", "suspect", "denounce", "fault", "commend",
        "find", "convict", "sentence", "jail", "fine", "punish", "sue", "prosecute",
    }
)  # fmt: skip
MAX_HOPS = 6
# Verbs whose object is asked to do what a following "to" clause says, even when the parser
# hangs that clause on the verb as a purpose: "pressing Tehran to free them".
PERSUASION_VERBS = frozenset(
    {"press", "urge", "push", "pressure", "lobby", "encourage", "ask", "implore", "persuade"}
)
# Verbs of command: what they govern is imposed on, or requested of, their object.
ORDER_VERBS = frozenset({"order", "force", "compel", "direct", "instruct", "oblige", "require"})
# Words that name a time, never a participant: "on Friday", "in March", "this week".
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "today", "tonight", "yesterday", "tomorrow", "overnight",
     "weekend", "morning", "evening", "night", "afternoon", "day", "week", "month", "year",
     "decade", "hour", "time", "occasion", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.",
     "sep.", "oct.", "nov.", "dec.", "jan", "feb", "sept", "oct", "nov", "dec"}
)  # fmt: skip
# Nouns whose to-infinitive is their owner's own intended act: "a plan to mobilise".
INTENT_NOUNS = frozenset(
    {"plan", "decision", "offer", "proposal", "promise", "pledge", "threat", "right", "bid",
     "attempt", "effort", "move", "commitment", "intention", "vow", "readiness",
     "willingness", "refusal", "initiative", "push", "determination", "resolve",
     "desire", "wish", "aim", "goal", "intent", "ultimatum", "order"}
)  # fmt: skip
DOCUMENT_NOUNS = frozenset(
    {"report", "statement", "resolution", "letter", "declaration", "communique", "document",
     "bill", "motion", "note", "memo", "petition", "complaint", "lawsuit", "decree", "order"}
)  # fmt: skip


def conjuncts(token: Token) -> list[Token]:
    """The token and every nominal coordinated with it ("Russia and Iran" -> both)."""
    found = [token]
    for conj in token.conjuncts:
        if conj.pos_ in NOMINAL_POS or conj.pos_ == token.pos_:
            found.append(conj)
    return sorted(found, key=lambda t: t.i)


COLLECTIVE_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "million", "score", "number", "group", "crowd", "member",
     "some", "many", "most", "all", "several", "few", "majority", "handful", "band", "team",
     "delegation", "contingent", "unit", "one", "two", "three", "dozens", "hundreds", "batch",
     "thousands", "millions"}
)  # fmt: skip


def through_collective(token: Token) -> Token:
    """ "Thousands of protesters", "members of the army": the people named after "of"."""
    if token.lemma_.lower() in COLLECTIVE_NOUNS or token.like_num:
        for pobj in prepositional_objects(token, "of"):
            return pobj
    return token


def child(token: Token, deps: frozenset[str] | set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def passive_agent(verb: Token) -> Token | None:
    """The object of the by-phrase of a passive verb ("was attacked by rebels" -> rebels)."""
    agent = child(verb, {"agent"})
    if agent is None:
        return None
    return child(agent, {"pobj"})


def subject(verb: Token, hops: int = 0) -> Token | None:
    """The doer of a verbal predicate, following control, coordination and clause links."""
    if hops > MAX_HOPS:
        return None
    if is_passive(verb):
        return passive_agent(verb)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "people evacuated by the US"
        return verb.head if _misread_finite(verb) else passive_agent(verb)
    own = child(verb, SUBJECT_DEPS) or _misread_subject(verb)
    if own is not None:
        return _behind_instrument(_relative_antecedent(own))
    return _inherited_subject(verb, hops)


def _misread_subject(verb: Token) -> Token | None:
    """ "Cairo reserves the right": a name the parser glued to the verb as a compound, with
    no subject of its own, is that subject."""
    if verb.pos_ != "VERB":
        return None
    glued = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ in {"PROPN", "NOUN"}]
    return glued[-1] if glued else None


def _misread_finite(participle: Token) -> bool:
    """ "the two countries negotiated directly and agreed a ceasefire": a past tense the
    parser took for a participle describing the noun, given away by a finite verb
    coordinated with it."""
    if child(participle, {"agent"}) is not None:
        return False
    return any(c.dep_ == "conj" and c.tag_ == "VBD" for c in participle.children)


def _behind_instrument(token: Token) -> Token:
    """ "The missiles fired by the army struck ...": the doer is the by-agent of the participle."""
    for clause in token.children:
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            agent = passive_agent_of_participle(clause)
            if agent is not None:
                return agent
    return token


def passive_agent_of_participle(participle: Token) -> Token | None:
    agent = child(participle, {"agent"})
    return child(agent, {"pobj"}) if agent is not None else None


def _relative_antecedent(token: Token) -> Token:
    """Map "which"/"who" in a relative clause to the noun the clause describes."""
    if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _inherited_subject(verb: Token, hops: int) -> Token | None:
    head, dep = verb.head, verb.dep_
    if head is verb:
        return None
    if dep == "xcomp" or dep == "ccomp" and has_to(verb):
        obj = child(head, {"dobj"})
        if obj is not None and head.lemma_ in OBJECT_CONTROL:
            return obj
        raised = child(head, PASSIVE_SUBJECT_DEPS) if is_passive(head) else None
        if raised is not None and dep == "xcomp":
            return raised  # "North Korea is believed to have sent troops"
        return subject(head, hops + 1)
    if dep == "advcl" and has_to(verb) and head.lemma_ in PERSUASION_VERBS:
        obj = child(head, {"dobj"})
        if obj is not None:
            return obj  # "pressing Tehran to free the prisoners": Tehran would free them
    if dep == "conj" or dep == "advcl" and (verb.tag_ in {"VBG", "VBN"} or has_to(verb)):
        return subject(head, hops + 1)  # "went on television to announce": the one who went
    if dep == "acl" and has_to(verb) and head.lemma_.lower() in INTENT_NOUNS:
        return _intender(head, hops)
    if dep in {"acl", "relcl"} and not is_passive(verb) and verb.tag_ != "VBN":
        if head.lemma_.lower() in DOCUMENT_NOUNS and head.head is not head:
            # "released a statement criticising X": the authors of the statement criticise
            governor = _governing_verb(head.head)
            return subject(governor, hops + 1) if governor is not None else None
        return head
    if dep == "pcomp" and head.dep_ == "prep":
        return _prepositional_clause_subject(head, hops)
    return None


def _intender(noun: Token, hops: int) -> Token | None:
    """Whose plan, offer or decision it is: "Maduro's plan to mobilise", "Maduro announced a
    plan to mobilise" -> Maduro; "the right to retaliate" reserved by Cairo -> Cairo."""
    owner = child(noun, {"poss"})
    if owner is not None:
        return owner
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        return subject(noun.head, hops + 1)
    return None


def _prepositional_clause_subject(prep: Token, hops: int) -> Token | None:
    """ "accused Iran of supplying" -> Iran; "escalating, including targeting" -> the escalator."""
    predicative = child(prep.head, SUBJECT_DEPS) if prep.head.pos_ == "ADJ" else None
    if predicative is not None:  # "found the regime guilty of murdering"
        return predicative
    governor = _governing_verb(prep.head)
    if governor is None:
        return None
    obj = child(governor, {"dobj"})
    if obj is not None and governor.lemma_ in OBJECT_CONTROL:
        return obj
    return subject(governor, hops + 1)


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token ("efforts, including targeting": efforts -> escalating)."""
    for _ in range(MAX_HOPS):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def has_to(verb: Token) -> bool:
    """A to-infinitive: "agreed *to* withdraw"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def direct_object(verb: Token) -> Token | None:
    """The thing acted on; for a passive verb the grammatical subject."""
    if is_passive(verb):
        return child(verb, PASSIVE_SUBJECT_DEPS)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # "meet his counterpart Italian President Sergio Mattarella": the parser splits one
    # object in two and tags the first word an adjective; the noun is the object
    obj = next((o for o in objects if o.pos_ in {"NOUN", "PROPN", "PRON"}), None)
    obj = obj or (objects[0] if objects else None)
    if obj is None and verb.dep_ in {"acl"} and verb.tag_ == "VBN":
        return verb.head
    return obj or _small_clause_subject(verb)


def _small_clause_subject(verb: Token) -> Token | None:
    """ "will not accept any refugees fleeing the war": the parser makes the object the
    subject of the participle after it."""
    for clause in verb.children:
        if clause.dep_ in {"ccomp", "xcomp"} and clause.tag_ == "VBG":
            doer = child(clause, {"nsubj"})
            if doer is not None and verb.i < doer.i < clause.i and doer.pos_ == "NOUN":
                return doer
    return None


def is_time_word(token: Token) -> bool:
    """A day, month, period or bare number: "on Friday", "in 2019" name when, not whom."""
    return token.lower_ in TIME_WORDS or token.like_num


def prepositional_objects(token: Token, preposition: str) -> Iterator[Token]:
    """Objects of the named preposition attached to the token ("talks with Iran" -> Iran);
    a time ("lifted sanctions on Friday") is never one."""
    for prep in token.children:
        if prep.dep_ in {"prep", "dative", "agent"} and prep.lower_ == preposition:
            pobj = child(prep, {"pobj", "pcomp"})
            if pobj is not None and not is_time_word(pobj):
                yield pobj


def dative(verb: Token) -> Token | None:
    """An indirect object: "gave Ukraine tanks" or "gave tanks to Ukraine"."""
    for c in verb.children:
        if c.dep_ == "dative":
            return child(c, {"pobj"}) if c.pos_ == "ADP" else c
    return next(prepositional_objects(verb, "to"), None)


# Adjectives that complete a phrasal verb ("set free", "let loose", "break open").
VERB_PARTICLE_ADJECTIVES = frozenset({"free", "loose", "open"})


def phrase_span(head: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`, without its right-hand modifiers.

    A hyphen inside a word ("Kim Jong-un") does not cut the phrase, and a day or month the
    parser glued to its front ("Wednesday Pakistan's Prime Minister") is not part of it.
    """
    start = head.left_edge.i
    for c in head.lefts:
        if c.dep_ in {"cc", "conj", "punct", "prep", "relcl", "acl", "appos"}:
            if c.dep_ == "punct" and _inner_hyphen(c):
                continue
            start = max(start, c.right_edge.i + 1)
    doc = head.doc
    while start < head.i and doc[start].lower_ in LEADING_TIME_WORDS:
        start += 1
    if start < head.i and _verb_particle(doc[start]):
        start += 1  # "set free the prisoners": "free" belongs to the verb
    return min(start, head.i), _name_end(head)


def _verb_particle(token: Token) -> bool:
    """An adjective the parser hung on a noun that is the particle of the verb before it."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.lower_ in VERB_PARTICLE_ADJECTIVES and before is not None and before.pos_ == "VERB"


def _name_end(head: Token) -> int:
    """The end of a name that goes on with "of" ("the Organization of American States",
    "the Ministry of Foreign Affairs"): a capitalised head with a capitalised "of" tail."""
    if not (head.is_title or head.pos_ == "PROPN") or head.is_sent_start and head.pos_ != "PROPN":
        return head.i + 1
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of" or prep.i != head.i + 1:
            continue
        tail = list(prep.subtree)[1:]
        if tail and tail[-1].i - prep.i == len(tail) and all(_in_name(t) for t in tail):
            return tail[-1].i + 1
        numbered = _numbered_tail(tail)
        if numbered:
            return numbered
    return head.i + 1


def _in_name(token: Token) -> bool:
    return token.is_title or token.pos_ in {"DET", "CCONJ", "PART"} or token.lower_ == "of"


def _numbered_tail(tail: list[Token]) -> int | None:
    """ "the Group of 20 (countries)", "the Group of 77": a name that ends in its number."""
    end = 0
    while end < len(tail) and (_in_name(tail[end]) or tail[end].like_num):
        end += 1
    return tail[end - 1].i + 1 if end and tail[end - 1].like_num else None


LEADING_TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tonight", "overnight"}
)  # fmt: skip


def _inner_hyphen(token: Token) -> bool:
    """A hyphen written between two letters with no space: part of one word."""
    if token.text not in {"-", "\u2010", "\u2011"} or token.i == 0:
        return False
    return not token.whitespace_ and not token.doc[token.i - 1].whitespace_


def reported_speaker(pronoun: Token) -> Token | None:
    """ "The workers said they will strike": the subject of the verb of saying that frames the
    pronoun's clause, the usual antecedent when coreference has nothing better."""
    clause = pronoun.head
    if pronoun.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
        return None
    speaker = child(clause.head, SUBJECT_DEPS) or subject(clause.head)
    if speaker is None or speaker.pos_ not in {"NOUN", "PROPN"}:
        return None
    return through_collective(speaker)
