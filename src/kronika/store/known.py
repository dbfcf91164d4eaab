"""Skip before you parse: drop documents the store already holds before any NLP runs.

An article's id is the hash of its normalized text (:func:`kronika.record.content_id`), known as
soon as the reader has read it -- long before the spaCy parse, which is most of the cost of a
document. Re-ingesting an unchanged corpus therefore only reads and hashes: the ids of a window
of read documents are looked up in one indexed query (the primary key) and only the unknown ones
go on to the pipeline. Documents repeated within one run (syndicated copies) are dropped too.

``load`` uses :func:`stored_ids` the same way on the ids at the head of each JSON line, so known
records are not even parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kronika.errors import Failure
from kronika.record import Article
from kronika.store.schema import articles

T = TypeVar("T")
WINDOW = 256  # documents looked up per query: one round trip per window, bounded memory

_KNOWN = sa.select(articles.c.id).where(articles.c.id.in_(sa.bindparam("ids", expanding=True)))


def stored_ids(engine: Engine, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are stored (as any revision): one primary-key lookup per window of ids."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(wanted), WINDOW):
            found.update(r.id for r in conn.execute(_KNOWN, {"ids": wanted[i : i + WINDOW]}))
    return found


def skip_known(
    engine: Engine,
    items: Iterable[T],
    key: Callable[[T], str | None],
    on_skip: Callable[[T], None],
    window: int = WINDOW,
) -> Iterator[T]:
    """``items`` in order, without those whose ``key`` is stored or was already seen in this run.

    ``key`` returns None for items that are never skipped (failures, lines without an id); each
    dropped item is passed to ``on_skip`` (for counting). Items are looked up a window at a time.
    """
    seen: set[str] = set()
    buffer: list[T] = []

    def flush() -> Iterator[T]:
        known = stored_ids(engine, (k for x in buffer if (k := key(x)) is not None))
        for x in buffer:
            k = key(x)
            if k is not None and (k in known or k in seen):
                on_skip(x)
                continue
            if k is not None:
                seen.add(k)
            yield x
        buffer.clear()

    for item in items:
        buffer.append(item)
        if len(buffer) >= window:
            yield from flush()
    yield from flush()


def article_key(item: Article | Failure) -> str | None:
    """The content hash of a read article (None for a reader failure, which always passes)."""
    return item.id if isinstance(item, Article) else None
