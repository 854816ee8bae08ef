"""`serve --watch`: the watch loop in a thread of the server, writing through the server's own
store, so the dashboard shows new events as they are coded.

The loop holds the store's lock only to check and write a batch (see `eventwire.corpus.watch`);
pages keep answering while it fetches and codes. Each cycle's line goes to the server's stderr.
"""

from __future__ import annotations

import sys
import threading

from eventwire.corpus.watch import CycleReport, WatchConfig, Watcher
from eventwire.web.db import Store

STOP_SECONDS = 30.0


class LiveLoop:
    """The watch loop's thread, started and stopped with the server."""

    def __init__(self, store: Store, config: WatchConfig) -> None:
        self.watcher = Watcher(store, config)
        self.reports: list[CycleReport] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventwire-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask the loop to stop and wait for the cycle under way (its batch is written whole)."""
        self._stop.set()
        self._thread.join(STOP_SECONDS)

    def _run(self) -> None:
        self.watcher.run(self._stop, self._report)

    def _report(self, report: CycleReport) -> None:
        self.reports = [*self.reports[-99:], report]
        print(f"eventwire: watch {report.line()}", file=sys.stderr, flush=True)
