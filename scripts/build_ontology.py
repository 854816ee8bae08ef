"""Compile the PLOVER/CAMEO ontology into the package's JSON data files.

Run from the repository root when the references or our decisions change:

    python scripts/build_ontology.py [--reference ../shared/reference]

Where each fact comes from:
- CAMEO codes, names, Goldstein scores and root codes: `cameo/cameo_codes.tsv`.
- QuadClass of a CAMEO code: its root (01-05 -> 1, 06-08 -> 2, 09-13 -> 3, 14-20 -> 4).
- The 16 PLOVER types, their quad class, whether they need a recipient, their mode names and the
  general context names: the category sections and tables of `plover/PLOVER_MANUAL.tex`.
- CAMEO -> PLOVER type, mode and contexts: `plover/CAMEO2PLOVER-2021.txt`, normalised to the
  manual's names and corrected where the table contradicts the manual.
- Descriptions, corrections (each with its reason) and the PLOVER -> CAMEO choices are ours and
  live in `src/eventwire/data/ontology/authored.json`.

Outputs (committed; the package never reads the references at run time):
`src/eventwire/data/ontology/plover.json` and `src/eventwire/data/ontology/cameo.json`.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "eventwire" / "data" / "ontology"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
QUAD_WORDS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}
PLOVER_ORDER = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


def cameo_quad_class(root: str) -> int:
    """CAMEO's QuadClass is fixed by the two-digit root code."""
    n = int(root)
    if n <= 5:
        return 1
    if n <= 8:
        return 2
    return 3 if n <= 13 else 4


def read_cameo(path: Path) -> dict[str, dict]:
    """Every CAMEO code with name, root, quad class and Goldstein score."""
    codes: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["code"].strip()
            root = row["root_code"].strip()
            codes[code] = {
                "code": code,
                "name": row["name"].strip(),
                "root": root,
                "quad_class": cameo_quad_class(root),
                "goldstein": float(row["goldstein"]),
            }
    return codes


def _table_rows(latex: str) -> list[tuple[str, str]]:
    """(name, content) rows of the first tabular/longtable in `latex`, skipping comments."""
    rows = []
    for line in latex.splitlines():
        line = line.strip()
        if line.startswith("%") or "&" not in line:
            continue
        name, _, rest = line.partition("&")
        name = re.sub(r"\\hyperref\[[^]]*\]\{([^}]*)\}", r"\1", name)
        name = name.replace("\\_", "_").strip()
        if not name or name.startswith("\\") or name in {"Name", "CATEGORY: Mode"}:
            continue
        rows.append((name, rest.strip()))
    return rows


def read_manual(path: Path) -> tuple[dict[str, dict], list[str]]:
    """Per-type facts from the category chapter, and the general context names."""
    tex = path.read_text(encoding="utf-8")
    chapter = tex.split("\\chapter{Event Categories}", 1)[1].split("\\chapter{Contexts}", 1)[0]
    types: dict[str, dict] = {}
    for block in re.split(r"\\section\{", chapter)[1:]:
        name = block.split("}", 1)[0].strip()
        recip = re.search(r"Requires recipient:\s*(Yes|No)", block)
        quad = re.search(r"Quad category:\s*([A-Z ]+?)\}", block)
        modes = []
        for table in re.findall(r"\\begin\{tabular\}(.*?)\\end\{tabular\}", block, re.S):
            modes += [n for n, _ in _table_rows(table)]
        types[name] = {
            "requires_recipient": recip.group(1) == "Yes",
            "quad_class": QUAD_WORDS[quad.group(1).strip()],
            "modes": modes,
        }
    ctx_table = tex.split("\\label{tab:general-contexts}", 1)[1].split("\\end{longtable}", 1)[0]
    contexts = [n for n, _ in _table_rows(ctx_table.split("\\endlastfoot", 1)[1])]
    return types, contexts


def read_mapping(path: Path) -> dict[str, dict]:
    """The raw CAMEO -> PLOVER table: code -> type, mode, contexts (as written)."""
    mapping: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].strip()
        if not re.match(r"^\d{3,4}:", body):
            continue
        code, _, rest = body.partition(":")
        parts = [p.strip() for p in rest.split(",", 2)] + ["", ""]
        contexts = [c.strip() for c in parts[2].split(";") if c.strip()]
        mapping.setdefault(code, {"type": parts[0], "mode": parts[1], "contexts": contexts})
    return mapping


