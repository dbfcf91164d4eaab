"""Analyzing a stream of read documents in order: the NLP half of ``ingest`` and ``analyze``.

The reader's output (articles and reader failures, in input order) goes in; records and
failures come out in the same order. Failures pass straight through; articles are parsed in
batches with ``nlp.pipe`` in this process. Keeping this apart from reading is what lets
``ingest`` drop already-stored documents *between* the two (see :mod:`kronika.store.known`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kronika.errors import Failure
from kronika.record import Article
from kronika.settings import Settings


def analyze_stream(items: Iterable[Article | Failure], settings: Settings) -> Iterator[Article | Failure]:
    """Run the pipeline over ``items`` (the model is loaded only when an article arrives)."""
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
