"""The store (the archive of analyzed articles): ingest analyzed articles, merge what several report, answer questions.

Public API (the web UI and the batch runner code against these names)::

    from kronika.store import open_store, Store
    store = open_store("kronika.db")   # a path, sqlite:///path or postgresql://...; created and migrated
    report = store.ingest(items)        # Article | Failure records -> IngestReport(.new .skipped .failed .revisions)
    store.timeline(actor="KAZ", with_="RUS", since="2022-01-01")        # or store.timeline(EventFilter(...))
    store.events(type="ASSAULT", place="Kyiv", limit=50, offset=50)     # a page (default 100 rows)
    store.actors(top=20); store.actor("Tokayev")
    store.search("drone attack")
    store.balance("KAZ", between=["RUS", "EU"], by="month")
    store.network(); store.articles(); store.article(id); store.stats(); store.errors()
    store.record(id); store.records()   # the typed kronika.record.Article (with typed Events)

List queries return one page (``limit``/``offset``; a default limit, so no call answers with the
whole archive by accident) of plain dicts, JSON-ready; story events have one shape everywhere
(see :func:`kronika.store.queries.hydrate_events`). Stored records come back typed from
:meth:`Store.record`/:meth:`Store.records`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kronika.store.api import Store, open_store
    from kronika.store.filters import EventFilter
    from kronika.store.ingest import IngestReport

__all__ = ["EventFilter", "IngestReport", "Store", "open_store"]

# Imported on first use: the CLI reads EventFilter (kronika.store.filters) for every command's
# options, and must not pay for SQLAlchemy unless a command opens a store.
_LAZY = {
    "Store": "kronika.store.api",
    "open_store": "kronika.store.api",
    "IngestReport": "kronika.store.ingest",
    "EventFilter": "kronika.store.filters",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kronika.store' has no attribute {name!r}")