def normalise(raw: dict, authored: dict) -> dict:
    """Fold the table's stray mode and context names into the manual's names."""
    ptype = raw["type"]
    mode = authored["mode_aliases"].get(ptype, {}).get(raw["mode"], raw["mode"])
    aliases = authored["context_aliases"]
    contexts = [aliases.get(c, c) for c in raw["contexts"]]
    return {"type": ptype, "mode": mode, "contexts": contexts}


def plover_mapping(cameo: dict, table: dict, authored: dict) -> dict[str, dict | None]:
    """PLOVER type/mode/contexts for every CAMEO code (None for 01 statements)."""
    result: dict[str, dict | None] = {}
    for code in cameo:
        key = code + "0" if len(code) == 2 else code
        if code.startswith("01"):
            result[code] = None
            continue
        if key.startswith("02"):
            key = "10" + key[2:]
        if key in authored["overrides"]:
            entry = dict(authored["overrides"][key])
            entry.pop("why", None)
        elif key in table:
            entry = normalise(table[key], authored)
        else:
            raise SystemExit(f"CAMEO code {code} has no PLOVER mapping")
        result[code] = entry
    return result


def check(types: dict, contexts: list, mapping: dict, authored: dict, cameo: dict) -> None:
    """Refuse to write data that names a type, mode, context or code the references lack."""
    problems = []
    if sorted(types) != sorted(PLOVER_ORDER):
        problems.append(f"manual types differ: {sorted(types)}")
    if set(authored["contexts"]) != set(contexts):
        problems.append(f"context names differ: {set(authored['contexts']) ^ set(contexts)}")
    for name, facts in types.items():
        mine = set(authored["modes"].get(name, {}))
        if mine != set(facts["modes"]):
            problems.append(f"{name} modes differ: {mine ^ set(facts['modes'])}")
    for code, entry in mapping.items():
        if entry is None:
            continue
        if entry["type"] not in types:
            problems.append(f"{code}: unknown type {entry['type']}")
        elif entry["mode"] and entry["mode"] not in types[entry["type"]]["modes"]:
            problems.append(f"{code}: {entry['type']} has no mode {entry['mode']!r}")
        problems += [f"{code}: unknown context {c}" for c in entry["contexts"] if c not in contexts]
    for name in PLOVER_ORDER:
        chosen = [authored["default_cameo"][name], *authored["mode_cameo"].get(name, {}).values()]
        for code in chosen:
            entry = mapping.get(code)
            if code not in cameo or entry is None or entry["type"] != name:
                problems.append(f"{name}: chosen CAMEO {code} does not map back to {name}")
    if problems:
        raise SystemExit("ontology check failed:\n  " + "\n  ".join(problems))


def build(reference: Path) -> tuple[dict, dict]:
    """Both output documents, checked."""
    authored = json.loads((OUT_DIR / "authored.json").read_text(encoding="utf-8"))
    cameo = read_cameo(reference / "cameo" / "cameo_codes.tsv")
    types, contexts = read_manual(reference / "plover" / "PLOVER_MANUAL.tex")
    table = read_mapping(reference / "plover" / "CAMEO2PLOVER-2021.txt")
    mapping = plover_mapping(cameo, table, authored)
    check(types, contexts, mapping, authored, cameo)
    plover = {
        "source": "compiled by scripts/build_ontology.py from the PLOVER manual (Draft 0.8, "
        "2021) and data/ontology/authored.json",
        "types": {
            name: {
                "quad_class": types[name]["quad_class"],
                "requires_recipient": types[name]["requires_recipient"],
                "description": authored["types"][name],
                "modes": authored["modes"].get(name, {}),
                "default_cameo": authored["default_cameo"][name],
                "mode_cameo": authored["mode_cameo"].get(name, {}),
            }
            for name in PLOVER_ORDER
        },
        "contexts": {name: authored["contexts"][name] for name in contexts},
    }
    codes = {
        "source": "compiled by scripts/build_ontology.py from cameo_codes.tsv and "
        "CAMEO2PLOVER-2021.txt with the corrections in data/ontology/authored.json",
        "codes": {code: {**facts, "plover": mapping[code]} for code, facts in cameo.items()},
    }
    return plover, codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args(argv)
    plover, codes = build(args.reference)
    for name, doc in (("plover.json", plover), ("cameo.json", codes)):
        text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
        (OUT_DIR / name).write_text(text, encoding="utf-8")
    n_codes = len(codes["codes"])
    print(f"wrote {len(plover['types'])} PLOVER types, {n_codes} CAMEO codes to {OUT_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
