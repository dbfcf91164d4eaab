"""kronika: turn news reports and commentary into a sourced, queryable chronicle of events.

The public API::

    import kronika
    rec = kronika.analyze(text, published="2023-05-18", title="...", url="https://...")
    rec.events.to_pandas()                       # one row per event (the columns of docs/export.md)
    for rec in kronika.analyze_many(texts_or_dicts_or_paths): ...   # streaming
    store = kronika.open_store("kronika.db")     # or postgresql://...
    store.ingest(kronika.analyze_many(...))
    store.timeline(actor="KAZ", with_="RUS").to_pandas()

Everything is imported on first use: ``import kronika`` does not load spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kronika.version import __version__

if TYPE_CHECKING:
    from kronika.api import analyze, analyze_many
    from kronika.errors import ConfigError, Failure, KronikaError, ReadError
    from kronika.pipeline import analyze_paths, analyze_text
    from kronika.record import Article, Entity, Event
    from kronika.settings import Settings
    from kronika.store import EventFilter, Store, open_store

__all__ = [
    "Article",
    "ConfigError",
    "Entity",
    "Event",
    "EventFilter",
    "Failure",
    "KronikaError",
    "ReadError",
    "Settings",
    "Store",
    "__version__",
    "analyze",
    "analyze_many",
    "analyze_paths",
    "analyze_text",
    "open_store",
]

_LAZY = {
    "analyze": "kronika.api",
    "analyze_many": "kronika.api",
    "analyze_text": "kronika.pipeline",
    "analyze_paths": "kronika.pipeline",
    "Article": "kronika.record",
    "Entity": "kronika.record",
    "Event": "kronika.record",
    "Settings": "kronika.settings",
    "KronikaError": "kronika.errors",
    "ReadError": "kronika.errors",
    "ConfigError": "kronika.errors",
    "Failure": "kronika.errors",
    "open_store": "kronika.store",
    "Store": "kronika.store",
    "EventFilter": "kronika.store",
}


def __getattr__(name: str) -> Any:  # lazy: importing kronika must not load spaCy or SQLAlchemy
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kronika' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names (what ``dir(kronika)`` and completion in a notebook show)."""
    return sorted(__all__)
