"""Resolving the noun phrases of an article to actors, in reading order.

Every nominal phrase of every sentence is offered to the actor resolver once, left to right,
and each resolution is fed to the article's context so that "He", "it", "the Secretary of State"
and "these countries" later on resolve to what the article has already named. The coder then
looks actors up by the head token of a phrase instead of resolving them again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date as Date

from spacy.tokens import Span, Token

from eventwire.actors import ArticleContext, Resolution, Resolver
from eventwire.coding.references import ActLog
from eventwire.coding.syntax import conjuncts, is_time_word, phrase_span

POLITY_NOUNS = frozenset(
    {"country", "nation", "government", "state", "administration", "regime", "army",
     "military", "forces", "force", "troops", "navy", "police", "people", "leadership",
     "authorities", "parliament", "ministry"}
)  # fmt: skip
PHRASE_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
INNER_DEPS = frozenset({"compound", "flat", "nmod"})
# Resolutions that say nothing about which country an article is about.
NON_NATIONAL_KINDS = frozenset({"org", "pronoun", "inferred"})


@dataclass
class MentionTable:
    """Resolutions of one document, by the index of each phrase's head token."""

    by_head: dict[int, Resolution] = field(default_factory=dict)
    by_name: dict[str, Resolution] = field(default_factory=dict)  # coded names, by head word
    tried: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    country_counts: Counter[str] = field(default_factory=Counter)

    def get(self, token: Token) -> Resolution | None:
        return self.by_head.get(token.i)

    def record(self, head: Token, resolution: Resolution) -> None:
        self.by_head[head.i] = resolution
        for member in resolution.members or (resolution,):
            if member.country:
                self.countries.add(member.country)
                if member.kind not in NON_NATIONAL_KINDS:
                    self.country_counts[member.country] += 1


class MentionResolver:
    """Walks sentences in order, resolving phrases and feeding the coreference context."""

    def __init__(self, resolver: Resolver, date: Date | None) -> None:
        self.resolver = resolver
        self.date = date
        self.context = ArticleContext()
        self.table = MentionTable()
        self.acts = ActLog()

    def resolve_sentence(self, sentence: Span) -> None:
        done: set[int] = set()
        for token in sentence:
            if token.i in done or not _is_phrase_head(token):
                continue
            group = conjuncts(token) if token.dep_ != "conj" else [token]
            resolved = [self._resolve_head(member) for member in group]
            done.update(member.i for member in group)
            found = [r for r in resolved if r is not None]
            if len(found) > 1:
                self.context.observe_group(found)

    def countries(self) -> frozenset[str]:
        """Countries named in the article so far."""
        return frozenset(self.table.countries)

    def main_country(self) -> str | None:
        """The country the article has named most often so far (first named wins a tie):
        the home of its unnamed domestic participants ("police", "protesters")."""
        top = self.table.country_counts.most_common(1)  # ties keep the order first seen
        return top[0][0] if top else None

    def remember(self, head: Token, resolution: Resolution) -> None:
        """Keep how a named participant was coded ("paramilitary Rangers" -> PAK from the
        article's setting), so that a later "the Rangers" or "Khan" is coded the same way."""
        if _is_name(head) and (resolution.country or resolution.members):
            self.table.by_name.setdefault(head.lower_, resolution)

    def resolve_token(self, token: Token) -> Resolution | None:
        """Resolve a phrase the sentence walk skipped (e.g. an adjective used as an actor)."""
        known = self.table.get(token)
        if _a_time(token):
            return None
        if known is not None or token.i in self.table.tried:
            return known  # resolved (or not) in reading order: never again with later context
        start, end = phrase_span(token)
        return self.resolver.resolve(token.doc[start:end].text, self.date, self.context)

    def _resolve_head(self, head: Token) -> Resolution | None:
        self.table.tried.add(head.i)
        start, end = phrase_span(head)
        text = head.doc[start:end].text
        resolution = self.resolver.resolve(text, self.date, self.context)
        if resolution is None or (resolution.country is None and not resolution.members):
            resolution = self._through_possessor(head, resolution) or resolution
        if resolution is None or (resolution.country is None and not resolution.members):
            resolution = self._named_before(head, text) or resolution
        if resolution is None:
            return None
        self.remember(head, resolution)
        self.table.record(head, resolution)
        self.context.observe(resolution)
        return resolution

    def _named_before(self, head: Token, text: str) -> Resolution | None:
        """A name the article already coded: "the Rangers" after "paramilitary Rangers"."""
        earlier = self.table.by_name.get(head.lower_) if _is_name(head) else None
        if earlier is None:
            return None
        return replace(
            earlier,
            text=text,
            kind="same-name",
            confidence=min(0.7, earlier.confidence),
            reason=f"the name {head.text!r} coded earlier in the article: {earlier.reason}",
            antecedent=None,
        )

    def _through_possessor(self, head: Token, own: Resolution | None) -> Resolution | None:
        """ "his country", "its army", "their government", "its coast guard", "its air
        defences": the possessor's country, with the sector the noun names (if any)."""
        if head.lemma_.lower() not in POLITY_NOUNS and not (own is not None and own.sector):
            return None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None:
            return None
        possessor = self.resolver.resolve(owner.text, self.date, self.context)
        if possessor is None or possessor.country is None:
            return None
        base = possessor.base()
        sector = own.sector if own is not None and own.sector else None
        return replace(
            base,
            text=head.doc[phrase_span(head)[0] : head.i + 1].text,
            sector=sector,
            code=base.country + (sector or ""),
            kind="possessed",
            confidence=min(0.8, possessor.confidence),
            reason=f"possessor {owner.text!r} -> {base.country}; {head.lemma_!r} -> {sector}",
            members=(),
        )


def _is_phrase_head(token: Token) -> bool:
    """A phrase that may name someone; "on Friday" names a day, never a person of that
    surname (a Prime Minister Friday would otherwise stand in every Friday's article)."""
    return token.pos_ in PHRASE_HEAD_POS and token.dep_ not in INNER_DEPS and not _a_time(token)


def _a_time(token: Token) -> bool:
    """A bare day, month or number ("on Friday"); "Theresa May" is a name."""
    return is_time_word(token) and not any(c.dep_ in {"compound", "flat"} for c in token.lefts)


def _is_name(head: Token) -> bool:
    """A proper name, or a capitalised noun inside the sentence ("the Rangers")."""
    if head.pos_ == "PROPN":
        return head.is_alpha and len(head.text) > 1
    return head.pos_ == "NOUN" and head.is_title and not head.is_sent_start
