"""`eventwire actor`: resolve one mention on a date and print the resolution as JSON."""

from __future__ import annotations

import datetime
import json

import typer

from eventwire.actors import ArticleContext, Resolution, get_resolver
from eventwire.cli.app import app, parse_date_option


@app.command()
def actor(
    mention: str = typer.Argument(..., help="the noun phrase as it appears in the text"),
    date: str = typer.Option(
        None, "--date", "-d", help="article date, YYYY-MM-DD (default: today)"
    ),
    context: list[str] = typer.Option(  # noqa: B008
        None, "--context", "-c", help="a preceding sentence whose actors are observed first"
    ),
) -> None:
    """Resolve MENTION to a country + sector code valid on --date, with the reason."""
    found = resolve_mention(mention, parse_date_option(date), context or [])
    payload = found.to_dict() if found else {"text": mention, "resolved": False}
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def resolve_mention(
    mention: str, day: datetime.date | None, context: list[str]
) -> Resolution | None:
    """A mention resolved as an article would have it after the context sentences: the one
    path `eventwire actor` and the mention test sets share."""
    ctx = ArticleContext()
    for sentence in context:
        observe_sentence(sentence, day, ctx)
    return get_resolver().resolve(mention, day, ctx)


def observe_sentence(sentence: str, day: datetime.date | None, ctx: ArticleContext) -> None:
    """Feed the actors a sentence names to the context, in reading order."""
    for res in get_resolver().mentions(sentence, day):
        if res.kind == "list":
            ctx.observe_group(res.members)
        else:
            ctx.observe(res)
