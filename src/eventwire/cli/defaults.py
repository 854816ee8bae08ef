"""Option defaults from the config file, handed to click as its `default_map`.

The file names options as a user types them (`[query] format = "csv"`, `min-confidence = 0.5`);
click looks defaults up by parameter name (`output`, `min_confidence`), so each key is
translated through the command's own options. The top-level `db` becomes every command's
`--db` default. Precedence is click's: the command line, then `EVENTWIRE_DB` and the other
environment variables, then these, then the built-in defaults.
"""

from __future__ import annotations

from typing import Any

import click

from eventwire.config import load_config
from eventwire.errors import EventwireError


def default_map(group: click.Group) -> dict[str, dict[str, Any]]:
    """Per-command defaults for `group` from the config file (empty without one)."""
    path, data = load_config()
    if path is None:
        return {}
    found: dict[str, dict[str, Any]] = {}
    for name, command in group.commands.items():
        defaults = {"db": data["db"]} if "db" in data and _has_param(command, "db") else {}
        section = data.get(name, {})
        if isinstance(section, dict):
            defaults.update(_by_param(command, section, f"{path} [{name}]"))
        if defaults:
            found[name] = defaults
    return found


def _has_param(command: click.Command, name: str) -> bool:
    return any(p.name == name for p in command.params)


def _by_param(command: click.Command, section: dict, where: str) -> dict[str, Any]:
    names: dict[str, str] = {}
    for param in command.params:
        for opt in getattr(param, "opts", []):
            names[opt.lstrip("-")] = param.name or ""
        names[param.name or ""] = param.name or ""
    unknown = sorted(k for k in section if k not in names)
    if unknown:
        raise EventwireError(f"{where}: unknown option(s) {', '.join(unknown)}")
    return {names[key]: value for key, value in section.items()}
