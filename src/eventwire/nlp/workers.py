"""Worker processes that keep input order, bound their backlog and never outlive their parent.

Coding runs in spawned processes (not forked: the caller may hold threads or an open database).
Two things are easy to get wrong and are done once here. Results come back in input order with
at most two batches per worker in flight, so memory stays flat on any corpus. And a worker whose
parent dies (killed, out of memory) exits within a second instead of running on: each worker
watches its parent's pid from a daemon thread, because a process killed with SIGKILL cannot
take its children down itself. The watch starts before anything heavy is imported: the worker's
initializer travels by name and its arguments as bytes, unpickled only once the watch runs.
"""

from __future__ import annotations

import importlib
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import TypeVar

from eventwire.errors import EventwireError

WATCH_INTERVAL = 0.5
Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerPool:
    """Spawned worker processes kept for many runs of `map` (one `Coder` reuses its pool
    across calls instead of loading the pipeline in new processes each time)."""

    def __init__(self, workers: int, initializer: Callable[..., None], initargs: tuple = ()):
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            workers, mp_context=get_context("spawn"), initializer=_start_worker,
            initargs=(os.getpid(), _name_of(initializer), pickle.dumps(initargs)),
        )  # fmt: skip

    def map(
        self, function: Callable[[Item], Result], items: Iterable[Item]
    ) -> Iterator[tuple[Item, Result]]:
        """`function` over `items`; (item, result) in input order, at most two items per worker
        in flight. A worker that dies (killed, out of memory) raises `EventwireError`."""
        inflight: deque[tuple[Item, Future]] = deque()
        for item in items:
            inflight.append((item, self._pool.submit(function, item)))
            if len(inflight) > 2 * self.workers:
                yield _done(*inflight.popleft())
        while inflight:
            yield _done(*inflight.popleft())

    def pids(self) -> set[int]:
        """The worker processes' ids (started on the first `map`)."""
        return set(getattr(self._pool, "_processes", None) or {})

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ordered_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple = (),
) -> Iterator[tuple[Item, Result]]:
    """`function` over `items` in a pool of `workers` processes made for this one run."""
    with WorkerPool(workers, initializer, initargs) as pool:
        yield from pool.map(function, items)


def _done(item: Item, future: Future) -> tuple[Item, Result]:
    try:
        return item, future.result()
    except BrokenProcessPool as exc:
        raise EventwireError(
            "a coding worker process died; what was stored so far is kept, rerun to finish "
            "(with fewer --workers if memory is short)"
        ) from exc


def _name_of(function: Callable) -> str:
    return f"{function.__module__}:{function.__qualname__}"


def _start_worker(parent: int, initializer: str, initargs: bytes) -> None:
    watch_parent(parent)
    module, name = initializer.split(":")
    getattr(importlib.import_module(module), name)(*pickle.loads(initargs))


def watch_parent(parent: int, interval: float = WATCH_INTERVAL) -> threading.Thread:
    """Exit this process as soon as `parent` is no longer its parent (it died)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)  # no cleanup to wait for: the parent that wanted the results is gone

    thread = threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True)
    thread.start()
    return thread
