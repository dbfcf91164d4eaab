"""The web app's configuration and its one store handle, kept on ``app.state.config``."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from kronika.settings import Settings
from kronika.web.errors import ApiError
from kronika.web.paths import PublicStore
from kronika.web.workers import DEFAULT_QUEUE, AnalysisPool

DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024  # pasted articles are a few KB; uploads of a long report fit
# spaCy's own max_length: a longer text is a book, minutes of a worker; `kronika analyze` takes it.
DEFAULT_MAX_ANALYZE_CHARS = 1_000_000


@dataclass
class WebConfig:
    db: str | None
    read_only: bool = False
    token: str | None = None
    settings: Settings = field(default_factory=Settings)
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    store: Any = None  # a kronika.store.Store, opened on first use
    analysis_workers: int = 0  # processes for analyses; 0 = one thread of this process
    analysis_queue: int = DEFAULT_QUEUE  # analyses that may wait for a worker before 429
    max_analyze_chars: int = DEFAULT_MAX_ANALYZE_CHARS
    pool: AnalysisPool | None = None  # created on first use (or at start-up by `kronika serve`)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _cache: OrderedDict[Hashable, tuple[Hashable, Any]] = field(default_factory=OrderedDict, repr=False)
    _computing: dict[Hashable, threading.Lock] = field(default_factory=dict, repr=False)

    def get_store(self) -> Any:
        """The open store as the web may show it (:class:`PublicStore`: no server paths); a clear 503
        when there is none (e.g. ``kronika serve`` without ``--db``)."""
        if self.store is not None:
            return PublicStore(self.store)
        if self.db is None:
            raise ApiError(503, "no store is open; start the server with --db FILE", error="no_store")
        with self._lock:
            if self.store is None:
                try:
                    from kronika.store import open_store
                except ImportError as exc:  # the store package is optional for analyze-only servers
                    raise ApiError(503, f"the store is not available: {exc}", error="no_store") from None
                self.store = open_store(self.db)
        return PublicStore(self.store)

    def close(self) -> None:
        """Close the store this config opened (one it was given stays open: its owner closes it)."""
        with self._lock:
            if self.store is not None and self.db is not None:
                self.store.close()
                self.store = None

    def get_pool(self) -> AnalysisPool:
        """The analysis pool (its workers load the model when they start)."""
        with self._lock:
            if self.pool is None:
                self.pool = AnalysisPool(self.analysis_workers, self.analysis_queue, self.settings)
            return self.pool

    def data_version(self) -> Hashable | None:
        """The store's data version (one primary-key read; it moves on with every write, by any
        process, on SQLite and PostgreSQL alike), so aggregate answers can be reused between
        ingests. None (never cache) for a store without one."""
        store = self.get_store()
        version = getattr(store, "data_version", None)
        return version() if callable(version) else None

    def cached(self, key: Hashable, compute: Callable[[], Any], size: int = 64) -> Any:
        """``compute()``, reused while the database is unchanged (see :meth:`data_version`).

        Requests that miss the same key at once wait for one computation instead of each running
        it (the network at 10k articles takes a third of a second: thirty at once took ten).
        """
        version = self.data_version()
        if version is None:
            return compute()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return hit[1]
            busy = self._computing.setdefault(key, threading.Lock())
        with busy:
            with self._lock:
                hit = self._cache.get(key)
                if hit is not None and hit[0] == version:
                    return hit[1]
            value = compute()
            with self._lock:
                self._cache[key] = (version, value)
                self._computing.pop(key, None)
                while len(self._cache) > size:
                    self._cache.popitem(last=False)
        return value
