"""Posting flagged watchlists to the operator's webhook: one JSON document per watchlist.

The URL is the operator's own choice (a chat bridge, an alerting service, a script on the same
machine), so unlike article fetching it may point at a private or loopback address. A receiver
that is down or slow costs one warning line and the post is not retried: the next cycle posts
again while the watchlist stays flagged.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlsplit

from eventwire.corpus.watchlists import WatchStatus
from eventwire.errors import InputError

TIMEOUT = 10.0
USER_AGENT = "eventwire-webhook/0.1"
log = logging.getLogger("eventwire.webhook")


def check_url(url: str) -> str:
    """Refuse at start-up what could never be posted to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--webhook {url!r}: expected an http:// or https:// URL")
    return url


def payload(status: WatchStatus, dashboard: str | None = None) -> dict:
    """What the receiver gets: the watchlist's status, and where to look when a server runs."""
    body = {"event": "watchlist.flagged", **status.to_dict()}
    if dashboard:
        body["dashboard"] = dashboard
    return body


def post_flagged(url: str, found: Iterable[WatchStatus], dashboard: str | None = None) -> int:
    """Post every flagged status, one request each; returns how many the receiver accepted."""
    accepted = 0
    for status in found:
        if status.flagged and _post(url, payload(status, dashboard)):
            accepted += 1
    return accepted


def _post(url: str, body: dict) -> bool:
    data = json.dumps(body).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read(1024)
            return 200 <= response.status < 300
    except urllib.error.HTTPError as exc:
        log.warning("webhook %s answered HTTP %s for watchlist %r", url, exc.code, body["name"])
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        log.warning("webhook %s: cannot post watchlist %r (%s)", url, body["name"], reason)
    return False
