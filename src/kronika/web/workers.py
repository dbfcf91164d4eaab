"""Analyses apart from reads: a bounded pool of worker processes in front of a bounded queue.

Why processes: parsing is CPU-bound and holds the GIL most of the time, so analyses in threads
would slow every read served by the same process and could never use a second core. Each worker
process loads the model once (the pool's initializer) and runs one analysis at a time, so N workers
run N analyses in parallel on N cores. ``workers=0`` runs analyses in one dedicated thread of this
process instead (tests, embedding, machines with memory for one model only).

Why a bounded queue: an analysis takes from a tenth of a second to minutes. Without a bound, a
client that posts faster than the workers finish builds a backlog that holds memory and makes
every later caller wait. When ``workers + queue`` analyses are in flight the next one is refused at
once with :class:`Busy` (the API answers 429 with ``Retry-After``, estimated from recent analyses).

Why reads never wait: a request awaits its analysis as an asyncio future; it holds no thread of
the pool that serves reads, and the parsing runs in other processes, at a lower CPU priority
(``nice``) than the server, so on a busy machine reads get the cores first.

Standard library only (``concurrent.futures``): the pool, the spawn start method (no fork of a
process that runs threads) and the broken-pool signal are all there is to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kronika.settings import Settings
from kronika.web.defaults import DEFAULT_QUEUE

# Workers run at a lower CPU priority than the server: on a machine with few cores, analyses then
# take the time reads leave over, instead of halving every read's share of a core.
WORKER_NICENESS = 10
_LOADS = 0  # models loaded by this process (see worker_info)


class Busy(Exception):
    """The queue is full; try again in ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the analysis queue is full; try again in {retry_after} s")
        self.retry_after = retry_after


class WorkerDied(Exception):
    """A worker process died during this analysis (killed, or out of memory); the pool was restarted."""


def _init_worker(settings: Settings | None, server: int) -> None:
    """Runs once in each worker process: watch the server (process ``server``), and load the model
    now, not on the first analysis."""
    global _LOADS
    threading.Thread(target=_exit_with_parent, args=(server,), daemon=True).start()
    with contextlib.suppress(OSError, AttributeError):  # not on every platform
        os.nice(WORKER_NICENESS)
    if settings is not None:
        from kronika.pipeline import get_pipeline

        get_pipeline(settings).nlp  # noqa: B018  # loads and caches the model for this process
        _LOADS += 1


def _exit_with_parent(parent: int) -> None:
    """End this worker when the server is gone. A server stopped by a signal (uvicorn re-raises
    SIGTERM after its graceful shutdown; the OOM killer sends SIGKILL) never tells its workers, and
    each would otherwise keep its model in memory, waiting for work, forever."""
    while os.getppid() == parent:  # also false at once when the server died before this worker started
        time.sleep(1.0)
    os._exit(0)


def worker_info() -> tuple[int, int]:
    """``(process id, models loaded)`` of the worker that runs it (for tests and health checks)."""
    return os.getpid(), _LOADS


class AnalysisPool:
    """``workers`` processes (or one thread when 0) and room for ``queue`` waiting analyses."""

    def __init__(self, workers: int, queue: int = DEFAULT_QUEUE, settings: Settings | None = None) -> None:
        if workers < 0 or queue < 0:
            raise ValueError("workers and queue must be 0 or more")
        self.workers = workers
        self.capacity = max(workers, 1) + queue
        self.settings = settings  # None: workers load nothing up front (tests of the pool itself)
        self.pending = 0
        self._seconds = 1.0  # moving average of an analysis, for Retry-After
        self._lock = threading.Lock()
        self._executor: Executor | None = None

    def _get_executor(self) -> Executor:
        with self._lock:
            if self._executor is None:
                if self.workers == 0:
                    self._executor = ThreadPoolExecutor(1, thread_name_prefix="kronika-analyze")
                else:
                    self._executor = ProcessPoolExecutor(
                        self.workers,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_worker,
                        initargs=(self.settings, os.getpid()),
                    )
            return self._executor

    def start(self) -> None:
        """Start every worker and load its model now (``kronika serve`` does this before listening)."""
        executor = self._get_executor()
        if self.workers:
            for f in [executor.submit(worker_info) for _ in range(self.workers)]:
                f.result()

    def retry_after(self) -> int:
        """Seconds until a place in the queue is likely free: the queue ahead, spread over the workers."""
        ahead = max(self.pending - max(self.workers, 1) + 1, 1)
        return max(1, math.ceil(self._seconds * ahead / max(self.workers, 1)))

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in a worker; raises :class:`Busy` at once when the queue is full."""
        with self._lock:
            if self.pending >= self.capacity:
                raise Busy(self.retry_after())
            self.pending += 1
        started = time.monotonic()
        try:
            executor = self._get_executor()
            try:
                return await asyncio.wrap_future(executor.submit(fn, *args))
            except BrokenProcessPool:
                self._restart(executor)
                raise WorkerDied("an analysis worker stopped (out of memory?); the pool was restarted") from None
        finally:
            with self._lock:
                self.pending -= 1
                self._seconds = 0.8 * self._seconds + 0.2 * (time.monotonic() - started)

    def _restart(self, broken: Executor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop now: queued analyses are cancelled and worker processes end (a running one is cut)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        for p in list(getattr(executor, "_processes", {}).values()):  # a ProcessPoolExecutor's workers
            p.terminate()
        executor.shutdown(wait=True, cancel_futures=True)  # quick: nothing is left running
