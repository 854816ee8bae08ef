"""`eventwire schema`: the JSON Schema of the event record, for consumers of our JSONL."""

import json

import typer

from eventwire.cli.app import app
from eventwire.models import Event


@app.command()
def schema() -> None:
    """Print the JSON Schema of one event record."""
    typer.echo(json.dumps(Event.model_json_schema(), indent=2))
