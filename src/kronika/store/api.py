"""``Store`` and ``open_store``: the store's Python API (see :mod:`kronika.store`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from kronika.errors import Failure
from kronika.frames import Rows, StoryEvents
from kronika.record import Article
from kronika.settings import Settings
from kronika.store import aggregates, queries
from kronika.store.engine import data_version, make_engine, migrate, normalize_url
from kronika.store.filters import DEFAULT_LIMIT, EventFilter
from kronika.store.ingest import IngestReport, iter_with_progress
from kronika.store.ingest import ingest as _ingest
from kronika.store.known import RawKeys, read_unknown
from kronika.store.search import search as _search
from kronika.store.version import VersionWatch

__all__ = ["Store", "open_store"]


class Store:
    """A store on one database (SQLite file or PostgreSQL). Safe to share between threads;
    several processes may write to the same database at once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._version = VersionWatch(engine, self._read_version)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self._version.close()
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
        merge: bool = True,
    ) -> IngestReport:
        """Store analyzed articles (and record failures), one transaction per document.

        Already-stored texts are skipped (content hash); a new text at a known URL/path is a new
        revision. Pass your own ``report`` to see the counts so far if the run is interrupted.
        ``replace=True`` re-stores texts already stored from the new records (``report.replaced``).
        ``merge=False`` stores every event report as its own story event (a benchmark baseline).
        """
        report = report if report is not None else IngestReport()
        return _ingest(self.engine, iter_with_progress(items, progress, total), report, replace, merge)

    def ingest_paths(
        self,
        inputs: Iterable[str],
        settings: Settings | None = None,
        progress: bool = False,
        report: IngestReport | None = None,
        total: int | None = None,
        replace: bool = False,
        workers: int = 0,
        retry_failed: bool = False,
    ) -> IngestReport:
        """Read, analyze and store every document under ``inputs`` (files, folders, ``-``).

        Documents already stored (or repeated in this run) are dropped before any NLP: unchanged
        inputs before the reader normalises them, by raw key, the rest by content hash (see
        :mod:`kronika.store.known`). Unchanged inputs that failed before are dropped as well
        (``report.failed_before``) unless ``retry_failed``; with ``replace`` every
        document is analyzed again. ``workers`` > 0 analyzes in that many processes (see
        :func:`kronika.batch.stream.auto_workers`); records are stored here, in input order.
        """
        from kronika.batch.stream import analyze_stream

        settings = settings or Settings()
        report = report if report is not None else IngestReport()

        def skipped(_: object) -> None:
            report.skipped += 1

        def failed_before(_: object) -> None:
            report.failed_before += 1

        keys = RawKeys()  # the raw key of each document's input, stored with its article or failure
        bar = lambda docs: iter_with_progress(docs, progress, total)  # noqa: E731
        again = None if retry_failed else failed_before
        docs = read_unknown(self.engine, inputs, settings, skipped, keys, replace, bar, again)
        return _ingest(self.engine, analyze_stream(docs, settings, workers), report, replace, raw_keys=keys)

    # -- reading -------------------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes whenever anything is written (cache answers under it). On
        PostgreSQL a server reads it from memory, kept by a listener (:mod:`kronika.store.version`)."""
        return self._version.current()

    def _read_version(self) -> int:
        with self.engine.connect() as conn:
            return data_version(conn)

    def timeline(
        self,
        filters: EventFilter | None = None,
        /,
        *,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
        newest: bool = False,
        **fields: Any,
    ) -> StoryEvents:
        """One page of story events in date order (undated last; ``newest`` = latest first).

        Filter with an :class:`EventFilter` or its fields as keywords (``actor="KAZ", with_="RUS",
        since="2022-01", type="ASSAULT", place="Kyiv", outlet=...``). ``limit=None`` returns every
        match (prefer :meth:`iter_events` for those). The list's ``to_pandas()`` is the flat
        event table of ``kronika export``.
        """
        f = _filter(filters, fields)
        with self.engine.connect() as conn:
            return StoryEvents(queries.find_events(conn, f, limit=limit, offset=offset, newest=newest), self)

    def events(self, filters: EventFilter | None = None, /, **kwargs: Any) -> StoryEvents:
        """The same as :meth:`timeline` (same filters, same story-event dicts)."""
        return self.timeline(filters, **kwargs)

    def iter_events(self, filters: EventFilter | None = None, /, **fields: Any) -> Iterator[dict[str, Any]]:
        """Every matching story event, streamed in batches (for exports of big stores)."""
        f = _filter(filters, fields)
        with self.engine.connect() as conn:
            yield from queries.iter_events(conn, f)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story event with its sources by outlet and its claims table (who says what)."""
        from kronika.store.story_view import story

        with self.engine.connect() as conn:
            return story(conn, story_id)

    def stories(self, contested: bool = False, limit: int | None = 50, min_articles: int = 1) -> list[dict[str, Any]]:
        """Story events, most sources first; ``contested=True``: only those whose sources disagree."""
        from kronika.store.story_view import stories

        with self.engine.connect() as conn:
            return stories(conn, contested, limit, min_articles)

    def actors(self, top: int | None = 20, offset: int = 0, factual: str | bool | None = None) -> list[dict[str, Any]]:
        """The most reported actors: name, type, country, sector, articles, mentions, events (the
        story events that happened; ``factual="all"`` counts negated, hypothetical ... ones too)."""
        with self.engine.connect() as conn:
            return Rows(aggregates.top_actors(conn, top, offset, factual))

    def actor(self, entity_key: str, factual: str | bool | None = None) -> dict[str, Any] | None:
        """One actor by entity key (or name): offices held, mentions over time, events by type
        (those that happened unless ``factual="all"``)."""
        with self.engine.connect() as conn:
            return aggregates.actor_profile(conn, entity_key, factual)

    def search(self, q: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over paragraphs (words and "phrases"), best first."""
        with self.engine.connect() as conn:
            return Rows(_search(conn, q, limit, offset))

    def balance(
        self, actor: str, between: list[str], by: str = "month", factual: str | bool | None = None
    ) -> list[dict[str, Any]]:
        """Cooperation vs conflict of ``actor`` toward each of ``between`` per period (PLOVER quads),
        over the story events that happened (``factual="all"``: every one)."""
        with self.engine.connect() as conn:
            return Rows(aggregates.balance(conn, actor, between, by, factual))

    def network(
        self,
        since: str | None = None,
        until: str | None = None,
        level: str = "entity",
        factual: str | bool | None = None,
    ) -> dict[str, Any]:
        """Actor network: ``{"nodes": [...], "edges": [...]}`` (directed actor -> recipient), over the
        story events that happened (``factual="all"``: every one)."""
        with self.engine.connect() as conn:
            return aggregates.network(conn, since, until, level, factual)

    def articles(self, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles (newest first) without their text."""
        with self.engine.connect() as conn:
            return Rows(queries.article_list(conn, limit, offset))

    def article(self, id: str) -> dict[str, Any] | None:
        """The article's JSON: its kronika.article/1 record plus ``stored`` (revision, story event
        per event). ``id`` may be a unique prefix of six characters or more."""
        with self.engine.connect() as conn:
            return queries.article_detail(conn, id)

    def article_many(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """:meth:`article` for many ids at once (in their order; unknown ids left out), in three
        queries whatever their number."""
        wanted = list(dict.fromkeys(ids))
        with self.engine.connect() as conn:
            found = queries.article_records(conn, wanted)
        return [found[i] for i in wanted if i in found]

    def record(self, id: str) -> Article | None:
        """The stored record as the typed :class:`~kronika.record.Article` (events as ``Event``)."""
        found = self.article(id)
        if found is None:
            return None
        found.pop("stored", None)
        return Article.from_dict(found)

    def records(self, ids: Iterable[str] | None = None, batch: int = 200) -> Iterator[Article]:
        """Typed records for ``ids`` (default: every current article, newest first), fetched a
        batch at a time."""
        with self.engine.connect() as conn:
            if ids is None:
                ids = (a["id"] for a in _pages(lambda off: queries.article_list(conn, batch, off), batch))
            pending: list[str] = []
            for i in [*ids, None]:
                if i is not None:
                    pending.append(i)
                if pending and (i is None or len(pending) >= batch):
                    found = queries.article_records(conn, pending)
                    for j in pending:
                        if j in found:
                            found[j].pop("stored", None)
                            yield Article.from_dict(found[j])
                    pending = []

    def stats(self) -> dict[str, Any]:
        """Counts and date ranges: articles, outlets, entities, event reports, story events, errors."""
        with self.engine.connect() as conn:
            return queries.stats(conn)

    def errors(self, limit: int | None = DEFAULT_LIMIT, offset: int = 0) -> list[dict[str, Any]]:
        """Documents that failed, with stage and reason (oldest first)."""
        with self.engine.connect() as conn:
            return Rows(queries.error_list(conn, limit, offset))


def _filter(filters: EventFilter | None, fields: dict[str, Any]) -> EventFilter:
    if filters is not None and fields:
        raise TypeError("give an EventFilter or filter keywords, not both")
    return filters if filters is not None else EventFilter.of(**fields)


def _pages(fetch: Any, size: int) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = fetch(offset)
        yield from page
        if len(page) < size:
            return
        offset += size


def open_store(target: str | Path = "kronika.db") -> Store:
    """Open (creating and migrating as needed) the store at ``target``: a file path,
    ``sqlite:///path`` or ``postgresql://user@host/db``."""
    engine = make_engine(normalize_url(target))
    migrate(engine)
    return Store(engine)
