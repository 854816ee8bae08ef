"""Import Phoenix/PETRARCH actor and agent dictionaries as an eventwire knowledge-base overlay.

Analysts have maintained these dictionaries for years; reading them lets them keep their work
while the coder moves on. The reader follows PETRARCH's own rules where they matter (comments,
`+` synonyms, indented `[CODE date]` restrictions, consecutive uncoded names sharing the codes
that follow, two-digit years 00-30 meaning 20YY) and never stops on a bad line: every line that
yields nothing is recorded with its line number and the reason.

Mapping to the project's tables:
- an entry with dated codes is a person: one `people` row per dated code (country = first three
  letters of the code, sector = the rest), plus rows for the entry's default code over the gaps
  between those tenures, since that is when PETRARCH would have used it;
- an undated three-letter code of a shipped country adds names to it (`countries`, keeping the
  shipped row's metadata); other three-letter codes (regions, religions) become `metonyms`;
- IGO/NGO/MNC codes become `orgs`, armed non-state codes (REB, INS, SEP, UAF, IMG) `groups`,
  and any other country+sector code (e.g. a national army) `metonyms`;
- agent phrases with their plurals become `sectors`.

Matching in the resolver is case-sensitive for aliases not written in lower case, so names are
written for that rule: multi-word forms in lower case, single words capitalised ("Chad" must
not match "chad"), short acronyms in capitals. People's names always match as written, so they
are capitalised like news text ("Ban Ki-moon").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.errors import InputError
from eventwire.kb_import.report import ImportReport
from eventwire.kb_import.tables import Row, read_table, row_key, shipped_dir

FALLBACK_AS_OF = "2015-01-01"
NULL_CODES = {"---", "+++", "***"}
ORG_PREFIXES = {"IGO", "NGO", "NGM", "MNC"}
PLOVER_IGO_CODES = {"UNO", "EUR"}
ARMED_BLOCKS = {"REB", "INS", "SEP", "UAF", "IMG"}
# CAMEO role codes that may stand alone as a person's default code ("[ELI]"): they name a
# sector, not a country, so the country comes from the person's dated codes.
ROLE_CODES = {
    "ELI", "GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "CVL",
    "EDU", "HLH", "REF", "LAB", "AGR", "CRM", "UAF", "INS", "SEP", "RAD", "MOD",
}  # fmt: skip
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "at"}
MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2,}$")
_OPEN = re.compile(r"^([<>])\s*(\d+)$")
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_LONG_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})")
_CTIME_DATE = re.compile(r"\b([A-Za-z]{3})\s+(\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2})?\s+(\d{4})")
_PARENS = re.compile(r"\(([^()]*)\)")


class PhoenixSyntaxError(ValueError):
    """A code or date that PETRARCH would also have rejected.

    `reason` is the short category the import summary groups by; the message adds detail.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class CodeSpec:
    """One `[CODE ...]` of an actor entry, with its date restriction if any."""

    code: str
    start: date | None = None
    end: date | None = None
    open_ended: str = ""  # the restriction as written when one side is open, e.g. ">20090120"
    line: int = 0

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class Entry:
    """An actor: its names (primary first, then synonyms) and the codes that apply to them."""

    file: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[CodeSpec] = field(default_factory=list)


@dataclass
class PhoenixImport:
    """The rows of every table produced by one import, and its report."""

    tables: dict[str, list[Row]]
    report: ImportReport


# ---------------------------------------------------------------- dates and codes


