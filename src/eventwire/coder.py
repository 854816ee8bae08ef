"""The Coder: from articles to events, loading the pipeline and tables once.

`Coder` owns the spaCy pipeline, the trigger lexicon and the actor resolver, and codes articles
in batches through `nlp.pipe`. Each article gets its own coreference context, walked sentence by
sentence in reading order so that pronouns and titles resolve to what came before.

Two things keep a corpus run cheap without changing a single event. The prefilter
(`eventwire.prefilter`) looks at the tokenizer's output first: an article with no word that can
become a trigger is not parsed at all, and one whose last possible trigger sits in an early
block is parsed only up to that block (plus a margin the parser needs to decide it exactly).
With ``n_process > 1`` whole batches of articles are coded in worker processes that each load
the pipeline once; only articles go out and only events come back, and a bounded number of
batches is in flight so memory stays flat however long the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date as Date
from itertools import islice
from multiprocessing import get_context

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import Resolver, get_resolver
from eventwire.actors.freshness import mark_stale
from eventwire.article_dates import date_events
from eventwire.article_places import dateline_place, place_events
from eventwire.coding import SentenceInput, code_sentence
from eventwire.errors import EventwireError
from eventwire.guards import SportsTally
from eventwire.lexicon import Lexicon, load_lexicon
from eventwire.mentions import MentionResolver
from eventwire.models import Article, Event
from eventwire.nlp import load_pipeline
from eventwire.prefilter import Plan, TriggerForms, trigger_forms

UNUSED_COMPONENTS = ("ner",)


class Coder:
    """Reusable event coder; create once, call many times."""

    def __init__(
        self,
        nlp: Language | None = None,
        resolver: Resolver | None = None,
        lexicon: Lexicon | None = None,
        batch_size: int = 64,
        n_process: int = 1,
        prefilter: bool = True,
        include_withheld: bool = False,
    ) -> None:
        self._custom = (nlp, resolver, lexicon)
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.resolver = resolver if resolver is not None else get_resolver()
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.batch_size = batch_size
        self.n_process = max(1, n_process)
        self.prefilter = prefilter
        self.include_withheld = include_withheld
        self.disabled = [name for name in UNUSED_COMPONENTS if name in self.nlp.pipe_names]
        self._forms: TriggerForms | None = None

    @property
    def forms(self) -> TriggerForms:
        """Surface forms that may become triggers under this pipeline's lemmatiser."""
        if self._forms is None:
            self._forms = trigger_forms(self.lexicon, self.nlp)
        return self._forms

    def code_text(self, text: str, date: Date | None = None, doc_id: str = "") -> list[Event]:
        """Code one text; `date` is its publication date, used to pick valid actor codes."""
        article = Article(id=doc_id, text=text, date=date)
        return next(self.code_articles([article]))[1]

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches, yielding each with its events in input order.

        Events whose sides do not both resolve to a code are withheld (see `Event.withheld`)
        unless the coder was made with ``include_withheld=True``.
        """
        for article, events in self._code_all(articles):
            yield article, self._kept(events)

    def _code_all(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        if self.n_process > 1:
            yield from _in_workers(self, articles)
        elif self.prefilter:
            yield from self._code_planned(articles)
        else:
            yield from self._code_everything(articles)

    def code_doc(self, doc: Doc, article: Article, withheld: bool | None = None) -> list[Event]:
        """Code an already parsed document of the article; withheld events as configured, or
        as `withheld` says (the store keeps them for deduplication)."""
        events = self._code_whole(doc, article)
        keep = self.include_withheld if withheld is None else withheld
        return events if keep else [e for e in events if e.withheld is None]

    def _kept(self, events: list[Event]) -> list[Event]:
        return events if self.include_withheld else [e for e in events if e.withheld is None]

    def _code_whole(self, doc: Doc, article: Article) -> list[Event]:
        return self._code_parsed(doc, article, Plan(len(doc), len(doc) - 1), filtered=False)

    def _code_everything(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list]]:
        """The reference path: parse every article whole."""
        pairs = ((article.text, article) for article in articles)
        with self.nlp.select_pipes(disable=self.disabled):
            for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
                yield article, self._code_whole(doc, article)

    def _code_planned(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list]]:
        """Tokenize first, parse only what the prefilter keeps, code only what may hold events."""
        planned = (self._plan(article) for article in articles)
        with self.nlp.select_pipes(disable=self.disabled):
            pipe = self.nlp.pipe(planned, as_tuples=True, batch_size=self.batch_size)
            for doc, (article, plan) in pipe:
                yield article, self._code_parsed(doc, article, plan, filtered=True)

    def _plan(self, article: Article) -> tuple[Doc, tuple[Article, Plan]]:
        doc = self.nlp.make_doc(article.text)
        plan = self.forms.plan(doc)
        if plan.end == len(doc):
            return doc, (article, plan)
        return doc[: plan.end].as_doc(), (article, plan)  # an empty Doc costs nothing to pipe

    def _code_parsed(self, doc: Doc, article: Article, plan: Plan, filtered: bool) -> list[Event]:
        """Walk the sentences up to the last possible trigger; mentions feed coreference."""
        if plan.skip:
            return []
        mentions = MentionResolver(self.resolver, article.date)
        sports = SportsTally()
        filed = dateline_place(article.text)
        filed_in = filed.country if filed is not None else None
        doc_id = article.doc_id()
        forms = self.forms if filtered else None
        events: list[Event] = []
        for index, sentence in enumerate(doc.sents):
            if sentence.start > plan.last_trigger:
                break  # nothing after this can start an event or be referred back to by one
            mentions.resolve_sentence(sentence)
            in_sport = sports.judge(sentence)
            if forms is not None and not forms.sentence_may_hold(sentence):
                continue
            unit = SentenceInput(
                doc_id=doc_id,
                index=index,
                span=sentence,
                date=article.date,
                sports=in_sport,
                dateline_country=filed_in,
                countries=mentions.countries(),
            )
            events.extend(code_sentence(unit, self.lexicon, mentions))
        events = date_events(events)
        events = place_events(events, doc.sents, article.text, mentions.countries())
        return mark_stale(events, article.date, self.resolver.kb)

    def worker_spec(self) -> tuple:
        """What a worker process needs to rebuild this coder (defaults are reloaded, not sent)."""
        return (*self._custom, self.batch_size, self.prefilter)


# --- worker processes ---------------------------------------------------------------------

_worker: Coder | None = None


def _init_worker(spec: tuple) -> None:
    global _worker
    nlp, resolver, lexicon, batch_size, prefilter = spec
    _worker = Coder(nlp, resolver, lexicon, batch_size=batch_size, prefilter=prefilter)


def _code_chunk(chunk: list[Article]) -> list[list[Event]]:
    assert _worker is not None, "worker not initialised"
    return [events for _, events in _worker._code_all(chunk)]


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_workers(coder: Coder, articles: Iterable[Article]) -> Iterator[tuple[Article, list]]:
    """Batches coded by a pool of processes, at most two per worker in flight, input order kept.

    Workers are spawned, not forked: the caller may hold threads or open database handles.
    """
    context = get_context("spawn")
    with ProcessPoolExecutor(
        coder.n_process, mp_context=context, initializer=_init_worker,
        initargs=(coder.worker_spec(),),
    ) as pool:  # fmt: skip
        inflight: deque[tuple[list[Article], Future]] = deque()
        for chunk in _chunks(articles, coder.batch_size):
            inflight.append((chunk, pool.submit(_code_chunk, chunk)))
            if len(inflight) > 2 * coder.n_process:
                yield from _done(*inflight.popleft())
        while inflight:
            yield from _done(*inflight.popleft())


def _done(chunk: list[Article], future: Future) -> Iterator[tuple[Article, list[Event]]]:
    try:
        results = future.result()
    except BrokenProcessPool as exc:  # killed, out of memory: a run error, not a traceback
        raise EventwireError("a coding worker process died; rerun with fewer workers") from exc
    yield from zip(chunk, results, strict=True)


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
