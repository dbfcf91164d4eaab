"""Analyzing a stream of documents in worker processes, in input order (``ingest``, ``analyze``).

``kronika batch`` writes its results to part files; ``ingest`` and a multi-document ``analyze``
need the records back in the calling process, in order, as they come. This is that pool: each
worker process loads the model once (spaCy is CPU-bound and holds the GIL, so processes, not
threads), chunks of documents go out with a bounded number in flight (memory does not grow with
the corpus) and come back in input order.

Chunks adapt to the work: they start small, so every worker is busy as soon as its model is
loaded, and grow to ``max_chunk`` so that ``nlp.pipe`` batches well and the per-chunk overhead
(pickling, one round trip) stays small.

A worker that dies (killed, out of memory, a crash inside a C extension) breaks the standard pool;
the chunk it held is retried one document at a time in a fresh pool, and a document that kills a
worker again is reported as a :class:`~kronika.errors.Failure` -- its neighbours are unaffected.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kronika.errors import Errors, Failure
from kronika.record import Article
from kronika.settings import Settings

FIRST_CHUNK = 4

_PIPE: Any = None  # the pipeline of this worker process


def _init(settings: Settings) -> None:
    global _PIPE
    from kronika.pipeline import get_pipeline

    atexit.register(exit_now)  # see exit_now: the pool's shutdown need not wait for the model to be freed
    _PIPE = get_pipeline(settings)
    _PIPE.info()  # load the model now, not inside the first chunk


def exit_now() -> None:
    """End a worker process at once, without tearing its interpreter down.

    Why: a spawned worker that returns goes through ``sys.exit`` and a full interpreter shutdown,
    which frees the spaCy model object by object -- about half a second per worker, measured, paid
    at the end of every run while the parent waits. A worker told to stop has nothing left to save
    (its results are sent, its parts written), so after flushing its output it leaves and lets the
    OS free the memory.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def _analyze(articles: list[Article]) -> list[Article | Failure]:
    """In a worker: the chunk's records (or failures), one per article, in order."""
    from kronika.batch.code import maybe_inject_fault

    maybe_inject_fault(list(articles))
    return list(_PIPE.run_many(articles))


def chunk_sizes(max_chunk: int) -> Iterator[int]:
    """4, 8, 16, ... up to ``max_chunk``, then ``max_chunk`` for ever."""
    size = min(FIRST_CHUNK, max_chunk)
    while True:
        yield size
        size = min(size * 2, max_chunk)


class OrderedPool:
    """``workers`` processes analyzing chunks; results are yielded in submission order."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings, self.workers = settings, workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ctx = mp.get_context("spawn")  # fork would copy the parent's threads, open files and model
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init, initargs=(self.settings,))

    def submit(self, articles: list[Article]) -> Future[list[Article | Failure]]:
        try:
            return self.executor.submit(_analyze, articles)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(_analyze, articles)

    @property
    def broken(self) -> bool:
        return bool(getattr(self.executor, "_broken", False))

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def result(self, articles: list[Article], fut: Future[list[Article | Failure]]) -> list[Article | Failure]:
        """The chunk's results; after a worker death, each of its documents retried once alone.

        A death breaks every chunk in flight (which one killed the worker is unknown), so each of
        them is retried document by document in the fresh pool.
        """
        try:
            return fut.result()
        except (BrokenProcessPool, CancelledError):
            if self.broken:  # (a chunk of an earlier, replaced pool finds the new one healthy)
                self.restart()
        out: list[Article | Failure] = []
        for a in articles:
            try:
                out.extend(self.submit([a]).result())
            except (BrokenProcessPool, CancelledError):
                self.restart()
                err = Errors.E303(path=a.source.path, line=a.source.line)
                out.append(Failure.from_error(err, stage="worker"))
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def analyze_parallel(
    items: Iterable[Article | Failure], settings: Settings, workers: int, max_chunk: int | None = None
) -> Iterator[Article | Failure]:
    """:func:`kronika.batch.stream.analyze_stream` with ``workers`` processes; same order, same output.

    Reader failures pass through in place. At most ``2 × workers`` chunks are in flight.
    """
    sizes = chunk_sizes(max_chunk or settings.batch_size)
    pending: deque[tuple[list[Article | Failure], list[Article], Future[list[Article | Failure]] | None]] = deque()
    pool: OrderedPool | None = None

    def done(entry: tuple[list[Article | Failure], list[Article], Any]) -> Iterator[Article | Failure]:
        chunk, articles, fut = entry
        results = iter(pool.result(articles, fut) if pool is not None and fut is not None else [])
        for item in chunk:
            yield item if isinstance(item, Failure) else next(results)

    try:
        chunk: list[Article | Failure] = []
        size = next(sizes)
        for item in _with_end(items):
            if item is not None:
                chunk.append(item)
            if chunk and (item is None or len(chunk) >= size):
                articles = [a for a in chunk if isinstance(a, Article)]
                fut = None
                if articles:
                    if pool is None:
                        pool = OrderedPool(settings, workers)
                    fut = pool.submit(articles)
                pending.append((chunk, articles, fut))
                chunk, size = [], next(sizes)
                while len(pending) > 2 * workers or (pending and pending[0][2] is None):
                    yield from done(pending.popleft())
        while pending:
            yield from done(pending.popleft())
    finally:
        if pool is not None:
            pool.close()


def _with_end(items: Iterable[Article | Failure]) -> Iterator[Article | Failure | None]:
    yield from items
    yield None