def parse_phoenix_date(text: str) -> date:
    """YYMMDD or YYYYMMDD; two-digit years 00-30 are 20YY, as in TABARI and PETRARCH."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise PhoenixSyntaxError("malformed date", f"{text.strip()!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(digits[2:4]), int(digits[4:6])
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise PhoenixSyntaxError("malformed date", f"{digits!r}: {exc}") from exc


def parse_code(inner: str, line: int = 0) -> CodeSpec:
    """The content of one `[...]`: a code and an optional `<d`, `>d` or `d-d` restriction."""
    parts = inner.strip().split(None, 1)
    if not parts:
        raise PhoenixSyntaxError("empty code", "[]")
    code, rest = parts[0].upper(), (parts[1].strip() if len(parts) > 1 else "")
    if code in NULL_CODES:
        raise PhoenixSyntaxError("null code (PETRARCH leaves it uncoded)", f"[{code}]")
    if "/" in code:
        raise PhoenixSyntaxError("compound code not supported", f"[{code}]")
    if not _CODE.match(code):
        raise PhoenixSyntaxError("malformed code", f"[{parts[0]}]")
    if not rest:
        return CodeSpec(code, line=line)
    if match := _OPEN.match(rest):
        when = parse_phoenix_date(match.group(2))
        flag = f"{match.group(1)}{match.group(2)}"
        if match.group(1) == "<":
            return CodeSpec(code, end=when, open_ended=flag, line=line)
        return CodeSpec(code, start=when, open_ended=flag, line=line)
    if match := _RANGE.match(rest):
        start, end = parse_phoenix_date(match.group(1)), parse_phoenix_date(match.group(2))
        if end < start:
            raise PhoenixSyntaxError("end date before start date", repr(rest))
        return CodeSpec(code, start=start, end=end, line=line)
    raise PhoenixSyntaxError("malformed date restriction", repr(rest))


def split_code(code: str) -> tuple[str, str]:
    """Country (first three letters) and sector (the rest, kept as given).

    Phoenix files the UN and the EU under IGO (`IGOUNOKID`); PLOVER and the shipped tables give
    them their own codes, so `IGO` + `UNO`/`EUR` becomes country UNO/EUR and the rest the sector.
    """
    if code[:3] == "IGO" and code[3:6] in PLOVER_IGO_CODES:
        return code[3:6], code[6:]
    return code[:3], code[3:]


# ---------------------------------------------------------------- names


def clean_phrase(raw: str) -> tuple[str, list[str]]:
    """A dictionary phrase as words, plus acronyms found in parentheses ("(ETA)")."""
    text = raw.replace('"', " ").replace("`", "'").replace("_", " ")
    initials = {word[:1] for word in _PARENS.sub(" ", text).split()}
    acronyms = [
        inner.strip()
        for inner in _PARENS.findall(text)
        if re.fullmatch(r"[A-Z][A-Z0-9\-]{1,5}", inner.strip()) and inner.strip()[0] in initials
    ]
    text = _PARENS.sub(" ", text)
    if "(" in text:  # an unbalanced "(ACTING" note: drop it and what follows
        text = text[: text.index("(")]
    text = " ".join(text.replace(")", " ").split()).strip(" ,;:-")
    if text.upper().startswith("THE ") and len(text) > 4:  # the resolver strips "the" itself
        text = text[4:]
    return text, acronyms


def _cap_word(word: str) -> str:
    """Capitalise each hyphen part, keeping dotted initials and apostrophes sensible."""
    if "." in word and len(word) <= 5:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def display_name(phrase: str) -> str:
    """A readable name from an all-caps dictionary phrase: "BAN KI-MOON" -> "Ban Ki-Moon"."""
    words = phrase.split()
    if len(words) == 1 and len(phrase) <= 4 and phrase.isalpha() and phrase.isupper():
        return phrase
    shown = []
    for index, word in enumerate(words):
        lower = word.lower()
        shown.append(lower if index and lower in SMALL_WORDS else _cap_word(word))
    return " ".join(shown)


def match_forms(phrase: str) -> list[str]:
    """The aliases the resolver should match (see the module docstring for the rule).

    A four-letter word may be an acronym ("NATO") or a name ("Nile"): all-caps dictionaries
    cannot tell, so both spellings are kept.
    """
    if len(phrase.split()) > 1:
        return [phrase.lower()]
    shown = display_name(phrase)
    if len(phrase) == 4 and phrase.isupper():
        return [phrase, _cap_word(phrase)]
    return [shown]


def person_forms(phrase: str) -> list[str]:
    """Names of people as written in news ("Ban Ki-moon"): person names always match with
    their case, so lower-case forms would never match; both hyphen spellings are kept."""
    shown = display_name(phrase)
    forms = [shown]
    if "-" in shown:
        forms.append(re.sub(r"-(\w)", lambda m: "-" + m.group(1).lower(), shown))
    return forms


def join_aliases(forms: Iterable[str], exclude: str = "") -> str:
    """`|`-joined aliases without duplicates or the row's own name (case matters to matching)."""
    seen = {exclude}
    kept = []
    for form in forms:
        if form and form not in seen:
            seen.add(form)
            kept.append(form)
    return "|".join(kept)


