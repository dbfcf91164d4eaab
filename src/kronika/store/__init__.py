"""The store (the archive of analyzed articles): ingest analyzed articles, merge what several report, answer questions.

Public API (the web UI and the batch runner code against these names)::

    from kronika.store import open_store, Store
    store = open_store("kronika.db")   # a path, sqlite:///path or postgresql://...; created and migrated
    report = store.ingest(items)        # Article | Failure records -> IngestReport(.new .skipped .failed .revisions)
    store.timeline(actor="KAZ", with_="RUS", since="2022-01-01")
    store.events(type="ASSAULT", place="Kyiv")
    store.actors(top=20); store.actor("Tokayev")
    store.search("drone attack")
    store.balance("KAZ", between=["RUS", "EU"], by="month")
    store.network(); store.articles(); store.article(id); store.stats(); store.errors()

Every query returns plain dicts (JSON-ready); story events have one shape everywhere (see
:func:`kronika.store.queries.hydrate_events`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from kronika.errors import Failure
from kronika.record import Article
from kronika.settings import Settings
from kronika.store import queries
from kronika.store.engine import make_engine, migrate, normalize_url
from kronika.store.ingest import IngestReport, iter_with_progress
from kronika.store.ingest import ingest as _ingest
from kronika.store.known import article_key, skip_known
from kronika.store.queries import EventFilter
from kronika.store.search import search as _search

__all__ = ["EventFilter", "IngestReport", "Store", "open_store"]


class Store:
    """A store on one database (SQLite file or PostgreSQL). Safe to share between threads;
    several processes may write to the same database at once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[Article | Failure],
        progress: bool = False,
        report: IngestReport | None = None,
        total: int | None = None,
        replace: bool = False,
    ) -> IngestReport:
        """Store analyzed articles (and record failures), one transaction per document.

        Already-stored texts are skipped (content hash); a new text at a known URL/path is a new
        revision. Pass your own ``report`` to see the counts so far if the run is interrupted.
        ``replace=True`` re-stores texts already stored from the new records (``report.replaced``).
        """
        report = report if report is not None else IngestReport()
        return _ingest(self.engine, iter_with_progress(items, progress, total), report, replace)

    def ingest_paths(
        self,
        inputs: Iterable[str],
        settings: Settings | None = None,
        progress: bool = False,
        report: IngestReport | None = None,
        total: int | None = None,
        replace: bool = False,
    ) -> IngestReport:
        """Read, analyze and store every document under ``inputs`` (files, folders, ``-``).

        Documents already stored (or repeated in this run) are dropped right after reading, by
        content hash, before any NLP (see :mod:`kronika.store.known`); with ``replace`` every
        document is analyzed again.
        """
        from kronika.batch.stream import analyze_stream
        from kronika.read import read_inputs

        settings = settings or Settings()
        report = report if report is not None else IngestReport()
        docs: Iterable[Article | Failure] = iter_with_progress(read_inputs(inputs, settings), progress, total)
        if not replace:

            def skipped(_: object) -> None:
                report.skipped += 1

            docs = skip_known(self.engine, docs, article_key, skipped)
        return _ingest(self.engine, analyze_stream(docs, settings), report, replace)

    # -- reading -------------------------------------------------------------------------------

    def timeline(
        self,
        actor: str | None = None,
        with_: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        place: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Story events in date order (undated last), filtered; see :class:`EventFilter`."""
        f = EventFilter(actor, with_, since, until, type, place, outlet)
        with self.engine.connect() as conn:
            return queries.find_events(conn, f, limit=limit)

    def events(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        """The same as :meth:`timeline` (same filters, same story-event dicts)."""
        return self.timeline(*args, **kwargs)

    def iter_events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every matching story event, streamed in batches (for exports of big stores)."""
        f = EventFilter(**filters)
        with self.engine.connect() as conn:
            yield from queries.iter_events(conn, f)

    def actors(self, top: int = 20) -> list[dict[str, Any]]:
        """The most reported actors: name, type, country, sector, articles, mentions, events."""
        with self.engine.connect() as conn:
            return queries.top_actors(conn, top)

    def actor(self, entity_key: str) -> dict[str, Any] | None:
        """One actor by entity key (or name): offices held, mentions over time, events by type."""
        with self.engine.connect() as conn:
            return queries.actor_profile(conn, entity_key)

    def search(self, q: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over paragraphs (words and "phrases"), best first."""
        with self.engine.connect() as conn:
            return _search(conn, q, limit)

    def balance(self, actor: str, between: list[str], by: str = "month") -> list[dict[str, Any]]:
        """Cooperation vs conflict of ``actor`` toward each of ``between`` per period (PLOVER quads)."""
        with self.engine.connect() as conn:
            return queries.balance(conn, actor, between, by)

    def network(self, since: str | None = None, until: str | None = None, level: str = "entity") -> dict[str, Any]:
        """Actor network: ``{"nodes": [...], "edges": [...]}`` (directed actor -> recipient)."""
        with self.engine.connect() as conn:
            return queries.network(conn, since, until, level)

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles (newest first) without their text."""
        with self.engine.connect() as conn:
            return queries.article_list(conn, limit, offset)

    def article(self, id: str) -> dict[str, Any] | None:
        """The full kronika.article/1 record plus ``stored`` (revision, story event per event)."""
        with self.engine.connect() as conn:
            return queries.article_detail(conn, id)

    def stats(self) -> dict[str, Any]:
        """Counts and date ranges: articles, outlets, entities, event reports, story events, errors."""
        with self.engine.connect() as conn:
            return queries.stats(conn)

    def errors(self) -> list[dict[str, Any]]:
        """Documents that failed, with stage and reason."""
        with self.engine.connect() as conn:
            return queries.error_list(conn)


def open_store(target: str | Path = "kronika.db") -> Store:
    """Open (creating and migrating as needed) the store at ``target``: a file path,
    ``sqlite:///path`` or ``postgresql://user@host/db``."""
    engine = make_engine(normalize_url(target))
    migrate(engine)
    return Store(engine)
