"""Deciding from the tokenizer alone how much of an article can hold an event.

An event needs a trigger: a token whose lemma (or, for nouns, whose lower-cased form) is a
lexicon word, or a willingness adjective. Lemmas need the tagger, so instead we invert the
lemmatizer: every surface form that spaCy's rule lemmatizer, its exception tables or the
attribute ruler could map to a trigger lemma, whatever the part of speech. That set
over-approximates, so a token outside it can never become a trigger, and a text with no such
token yields no event.

Exactness also constrains *where* the parse may stop. Sentence boundaries, sentence numbers and
the noun phrases that feed coreference all come from the parse, so nothing before an article's
last possible trigger can be skipped. What can be skipped is the tail after it: the parser
restarts at every line break (``nlp.LINE_BREAKS`` presets those boundaries), the tok2vec layer
sees 4 tokens either side and the parser looks at most a few tokens ahead, so parsing up to the
end of the trigger's block plus a margin of `MARGIN` tokens gives that block exactly the analysis
the whole article would. `tests/coding/test_prefilter.py` checks equality with the parse-everything
path on the examples, generated news and the shared gold texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.coding.lexicon import Lexicon
from eventwire.coding.triggers import starting_words

# tok2vec receptive field (depth 4, window 1) plus the parser's buffer look-ahead, doubled.
MARGIN = 16
LEMMA_POS = ("noun", "verb", "adj", "adv", "aux")


@dataclass(frozen=True)
class Plan:
    """How much of one tokenized text to parse: `end` tokens (0: none, len(doc): all)."""

    end: int
    last_trigger: int  # index of the last token that may be a trigger, -1 when none

    @property
    def skip(self) -> bool:
        return self.end == 0


class TriggerForms:
    """The set of lower-cased surface forms that may be lemmatised to a trigger word."""

    def __init__(self, lemmas: Iterable[str], nlp: Language | None = None) -> None:
        self.lemmas = frozenset(w.lower() for w in lemmas)
        try:
            self.forms: frozenset[str] | None = frozenset(
                self.lemmas | _inflected(self.lemmas, nlp)
            )
        except _AnyToken:
            self.forms = None  # every token may be a trigger: parse everything

    def __contains__(self, form: str) -> bool:
        return self.forms is None or form in self.forms

    def last_trigger(self, doc: Doc) -> int:
        """Index of the last token whose form may be a trigger, or -1."""
        if self.forms is None:
            return len(doc) - 1
        for token in reversed(doc):
            if token.lower_ in self.forms:
                return token.i
        return -1

    def plan(self, doc: Doc) -> Plan:
        """Parse nothing, everything, or the prefix that ends a block after the last trigger."""
        last = self.last_trigger(doc)
        if last < 0:
            return Plan(0, last)
        block_end = _block_end(doc, last)
        end = block_end + MARGIN if block_end is not None else len(doc)
        return Plan(min(end, len(doc)), last)

    def sentence_may_hold(self, sentence: Span) -> bool:
        """After the parse: can any token of the sentence start an event? (exact test)"""
        return any(t.lemma_.lower() in self.lemmas or t.lower_ in self.lemmas for t in sentence)


def trigger_forms(lexicon: Lexicon, nlp: Language | None = None) -> TriggerForms:
    """Trigger forms of a lexicon under a pipeline's lemmatiser (build once, keep it)."""
    return TriggerForms(starting_words(lexicon), nlp)


def _block_end(doc: Doc, index: int) -> int | None:
    """Index just after the first line-break token at or after `index` (a preset boundary)."""
    for token in doc[index:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            return token.i + 1
    return None


def _inflected(lemmas: frozenset[str], nlp: Language | None) -> set[str]:
    """Every form the pipeline's lemmatisers could turn into one of `lemmas`, any POS."""
    forms: set[str] = set()
    if nlp is None:
        return forms
    if "lemmatizer" in nlp.pipe_names:
        forms |= _from_lemmatizer(lemmas, nlp.get_pipe("lemmatizer"))
    if "attribute_ruler" in nlp.pipe_names:
        forms |= _from_attribute_ruler(lemmas, nlp.get_pipe("attribute_ruler"))
    return forms


def _from_lemmatizer(lemmas: frozenset[str], lemmatizer) -> set[str]:
    """Invert the rule tables: suffix rules backwards, exception forms, lookup entries."""
    lookups = getattr(lemmatizer, "lookups", None)
    forms: set[str] = set()
    if lookups is None:
        return forms
    if lookups.has_table("lemma_rules"):
        rules = lookups.get_table("lemma_rules")
        for pos in rules:
            for old, new in rules[pos]:
                forms |= {w[: len(w) - len(new)] + old for w in lemmas if w.endswith(new)}
    if lookups.has_table("lemma_exc"):
        exceptions = lookups.get_table("lemma_exc")
        for pos in exceptions:
            for form, targets in exceptions[pos].items():
                if any(t.lower() in lemmas for t in targets):
                    forms.add(form.lower())
    if lookups.has_table("lemma_lookup"):
        table = lookups.get_table("lemma_lookup")
        forms |= {str(k).lower() for k, v in table.items() if str(v).lower() in lemmas}
    return forms


def _from_attribute_ruler(lemmas: frozenset[str], ruler) -> set[str]:
    """Forms named by patterns that set a trigger lemma outright.

    A pattern that sets a trigger lemma without naming the word (by tag alone) could make any
    token a trigger; then no form can be ruled out and the prefilter is switched off.
    """
    forms: set[str] = set()
    for pattern in ruler.patterns:
        if str(pattern.get("attrs", {}).get("LEMMA", "")).lower() not in lemmas:
            continue
        for sequence in pattern["patterns"]:
            named = [
                spec[k] for spec in sequence for k in _WORD_KEYS if isinstance(spec.get(k), str)
            ]
            if not named:
                raise _AnyToken
            forms |= {w.lower() for w in named}
    return forms


class _AnyToken(Exception):
    """Raised when a lemma rule may turn any token into a trigger."""


_WORD_KEYS = ("ORTH", "LOWER", "TEXT", "NORM")
