"""The input side of a batch: a stream of documents that skips what is already coded.

Documents are read lazily through :func:`kronika.read.inputs.iter_inputs` (every format the
reader knows), one input at a time, so memory does not depend on corpus size and a reader crash
on one input is recorded as that input's failure instead of ending the run.

A resumed run skips a document a committed part already holds *before the reader decodes and
normalises it*, on the raw key ingest uses (:func:`kronika.store.known.raw_key`: the reader
version, where the document came from, its bytes), which the part markers keep for their ids;
documents without a kept key (new bytes, a JSON array, parts of an older run) are read and
skipped by content hash as before.
"""

from __future__ import annotations

import gzip
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kronika.errors import Errors, Failure
from kronika.read.inputs import display_name
from kronika.record import Article
from kronika.settings import Settings

if TYPE_CHECKING:
    from kronika.store.known import RawKeys

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


@dataclass
class ReadStats:
    read: int = 0  # documents the reader produced
    read_errors: int = 0  # inputs or documents the reader could not read
    skipped: int = 0  # already coded (or failed) in an earlier run: content hash in a part marker
    skipped_unread: int = 0  # ... of which found by raw key, before the reader normalised them
    duplicates: int = 0  # same content twice in this run's inputs: coded once
    seen: set[str] = field(default_factory=set)


def iter_documents(
    inputs: Iterable[str],
    settings: Settings,
    skip: set[str],
    stats: ReadStats,
    on_skip: Callable[[], None] | None = None,
    raw_skip: frozenset[str] | set[str] = frozenset(),
    raw_keys: RawKeys | None = None,
) -> Iterator[Article | Failure]:
    """Articles not in ``skip`` (and not repeated), and the reader's failures, in input order.

    A document whose raw key is in ``raw_skip`` is skipped unread; ``raw_keys`` (when given) gets
    the raw key of each article passed on, for the part markers (see :class:`PartStore`)."""
    from kronika.read import inputs as reader
    from kronika.store.known import RawKeys, raw_key, read_keyed

    keys = raw_keys if raw_keys is not None else RawKeys(places=False)

    def documents(path: str) -> Iterator[Article | Failure]:
        for doc in reader.iter_inputs([path], settings, lazy=True):
            if not isinstance(doc, reader.Unread):
                yield doc
                continue
            k = raw_key(doc, settings)
            if k in raw_skip:
                stats.skipped += 1
                stats.skipped_unread += 1
                if on_skip:
                    on_skip()
                continue
            yield from read_keyed(doc, k, keys)

    for path in walk_inputs(inputs):
        if isinstance(path, Failure):  # skipped with a reason (a FIFO, a symlinked or unreadable folder)
            stats.read_errors += 1
            yield path
            continue
        try:
            for item in documents(path):
                if isinstance(item, Failure):
                    stats.read_errors += 1
                    keys.failure(item)
                    yield item
                    continue
                stats.read += 1
                if item.id in skip or item.id in stats.seen:
                    if item.id in skip:
                        stats.skipped += 1
                    else:
                        stats.duplicates += 1
                    keys.skipped(item)
                    if on_skip:
                        on_skip()
                    continue
                stats.seen.add(item.id)
                yield item
        except Exception as exc:  # a reader bug on one file must not end the batch
            stats.read_errors += 1
            yield Failure.from_error(Errors.E306(path=display_name(path), error=f"{type(exc).__name__}: {exc}"))


def walk_inputs(inputs: Iterable[str]) -> Iterator[str | Failure]:
    """The files the reader will read under ``inputs`` (folders expanded the reader's way), in
    order, and a :class:`Failure` for each thing in a folder that is skipped for a reason."""
    from kronika.read.inputs import walk_folder

    for p in inputs:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = False
            for f in walk_folder(path):
                found = found or not isinstance(f, Failure)
                yield f if isinstance(f, Failure) else str(f)
            if not found:
                yield p  # an empty folder: the reader reports it
        else:
            yield p


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """The files the reader will read under ``inputs`` (see :func:`walk_inputs`), in order.

    Files are read one at a time, so a reader crash on one loses only that file, and the Ray
    engine can spread the files over a cluster.
    """
    return [f for f in walk_inputs(inputs) if not isinstance(f, Failure)]


def count_documents(inputs: Iterable[str]) -> int:
    """A quick count for the progress bar's ETA: lines of JSON Lines files, one per other file."""
    n = 0
    for f in expand_inputs(inputs):
        if f == "-" or not f.endswith(JSONL_SUFFIXES) or not _is_regular(f):
            n += 1  # a pipe must not be read twice (once here to count it)
            continue
        try:
            opener = gzip.open if f.endswith(".gz") else open
            with opener(f, "rb") as fh:
                n += sum(1 for line in fh if line.strip())
        except (OSError, EOFError):
            n += 1
    return n


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
