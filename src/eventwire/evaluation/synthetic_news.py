"""A seeded generator of synthetic political news, for benchmarks and corpus-scale tests.

Real news cannot ship with the package and gold sets are too small to measure throughput or
deduplication, so we write our own: articles built from templates in `data/corpus/`, with real
office holders valid on the article's date, background sentences that hold no event, and, on
request, wire copies and rewrites of earlier stories so that deduplication has something to find.
The same seed always gives the same text; every event sentence records the type it was written
for, so tests can check coverage without trusting the coder.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal, TextIO

from eventwire.errors import InputError
from eventwire.models import Article

Kind = Literal["original", "duplicate", "rewrite"]

START = date(2019, 6, 1)
END = date(2024, 12, 31)
FORMS = ("active", "light", "passive", "reported")
FORM_WEIGHTS = (4, 3, 2, 2)
BACKGROUND_WEIGHTS = {
    "context": 4,
    "economy": 3,
    "quote": 2,
    "attribution": 1,
    "weather": 1,
    "sport": 1,
}
# How an article's body is filled after the lead: a mix close to wire copy, where a minority
# of sentences carry a codable event.
BLOCK_WEIGHTS = {"secondary": 2, "restate": 1, "background": 6}
POOL_SIZE = 64
TAIL_SHARE = 0.4
DATA_DIR = Path(__file__).parents[1] / "data" / "corpus"
_SLOT = re.compile(r"\{([A-Za-z_]+)\}")


@dataclass(frozen=True)
class GeneratedSentence:
    """One generated sentence and what it was written to express (None: no event)."""

    text: str
    template_id: str
    event_type: str | None = None
    form: str = "background"
    actor: str | None = None
    recipient: str | None = None


@dataclass(frozen=True)
class StoryFacts:
    """What every copy and rewrite of one story agrees on: the main event."""

    story_id: str
    event_type: str
    actor: str
    recipient: str
    third: str
    event_date: date
    actor_city: str
    recipient_city: str
    topic: str
    goods: str
    money: str
    num: int


@dataclass(frozen=True)
class GeneratedArticle:
    """An article plus the bookkeeping that `Article` does not carry (which story it tells)."""

    article: Article
    story_id: str
    kind: Kind
    facts: StoryFacts
    parent_id: str | None = None
    events: tuple[GeneratedSentence, ...] = field(default_factory=tuple)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict: the article fields `eventwire code` reads, then our metadata."""
        record = self.article.model_dump(mode="json")
        facts = asdict(self.facts)
        facts["event_date"] = self.facts.event_date.isoformat()
        record.update(
            story_id=self.story_id,
            kind=self.kind,
            parent_id=self.parent_id,
            facts=facts,
            events=[asdict(e) for e in self.events],
        )
        return record


@cache
def _load(name: str) -> dict[str, Any]:
    """Read one data file of the generator once per process."""
    text = (DATA_DIR / name).read_text("utf-8")
    return json.loads(text)


@cache
def _countries() -> tuple[dict[str, Any], ...]:
    rows = _load("countries.json")["countries"]
    for row in rows:
        for leader in row["leaders"]:
            leader["_start"] = date.fromisoformat(leader["start"])
            leader["_end"] = date.fromisoformat(leader["end"]) if leader["end"] else date.max
    return tuple(rows)


@cache
def _by_code() -> dict[str, dict[str, Any]]:
    return {c["code"]: c for c in _countries()}


@cache
def _templates() -> dict[str, dict[str, list[str]]]:
    return _load("events.json")["types"]


def event_types() -> tuple[str, ...]:
    """The PLOVER types the generator writes templates for, in data-file order."""
    return tuple(_templates())


def _leaders_on(country: dict[str, Any], day: date) -> list[dict[str, Any]]:
    return [p for p in country["leaders"] if p["_start"] <= day < p["_end"]]


