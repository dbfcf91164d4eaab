"""Answers of the read API and the pages reused while the store is unchanged: an LRU of whole responses.

Every ``GET`` answer, JSON or page, is a function of the URL, the server's options and the store's
contents alone (no user state, no clock; only error pages look at request headers, and errors are
never kept), and the store has a data version that moves on with every write, by any process, on
SQLite and PostgreSQL alike (:func:`kronika.store.engine.data_version`). So an answer is kept,
as the bytes sent, under ``(version, path, query)`` and sent again until the version moves on:
an analyst paging back and forth, a dashboard polling the timeline, or thirty people opening the
same actor page cost one query, not thirty. Identical requests that arrive while the first is
being computed wait for it instead of computing it again (no stampede when a cold page is popular).

Why our own and not an HTTP cache in front: the key has to include the *store's* version, which
only the app can read cheaply; a reverse proxy would need expiry times and serve stale answers
after an ingest. Browsers still revalidate normally (nothing here sets ``Cache-Control``).

Bounded in bytes (``kronika serve --answer-cache-mb``, 0 turns it off); answers bigger than an
eighth of the budget, errors and anything but ``200`` are never kept. ``X-Kronika-Cache: hit`` or
``miss`` on each answer says which it was (the benchmarks count them). Static files are left to
their own ``ETag`` handling. Pages are kept since the reader page, computed for every request, was
the slowest answer left when 32 readers used the API (p99 420 ms on PostgreSQL against 200 ms).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_HEADER = b"x-kronika-cache"
UNKEPT = ("/static/", "/favicon.ico")  # files on disk, answered with their own validators


@dataclass
class _Answer:
    start: Message
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + 512  # headers and bookkeeping, roughly


@dataclass
class AnswerStore:
    """The LRU itself (thread-safe): ``(version, path, query)`` -> the answer's start message and body."""

    max_bytes: int
    _items: OrderedDict[Hashable, _Answer] = field(default_factory=OrderedDict)
    _bytes: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: Hashable) -> _Answer | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, answer: _Answer) -> None:
        if answer.size > self.max_bytes // 8:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._items[key] = answer
            self._bytes += answer.size
            while self._bytes > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.size


class AnswerCacheMiddleware:
    """Pure ASGI: serves a kept answer, or runs the app and keeps what it answered (see the module)."""

    def __init__(self, app: ASGIApp, version: Callable[[], Hashable | None], max_bytes: int) -> None:
        self.app = app
        self.version = version  # the store's data version (None: no store, never keep)
        self.store = AnswerStore(max_bytes) if max_bytes > 0 else None
        self._inflight: dict[Hashable, asyncio.Future[_Answer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.store is None
            or scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"].startswith(UNKEPT)
        ):
            await self.app(scope, receive, send)
            return
        try:
            version = await run_in_threadpool(self.version)
        except Exception:  # no store (503) or a broken one: let the app answer that as usual
            version = None
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (version, scope["path"], scope.get("query_string", b""))
        answer = self.store.get(key)
        while answer is None and key in self._inflight:  # the same request is being answered: wait
            answer = await asyncio.shield(self._inflight[key])
            if answer is None:  # it was not kept (an error, too big): compute our own
                break
        if answer is not None:
            await _replay(answer, send)
            return
        pending: asyncio.Future[_Answer | None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = pending
        kept: _Answer | None = None
        try:
            kept = await self._run_and_keep(scope, receive, send, key)
        finally:
            self._inflight.pop(key, None)
            pending.set_result(kept)

    async def _run_and_keep(self, scope: Scope, receive: Receive, send: Send, key: Hashable) -> _Answer | None:
        start: Message | None = None
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                keep = message["status"] == 200 and not any(k.lower() == b"set-cookie" for k, _ in headers)
                start = {**message, "headers": headers}
                message = {**message, "headers": [*headers, (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if not keep or start is None:
            return None
        answer = _Answer(start, b"".join(chunks))
        assert self.store is not None
        self.store.put(key, answer)
        return answer


async def _replay(answer: _Answer, send: Send) -> None:
    await send({**answer.start, "headers": [*answer.start["headers"], (CACHE_HEADER, b"hit")]})
    await send({"type": "http.response.body", "body": answer.body})
