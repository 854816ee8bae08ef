"""Fetching a URL for `ingest` without letting the other end hold it or steer it.

A feed is input from a stranger: it names the pages ingest fetches, and the servers answer at
their own pace. So every fetch here has

- one deadline for the whole fetch (connecting, headers and body together). Socket timeouts
  count per read, so a server that drips a byte every few seconds would never trip them; a timer
  shuts the connection down when the deadline passes instead;
- a size cap, past which the body is not read;
- redirects only to http(s) on the same host, unless ``follow_redirects``;
- no connection to loopback, private, link-local (cloud metadata), multicast or reserved
  addresses, unless ``allow_private``. What is checked is every address the host name resolves
  to, and the connection goes to an address that was checked, so a second lookup cannot swap
  in another one. A proxy the user configured (``https_proxy``) is trusted; the target's own
  name is still checked.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from eventwire.errors import InputError

USER_AGENT = "eventwire/0.1 (+https://pypi.org/project/eventwire)"
DEFAULT_TIMEOUT = 20.0
SCHEMES = ("http", "https")


@dataclass(frozen=True)
class FetchPolicy:
    """How far a fetch may go: `timeout` seconds in all, `max_bytes` of body."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = 20 * 1024 * 1024
    follow_redirects: bool = False
    allow_private: bool = False


def fetch(url: str, policy: FetchPolicy) -> tuple[bytes, str]:
    """GET a URL within the policy; returns the body and its content type."""
    _check_url(url)
    deadline = _Deadline(policy.timeout)
    opener = urllib.request.build_opener(
        _Handler(policy, deadline), _SecureHandler(policy, deadline), _Redirects(policy, url)
    )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with deadline, opener.open(request, timeout=policy.timeout) as response:
            data = response.read(policy.max_bytes + 1)
            kind = response.headers.get("Content-Type", "")
    except InputError as exc:  # refused by the policy
        raise InputError(f"{url}: {exc}") from exc
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        if deadline.expired:
            raise InputError(f"{url}: no complete response within {policy.timeout:g} s") from exc
        raise InputError(f"{url}: cannot fetch ({getattr(exc, 'reason', exc)})") from exc
    if deadline.expired:
        raise InputError(f"{url}: no complete response within {policy.timeout:g} s")
    if len(data) > policy.max_bytes:
        raise InputError(f"{url}: response is over the {policy.max_bytes / 2**20:.3g} MB limit")
    return data, kind


def same_host(url: str, other: str) -> bool:
    """Whether two URLs name the same host (scheme and port may differ: http to https)."""
    return (urlsplit(url).hostname or "") == (urlsplit(other).hostname or "")


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise InputError(f"{url}: not an http(s) URL")


class _Deadline:
    """One deadline for a whole fetch: when it passes, every connection made under it is shut
    down, which ends any read blocked on it. It holds a duplicate of each socket, because
    http.client drops its own reference once the headers are in, and TLS takes the original
    over; shutting down a duplicate shuts down the connection itself."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def remaining(self) -> float:
        return max(0.001, self.end - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock.dup())
            if self.expired:
                _shut(self._sockets[-1])

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def checked_addresses(host: str, port: int, allow_private: bool) -> list[tuple]:
    """The socket addresses `host` resolves to, refusing the whole host if any of them is not
    a public address (a name that resolves both ways is not to be trusted either)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot resolve {host!r} ({exc})") from exc
    if not allow_private:
        for *_, address in found:
            if not _public(address[0]):
                named = host if host == address[0] else f"{host} ({address[0]})"
                raise InputError(
                    f"refused {named}: a loopback, private, link-local or reserved address; "
                    "pass --allow-private to fetch from it"
                )
    return [(family, address) for family, _, _, _, address in found]


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _CheckedConnection(http.client.HTTPConnection):
    """Connects only to a checked address of the host, and only within the deadline."""

    def __init__(self, *args, policy: FetchPolicy, deadline: _Deadline, proxied: bool, **kw):
        super().__init__(*args, **kw)
        self.policy, self.deadline, self.proxied = policy, deadline, proxied
        self._create_connection = self._connect_checked  # http.client's hook, set per instance

    def _connect_checked(self, address, timeout=None, source_address=None) -> socket.socket:
        host, port = address
        allow = self.policy.allow_private or self.proxied  # a proxy is the user's own choice
        timeout = min(self.deadline.remaining(), self.policy.timeout)
        errors: list[OSError] = []
        for family, resolved in checked_addresses(host, port, allow):
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(timeout)
                sock.connect(resolved)
                self.deadline.watch(sock)
                return sock
            except OSError as exc:
                sock.close()
                errors.append(exc)
        raise errors[-1] if errors else OSError(f"no address for {host}")


class _CheckedSecureConnection(_CheckedConnection, http.client.HTTPSConnection):
    pass


class _CheckedOpen:
    """What both handlers share: connections made under the policy and the fetch's deadline."""

    def __init__(self, policy: FetchPolicy, deadline: _Deadline) -> None:
        super().__init__()
        self.policy, self.deadline = policy, deadline

    def _connection(self, kind: type, req: urllib.request.Request) -> functools.partial:
        target = urlsplit(req.full_url)
        proxied = req.host != target.netloc or bool(getattr(req, "_tunnel_host", None))
        if proxied and not self.policy.allow_private:  # the proxy connects: check the name
            checked_addresses(target.hostname or "", target.port or 443, False)
        return functools.partial(kind, policy=self.policy, deadline=self.deadline, proxied=proxied)


class _Handler(_CheckedOpen, urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request):
        return self.do_open(self._connection(_CheckedConnection, req), req)


class _SecureHandler(_CheckedOpen, urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request):
        connection = self._connection(_CheckedSecureConnection, req)
        return self.do_open(connection, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects stay on http(s), and on the first URL's host unless the policy says not."""

    max_redirections = 5

    def __init__(self, policy: FetchPolicy, origin: str) -> None:
        super().__init__()
        self.policy, self.origin = policy, origin

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise InputError(f"redirected to {newurl!r}, not an http(s) URL")
        if not self.policy.follow_redirects and not same_host(newurl, self.origin):
            raise InputError(
                f"redirected to another host ({newurl}); pass --follow-redirects to follow it"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)