class _Writer:
    """Fills templates for one article (or one stand-alone sentence) from one random stream."""

    def __init__(self, rng: random.Random, facts: StoryFacts, pub_date: date) -> None:
        self.rng = rng
        self.facts = facts
        self.pub_date = pub_date
        self.used: set[str] = set()
        by_code = _by_code()
        self.roles = {
            "A": by_code[facts.actor],
            "B": by_code[facts.recipient],
            "C": by_code[facts.third],
        }

    # -- surface forms -------------------------------------------------------------------
    def _leader(self, country: dict[str, Any], full: bool = True) -> str:
        people = _leaders_on(country, self.pub_date)
        if not people:
            return f"the {country['adj']} foreign minister"
        person = self.rng.choice(people)
        if full or self.rng.random() < 0.5:
            return f"{country['adj']} {person['title']} {person['name']}"
        return self.rng.choice([f"{person['title']} {person['name']}", person["name"]])

    def _actor(self, country: dict[str, Any]) -> str:
        """A singular noun phrase naming the country's state, as news varies it."""
        kind = self.rng.choices(
            ("name", "gov", "leader", "title", "metonym"), weights=(5, 2, 3, 1, 1)
        )[0]
        if kind == "metonym" and country["metonyms"]:
            return self.rng.choice(country["metonyms"])
        if kind == "gov":
            return f"the {country['adj']} government"
        if kind == "leader":
            return self._leader(country, full=False)
        if kind == "title":
            return self.rng.choice(
                (
                    f"the {country['adj']} foreign ministry",
                    f"the foreign minister of {country['names'][0]}",
                    f"{country['poss'][0]} defence ministry",
                )
            )
        return self.rng.choice(country["names"])

    def _military(self, country: dict[str, Any]) -> str:
        noun = self.rng.choice(("troops", "forces", "soldiers", "units"))
        return f"{country['adj']} {noun}"

    def _when(self, main: bool) -> str:
        """A date phrase; for the main event it must point at the story's real date."""
        rng = self.rng
        if main:
            day = self.facts.event_date
            delta = (self.pub_date - day).days
            options = list(day_phrases(day))
            if delta == 0:
                options.append("earlier today")
            elif delta == 1:
                options.append("yesterday")
            return rng.choice(options)
        month = _MONTHS[(self.pub_date.month - 2) % 12]
        options = ["last week", "earlier this month", "last month", f"in {month}", ""]
        return rng.choice(options)

    # -- slots -------------------------------------------------------------------------
    def slots(self, main: bool) -> dict[str, str]:
        """Every slot a template may use; story facts stay fixed only for the main event."""
        rng, facts, bg = self.rng, self.facts, _load("background.json")
        values: dict[str, str] = {}
        for role, country in self.roles.items():
            values[role] = self._actor(country)
            values[f"{role}_name"] = country["names"][0]
            values[f"{role}_adj"] = country["adj"]
            values[f"{role}_poss"] = rng.choice(country["poss"])
            values[f"{role}_capital"] = country["capital"]
            values[f"{role}_leader"] = self._leader(country)
            values[f"{role}_mil"] = self._military(country)
            values[f"{role}_city"] = rng.choice(country["cities"])
        if main:
            values["A_city"], values["B_city"] = facts.actor_city, facts.recipient_city
        speaker = rng.choice(bg["speakers"]).format(**values)
        winner = rng.randint(1, 4)
        values.update(
            when=self._when(main),
            topic=facts.topic if main else rng.choice(bg["topics"]),
            goods=facts.goods if main else rng.choice(bg["goods"]),
            money=facts.money if main else _money(rng),
            num=str(facts.num if main else rng.randint(2, 40)),
            pct=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            temp=str(rng.randint(28, 41)),
            score=f"{winner}-{rng.randint(0, winner - 1)}",
            month=rng.choice(_MONTHS),
            quote=self._fresh(bg["quotes"]),
            speaker=speaker,
            speaker_cap=_cap(speaker),
        )
        return values

    def _fresh(self, options: list[str]) -> str:
        """A choice not yet used in this article while there is one, so quotes do not repeat."""
        unused = [o for o in options if o not in self.used] or options
        choice = self.rng.choice(unused)
        self.used.add(choice)
        return choice

    def render(self, template: str, main: bool, swap: bool = False) -> str:
        """Fill a template; `swap` lets background talk about the recipient's country."""
        values = self.slots(main)
        if swap:
            values.update({"A" + k[1:]: v for k, v in values.items() if k.startswith("B")})
        return _tidy(template.format_map(values))

    # -- sentences -----------------------------------------------------------------------
    def event_sentence(
        self, event_type: str, main: bool, forms: tuple[str, ...] = FORMS, dated: bool = False
    ) -> GeneratedSentence:
        """One sentence expressing `event_type` from A to B, in a randomly chosen form.

        `dated` keeps to templates with a date phrase, as a lead must say when it happened.
        """
        groups = _templates()[event_type]
        weights = [FORM_WEIGHTS[FORMS.index(f)] for f in forms]
        form = self.rng.choices(forms, weights=weights)[0]
        indexes = [i for i, t in enumerate(groups[form]) if not dated or "{when}" in t]
        index = self.rng.choice(indexes)
        template = groups[form][index]
        used = set(_SLOT.findall(template))
        return GeneratedSentence(
            text=self._with_tail(self.render(template, main), form),
            template_id=f"{event_type}/{form}/{index}",
            event_type=event_type,
            form=form,
            actor=self.facts.actor if any(s.startswith("A") for s in used) else None,
            recipient=self.facts.recipient if any(s.startswith("B") for s in used) else None,
        )

    def _with_tail(self, text: str, form: str) -> str:
        """Sometimes add a closing clause with no event, as news sentences run long."""
        if form == "reported" or "said" in text or self.rng.random() >= TAIL_SHARE:
            return text
        return f"{text[:-1]}, {self.rng.choice(_load('background.json')['tails'])}."

    def background_sentence(self) -> GeneratedSentence:
        """A sentence with no event; an article repeats a template only when it runs out."""
        groups = _load("background.json")["background"]
        for _ in range(8):
            kind = self.rng.choices(list(BACKGROUND_WEIGHTS), BACKGROUND_WEIGHTS.values())[0]
            index = self.rng.randrange(len(groups[kind]))
            template_id = f"background/{kind}/{index}"
            if template_id not in self.used or kind == "quote":
                break
        self.used.add(template_id)
        swap = self.rng.random() < 0.4
        text = self.render(groups[kind][index], main=False, swap=swap)
        return GeneratedSentence(text=text, template_id=template_id)

    def headline(self) -> str:
        options = _load("events.json")["headlines"][self.facts.event_type]
        return _tidy(self.rng.choice(options).format_map(self.slots(main=True)))


