"""What one web request may cost: characters of text, seconds of coding, coding jobs at once.

`POST /api/code` needs no token, and coding is the one thing the server does that costs real
CPU. So a posted text is capped at `MAX_CODE_CHARS`, its coding stops at a deadline (checked
between sentences, whose length the nlp stage bounds), and only `CODING_JOBS` requests code at a
time: the others are answered 429 with ``Retry-After`` at once instead of queueing up behind it.
`POST /api/ingest` (token only) takes the same slots, caps each article the same way and has a
longer budget; the articles it did not reach in time are reported as skipped.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

from fastapi import HTTPException

MAX_CODE_CHARS = 20_000
CODE_SECONDS = 15.0
INGEST_SECONDS = 120.0
INGEST_BATCH = 4  # articles per parse: the parse itself cannot stop half-way
CODING_JOBS = 1
RETRY_AFTER_SECONDS = 5


class CodingSlots:
    """At most `jobs` requests coding at a time; one more is turned away, not queued."""

    def __init__(self, jobs: int = CODING_JOBS) -> None:
        self._free = threading.BoundedSemaphore(jobs)

    @contextlib.contextmanager
    def take(self) -> Iterator[None]:
        if not self._free.acquire(blocking=False):
            raise HTTPException(
                429,
                f"the server is coding another request; retry in {RETRY_AFTER_SECONDS} s",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        try:
            yield
        finally:
            self._free.release()


def deadline(seconds: float) -> float:
    """The `time.monotonic()` value `seconds` from now, as the coder's deadline."""
    return time.monotonic() + seconds


def too_slow(seconds: float) -> HTTPException:
    return HTTPException(
        422, f"coding this text takes longer than the {seconds:g} s one request may use; "
        "post a shorter text",
    )  # fmt: skip
