"""Errors meant for users: the CLI prints their message on one line, never a traceback."""


class EventwireError(Exception):
    """A problem with the user's input or setup, worded so the user can act on it."""


class InputError(EventwireError):
    """An input file or record could not be read."""


class TimeLimitError(EventwireError):
    """Work went past the deadline its caller gave (a web request's time budget)."""