# English names written out: strftime follows the process locale, and the text must not.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_phrases(day: date) -> tuple[str, str]:
    """ "on Tuesday" and "on March 4" for a date, whatever the locale."""
    return f"on {_WEEKDAYS[day.weekday()]}", f"on {_MONTHS[day.month - 1]} {day.day}"


def _money(rng: random.Random) -> str:
    return f"${rng.choice((50, 120, 250, 400, 600, 800))} million"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(text: str) -> str:
    """Mend what an empty slot leaves behind and capitalise the first letter."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.:;])", r"\1", text)
    return _cap(text)


def _pick_countries(rng: random.Random, k: int = 3) -> list[str]:
    return [c["code"] for c in rng.sample(_countries(), k)]


def _random_facts(rng: random.Random, story_id: str, start: date, end: date) -> StoryFacts:
    actor, recipient, third = _pick_countries(rng)
    by_code = _by_code()
    bg = _load("background.json")
    return StoryFacts(
        story_id=story_id,
        event_type=rng.choice(event_types()),
        actor=actor,
        recipient=recipient,
        third=third,
        event_date=start + timedelta(days=rng.randrange((end - start).days + 1)),
        actor_city=rng.choice(by_code[actor]["cities"]),
        recipient_city=rng.choice(by_code[recipient]["cities"]),
        topic=rng.choice(bg["topics"]),
        goods=rng.choice(bg["goods"]),
        money=_money(rng),
        num=rng.randint(2, 40),
    )


def _secondary(writer: _Writer) -> GeneratedSentence:
    """Another event in the same article, between the story's countries in some order."""
    rng, facts = writer.rng, writer.facts
    actor, recipient = rng.sample((facts.actor, facts.recipient, facts.third), 2)
    other = _Writer(rng, replace(facts, actor=actor, recipient=recipient), writer.pub_date)
    return other.event_sentence(rng.choice(event_types()), main=False)


