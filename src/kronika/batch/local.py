"""The local engine: worker processes that each load the model once and code chunks of documents.

Why our own small pool rather than ``multiprocessing.Pool`` / ``ProcessPoolExecutor``: when a
worker is killed (out of memory, an operator, a crash inside a C extension) those pools either
hang or fail *every* pending task; here the parent knows which chunk the dead worker held, starts
a new worker, retries that chunk's documents once each, and records a document that kills a
worker twice as failed — the rest of the corpus is unaffected.

The parent reads and dispatches (one chunk per worker plus one read ahead, so memory is bounded
by ``workers × chunk_size`` documents); the workers code and write their part files themselves;
the parent commits each part (its marker) when the worker reports it written.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from kronika.batch.code import code_items, error_row, maybe_inject_fault
from kronika.batch.parts import PartStore, write_raw_part
from kronika.batch.pool import exit_now
from kronika.errors import ConfigError, Errors, Failure, KronikaError
from kronika.record import Article
from kronika.settings import Settings

WORKER_DIED = Errors.E303.text()


@dataclass
class Task:
    name: str
    items: list[Article | Failure]
    attempt: int = 0


@dataclass
class RunStats:
    coded: int = 0
    failed: int = 0  # documents recorded in errors.jsonl by the pipeline or after a retry
    retried: int = 0  # documents retried after their worker died
    worker_deaths: int = 0
    parts: int = 0
    events: int = 0
    entities: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The marker of a part: which ids it coded or failed, and how much it holds."""
    import json

    coded = [r["id"] for r in rows if r["error"] is None]
    failed = [r["id"] for r in rows if r["error"] is not None and r["id"]]
    events = sum(len(json.loads(r["events"])) for r in rows if r["events"])
    entities = sum(len(json.loads(r["entities"])) for r in rows if r["entities"])
    return {
        "coded": coded,
        "failed": failed,
        "errors": sum(r["error"] is not None for r in rows),
        "events": events,
        "entities": entities,
    }


