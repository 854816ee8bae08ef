"""The actor knowledge base: shipped TSV tables plus user overlays, loaded once into an index.

Every table row becomes one or more `Entry` objects keyed by the lower-cased token tuple of a
name, so the resolver finds candidates with dictionary look-ups over token n-grams instead of
scanning names. Overlay directories (`EVENTWIRE_KB_PATH`) are read after the shipped tables;
a row with the same key as an earlier row replaces it.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from functools import cache
from importlib import resources
from pathlib import Path

from eventwire.actors.tokens import key_of
from eventwire.errors import InputError

TABLES = (
    "countries", "capitals", "metonyms", "sectors", "titles", "orgs", "groups", "parties",
    "agencies", "media", "companies", "people",
)  # fmt: skip
# Tables of named bodies, all in the orgs/groups format, and the kind of entry each row gives.
NAMED_TABLES = {
    "orgs": "org", "groups": "group", "parties": "party", "agencies": "agency",
    "media": "media", "companies": "company",
}  # fmt: skip
# The columns that identify a row; a later row with the same key overrides an earlier one.
KEYS: dict[str, tuple[str, ...]] = {
    "countries": ("code",),
    "capitals": ("name", "country", "start"),
    "metonyms": ("phrase", "start"),
    "sectors": ("phrase",),
    "titles": ("title",),
    "orgs": ("code",),
    "groups": ("code", "start"),
    "parties": ("code", "start"),
    "agencies": ("code", "start"),
    "media": ("code", "start"),
    "companies": ("code", "start"),
    "people": ("name", "office", "office_country", "start"),
}
DATE_COLUMNS = ("start", "end", "as_of")


@dataclass(frozen=True, slots=True)
class Entry:
    """One name of one table row, as the resolver sees it."""

    # country, demonym, person_noun, capital, place, metonym, sector, title, org, group, party,
    # agency, media, company, person or surname
    kind: str
    phrase: str
    case_sensitive: bool
    code: str = ""  # row key: country code, org/group code, person name, office key for titles
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    wikidata: str | None = None
    start: Date | None = None
    end: Date | None = None
    source: str = ""
    role: str = ""  # sector words only: "generic" or "modifier" (see sectors.tsv), else ""

    def valid_on(self, day: Date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Tenure:
    """One row of a people table: a person holding an office between two dates."""

    name: str
    country: str
    sector: str | None
    office: str
    office_country: str
    start: Date | None
    end: Date | None
    wikidata: str | None
    source: str
    table: str = ""  # the file the row came from ("people_africa"), for freshness warnings

    def valid_on(self, day: Date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def tenure_on(tenures: list[Tenure], day: Date) -> tuple[Tenure | None, bool]:
    """The tenure valid on `day` (latest start wins, then an office of the person's own
    country: the king of fifteen realms is British), else the last one before it; the flag
    says whether the person was in office that day."""
    valid = [t for t in tenures if t.valid_on(day)]
    if valid:
        return max(valid, key=_tenure_rank), True
    before = [t for t in tenures if t.end is not None and t.end < day]
    if before:
        return max(before, key=lambda t: t.end or Date.min), False
    return (tenures[0] if tenures else None), False


def _tenure_rank(t: Tenure) -> tuple[Date, bool, bool]:
    return (t.start or Date.min, t.office_country == t.country, t.sector == "GOV")


@dataclass
class KnowledgeBase:
    """All tables, indexed for token n-gram look-up."""

    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    max_len: int = 1
    countries: dict[str, dict[str, str]] = field(default_factory=dict)
    tenures: dict[str, list[Tenure]] = field(default_factory=lambda: defaultdict(list))
    offices: dict[tuple[str, str], list[Tenure]] = field(default_factory=lambda: defaultdict(list))
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    person_names: dict[str, set[str]] = field(default_factory=dict)  # name -> all its spellings
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # Freshness: the as_of of every table file, and which file a named actor's rows came from.
    as_of: dict[str, Date | None] = field(default_factory=dict)
    named_tables: dict[str, str] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        key = key_of(entry.phrase)
        while key and key[0] in ("the", "a", "an"):
            key = key[1:]  # mentions lose their leading article too
        if not key:
            return
        self.index[key].append(entry)
        self.max_len = max(self.max_len, len(key))

    def lookup(self, key: tuple[str, ...]) -> list[Entry]:
        return self.index.get(key, [])

    def country_name(self, code: str | None) -> str | None:
        """The display name of a country or non-state code, when the KB knows it."""
        if code is None:
            return None
        row = self.countries.get(code)
        return row["name"] if row else None

    def holder(self, office: str, office_country: str, day: Date) -> Tenure | None:
        """The person holding an office on a day, if a people table says so."""
        valid = [t for t in self.offices.get((office, office_country), []) if t.valid_on(day)]
        return max(valid, key=lambda t: t.start or Date.min) if valid else None

    def stats(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}

    def table_of(self, name: str | None, day: Date) -> str | None:
        """The table file whose rows decided what a named actor was on a day: the person's
        tenure on (or last before) that day, or the organisation or group row."""
        if not name:
            return None
        tenure, _ = tenure_on(self.tenures.get(name, []), day)
        return tenure.table if tenure is not None else self.named_tables.get(name)


def shipped_dir() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "kb"))


def overlay_dirs() -> tuple[Path, ...]:
    """Directories named by EVENTWIRE_KB_PATH, in order."""
    raw = os.environ.get("EVENTWIRE_KB_PATH", "")
    return tuple(Path(p) for p in raw.split(os.pathsep) if p.strip())


def table_files(directory: Path, table: str) -> list[Path]:
    """`<table>.tsv` and `<table>_*.tsv` in a directory (people tables come in several files)."""
    if not directory.is_dir():
        return []
    found = sorted(directory.glob(f"{table}_*.tsv"))
    exact = directory / f"{table}.tsv"
    return ([exact] if exact.is_file() else []) + found


def parse_date(value: str, where: str) -> Date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of one TSV file; dates are checked here so a bad overlay fails with its line."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot read actor table ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for lineno, row in enumerate(reader, start=2):
            clean = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if not any(clean.values()) or next(iter(clean.values()), "").startswith("#"):
                continue
            for column in DATE_COLUMNS:
                if column in clean:
                    parse_date(clean[column], f"{path}:{lineno} column {column}")
            yield clean


TABLE_COLUMN = "_table"  # added to every row read: the label of the file it came from


def table_label(path: Path, shipped: bool) -> str:
    """How warnings and `kb stats` name a table file: its stem when shipped, else its path."""
    return path.stem if shipped else str(path)


def merged_rows(table: str, dirs: Iterable[Path]) -> tuple[list[dict[str, str]], list[str]]:
    """Rows of a table across all directories, later keys overriding earlier ones; the first
    directory is the shipped one. Each row remembers its file in `TABLE_COLUMN`."""
    by_key: dict[tuple[str, ...], dict[str, str]] = {}
    files: list[str] = []
    for number, directory in enumerate(dirs):
        for path in table_files(directory, table):
            files.append(str(path))
            label = table_label(path, shipped=number == 0)
            for row in read_rows(path):
                key = tuple(row.get(col, "") for col in KEYS[table])
                by_key.pop(key, None)
                by_key[key] = {**row, TABLE_COLUMN: label}
    return list(by_key.values()), files


def table_as_of(rows: Iterable[dict[str, str]]) -> Date | None:
    """The date up to which a table's facts were all checked: the oldest `as_of` among rows
    still open (no `end`), since a closed tenure cannot go out of date; the newest `as_of`
    when every row is closed."""
    rows = list(rows)
    open_rows = [r["as_of"] for r in rows if r.get("as_of") and not r.get("end")]
    if open_rows:
        return Date.fromisoformat(min(open_rows))
    dated = [r["as_of"] for r in rows if r.get("as_of")]
    return Date.fromisoformat(max(dated)) if dated else None


def _tables_as_of(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    by_table: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_table[row[TABLE_COLUMN]].append(row)
    for label, table_rows in by_table.items():
        kb.as_of[label] = table_as_of(table_rows)


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def is_case_sensitive(phrase: str) -> bool:
    """Lower-case phrases match any case; anything with a capital must match as written."""
    return phrase != phrase.lower()


def _d(row: dict[str, str], column: str) -> Date | None:
    return parse_date(row.get(column, ""), column)


def _countries(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        code = row["code"]
        kb.countries[code] = row
        common = {
            "code": code,
            "country": code,
            "name": row["name"],
            "source": row.get("source", ""),
        }
        common["wikidata"] = row.get("wikidata") or None
        for phrase in [row["name"], *split_list(row.get("aliases", ""))]:
            kb.add(Entry("country", phrase, is_case_sensitive(phrase), **common))
        for phrase in split_list(row.get("adjectives", "")):
            kb.add(Entry("demonym", phrase, is_case_sensitive(phrase), **common))
        for phrase in split_list(row.get("person_nouns", "")):
            kb.add(Entry("person_noun", phrase, is_case_sensitive(phrase), **common))


def _capitals(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        kind = "place" if row.get("kind") == "place" else "capital"
        sector = None if kind == "place" else "GOV"
        entry = Entry(kind, row["name"], is_case_sensitive(row["name"]), row["country"],
                      row["country"], sector, row["name"], None, _d(row, "start"),
                      _d(row, "end"), row.get("source", ""))  # fmt: skip
        kb.add(entry)


def _metonyms(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        phrase = row["phrase"]
        kb.add(Entry("metonym", phrase, is_case_sensitive(phrase), row["country"],
                     row["country"], row.get("sector") or None, phrase, None, _d(row, "start"),
                     _d(row, "end"), row.get("source", "")))  # fmt: skip


# Capitalised words naming a community or faith: never a person on their own, and never part
# of a country's longer name ("Iraqi Kurdish forces", "Nigerian Christian leaders").
COMMUNITY_WORDS = frozenset(
    {"kurdish", "arab", "sunni", "shiite", "shia", "muslim", "christian", "jewish", "hindu",
     "buddhist", "catholic", "orthodox", "coptic", "druze", "alawite", "yazidi", "tamil",
     "baloch", "pashtun", "uyghur", "rohingya", "tuareg", "fulani", "hutu", "tutsi", "amhara",
     "oromo", "tigrayan", "ethnic"}
)  # fmt: skip
# "generic": a head that yields to a more specific sector word in its phrase ("police
# officials" -> COP); "modifier": a word that is an actor only inside a phrase ("religious").
SECTOR_ROLES = frozenset({"", "generic", "modifier"})


def _sectors(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        phrase = row["phrase"]
        role = row.get("role", "")
        forms = {phrase}
        if " " not in phrase and not phrase.endswith("s") and role != "modifier":
            forms.add(phrase + "s")  # regular plural; irregular ones are listed in the table
        if role not in SECTOR_ROLES:
            raise InputError(f"sectors table: {phrase!r} has role {role!r}, not one of "
                             + ", ".join(repr(r) for r in sorted(SECTOR_ROLES)))  # fmt: skip
        source = row.get("source", "")
        for form in forms:
            kb.add(Entry("sector", form, is_case_sensitive(form), row["sector"],
                         sector=row["sector"], source=source, role=role))  # fmt: skip


def _titles(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    for row in rows:
        kb.titles[row["title"].lower()] = row
        kb.add(Entry("title", row["title"], is_case_sensitive(row["title"]), row["office"],
                     row.get("country") or None, row.get("sector") or None,
                     source=row.get("source", "")))  # fmt: skip


def _named(kb: KnowledgeBase, rows: list[dict[str, str]], kind: str) -> None:
    for row in rows:
        kb.named_tables[row["name"]] = row[TABLE_COLUMN]
        for phrase in [row["name"], *split_list(row.get("aliases", ""))]:
            kb.add(Entry(kind, phrase, is_case_sensitive(phrase), row["code"],
                         row.get("country") or None, row.get("sector") or None, row["name"],
                         row.get("wikidata") or None, _d(row, "start"), _d(row, "end"),
                         row.get("source", "")))  # fmt: skip


def _people(kb: KnowledgeBase, rows: list[dict[str, str]]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        name = row["name"]
        # One tenure may hold several offices: a president who heads state and government.
        for office in split_list(row.get("office", "")) or [""]:
            kb.tenures[name].append(
                Tenure(name, row["country"], row.get("sector") or None, office,
                       row.get("office_country") or row["country"], _d(row, "start"),
                       _d(row, "end"), row.get("wikidata") or None, row.get("source", ""),
                       row[TABLE_COLUMN])
            )  # fmt: skip
        names[name].update([name, *split_list(row.get("aliases", ""))])
    kb.person_names = dict(names)
    for tenures in kb.tenures.values():
        tenures.sort(key=lambda t: t.start or Date.min)
        for t in tenures:
            kb.offices[(t.office, t.office_country)].append(t)
    for name, phrases in names.items():
        wikidata = next((t.wikidata for t in kb.tenures[name] if t.wikidata), None)
        for phrase in phrases:
            kb.add(Entry("person", phrase, True, name, name=name, wikidata=wikidata))
    _add_surnames(kb, names)


def _add_surnames(kb: KnowledgeBase, names: dict[str, set[str]]) -> None:
    """Index a surname alone ("Blinken", "Erdogan", "Zelensky") when it names one person and
    nothing else, or several leaders of states one at a time ("Maduro": Ricardo in Honduras in
    2004, Nicolás in Venezuela in 2024); every spelling among a person's aliases counts. Each
    owner's entry is dated by their career, so the resolver prefers whoever is in office on the
    date."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    spelling: dict[tuple[str, ...], str] = {}
    for name, phrases in names.items():
        for phrase in phrases:
            parts = phrase.replace("-", " ").split()
            if len(parts) > 1 and len(parts[-1]) >= 4 and parts[-1][:1].isupper():
                owners[key_of(parts[-1])].add(name)
                spelling.setdefault(key_of(parts[-1]), parts[-1])
    for key, people in owners.items():
        spans = {name: _career(kb.tenures[name]) for name in people}
        if key in kb.index or key[0] in COMMUNITY_WORDS:
            continue  # "Christian community leaders" names no Peter Christian
        if not _one_at_a_time(list(spans.values())):
            continue
        if len(people) > 1 and not all(_led_a_state(kb.tenures[name]) for name in people):
            continue  # "Smith": only leaders' surnames are news on their own
        # most recent first: on a date none of them is in office, the latest is meant
        for name in sorted(people, key=lambda n: spans[n][0] or Date.min, reverse=True):
            start, end = spans[name]
            kb.add(Entry("surname", spelling[key], True, name, name=name, start=start, end=end))


