"""`eventwire config`: which config file is read, and the settings in force."""

from __future__ import annotations

import json
import os

from eventwire.cli.app import app
from eventwire.config import DB_ENV, config_paths, load_config, spacy_model_name


@app.command("config")
def show_config() -> None:
    """Print where eventwire.toml is looked for, the file in use and the settings in force."""
    path, data = load_config()
    models = {lang: spacy_model_name(lang) for lang in sorted(data.get("models", {}))}
    report = {
        "looked_for": [str(p) for p in config_paths()],
        "file": str(path) if path else None,
        "db": os.environ.get(DB_ENV) or data.get("db") or "eventwire.duckdb",
        "token": "set" if (os.environ.get("EVENTWIRE_TOKEN") or data.get("token")) else None,
        "model": spacy_model_name(),
        "models": models,
        "defaults": {k: v for k, v in data.items() if isinstance(v, dict) and k != "models"},
    }
    print(json.dumps(report, indent=2))