def _worker_main(conn: Connection, settings: Settings, parts_dir: str) -> None:
    """A worker: load the model once, then code chunks until told to stop."""
    from kronika.pipeline import get_pipeline

    t0 = time.perf_counter()
    try:
        pipe = get_pipeline(settings)
        pipe.info()  # loads the model now, not inside the first chunk
    except KronikaError as exc:
        conn.send(("fatal", None, str(exc)))
        return
    conn.send(("ready", None, time.perf_counter() - t0))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            exit_now()
        name, items = msg
        maybe_inject_fault(items)
        try:
            rows = code_items(pipe, items)
            write_raw_part(Path(parts_dir) / f"{name}.parquet", rows)
            conn.send(("ok", name, summarize(rows)))
        except Exception as exc:  # reported to the parent, which retries the chunk once
            conn.send(("crash", name, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any, settings: Settings, parts_dir: Path) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, settings, str(parts_dir)), daemon=True)
        self.proc.start()
        child.close()
        self.task: Task | None = None
        self.ready = False
        self.stopping = False

    def ask_stop(self) -> None:
        if not self.stopping:
            self.stopping = True
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)

    def stop(self, timeout: float = 5.0) -> None:
        self.ask_stop()
        self.proc.join(timeout)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class Progress:
    """A tqdm bar in documents with docs/s and an ETA once the background count knows the total."""

    def __init__(self, inputs: list[str], enabled: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(desc="batch", unit="doc", disable=not enabled, dynamic_ncols=True, smoothing=0.1)
        self.enabled = enabled
        self.total: int | None = None  # also sizes the chunks (see adaptive_chunk), so counted always
        threading.Thread(target=self._count, args=(inputs,), daemon=True).start()

    def _count(self, inputs: list[str]) -> None:
        from kronika.batch.source import count_documents

        try:
            self.total = count_documents(inputs)
        except Exception:  # an ETA and chunk sizes are niceties; never fail a run over them
            return
        if self.enabled:
            self.bar.total = self.total
            self.bar.refresh()

    def update(self, n: int, **postfix: int) -> None:
        if postfix:
            self.bar.set_postfix(postfix, refresh=False)
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()


MIN_CHUNK = 4


def adaptive_chunk(max_chunk: int, workers: int, total: int | None, done: int, previous: int | None) -> int:
    """The size of the next chunk: about a third of each worker's share of what is left, between
    :data:`MIN_CHUNK` and ``max_chunk``.

    Big chunks keep the per-chunk overhead low; near the end they shrink, so no worker is left
    alone with a big last chunk while the others wait (with a fixed 64, two workers gave 1.4x
    one on a few hundred documents). Until the total is known (it is counted in the background)
    chunks start at :data:`MIN_CHUNK` and double.
    """
    if total is None:
        return min(max_chunk, MIN_CHUNK if previous is None else previous * 2)
    share = -(-max(0, total - done) // (3 * max(workers, 1)))
    return max(min(MIN_CHUNK, max_chunk), min(max_chunk, share))


def chunked(
    items: Iterator[Article | Failure], size: int, run: int, next_size: Callable[[int | None], int] | None = None
) -> Iterator[Task]:
    """Tasks of ``size`` documents, or of ``next_size(previous size)`` each when given."""
    chunk: list[Article | Failure] = []
    n = 0
    want = next_size(None) if next_size else size
    for item in items:
        chunk.append(item)
        if len(chunk) >= want:
            yield Task(f"{run:04d}-{n:08d}", chunk)
            chunk, n = [], n + 1
            want = next_size(want) if next_size else size
    if chunk:
        yield Task(f"{run:04d}-{n:08d}", chunk)


def run_local(
    tasks: Iterator[Task],
    store: PartStore,
    settings: Settings,
    workers: int,
    progress: Progress,
    skipped_count: Any = None,
) -> RunStats:
    """Code every task; ``workers=0`` codes in this process (no pool; handy for profiling)."""
    stats = RunStats()
    if workers <= 0:
        from kronika.pipeline import get_pipeline

        pipe = get_pipeline(settings)
        for task in tasks:
            rows = code_items(pipe, task.items)
            data = store.root / f"{task.name}.parquet"
            write_raw_part(data, rows)
            _commit(store, task, data, summarize(rows), stats, progress, skipped_count)
        return stats
    return _Pool(store, settings, workers, progress, stats, skipped_count).run(tasks)


def _commit(
    store: PartStore,
    task: Task,
    data: Path,
    summary: dict[str, Any],
    stats: RunStats,
    progress: Progress,
    skipped_count: Any,
) -> None:
    store.commit(task.name, data, {**summary, "attempt": task.attempt})
    stats.parts += 1
    stats.coded += len(summary["coded"])
    stats.failed += len(summary["failed"])
    stats.events += summary["events"]
    stats.entities += summary["entities"]
    skipped = skipped_count() if skipped_count else 0
    progress.update(len(task.items), coded=stats.coded, failed=stats.failed, skipped=skipped)


class _Pool:
    def __init__(
        self, store: PartStore, settings: Settings, n: int, progress: Progress, stats: RunStats, skipped_count: Any
    ) -> None:
        self.ctx = mp.get_context("spawn")  # fork would copy the parent's threads and open files
        self.store, self.settings, self.progress, self.stats, self.skipped_count = (
            store,
            settings,
            progress,
            stats,
            skipped_count,
        )
        self.t0, self.ready, self.startup_failures = time.perf_counter(), 0, 0
        self.workers = [_Worker(self.ctx, settings, store.root) for _ in range(n)]
        self.retry: deque[Task] = deque()

    def run(self, tasks: Iterator[Task]) -> RunStats:
        ahead: Task | None = None
        exhausted = False
        try:
            while True:
                for w in self.workers:
                    if w.task is not None:
                        continue
                    if self.retry:
                        task = self.retry.popleft()
                    elif ahead is not None:
                        task, ahead = ahead, None
                    elif not exhausted:
                        following = next(tasks, None)
                        exhausted = following is None
                        if following is None:
                            break
                        task = following
                    else:
                        break
                    self._send(w, task)
                busy = [w for w in self.workers if w.task is not None]
                if not busy and not self.retry and ahead is None and exhausted:
                    return self.stats
                if ahead is None and not exhausted:  # read the next chunk while the workers code
                    ahead = next(tasks, None)
                    exhausted = ahead is None
                if not busy:
                    continue
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
                for w in busy:
                    if w.conn in ready or w.proc.sentinel in ready:
                        self._receive(w)
        finally:
            for w in self.workers:
                if w.task is not None or not w.proc.is_alive():
                    w.proc.kill()  # interrupted: its chunk is not committed and will be redone on resume
                w.ask_stop()  # every worker is told first, so they exit side by side
            for w in self.workers:
                w.stop()

    def _send(self, w: _Worker, task: Task) -> None:
        w.task = task
        try:
            w.conn.send((task.name, task.items))
        except (OSError, ValueError):
            self._died(w)

    def _receive(self, w: _Worker) -> None:
        try:
            msg = w.conn.recv() if w.conn.poll() else None
        except (EOFError, OSError):  # the pipe closed: the worker is gone
            w.proc.kill()
            msg = None
        if msg is None:
            if w.proc.is_alive():  # woken without a message or a death: nothing to do yet
                return
            self._died(w)
            return
        kind, name, payload = msg
        if kind == "fatal":
            raise ConfigError(payload)
        if kind == "ready":  # start-up is reported apart so throughput can be read without it
            w.ready = True
            self.ready += 1
            if self.ready > len(self.workers):  # a replacement for a dead worker
                return
            self.stats.extra["seconds_until_workers_ready"] = round(time.perf_counter() - self.t0, 3)
            self.stats.extra["seconds_loading_model"] = max(
                round(payload, 3), self.stats.extra.get("seconds_loading_model", 0)
            )
            return
        task, w.task = w.task, None
        assert task is not None and task.name == name
        if kind == "crash":
            self._failed_task(task, payload, Errors.E300.code)
            return
        _commit(
            self.store,
            task,
            self.store.root / f"{name}.parquet",
            payload,
            self.stats,
            self.progress,
            self.skipped_count,
        )

    def _died(self, w: _Worker) -> None:
        task, w.task = w.task, None
        w.proc.join(1)
        w.conn.close()
        if not w.ready:  # died before loading the model: the environment, not a document, is at fault
            self.startup_failures += 1
            if self.startup_failures > 2 * len(self.workers):
                raise Errors.E304(exitcode=w.proc.exitcode)
            if task is not None:
                self.retry.appendleft(task)
        else:
            self.stats.worker_deaths += 1
            if task is not None:
                self._failed_task(task, WORKER_DIED, Errors.E303.code)
        self.workers[self.workers.index(w)] = _Worker(self.ctx, self.settings, self.store.root)

    def _failed_task(self, task: Task, reason: str, code: str) -> None:
        fail_or_retry(task, reason, code, self.retry, self.store, self.stats, self.progress, self.skipped_count)


def fail_or_retry(
    task: Task,
    reason: str,
    code: str,
    retry: deque[Task],
    store: PartStore,
    stats: RunStats,
    progress: Progress,
    skipped_count: Any,
) -> None:
    """A chunk whose worker (process or Ray actor) died: retry each of its documents once on its
    own (queued first in ``retry``); a single document that fails again is recorded as failed."""
    if task.attempt == 0:
        stats.retried += sum(isinstance(i, Article) for i in task.items)
        singles = [Task(f"{task.name}-{i:05d}", [item], 1) for i, item in enumerate(task.items)]
        retry.extendleft(reversed(singles))
        return
    rows = []
    for i, item in enumerate(task.items):
        if isinstance(item, Failure):
            rows.append(error_row(i, None, item))
        else:
            fail = Failure(item.source.path, reason, stage="worker", line=item.source.line, code=code)
            rows.append(error_row(i, item.id, fail, attempts=2))
    data = store.root / f"{task.name}.parquet"
    write_raw_part(data, rows)
    _commit(store, task, data, summarize(rows), stats, progress, skipped_count)
