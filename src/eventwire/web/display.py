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


def sparkline(counts: list[int], width: int = 120, height: int = 24) -> str:
    """The `points` of an SVG polyline drawing a daily series, oldest at the left; the tallest
    day touches the top (a flat zero series lies on the bottom edge)."""
    if not counts:
        return ""
    top = max(max(counts), 1)
    step = width / max(len(counts) - 1, 1)
    return " ".join(
        f"{i * step:.1f},{height - 1 - (n / top) * (height - 2):.1f}" for i, n in enumerate(counts)
    )
