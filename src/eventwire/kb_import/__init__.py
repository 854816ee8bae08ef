"""Importers that turn users' existing actor dictionaries into knowledge-base overlays.

An overlay is a directory of TSV tables in the shipped format (`data/kb/README.md`); pointing
`EVENTWIRE_KB_PATH` at it makes the resolver read it after the shipped tables.
"""

from eventwire.kb_import.phoenix import import_phoenix, import_phoenix_text
from eventwire.kb_import.report import ImportReport
from eventwire.kb_import.stats import kb_stats
from eventwire.kb_import.tables import default_output_dir, write_overlay
from eventwire.kb_import.wikidata import import_wikidata

__all__ = [
    "ImportReport",
    "default_output_dir",
    "import_phoenix",
    "import_phoenix_text",
    "import_wikidata",
    "kb_stats",
    "write_overlay",
]
