"""The web app's configuration and its one knowledge-base handle, kept on ``app.state.config``."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from kronika.settings import Settings
from kronika.web.errors import ApiError

DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024  # pasted articles are a few KB; uploads of a long report fit


@dataclass
class WebConfig:
    db: str | None
    read_only: bool = False
    token: str | None = None
    settings: Settings = field(default_factory=Settings)
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    store: Any = None  # a kronika.store.Store, opened on first use
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get_store(self) -> Any:
        """The open store; a clear 503 when there is none (e.g. ``kronika serve`` without ``--db``)."""
        if self.store is not None:
            return self.store
        if self.db is None:
            raise ApiError(503, "no knowledge base is open; start the server with --db FILE", error="no_store")
        with self._lock:
            if self.store is None:
                try:
                    from kronika.store import open_store
                except ImportError as exc:  # the store package is optional for analyze-only servers
                    raise ApiError(503, f"the knowledge base is not available: {exc}", error="no_store") from None
                self.store = open_store(self.db)
        return self.store
