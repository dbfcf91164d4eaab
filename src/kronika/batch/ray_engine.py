"""The Ray engine: the local engine's chunks, coded by a pool of Ray actors instead of processes.

:func:`kronika.batch.run_batch` reads the inputs and cuts them into chunks the same way for both
engines (skips, duplicates and reader failures counted alike); here each chunk goes to an idle
:class:`Coder` actor. An actor loads the model once, codes a chunk with the same
:func:`code_items` as a local worker, writes it as a Parquet part under ``--out`` and returns the
part's summary, which the driver commits. So a Ray run is made of the same committed parts as a
local one: an interrupted run resumes chunk by chunk, and a chunk whose actor dies is retried one
document at a time, then recorded as failed (E303).

Why plain actors and not Ray Data (the first version used ``read -> repartition -> map_batches ->
write_parquet``): measured on one 2-core machine, 120 documents, 2 actors, Ray Data's pipeline cost
about twice the local engine's CPU (32 CPU-seconds against 17). Its streaming executor polls in
the driver, it starts three helper actors of its own (a stats actor, an autoscaling coordinator,
an actor-location tracker; ~190 MB each), and its read, repartition and write tasks each start
Python workers that import Ray Data. Reading and writing are a few per cent of the work; coding is
all the rest, so the actors are what needs spreading over a cluster; the driver only reads and
pickles documents and commits markers.

On a cluster, ``--out`` must be on storage every node sees (the actors write the parts there) and
kronika with the model must be installed on every node; the inputs are read by the driver only.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kronika.batch.code import code_items, error_row, maybe_inject_fault
from kronika.batch.local import WORKER_DIED, Progress, RunStats, Task, _commit, fail_or_retry, summarize
from kronika.batch.parts import PartStore, write_raw_part
from kronika.errors import Errors, Failure
from kronika.record import Article
from kronika.settings import Settings

# An actor is one spaCy process (one core's work). It asks for a little less than a whole CPU so
# that ``--workers`` equal to a node's CPU count still fits next to a driver on that node.
CODER_CPUS = 0.75
# The object store of a Ray started here (bytes): only the chunks in flight pass through it (one
# per actor), so this bounds the memory of a local run however large the corpus.
OBJECT_STORE_BYTES = 256 * 2**20


class Coder:
    """A Ray actor: loads the pipeline once, then codes chunks into part files under ``parts_dir``."""

    def __init__(self, settings: Settings, parts_dir: str) -> None:
        from kronika.pipeline import get_pipeline

        self.parts_dir = Path(parts_dir)
        self.pipe = get_pipeline(settings)
        self.pipe.info()  # load the model when the actor starts, not inside its first chunk
        self.loaded = time.time()

    def ready(self) -> float:
        """When the model was loaded (wall-clock time): start-up is reported apart from throughput."""
        return self.loaded

    def code(self, name: str, items: list[Article | Failure]) -> dict[str, Any]:
        """Code one chunk, write it as ``<name>.parquet`` and return its summary (see :func:`summarize`)."""
        maybe_inject_fault(items)
        rows = code_items(self.pipe, items)
        write_raw_part(self.parts_dir / f"{name}.parquet", rows)
        return summarize(rows)


def _init_ray(address: str | None, workers: int) -> None:
    import ray

    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(
            num_cpus=max(workers, 1),
            object_store_memory=OBJECT_STORE_BYTES,
            log_to_driver=False,
            include_dashboard=False,
        )


@dataclass
class _Actor:
    handle: Any
    ready: Any  # the ref of its ``ready()`` call until it answers, then None
    task: Task | None = None
    ref: Any = None  # the ref of the chunk it is coding


class _RayPool:
    """The driver's side, as the local engine's pool: one chunk in flight per actor and the next
    one read ahead (so memory is bounded by ``workers + 1`` chunks), a chunk whose actor died
    retried one document at a time, then recorded as failed."""

    def __init__(
        self, store: PartStore, settings: Settings, workers: int, progress: Progress, stats: RunStats, t0: float
    ) -> None:
        import ray

        self.ray, self.store, self.settings, self.progress, self.stats = ray, store, settings, progress, stats
        self.skipped: Any = None  # the reader's count of skipped documents, for the progress bar
        self.t0 = t0  # start-up is counted from the start of the run, as in the local engine
        # no restarts by Ray: a dead actor is replaced here, where we know which chunk it held
        self.cls = ray.remote(Coder).options(num_cpus=CODER_CPUS, max_restarts=0, max_task_retries=0)
        self.n, self.started, self.startup_failures = max(workers, 1), 0, 0
        self.retry: deque[Task] = deque()
        self.actors = [self._start() for _ in range(self.n)]

    def _start(self) -> _Actor:
        handle: Any = self.cls.remote(self.settings, str(self.store.root))
        return _Actor(handle, handle.ready.remote())

    def run(self, tasks: Iterator[Task]) -> RunStats:
        ahead: Task | None = None
        exhausted = False
        try:
            while True:
                for a in self.actors:
                    if a.ready is not None or a.task is not None:
                        continue
                    if self.retry:
                        task = self.retry.popleft()
                    elif ahead is not None:
                        task, ahead = ahead, None
                    else:
                        following = None if exhausted else next(tasks, None)
                        if following is None:
                            exhausted = True
                            break
                        task = following
                    a.task, a.ref = task, a.handle.code.remote(task.name, task.items)
                busy = [a for a in self.actors if a.task is not None]
                if not busy and not self.retry and ahead is None and exhausted:
                    return self.stats
                if ahead is None and not exhausted:  # read the next chunk while the actors code
                    ahead = next(tasks, None)
                    exhausted = ahead is None
                waiting = {
                    a.ready if a.ready is not None else a.ref: a
                    for a in self.actors
                    if a.ready is not None or a.task is not None
                }
                done, _ = self.ray.wait(list(waiting), num_returns=1)
                self._receive(waiting[done[0]], done[0])
        finally:
            for a in self.actors:  # a chunk still being coded is not committed: redone on resume
                self.ray.kill(a.handle)

    def _receive(self, a: _Actor, ref: Any) -> None:
        errors = self.ray.exceptions
        try:
            value = self.ray.get(ref)
        except errors.RayActorError as exc:
            if exc.actor_init_failed:  # e.g. the model is missing: the same on every actor, so stop now
                raise Errors.E305(error=str(exc)[-500:]) from exc
            self._died(a)
            return
        except errors.RayTaskError as exc:  # the chunk raised (not a death): retried per document
            task, a.task, a.ref = a.task, None, None
            assert task is not None
            self._failed_task(task, f"{type(exc.cause).__name__}: {exc.cause}", Errors.E300.code)
            return
        if a.ready is not None:
            a.ready = None
            self.started += 1
            if self.started <= self.n:  # start-up: until the first actors had loaded the model
                self.stats.extra["seconds_until_workers_ready"] = round(value - self.t0, 3)
            return
        task, a.task, a.ref = a.task, None, None
        assert task is not None
        data = self.store.root / f"{task.name}.parquet"
        _commit(self.store, task, data, value, self.stats, self.progress, self.skipped)

    def _died(self, a: _Actor) -> None:
        task = a.task
        if a.ready is not None:  # died before loading the model: the environment, not a document, is at fault
            self.startup_failures += 1
            if self.startup_failures > 2 * self.n:
                raise Errors.E304(exitcode="unknown: a Ray actor")
        else:
            self.stats.worker_deaths += 1
            if task is not None:
                self._failed_task(task, WORKER_DIED, Errors.E303.code)
        self.actors[self.actors.index(a)] = self._start()

    def _failed_task(self, task: Task, reason: str, code: str) -> None:
        fail_or_retry(task, reason, code, self.retry, self.store, self.stats, self.progress, self.skipped)


def run_ray(
    tasks: Iterator[Task],
    store: PartStore,
    settings: Settings,
    workers: int,
    address: str | None,
    progress: Progress,
    skipped_count: Any = None,
) -> RunStats:
    """Code ``tasks`` (the local engine's chunks, see :func:`kronika.batch.run_batch`) on Ray actors."""
    try:
        import ray  # noqa: F401
    except ImportError:
        raise Errors.E208() from None
    stats = RunStats()
    tasks = _needing_nlp(tasks, store, stats, progress, skipped_count)
    first = next(tasks, None)
    if first is None:  # nothing left to code (a finished run resumed): Ray is not even started
        return stats
    t0 = time.time()
    _init_ray(address, workers)
    stats.extra["seconds_starting_ray"] = round(time.time() - t0, 3)
    pool = _RayPool(store, settings, workers, progress, stats, t0)  # the actors load the model while we read
    pool.skipped = skipped_count
    return pool.run(itertools.chain([first], tasks))


def _needing_nlp(
    tasks: Iterator[Task], store: PartStore, stats: RunStats, progress: Progress, skipped: Any
) -> Iterator[Task]:
    """The chunks that hold an article; a chunk of reader failures only is committed here at once.

    Why: such a chunk needs no model, and a resumed run whose inputs include an unreadable file
    would otherwise start Ray and load the model on every actor just to record that failure again.
    """
    for task in tasks:
        if any(isinstance(i, Article) for i in task.items):
            yield task
            continue
        rows = [error_row(i, None, item) for i, item in enumerate(task.items) if isinstance(item, Failure)]
        data = store.root / f"{task.name}.parquet"
        write_raw_part(data, rows)
        _commit(store, task, data, summarize(rows), stats, progress, skipped)
