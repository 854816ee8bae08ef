"""eventwire inside spaCy: a pipeline component that codes each document into events.

A spaCy user adds event coding to a pipeline they already run:

    import spacy
    nlp = spacy.load("en_core_web_sm")          # any English pipeline with a parser
    nlp.add_pipe("eventwire")                   # found through the `spacy_factories` entry point
    doc = nlp("Russian forces shelled Kharkiv on Monday.")
    doc._.events                                # [eventwire.Event, ...]
    doc.spans["eventwire_actors"]               # each actor and recipient, labelled by its code

Actor codes are valid on the article's publication date; give it by setting
`doc._.pub_date` on a document made with `nlp.make_doc(text)` and then calling `nlp(doc)`.
Without one, people resolve to their offices of today. The component needs the parser's
sentences and dependencies before it (it is added last by default); it does not use NER.
"""

from __future__ import annotations

from datetime import date as Date

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.errors import EventwireError
from eventwire.models import Actor, Article, Event

FACTORY = "eventwire"
SPANS_KEY = "eventwire_actors"
_SIDES = ("actor", "recipient")

for _name, _holder in (("events", Doc), ("pub_date", Doc), ("eventwire_actor", Span)):
    if not _holder.has_extension(_name):
        _holder.set_extension(_name, default=None)


@Language.factory(
    FACTORY,
    default_config={"include_withheld": False},
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "token.pos"],
)
def make_eventwire(nlp: Language, name: str, include_withheld: bool) -> EventwireComponent:
    """The factory spaCy calls for `nlp.add_pipe("eventwire")`."""
    return EventwireComponent(nlp, include_withheld)


class EventwireComponent:
    """Codes a parsed `Doc` with eventwire's `Coder`, sharing the pipeline it sits in."""

    def __init__(self, nlp: Language, include_withheld: bool = False) -> None:
        self.nlp = nlp
        self.include_withheld = include_withheld
        self._coder = None  # built on the first document: the tables load once, not at add_pipe

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise EventwireError(
                "the eventwire component needs a dependency parser before it in the pipeline"
            )
        article = Article(text=doc.text, date=_day(doc._.pub_date))
        events = self.coder.code_doc(doc, article)
        doc._.events = events
        doc.spans[SPANS_KEY] = _actor_spans(doc, events)
        return doc

    @property
    def coder(self):
        if self._coder is None:
            from eventwire.coding.coder import Coder

            self._coder = Coder(nlp=self.nlp, include_withheld=self.include_withheld)
        return self._coder


def _day(value: object) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value))
    except ValueError:
        raise EventwireError(f"doc._.pub_date {value!r} is not a date (YYYY-MM-DD)") from None


def _actor_spans(doc: Doc, events: list[Event]) -> list[Span]:
    """Each distinct actor or recipient of the events as a span labelled with its code."""
    spans: dict[tuple[int, int], Span] = {}
    for event in events:
        for side in _SIDES:
            found: Actor | None = getattr(event, side)
            if found is None or found.start is None or found.end is None:
                continue
            span = doc.char_span(found.start, found.end, label=found.code or found.country or "")
            if span is not None and (span.start, span.end) not in spans:
                span._.eventwire_actor = found
                spans[(span.start, span.end)] = span
    return sorted(spans.values(), key=lambda s: (s.start, s.end))
