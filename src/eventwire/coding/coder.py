"""The Coder: from articles to events, loading the pipeline and tables once.

`Coder` owns the spaCy pipeline, the trigger lexicon and the actor resolver, and codes articles
in batches through `nlp.pipe`. Each article gets its own coreference context, walked sentence by
sentence in reading order so that pronouns and titles resolve to what came before.

Two things keep a corpus run cheap without changing a single event. The prefilter
(`eventwire.coding.prefilter`) looks at the tokenizer's output first: an article with no word that
can become a trigger is not parsed at all, and one whose last possible trigger sits in an early
block is parsed only up to that block (plus a margin the parser needs to decide it exactly).
With ``n_process > 1`` whole batches of articles are coded in worker processes that each load
the pipeline once; only articles go out and only events come back, and a bounded number of
batches is in flight so memory stays flat however long the input.

One article never costs another. An article the pipeline or the coder fails on becomes an
`ErrorRecord` (`Outcome.error`) and the rest of its batch is coded; a text longer than spaCy's
`max_length` is parsed in parts cut at paragraph boundaries and joined back into one document
(`eventwire.nlp.pipeline.text_parts`); a caller with a time budget passes a deadline, checked
between sentences (whose length `eventwire.nlp.pipeline` bounds), and gets `TimeLimitError` once it
passes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.actors import Resolver, get_resolver
from eventwire.actors.freshness import mark_stale
from eventwire.coding.article_dates import date_events
from eventwire.coding.article_places import dateline_place, place_events
from eventwire.coding.guards import SportsTally
from eventwire.coding.lexicon import Lexicon, load_lexicon
from eventwire.coding.mentions import MentionResolver
from eventwire.coding.prefilter import Plan, TriggerForms, trigger_forms
from eventwire.coding.records import SentenceInput, code_sentence
from eventwire.errors import EventwireError, TimeLimitError
from eventwire.models import Article, ErrorRecord, Event
from eventwire.nlp.language import DEFAULT as DEFAULT_LANGUAGE
from eventwire.nlp.language import Languages, detect_language, skip_reason
from eventwire.nlp.pipeline import CUT, LONG_RUN, load_pipeline, text_parts
from eventwire.nlp.workers import WorkerPool

UNUSED_COMPONENTS = ("ner",)
CUT_NOTE = (
    f"read in a part of a sentence of more than {LONG_RUN} words with no full stop, "
    "cut at a clause boundary or, with none near, after a fixed number of words"
)


@dataclass(frozen=True)
class Outcome:
    """What coding one article gave: its events, or the error that replaced them, or why it
    was not coded (`skipped`: written in a language that has no configured model)."""

    events: list[Event] = field(default_factory=list)
    error: ErrorRecord | None = None
    sentences: int = 0
    language: str = DEFAULT_LANGUAGE
    skipped: str | None = None


@dataclass
class _Parse:
    """One article on its way through the pipeline: its plan, its parts, then its document."""

    article: Article
    plan: Plan | None  # None: code the whole document, no prefilter
    parts: list[Doc]
    doc: Doc | None = None
    error: ErrorRecord | None = None
    language: str = DEFAULT_LANGUAGE
    nlp: Language | None = None  # the pipeline of the article's language, when not the default
    skipped: str | None = None


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
        self._forms: TriggerForms | None = None
        self._languages = Languages()
        self._pool: WorkerPool | None = None

    @property
    def forms(self) -> TriggerForms:
        """Surface forms that may become triggers under this pipeline's lemmatiser."""
        if self._forms is None:
            self._forms = trigger_forms(self.lexicon, self.nlp)
        return self._forms

    def code_text(
        self, text: str, date: Date | None = None, doc_id: str = "", deadline: float | None = None
    ) -> list[Event]:
        """Code one text; `date` is its publication date, used to pick valid actor codes.

        `deadline` (a `time.monotonic()` value) stops the work with `TimeLimitError`."""
        article = Article(id=doc_id, text=text, date=date)
        _, outcome = next(self.results([article], deadline=deadline))
        if outcome.error is not None:
            raise EventwireError(outcome.error.error)
        return outcome.events

    def code_articles(
        self,
        articles: Iterable[Article],
        on_error: Callable[[ErrorRecord], None] | None = None,
        on_skip: Callable[[Article, Outcome], None] | None = None,
    ) -> Iterator[tuple[Article, list[Event]]]:
        """Code articles in batches, yielding each with its events in input order.

        Events whose sides do not both resolve to a code are withheld (see `Event.withheld`)
        unless the coder was made with ``include_withheld=True``. An article that cannot be
        coded goes to `on_error` and is left out; without `on_error` it raises `EventwireError`.
        An article in a language with no configured model goes to `on_skip` and is left out.
        """
        for article, outcome in self.results(articles):
            if outcome.skipped is not None:
                if on_skip is not None:
                    on_skip(article, outcome)
            elif outcome.error is None:
                yield article, outcome.events
            elif on_error is not None:
                on_error(outcome.error)
            else:
                raise EventwireError(outcome.error.error)

    def results(
        self,
        articles: Iterable[Article],
        whole: bool = False,
        deadline: float | None = None,
        withheld: bool | None = None,
    ) -> Iterator[tuple[Article, Outcome]]:
        """Each article with its `Outcome`, in input order; `whole` parses every article to its
        end (no prefilter) so that `Outcome.sentences` counts all its sentences; withheld
        events as configured, or as `withheld` says (the store keeps them for deduplication)."""
        keep = self.include_withheld if withheld is None else withheld
        for article, outcome in self._results(articles, whole or not self.prefilter, deadline):
            if not keep:
                outcome = replace(outcome, events=[e for e in outcome.events if e.withheld is None])
            yield article, outcome

    def _results(
        self, articles: Iterable[Article], whole: bool, deadline: float | None
    ) -> Iterator[tuple[Article, Outcome]]:
        if self.n_process > 1:
            chunks = ((chunk, whole) for chunk in _chunks(articles, self.batch_size))
            try:
                for (chunk, _), outcomes in self._workers().map(_code_chunk, chunks):
                    yield from zip(chunk, outcomes, strict=True)
            except EventwireError:
                self.close()  # a dead worker breaks the pool: the next call starts a new one
                raise
            return
        for chunk in _chunks(articles, self.batch_size):
            yield from zip(chunk, self._code_batch(chunk, whole, deadline), strict=True)

    def _workers(self) -> WorkerPool:
        """This coder's worker processes, started on first use and kept for later calls."""
        if self._pool is None:
            self._pool = WorkerPool(self.n_process, _init_worker, (self.worker_spec(),))
        return self._pool

    def close(self) -> None:
        """Stop this coder's worker processes, if it started any."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def code_doc(self, doc: Doc, article: Article) -> list[Event]:
        """Code an already parsed document of the article (withheld events as configured)."""
        return self._kept(self._code_parsed(doc, article, Plan(len(doc), len(doc) - 1), False))

    def _kept(self, events: list[Event]) -> list[Event]:
        return events if self.include_withheld else [e for e in events if e.withheld is None]

    def _code_batch(
        self, articles: Sequence[Article], whole: bool, deadline: float | None = None
    ) -> list[Outcome]:
        """Parse a batch in one `nlp.pipe` and code each document; failures stay per article."""
        _check(deadline)
        parses = [self._prepare(article, whole) for article in articles]
        self._parse(parses)
        return [self._outcome(parse, deadline) for parse in parses]

    def _prepare(self, article: Article, whole: bool) -> _Parse:
        """Tokenize the article's parts and, unless `whole`, plan how much of it to parse.

        An article in another language is parsed whole by that language's pipeline, or
        skipped when none is configured."""
        language = (article.language or detect_language(article.text)).lower()
        nlp = self.nlp if language == DEFAULT_LANGUAGE else self._languages.pipeline(language)
        if nlp is None:
            return _Parse(article, None, [], language=language, skipped=skip_reason(language))
        try:
            parts = [nlp.make_doc(article.text[a:b]) for a, b in self._parts(article)]
        except Exception as exc:  # the tokenizer on hostile text: this article only
            return _Parse(article, None, [], error=_failed(article, "cannot tokenize", exc))
        if nlp is not self.nlp:
            return _Parse(article, None, parts, language=language, nlp=nlp)
        if whole:
            return _Parse(article, None, parts)
        if len(parts) > 1:  # a text past spaCy's limit: parse it all, or none of it
            last = _last_trigger(self.forms, parts)
            return _Parse(article, Plan(sum(map(len, parts)) if last >= 0 else 0, last), parts)
        doc = parts[0]
        plan = self.forms.plan(doc)
        if plan.skip:
            return _Parse(article, plan, [])
        return _Parse(article, plan, [doc if plan.end == len(doc) else doc[: plan.end].as_doc()])

    def _parts(self, article: Article) -> list[tuple[int, int]]:
        return text_parts(article.text, self.nlp.max_length)

    def _parse(self, parses: list[_Parse]) -> None:
        """Run the pipeline over every part of the batch at once; if it fails, article by
        article, so that only the article it fails on is lost."""
        try:
            self._pipe(parses)
        except Exception:
            for parse in parses:
                try:
                    self._pipe([parse])
                except Exception as exc:
                    parse.error = _failed(parse.article, "cannot parse", exc)

    def _pipe(self, parses: list[_Parse]) -> None:
        todo = [p for p in parses if p.error is None and p.parts and p.doc is None]
        for nlp in {id(p.nlp): p.nlp for p in todo}.values():  # one pass per language
            self._pipe_with(nlp or self.nlp, [p for p in todo if p.nlp is nlp])

    def _pipe_with(self, nlp: Language, todo: list[_Parse]) -> None:
        items = [(part, i) for i, p in enumerate(todo) for part in p.parts]
        parsed: list[list[Doc]] = [[] for _ in todo]
        disabled = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
        with nlp.select_pipes(disable=disabled):
            for doc, i in nlp.pipe(items, as_tuples=True, batch_size=self.batch_size):
                parsed[i].append(doc)
        for parse, docs in zip(todo, parsed, strict=True):
            parse.doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)

    def _outcome(self, parse: _Parse, deadline: float | None) -> Outcome:
        if parse.error is not None:
            return Outcome(error=parse.error)
        if parse.skipped is not None:
            return Outcome(language=parse.language, skipped=parse.skipped)
        doc = parse.doc if parse.doc is not None else self.nlp.make_doc("")
        plan = parse.plan or Plan(len(doc), len(doc) - 1)
        try:
            events = self._code_parsed(doc, parse.article, plan, parse.plan is not None, deadline)
        except TimeLimitError:
            raise
        except Exception as exc:  # a coder bug on odd text must cost this article only
            return Outcome(error=_failed(parse.article, "coding failed", exc))
        sentences = sum(1 for _ in doc.sents) if parse.plan is None else 0
        return Outcome(events, sentences=sentences, language=parse.language)  # withheld: `results`

    def _code_parsed(
        self,
        doc: Doc,
        article: Article,
        plan: Plan,
        filtered: bool,
        deadline: float | None = None,
    ) -> list[Event]:
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
            _check(deadline)
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
            found = code_sentence(unit, self.lexicon, mentions)
            if found and _was_cut(sentence):
                found = [event.model_copy(update={"note": CUT_NOTE}) for event in found]
            events.extend(found)
        events = date_events(events)
        events = place_events(events, doc.sents, article.text, mentions.countries())
        return mark_stale(events, article.date, self.resolver.kb)

    def worker_spec(self) -> tuple:
        """What a worker process needs to rebuild this coder (defaults are reloaded, not sent)."""
        return (*self._custom, self.batch_size, self.prefilter, self.include_withheld)


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitError("coding went past its time limit")


def _failed(article: Article, what: str, exc: Exception) -> ErrorRecord:
    message = f"{article.doc_id()}: {what} ({type(exc).__name__}: {exc})"
    return ErrorRecord(error=message, input=article.id or article.doc_id())


def _last_trigger(forms: TriggerForms, parts: list[Doc]) -> int:
    """Index, in the joined document, of the last token of the parts that may be a trigger."""
    last, offset = -1, 0
    for part in parts:
        found = forms.last_trigger(part)
        if found >= 0:
            last = offset + found
        offset += len(part)
    return last


def _was_cut(sentence: Span) -> bool:
    """Whether the sentence is a part of a longer one, cut by `eventwire.nlp.pipeline`'s length
    rule."""
    doc = sentence.doc
    return doc[sentence.start]._.get(CUT) or (
        sentence.end < len(doc) and doc[sentence.end]._.get(CUT)
    )


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- worker processes ---------------------------------------------------------------------

_worker: Coder | None = None


def _init_worker(spec: tuple) -> None:
    global _worker
    nlp, resolver, lexicon, batch_size, prefilter, include_withheld = spec
    _worker = Coder(
        nlp, resolver, lexicon, batch_size=batch_size, prefilter=prefilter,
        include_withheld=include_withheld,
    )  # fmt: skip


def _code_chunk(job: tuple[list[Article], bool]) -> list[Outcome]:
    """One chunk, parsed whole or as planned (`job` = (articles, whole))."""
    assert _worker is not None, "worker not initialised"
    chunk, whole = job
    return _worker._code_batch(chunk, whole)


_default_coder: Coder | None = None


def default_coder() -> Coder:
    """A process-wide coder for the convenience API."""
    global _default_coder
    if _default_coder is None:
        _default_coder = Coder()
    return _default_coder


def code_text(text: str, date: Date | str | None = None, doc_id: str = "") -> list[Event]:
    """Code one text with the default coder; `date` may be an ISO string."""
    if isinstance(date, str):
        date = Date.fromisoformat(date)
    return default_coder().code_text(text, date=date, doc_id=doc_id)
