"""Small display helpers shared by every template (registered as Jinja globals)."""

from __future__ import annotations

from urllib.parse import urlsplit

QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def safe_url(url: object) -> str | None:
    """Only http(s) links reach an href: a `javascript:` URL in an article stays plain text."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