# ---------------------------------------------------------------- reading lines


def decode_lines(path: Path) -> list[str]:
    """The file's lines; lines that are not UTF-8 are read as cp1252, the dictionaries' past."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read Phoenix dictionary ({exc})") from exc
    lines = []
    for raw in data.splitlines():
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
    return lines


def content_lines(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(line number, text) with XML and `#` comments removed and blank lines dropped."""
    in_comment = False
    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\r\n")
        if in_comment:
            if "-->" not in text:
                continue
            text, in_comment = text[text.index("-->") + 3 :], False
        while "<!" in text:
            head, _, tail = text.partition("<!")
            if "-->" in tail:
                text = head + tail[tail.index("-->") + 3 :]
            else:
                text, in_comment = head, True
        if "#" in text:
            text = text[: text.index("#")]
        if text.strip():
            yield number, text.rstrip()


def find_as_of(lines: Sequence[str]) -> str:
    """The date the dictionary states in its header comments ("Generated at", "Last Update")."""
    for line in lines[:80]:
        lowered = line.lower()
        if not any(word in lowered for word in ("generated", "update", "date")):
            continue
        for pattern, order in ((_CTIME_DATE, "mdy"), (_LONG_DATE, "dmy")):
            match = pattern.search(line)
            if not match:
                continue
            if order == "mdy":
                month_name, day, year = match.groups()
            else:
                day, month_name, year = match.groups()
            month = MONTHS.get(month_name.lower())
            if month:
                try:
                    return date(int(year), month, int(day)).isoformat()
                except ValueError:
                    continue
    return ""


# ---------------------------------------------------------------- actor dictionaries


def _codes_on_line(
    text: str, number: int, label: str, report: ImportReport
) -> list[CodeSpec] | None:
    """Every `[...]` code on a line; None when the brackets themselves are broken."""
    if text.count("[") != text.count("]"):
        report.skip(label, number, "unbalanced brackets", text)
        return None
    codes = []
    for inner in _BRACKET.findall(text):
        try:
            codes.append(parse_code(inner, number))
        except PhoenixSyntaxError as exc:
            report.skip(label, number, exc.reason, f"{exc.detail} in {text.strip()}")
            report.read["codes skipped"] += 1
            continue
        report.read["codes"] += 1
    return codes


def read_actor_entries(lines: Sequence[str], label: str, report: ImportReport) -> list[Entry]:
    """Group lines into entries the way PETRARCH does; bad lines are reported, never fatal."""
    entries: list[Entry] = []
    current: Entry | None = None
    for number, text in content_lines(lines):
        stripped = text.strip()
        if "---STOP---" in stripped:
            break
        if stripped.startswith("+"):
            if current is None:
                report.skip(label, number, "synonym before any actor", text)
                continue
            current.names.extend(part for part in stripped.split("+") if part.strip())
            continue
        if stripped.startswith("["):
            if current is None:
                report.skip(label, number, "code before any actor", text)
                continue
            codes = _codes_on_line(stripped, number, label, report)
            current.codes.extend(codes or [])
            continue
        if text[0].isspace():
            report.skip(label, number, "unknown syntax (indented line without a code)", text)
            continue
        name, _, code_text = stripped.partition("[")
        codes = _codes_on_line("[" + code_text, number, label, report) if code_text else []
        if codes is None:
            continue
        # An entry with no codes yet shares the codes that follow with the next name.
        if current is None or current.codes or not current.names:
            current = Entry(label, number)
            entries.append(current)
        current.names.append(name)
        current.codes.extend(codes)
    return entries


def _gaps(
    tenures: list[CodeSpec],
) -> list[tuple[date | None, date | None, CodeSpec, CodeSpec | None]]:
    """Periods not covered by any dated code, with the tenure before and after each."""
    spans = sorted(tenures, key=lambda c: (c.start or date.min, c.end or date.max))
    gaps: list[tuple[date | None, date | None, CodeSpec, CodeSpec | None]] = []
    if spans[0].start is not None:
        gaps.append((None, spans[0].start, spans[0], None))
    reach, last = spans[0].end, spans[0]
    for span in spans[1:]:
        if reach is None:
            return gaps
        if span.start is not None and span.start > reach:
            gaps.append((reach, span.start, last, span))
        if span.end is None or span.end > reach:
            reach, last = span.end, span
    if reach is not None:
        gaps.append((reach, None, last, None))
    return gaps


