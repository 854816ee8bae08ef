"""The Coder: from articles to events, loading the pipeline and tables once.

`Coder` owns the spaCy pipeline, the trigger lexicon and the actor resolver, and codes articles
in batches through `nlp.pipe`. Each article gets its own coreference context, walked sentence by
sentence in reading order so that pronouns and titles resolve to what came before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date as Date

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import Resolver, get_resolver
from eventwire.coding import SentenceInput, code_sentence
from eventwire.lexicon import Lexicon, load_lexicon
from eventwire.mentions import MentionResolver
from eventwire.models import Article, Event
from eventwire.nlp import load_pipeline

UNUSED_COMPONENTS = ("ner",)


class Coder:
    """Reusable event coder; create once, call many times."""

    def __init__(
        self,
        nlp: Language | None = None,
        resolver: Resolver | None = None,
        lexicon: Lexicon | None = None,
        batch_size: int = 64,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.resolver = resolver if resolver is not None else get_resolver()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.batch_size = batch_size
        self.disabled = [name for name in UNUSED_COMPONENTS if name in self.nlp.pipe_names]

    def code_text(self, text: str, date: Date | None = None, doc_id: str = "") -> list[Event]:
        """Code one text; `date` is its publication date, used to pick valid actor codes."""
        article = Article(id=doc_id, text=text, date=date)
        return next(self.code_articles([article]))[1]

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches, yielding each with its events in input order."""
        pairs = ((article.text, article) for article in articles)
        with self.nlp.select_pipes(disable=self.disabled):
            for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
                yield article, self.code_doc(doc, article)

    def code_doc(self, doc: Doc, article: Article) -> list[Event]:
        """Code an already parsed document of the article."""
        mentions = MentionResolver(self.resolver, article.date)
        doc_id = article.doc_id()
        events: list[Event] = []
        for index, sentence in enumerate(doc.sents):
            mentions.resolve_sentence(sentence)
            unit = SentenceInput(
                doc_id=doc_id,
                index=index,
                span=sentence,
                date=article.date,
                countries=mentions.countries(),
            )
            events.extend(code_sentence(unit, self.lexicon, mentions))
        return events


_default_coder: Coder | None = None


def default_coder() -> Coder:
    """A process-wide coder for the convenience API."""
    global _default_coder
    if _default_coder is None:
        _default_coder = Coder()
    return _default_coder


def code_text(text: str, date: Date | str | None = None, doc_id: str = "") -> list[Event]:
    """Code a text with the default coder; `date` may be an ISO string."""
    if isinstance(date, str):
        date = Date.fromisoformat(date)
    return default_coder().code_text(text, date=date, doc_id=doc_id)
