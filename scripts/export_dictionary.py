"""Regenerate the data dictionary in docs/exports.md from the exports' schema.

    python scripts/export_dictionary.py           # rewrite the generated part of the file
    python scripts/export_dictionary.py --check   # exit 1 when the file is out of date

The columns come from `eventwire.corpus.export`, their types and meanings from
`src/eventwire/data/exports/dictionary.tsv` (see `eventwire.corpus.export_dictionary`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.corpus.export_dictionary import replace_section

DOC = Path(__file__).resolve().parents[1] / "docs" / "exports.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, do not write")
    args = parser.parse_args()
    current = DOC.read_text(encoding="utf-8")
    wanted = replace_section(current)
    if args.check:
        if wanted != current:
            print(f"{DOC} is out of date: run python scripts/export_dictionary.py")
            return 1
        return 0
    DOC.write_text(wanted, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