class PhoenixImporter:
    """Accumulates rows from several dictionary files into one overlay."""

    def __init__(self, shipped: Path | None = None) -> None:
        self.report = ImportReport(kind="phoenix")
        self.tables: dict[str, dict[tuple[str, ...], Row]] = {
            name: {} for name in ("countries", "metonyms", "orgs", "groups", "people", "sectors")
        }
        base = shipped if shipped is not None else shipped_dir()
        self.shipped_countries = {row["code"]: row for row in read_table(base / "countries.tsv")}
        self._country_forms: dict[str, list[str]] = {}
        self._used_codes: set[str] = set()

    # -- files

    def add_path(self, path: Path) -> None:
        """A dictionary file, or a directory whose actor and agent files are all read."""
        if path.is_dir():
            for child in sorted(path.iterdir()):
                named = any(word in child.name.lower() for word in ("actor", "agent"))
                if child.is_file() and named and dictionary_kind(child) in ("actors", "agents"):
                    self.add_file(child)
            return
        if not path.is_file():
            raise InputError(f"{path}: no such Phoenix dictionary file or directory")
        self.add_file(path)

    def add_file(self, path: Path) -> None:
        kind = dictionary_kind(path)
        if kind not in ("actors", "agents"):
            self.report.notes.append(f"{path.name}: a {kind} file, not actors or agents; ignored")
            return
        lines = decode_lines(path)
        as_of = find_as_of(lines)
        if not as_of:
            as_of = FALLBACK_AS_OF
            self.report.notes.append(
                f"{path.name}: states no date; rows get as_of {FALLBACK_AS_OF} "
                "(the dictionaries were last maintained around then)"
            )
        self.report.files.append(f"{path} ({kind}, as_of {as_of})")
        self.report.read["lines"] += len(lines)
        if kind == "agents":
            self.add_agents(lines, path.name, as_of)
        else:
            self.add_actors(lines, path.name, as_of)

    # -- actors

    def add_actors(self, lines: Sequence[str], label: str, as_of: str) -> None:
        for entry in read_actor_entries(lines, label, self.report):
            self.report.read["actor entries"] += 1
            self.add_entry(entry, as_of)

    def add_entry(self, entry: Entry, as_of: str) -> None:
        phrases: list[str] = []
        extra: list[str] = []
        for raw in entry.names:
            phrase, acronyms = clean_phrase(raw)
            if phrase:
                phrases.append(phrase)
            extra.extend(acronyms)
        if not phrases:
            self.report.skip(entry.file, entry.line, "no usable name", " ".join(entry.names))
            return
        if not entry.codes:
            self.report.skip(entry.file, entry.line, "no valid code", phrases[0])
            return
        dated = [code for code in entry.codes if code.dated]
        if dated:
            forms = [form for p in phrases for form in person_forms(p)] + extra
            self._add_person(entry, phrases[0], forms, dated, as_of)
            return
        forms = [form for p in phrases for form in match_forms(p)] + extra
        code = entry.codes[-1].code  # PETRARCH: a later default code replaces an earlier one
        where = f"phoenix {entry.file}:{entry.line} {code}"
        if len(code) == 3 and (code in self.shipped_countries or not self.shipped_countries):
            self._add_country(code, phrases[0], forms, as_of, where)
        elif code[:3] in ORG_PREFIXES:
            self._add_named("orgs", code, phrases[0], forms, as_of, where, entry)
        elif code[:3] in ARMED_BLOCKS or any(code[i : i + 3] in ARMED_BLOCKS for i in (3, 6, 9)):
            self._add_named("groups", code, phrases[0], forms, as_of, where, entry)
        else:
            country, sector = split_code(code)
            for form in forms:
                row = {"phrase": form, "country": country, "sector": sector}
                self._put("metonyms", row | {"as_of": as_of, "source": where}, entry)

    def _add_person(
        self, entry: Entry, phrase: str, forms: list[str], dated: list[CodeSpec], as_of: str
    ) -> None:
        name = display_name(phrase)
        aliases = join_aliases(forms, exclude=name)
        for spec in dated:
            country, sector = split_code(spec.code)
            source = f"phoenix {entry.file}:{spec.line} {spec.code}"
            if spec.open_ended:
                source += f"; open-ended {spec.open_ended}"
            row = self._person_row(name, aliases, country, sector, spec, as_of, source)
            self._put("people", row, entry)
        defaults = [code for code in entry.codes if not code.dated]
        if not defaults:
            return
        default = defaults[-1]
        for start, end, before, after in _gaps(dated):
            if default.code in ROLE_CODES:  # "[ELI]": a sector; the country is the tenure's
                neighbour = before if start is not None else (after or before)
                country, sector = split_code(neighbour.code)[0], default.code
            else:
                country, sector = split_code(default.code)
            spec = CodeSpec(default.code, start=start, end=end, line=default.line)
            source = f"phoenix {entry.file}:{default.line} {default.code}; default between dates"
            row = self._person_row(name, aliases, country, sector, spec, as_of, source)
            self._put("people", row, entry)

    @staticmethod
    def _person_row(
        name: str,
        aliases: str,
        country: str,
        sector: str,
        spec: CodeSpec,
        as_of: str,
        source: str,
    ) -> Row:
        return {
            "name": name,
            "aliases": aliases,
            "country": country,
            "sector": sector,
            "office": "phoenix",
            "office_country": country,
            "start": spec.start.isoformat() if spec.start else "",
            "end": spec.end.isoformat() if spec.end else "",
            "wikidata": "",
            "as_of": as_of,
            "source": source,
        }

    def _add_country(
        self, code: str, phrase: str, forms: list[str], as_of: str, where: str
    ) -> None:
        """Phoenix country names extend the shipped row instead of blanking its metadata."""
        table = self.tables["countries"]
        key = (code,)
        if key not in table:
            base = dict(self.shipped_countries.get(code, {}))
            shipped_aliases = [a for a in base.get("aliases", "").split("|") if a]
            name = base.get("name") or display_name(phrase)
            extends = "; extends the shipped row" if code in self.shipped_countries else ""
            table[key] = base | {
                "code": code,
                "name": name,
                "as_of": as_of,
                "source": where + extends,
            }
            self._country_forms[code] = shipped_aliases
        self._country_forms[code].extend(forms)
        row = table[key]
        row["aliases"] = join_aliases(self._country_forms[code], exclude=row["name"])

    def _add_named(
        self, table: str, code: str, phrase: str, forms: list[str], as_of: str, where: str,
        entry: Entry,
    ) -> None:  # fmt: skip
        """One org or group row per entry, keyed by a code made from its name."""
        name = display_name(phrase)
        key = re.sub(r"[^A-Z0-9]+", "_", phrase.upper()).strip("_") or code
        if key in self._used_codes:
            self.report.read[f"{table} duplicate names merged"] += 1
            return
        self._used_codes.add(key)
        country, sector = split_code(code)
        row = {
            "code": key,
            "name": name,
            "aliases": join_aliases(forms, exclude=name),
            "country": country,
            "sector": sector,
            "wikidata": "",
            "as_of": as_of,
            "source": where,
        }
        self._put(table, row, entry)

    # -- agents

    def add_agents(self, lines: Sequence[str], label: str, as_of: str) -> None:
        markers: dict[str, list[str]] = {}
        for number, text in content_lines(lines):
            stripped = text.strip()
            if stripped.startswith("<"):
                self.report.skip(label, number, "unsupported directive (combine rule)", text)
                continue
            if stripped.startswith("!") and "=" in stripped and "[" not in stripped:
                marker, _, values = stripped.partition("=")
                markers[marker.strip().strip("!")] = [v.strip() for v in values.split(",")]
                continue
            for phrase, sector, code in self._agent_phrases(stripped, number, label, markers):
                row = {"phrase": phrase, "sector": sector, "as_of": as_of,
                       "source": f"phoenix {label}:{number} {code}"}  # fmt: skip
                self._put("sectors", row, Entry(label, number))
            self.report.read["agent lines"] += 1

    def _agent_phrases(
        self, text: str, number: int, label: str, markers: dict[str, list[str]]
    ) -> list[tuple[str, str, str]]:
        """(phrase, sector, code as written) for every form an agent line stands for."""
        if "[" not in text:
            self.report.skip(label, number, "agent without a code", text)
            return []
        head, _, tail = text.partition("[")
        if "]" not in tail:
            self.report.skip(label, number, "unbalanced brackets", text)
            return []
        code = tail.partition("]")[0].replace(" ", "").upper()
        sector = code.strip("~")[:3]
        if "~" not in code or not _CODE.match(code.strip("~")):
            self.report.skip(label, number, "malformed agent code", text)
            return []
        plural: str | None = None
        if "{" in head:
            if "}" not in head:
                self.report.skip(label, number, "unbalanced braces", text)
                return []
            plural = head[head.index("{") + 1 : head.index("}")].strip()
            head = head[: head.index("{")]
        base = head.strip()
        if "!" in base:
            found = re.search(r"!([^!]+)!", base)
            if not found or found.group(1) not in markers:
                self.report.skip(label, number, "undefined substitution marker", text)
                return []
            forms = [base.replace(found.group(0), value) for value in markers[found.group(1)]]
        else:
            forms = [base] + ([plural] if plural else [] if plural == "" else [make_plural(base)])
        phrases = [clean_phrase(form)[0].lower() for form in forms]
        return [(phrase, sector, code) for phrase in phrases if phrase]

    # -- shared

    def _put(self, table: str, row: Row, entry: Entry) -> None:
        rows = self.tables[table]
        key = row_key(table, row)
        if key in rows:
            if {k: v for k, v in rows[key].items() if k != "source"} != {
                k: v for k, v in row.items() if k != "source"
            }:
                self.report.skip(
                    entry.file,
                    entry.line,
                    f"{table}: key already given a different value earlier; first kept",
                    " ".join(key),
                )
            else:
                self.report.read[f"{table} duplicate rows"] += 1
            return
        rows[key] = row

    def result(self) -> PhoenixImport:
        tables = {name: list(rows.values()) for name, rows in self.tables.items() if rows}
        for name, rows in tables.items():
            self.report.rows[name] = len(rows)
        return PhoenixImport(tables, self.report)


