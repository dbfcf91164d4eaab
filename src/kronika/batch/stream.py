"""Analyzing a stream of read documents in order: the NLP half of ``ingest`` and ``analyze``.

The reader's output (articles and reader failures, in input order) goes in; records and
failures come out in the same order. Failures pass straight through; articles are parsed in
batches with ``nlp.pipe``, in this process or (``workers`` > 0) in worker processes
(:mod:`kronika.batch.pool`). Keeping this apart from reading is what lets ``ingest`` drop
already-stored documents *between* the two (see :mod:`kronika.store.known`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from kronika.errors import Failure
from kronika.record import Article
from kronika.settings import Settings

# Below this many documents a worker pool costs more than it saves: every worker loads the model
# (seconds) before its first document, while one process would already be halfway through.
POOL_FROM = 64


def auto_workers(inputs: Iterable[str], settings: Settings | None = None) -> int:
    """Worker processes worth starting for ``inputs``: one per core for a corpus, none (this
    process) for a few documents or stdin. Counting is cheap (lines of JSON Lines, files)."""
    cores = os.cpu_count() or 1
    inputs = list(inputs)
    if cores < 2 or "-" in inputs:
        return 0
    from kronika.batch.source import count_documents

    try:
        n = count_documents(inputs)
    except OSError:
        return 0
    return cores if n >= POOL_FROM else 0


def analyze_stream(
    items: Iterable[Article | Failure], settings: Settings, workers: int = 0
) -> Iterator[Article | Failure]:
    """Run the pipeline over ``items`` (the model is loaded only when an article arrives)."""
    if workers > 0:
        from kronika.batch.pool import analyze_parallel

        yield from analyze_parallel(items, settings, workers)
        return
    from kronika.pipeline import get_pipeline

    pending: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            if pending:
                yield from get_pipeline(settings).run_many(pending)
                pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= settings.batch_size:
            yield from get_pipeline(settings).run_many(pending)
            pending = []
    if pending:
        yield from get_pipeline(settings).run_many(pending)