def _body(writer: _Writer, words: int) -> list[list[GeneratedSentence]]:
    """Paragraphs of one to three sentences, the lead first, until `words` is reached."""
    rng, main_type = writer.rng, writer.facts.event_type
    lead = writer.event_sentence(main_type, main=True, forms=("active", "light"), dated=True)
    sentences = [lead]
    count = len(sentences[0].text.split())
    while count < words:
        block = rng.choices(list(BLOCK_WEIGHTS), weights=BLOCK_WEIGHTS.values())[0]
        if block == "secondary":
            sentence = _secondary(writer)
        elif block == "restate":
            sentence = writer.event_sentence(main_type, main=True)
        else:
            sentence = writer.background_sentence()
        sentences.append(sentence)
        count += len(sentence.text.split())
    paragraphs, i = [], 0
    while i < len(sentences):
        size = 1 if i == 0 else rng.randint(1, 3)
        paragraphs.append(sentences[i : i + size])
        i += size
    return paragraphs


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def _make_article(
    rng: random.Random, facts: StoryFacts, index: int, seed: int, words: int, kind: Kind
) -> GeneratedArticle:
    """Write one telling of a story: own wording, own source, the story's facts."""
    pub_date = facts.event_date + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    writer = _Writer(rng, facts, pub_date)
    title = writer.headline()
    paragraphs = _body(writer, words)
    text = "\n\n".join(" ".join(s.text for s in para) for para in paragraphs)
    source = rng.choice(_load("background.json")["sources"])
    article_id = f"gen-{seed}-{index:06d}"
    article = Article(
        id=article_id,
        text=text,
        title=title,
        url=f"https://{source['domain']}/{pub_date:%Y/%m/%d}/{_slug(title)}-{index}",
        source=source["name"],
        date=pub_date,
    )
    events = tuple(s for para in paragraphs for s in para if s.event_type)
    return GeneratedArticle(article, facts.story_id, kind, facts, events=events)


def _wire_copy(rng: random.Random, parent: GeneratedArticle) -> str:
    """The parent's text with the small edits wire services and aggregators make."""
    bg = _load("background.json")
    paragraphs = parent.article.text.split("\n\n")
    if len(paragraphs) > 8 and rng.random() < 0.5:
        paragraphs = paragraphs[:-1]
    text = "\n\n".join(paragraphs)
    for old, new in rng.sample(bg["dup_swaps"], 3):
        text = re.sub(rf"\b{re.escape(old)}\b", new, text, count=1)
    if rng.random() < 0.5:
        city = parent.facts.actor_city.upper()
        text = f"{city} ({parent.article.source}) - {text}"
    if rng.random() < 0.6:
        line = rng.choice(bg["reporting_lines"]).format(
            reporter=rng.choice(bg["reporters"]),
            editor=rng.choice(bg["reporters"]),
            A_city=parent.facts.actor_city,
        )
        text = f"{text}\n\n{line}"
    return text


def _duplicate(
    rng: random.Random, parent: GeneratedArticle, index: int, seed: int
) -> GeneratedArticle:
    sources = [s for s in _load("background.json")["sources"] if s["name"] != parent.article.source]
    source = rng.choice(sources)
    title = parent.article.title or ""
    if rng.random() < 0.3:
        title = f"UPDATE 1-{title}"
    day = parent.article.date or parent.facts.event_date
    article = Article(
        id=f"gen-{seed}-{index:06d}",
        text=_wire_copy(rng, parent),
        title=title,
        url=f"https://{source['domain']}/{day:%Y/%m/%d}/{_slug(title)}-{index}",
        source=source["name"],
        date=day,
    )
    return GeneratedArticle(
        article,
        parent.story_id,
        "duplicate",
        parent.facts,
        parent_id=parent.article.id,
        events=parent.events,
    )