def make_plural(phrase: str) -> str:
    """PETRARCH's regular plural of the last word: -ies after y, -es after ss, else -s."""
    words = phrase.replace("_", " ").split()
    if not words:
        return phrase
    last = words[-1]
    if last.upper().endswith("Y") and len(last) > 1 and last[-2].upper() not in "AEIOU":
        last = last[:-1] + "IES"
    elif last.upper().endswith(("SS", "SH", "CH", "X")):
        last += "ES"
    else:
        last += "S"
    return " ".join(words[:-1] + [last])


def dictionary_kind(path: Path) -> str:
    """actors, agents, verbs, discards or issues: from the file name PETRARCH setups use,
    else from the content (verb files have `- ` patterns and `&` synsets, agents `[~CODE]`)."""
    name = path.name.lower()
    for kind in ("agents", "verbs", "discards", "issues"):
        if kind in name:
            return kind
    if "actor" in name:
        return "actors"
    try:
        lines = [text.strip() for _, text in content_lines(decode_lines(path)[:3000])]
    except InputError:
        return "other"
    if not lines:
        return "other"
    verbish = sum(line.startswith(("- ", "&", "---")) for line in lines)
    agentish = sum("[~" in line or "~]" in line for line in lines)
    if verbish > len(lines) * 0.1:
        return "verbs"
    if agentish > len(lines) * 0.5:
        return "agents"
    return "actors"


def import_phoenix(paths: Iterable[Path], shipped: Path | None = None) -> PhoenixImport:
    """Read Phoenix/PETRARCH actor and agent dictionaries into overlay rows and a report."""
    importer = PhoenixImporter(shipped=shipped)
    for path in paths:
        importer.add_path(Path(path))
    return importer.result()


def import_phoenix_text(
    text: str,
    kind: str = "actors",
    label: str = "<text>",
    as_of: str = FALLBACK_AS_OF,
    shipped: Path | None = None,
) -> PhoenixImport:
    """The same import from a string, for a snippet that is not in a file."""
    importer = PhoenixImporter(shipped=shipped)
    lines = text.splitlines()
    stated = find_as_of(lines) or as_of
    if kind == "agents":
        importer.add_agents(lines, label, stated)
    else:
        importer.add_actors(lines, label, stated)
    return importer.result()
