"""Command-line entry point: user errors become one line on stderr, never a traceback."""

from __future__ import annotations

import logging
import sys

import typer

from eventwire.cli import (  # noqa: F401  (each module registers its commands)
    actor_cmd,
    bench_cmd,
    code_cmd,
    config_cmd,
    dedup_cmd,
    eval_cmd,
    export_cmd,
    ingest_cmd,
    kb_cmd,
    query_cmd,
    schema_cmd,
    serve_cmd,
    watch_cmd,
)
from eventwire.cli.app import app
from eventwire.cli.defaults import default_map
from eventwire.errors import EventwireError

__all__ = ["app", "main"]


def main() -> None:
    """Run the CLI, turning expected failures into a one-line message and exit status 2."""
    _warnings_to_stderr()
    try:
        command = typer.main.get_command(app)
        command(default_map=default_map(command), prog_name="eventwire")
    except EventwireError as exc:
        print(f"eventwire: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        sys.exit(130)


def _warnings_to_stderr() -> None:
    """Input problems that cost nothing but a field (an unreadable date) are one stderr line
    each: the record itself is still coded."""
    logger = logging.getLogger("eventwire")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("eventwire: warning: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
