"""The typer application that every command module registers itself on."""

import typer

app = typer.Typer(
    name="eventwire",
    help="Turn news articles into political event data (PLOVER/CAMEO), traceable to the word.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
