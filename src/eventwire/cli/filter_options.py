"""The filter options that `query` and `export` share, declared once.

`with_filters` appends the options to a command's signature (typer reads `__signature__`) and
hands the command one validated `EventFilter` instead, after printing on stderr how each name
was read ("actor 'Russia' -> RUS (Russia)"), so the two commands cannot drift apart.
"""

from __future__ import annotations

import functools
import inspect
import sys
import typing
from collections.abc import Callable
from typing import Annotated, Any

import typer

from eventwire.corpus.filters import make_filter, parse_pairs

_OPTIONS: dict[str, Any] = {
    "start": Annotated[str | None, typer.Option("--start", help="From date YYYY-MM-DD.")],
    "end": Annotated[str | None, typer.Option("--end", help="To date YYYY-MM-DD.")],
    "actor": Annotated[
        str | None,
        typer.Option("--actor", help="Actor code, country or name: RUSMIL, RUS, 'Russia'."),
    ],
    "recipient": Annotated[
        str | None, typer.Option("--recipient", help="Recipient code, country or name.")
    ],
    "country": Annotated[
        str | None, typer.Option("--country", help="Either side's country or the place's.")
    ],
    "event_type": Annotated[
        str | None,
        typer.Option("--type", help="PLOVER type (ASSAULT, assault) or CAMEO code (19, 0841)."),
    ],
    "quad_class": Annotated[
        int | None, typer.Option("--quad-class", min=1, max=4, help="CAMEO QuadClass 1-4.")
    ],
    "modality": Annotated[
        str | None, typer.Option("--modality", help="asserted, planned, alleged, ...")
    ],
    "min_confidence": Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0)],
    "q": Annotated[
        str | None, typer.Option("--text", "-q", help="Words in the sentence or the title.")
    ],
    "filter_pairs": Annotated[
        list[str] | None,
        typer.Option(
            "--filter", help="Any filter as KEY=VALUE (repeatable), e.g. --filter type=ASSAULT."
        ),
    ],
}


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command` the filter options; it receives them as one `filters: EventFilter`."""
    signature = inspect.signature(command)
    hints = typing.get_type_hints(command, include_extras=True)  # strings under __future__
    kept = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in signature.parameters.values()
        if p.name != "filters"
    ]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in _OPTIONS.items()
    ]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        values = {name: kwargs.pop(name) for name in _OPTIONS}
        pairs = parse_pairs(values.pop("filter_pairs") or [])
        filters = make_filter(**{**values, **pairs})
        for line in filters.resolution:
            print(f"eventwire: {line}", file=sys.stderr)
        command(*args, filters=filters, **kwargs)

    parameters = [*kept, *added]
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run