HEAD_OFFICES = frozenset({"head_of_state", "head_of_government"})


def _led_a_state(tenures: list[Tenure]) -> bool:
    return any(t.office in HEAD_OFFICES for t in tenures)


def _career(tenures: list[Tenure]) -> tuple[Date | None, Date | None]:
    """First start and last end of a person's tenures (end None while one is open)."""
    starts = [t.start for t in tenures]
    ends = [t.end for t in tenures]
    start = None if None in starts else min(starts, default=None)
    return start, (None if None in ends or not ends else max(e for e in ends if e))


def _one_at_a_time(spans: list[tuple[Date | None, Date | None]]) -> bool:
    """Whether careers never overlap, so a date tells whose surname it is ("Maduro" is Ricardo
    in Honduras in 2004 and Nicolás in Venezuela in 2024)."""
    ordered = sorted(spans, key=lambda span: span[0] or Date.min)
    return all(
        before[1] is not None and after[0] is not None and before[1] <= after[0]
        for before, after in zip(ordered, ordered[1:], strict=False)
    )


LOADERS = {
    "countries": _countries,
    "capitals": _capitals,
    "metonyms": _metonyms,
    "sectors": _sectors,
    "titles": _titles,
}


def build(dirs: tuple[Path, ...]) -> KnowledgeBase:
    """Read every table from the directories (shipped first) into one index."""
    kb = KnowledgeBase()
    for table in TABLES:
        rows, files = merged_rows(table, dirs)
        kb.rows[table] = rows
        kb.files.extend(files)
        _tables_as_of(kb, rows)
        if table in LOADERS:
            LOADERS[table](kb, rows)
        elif table == "people":
            _people(kb, rows)
        else:
            _named(kb, rows, NAMED_TABLES[table])
    return kb


@cache
def _load(dirs: tuple[Path, ...]) -> KnowledgeBase:
    return build(dirs)


def load_kb(extra: Iterable[Path] = ()) -> KnowledgeBase:
    """The shipped tables plus EVENTWIRE_KB_PATH overlays plus `extra`, built once per set."""
    return _load((shipped_dir(), *overlay_dirs(), *(Path(p) for p in extra)))