def _check_rate(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise InputError(f"{name} must be between 0 and 1, got {value}")


def generate_articles(
    n: int,
    seed: int = 0,
    words: int = 600,
    duplicate_rate: float = 0.0,
    rewrite_rate: float = 0.0,
    start: date = START,
    end: date = END,
) -> Iterator[GeneratedArticle]:
    """Yield `n` articles of about `words` words; a share are wire copies or rewrites.

    Copies and rewrites draw on a bounded pool of recent stories, so memory stays flat however
    many articles are asked for, and copies land close to their original as they do in a feed.
    """
    _check_rate("duplicate_rate", duplicate_rate)
    _check_rate("rewrite_rate", rewrite_rate)
    if duplicate_rate + rewrite_rate > 1.0:
        raise InputError("duplicate_rate + rewrite_rate must not exceed 1")
    if n < 0 or words < 20:
        raise InputError(f"need n >= 0 and words >= 20, got n={n}, words={words}")
    if start > end:
        raise InputError(f"start date {start} is after end date {end}")
    rng = random.Random(seed)
    pool: deque[GeneratedArticle] = deque(maxlen=POOL_SIZE)
    stories = 0
    for index in range(n):
        draw = rng.random()
        local = random.Random(rng.getrandbits(64))
        if pool and draw < duplicate_rate:
            item = _duplicate(local, local.choice(pool), index, seed)
        elif pool and draw < duplicate_rate + rewrite_rate:
            facts = local.choice(pool).facts
            item = _make_article(local, facts, index, seed, words, "rewrite")
            item = replace(item, parent_id=_first_id(pool, facts.story_id))
        else:
            facts = _random_facts(local, f"story-{seed}-{stories:06d}", start, end)
            stories += 1
            item = _make_article(local, facts, index, seed, words, "original")
        if item.kind != "duplicate":
            pool.append(item)
        yield item


def _first_id(pool: Iterable[GeneratedArticle], story_id: str) -> str | None:
    """The article a rewrite retells: the story's original when it is still in the pool."""
    return next((a.article.id for a in pool if a.story_id == story_id), None)


def generate_labeled_sentences(
    n: int, seed: int = 0, event_share: float = 0.6
) -> Iterator[GeneratedSentence]:
    """Yield `n` stand-alone sentences; `event_share` of them express one PLOVER event."""
    _check_rate("event_share", event_share)
    if n < 0:
        raise InputError(f"need n >= 0, got {n}")
    rng = random.Random(seed)
    for index in range(n):
        facts = _random_facts(rng, f"sentence-{seed}-{index}", START, END)
        writer = _Writer(rng, facts, facts.event_date)
        if rng.random() < event_share:
            yield writer.event_sentence(facts.event_type, main=rng.random() < 0.5)
        else:
            yield writer.background_sentence()


def generate_sentences(n: int, seed: int = 0, event_share: float = 0.6) -> Iterator[str]:
    """Yield `n` sentences of news text, a mix of event and background sentences."""
    for sentence in generate_labeled_sentences(n, seed, event_share):
        yield sentence.text


def write_jsonl(records: Iterable[GeneratedArticle], out: str | Path | TextIO) -> int:
    """Write one JSON object per article (readable by `eventwire code`); returns the count."""
    if isinstance(out, str | Path):
        if str(out) == "-":
            return _write(records, sys.stdout)
        try:
            with open(out, "w", encoding="utf-8") as handle:
                return _write(records, handle)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror}") from exc
    return _write(records, out)


def _write(records: Iterable[GeneratedArticle], handle: TextIO) -> int:
    count = 0
    for record in records:
        handle.write(json.dumps(record.to_record(), ensure_ascii=False) + "\n")
        count += 1
    return count
