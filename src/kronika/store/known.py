"""Skip before you parse: drop documents the store already holds before any NLP runs.

An article's id is the hash of its normalized text (:func:`kronika.record.content_id`), known as
soon as the reader has read it -- long before the spaCy parse, which is most of the cost of a
document. Re-ingesting an unchanged corpus therefore only reads and hashes: the ids of a window
of read documents are looked up in one indexed query (the primary key) and only the unknown ones
go on to the pipeline. Documents repeated within one run (syndicated copies) are dropped too.

``load`` uses :func:`stored_ids` the same way on the ids at the head of each JSON line, so known
records are not even parsed.

A step earlier still, :func:`skip_unread` skips a document on its *raw key* -- a hash of its bytes
as read, where they came from and the reader's version -- before the reader decodes and normalises
it (which was 83% of a re-ingest). Each article stores the raw key it was read from. A document
whose bytes are new but whose normalised text is known still meets the content-hash check above;
the raw key stored with it is then refreshed when it was made by another reader version, so the
next re-ingest skips it early again.

A document that *fails* (the reader rejects it, or its analysis fails) is never stored, so it has
no article to carry its key; the failure recorded in ``errors`` keeps it instead, and a re-ingest
skips those inputs too (counted apart, "failed before") unless asked to retry them
(``retry_failed``). New bytes make a new key, so a fixed input is always read; so does a new
reader version. An input that then makes an article clears the failure rows of its key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kronika.errors import Failure
from kronika.read.inputs import Unread
from kronika.record import Article
from kronika.settings import Settings
from kronika.store.engine import write_transaction
from kronika.store.schema import articles, errors

T = TypeVar("T")
WINDOW = 256  # documents looked up per query: one round trip per window, bounded memory
WINDOW_BYTES = 8 << 20  # ... and at most this many raw bytes held while a window fills

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


# -- raw keys: skipping before the reader normalises -------------------------------------------------

# The libraries whose behaviour is part of what the reader makes of the same bytes.
_READER_LIBRARIES = ("trafilatura", "charset-normalizer", "langdetect", "pycountry")
VERSION_CHARS = 16  # a raw key: the reader version (this many hex digits),
SOURCE_CHARS = 16  # the hash of where the input came from (this many) and the hash of its bytes

_RAW_KNOWN = sa.select(articles.c.raw_key).where(articles.c.raw_key.in_(sa.bindparam("keys", expanding=True)))
_RAW_FAILED = sa.select(errors.c.raw_key).where(errors.c.raw_key.in_(sa.bindparam("keys", expanding=True)))
Place = tuple[str | None, int | None]  # where a document came from: (path, line)


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A digest of what turns bytes into an article: the reader's code, the record types, the
    package version and the libraries the reader calls. Computed, not a number someone must
    remember to bump: after any change to the reader, no raw key made before it is trusted."""
    from importlib import metadata

    import kronika.read
    import kronika.record
    from kronika.version import __version__

    h = hashlib.blake2b(digest_size=VERSION_CHARS // 2)
    code = [*sorted(Path(kronika.read.__file__).parent.glob("*.py")), Path(kronika.record.__file__)]
    for f in code:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    for dist in _READER_LIBRARIES:
        try:
            h.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=-\0".encode())
    h.update(__version__.encode())
    return h.hexdigest()


def raw_key(doc: Unread, settings: Settings) -> str:
    """64 hex digits: the reader version, a hash of where the document came from (path, line,
    format, the settings the reader uses) and a hash of its bytes -- all a record is made of."""
    s = doc.source
    made_of = [s.path, s.line, s.format, settings.max_bytes, settings.published, settings.title, settings.url]
    where = hashlib.blake2b(json.dumps(made_of).encode(), digest_size=SOURCE_CHARS // 2).hexdigest()
    return reader_version() + where + hashlib.blake2b(doc.raw, digest_size=16).hexdigest()


def stored_raw_keys(engine: Engine, keys: Iterable[str], query: sa.Select[tuple[str]] = _RAW_KNOWN) -> set[str]:
    """Which of ``keys`` some stored article was read from (one indexed query); with
    ``query=_RAW_FAILED``, which of them some recorded failure was."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    with engine.connect() as conn:
        return {r.raw_key for r in conn.execute(query, {"keys": wanted})}


def failed_raw_keys(engine: Engine, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` a recorded failure came from (one indexed query on ``errors.raw_key``)."""
    return stored_raw_keys(engine, keys, _RAW_FAILED)


class RawKeys:
    """The raw key of each document passed on to analysis, to be stored with what becomes of it:
    by article id (kept with the stored article) and by where it came from (kept with its failure,
    which has no id -- an analysis failure names the path and line of its article). ``batch``
    keeps no places (``places=False``): its failures of analysis have ids, its reader failures
    are always read again."""

    def __init__(self, places: bool = True) -> None:
        self.ids: dict[str, str] = {}
        self.places: dict[Place, str] = {}
        self.by_place = places

    def note(self, item: Article | Failure, key: str) -> None:
        if isinstance(item, Article):
            self.ids.setdefault(item.id, key)
        if self.by_place:
            place = (item.source.path, item.source.line) if isinstance(item, Article) else (item.path, item.line)
            self.places[place] = key

    def article(self, a: Article) -> str | None:
        """The key to store ``a`` with (taken out: each is stored once)."""
        self.places.pop((a.source.path, a.source.line), None)
        return self.ids.pop(a.id, None)

    def skipped(self, a: Article) -> str | None:
        """The key ``a`` was read from, when it is dropped as known by content hash (its place is
        taken out; its id stays, as an earlier copy in this run may still be stored with it)."""
        self.places.pop((a.source.path, a.source.line), None)
        return self.ids.get(a.id)

    def failure(self, f: Failure) -> str | None:
        """The key of the input ``f`` failed on (taken out), None if it is not known."""
        return self.places.pop((f.path, f.line), None)


def skip_unread(
    engine: Engine,
    items: Iterable[Article | Failure | Unread],
    settings: Settings,
    on_skip: Callable[[Unread], None],
    keys: RawKeys,
    skip: bool = True,
    on_failed_before: Callable[[Unread], None] | None = None,
) -> Iterator[Article | Failure]:
    """The documents of a lazy read (``iter_inputs(..., lazy=True)``), in order, read by the reader
    except those whose raw key is stored (each passed to ``on_skip``; never with ``skip=False``)
    and, when ``on_failed_before`` is given, those whose key a recorded failure has (each passed
    to it: "failed before"; leave it out to retry them).

    ``keys`` notes the raw key of every document read (see :class:`RawKeys`). Only an input that
    reads as exactly one document (an article or a failure) gets a key: an input of several
    documents (a JSON array) is always read, so its failures are reported every time.
    """
    buffer: list[tuple[Article | Failure | Unread, str | None]] = []
    size = 0

    def flush() -> Iterator[Article | Failure]:
        wanted = [k for _, k in buffer if k is not None] if skip else []
        known = stored_raw_keys(engine, wanted)
        failed = failed_raw_keys(engine, (k for k in wanted if k not in known)) if on_failed_before else set()
        for item, k in buffer:
            if not isinstance(item, Unread):
                yield item
            elif k in known:
                on_skip(item)
            elif k in failed and on_failed_before is not None:
                on_failed_before(item)
            else:
                yield from read_keyed(item, k, keys)
        buffer.clear()

    for item in items:
        k = raw_key(item, settings) if isinstance(item, Unread) else None
        buffer.append((item, k))
        size += len(item.raw) if isinstance(item, Unread) else 0
        if len(buffer) >= WINDOW or size >= WINDOW_BYTES:
            yield from flush()
            size = 0
    yield from flush()


def read_keyed(doc: Unread, key: str | None, keys: RawKeys) -> Iterator[Article | Failure]:
    """``doc.read()``, noting the raw key of what it reads as when that is exactly one document
    (``ingest`` here, ``batch`` in :func:`kronika.batch.source.iter_documents`)."""
    it = doc.read()
    first = next(it, None)
    second = next(it, None)
    if key is not None and first is not None and second is None:
        keys.note(first, key)
    yield from (x for x in (first, second) if x is not None)
    yield from it


_REFRESH = (
    articles.update()
    .where(
        articles.c.id == sa.bindparam("aid"),
        sa.or_(
            articles.c.raw_key.is_(None),
            sa.func.substr(articles.c.raw_key, 1, VERSION_CHARS) != sa.bindparam("ver"),
            sa.func.substr(articles.c.raw_key, VERSION_CHARS + 1, SOURCE_CHARS) == sa.bindparam("src"),
        ),
    )
    .values(raw_key=sa.bindparam("rk"))
)


def refresh_raw_keys(engine: Engine, pairs: list[tuple[str, str]]) -> None:
    """Give stored articles ``(id, raw key)`` the key they were just read from, where theirs is
    missing (stored before raw keys, or from a record), made by another reader version, or made
    from other bytes at the same place (an edit that left the text unchanged): the next re-ingest
    then skips them before reading. The key of another input with the same text (a copy) is
    kept: two inputs taking turns would each be read on every run. One transaction for the lot."""
    if not pairs:
        return
    cut = VERSION_CHARS + SOURCE_CHARS
    rows = [{"aid": a, "rk": k, "ver": k[:VERSION_CHARS], "src": k[VERSION_CHARS:cut]} for a, k in pairs]
    with write_transaction(engine, bump=False) as conn:
        conn.execute(_REFRESH, rows)


def read_unknown(
    engine: Engine,
    inputs: Iterable[str],
    settings: Settings,
    on_skip: Callable[[object], None],
    keys: RawKeys,
    replace: bool = False,
    progress: Callable[[Iterable[Article | Failure | Unread]], Iterable[Article | Failure | Unread]] = lambda x: x,
    on_failed_before: Callable[[Unread], None] | None = None,
) -> Iterator[Article | Failure]:
    """What ``ingest`` must analyze under ``inputs``: every document read, except (unless
    ``replace``) those stored already -- by raw key before reading, else by content hash after
    it -- and texts repeated in this run; ``on_skip`` is called for each one dropped. Unchanged
    inputs that failed before are dropped too when ``on_failed_before`` is given (it is called
    for each). ``keys`` gets the raw key of each document passed on (see :func:`skip_unread`);
    stored articles found by content hash get theirs refreshed (:func:`refresh_raw_keys`)."""
    from kronika.read.inputs import iter_inputs

    lazy = progress(iter_inputs(inputs, settings, lazy=True))
    docs = skip_unread(engine, lazy, settings, on_skip, keys, not replace, None if replace else on_failed_before)
    if replace:
        yield from docs
        return
    found: list[tuple[str, str]] = []

    def known(a: Article | Failure) -> None:
        on_skip(a)
        if isinstance(a, Article):
            k = keys.skipped(a)
            if k:
                found.append((a.id, k))

    for item in skip_known(engine, docs, article_key, known):
        yield item
        if len(found) >= WINDOW:
            refresh_raw_keys(engine, found)
            found.clear()
    refresh_raw_keys(engine, found)
