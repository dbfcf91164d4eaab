"""Storing analyzed articles: one transaction per document, idempotent by content hash.

An article whose id (the hash of its normalized text) is already stored is skipped. An article
with a known URL (else source path) but new content is a new *revision*: the old one is kept as
history, its event reports leave their story events, and the new one's reports are merged again.
Each event report is matched against the stored story events (:mod:`kronika.stories.merge`) and
either joins the best one or starts a new one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kronika.errors import Errors, Failure
from kronika.record import Article, Span
from kronika.store.engine import write_transaction
from kronika.store.entity_rows import count_article, store_entities
from kronika.store.guard import storable
from kronika.store.schema import articles, errors, mentions, paragraphs, times
from kronika.store.stories import ArticleCache, detach_article_events, store_event
from kronika.store.terms import add_terms, outlet_terms

if TYPE_CHECKING:
    from kronika.store.known import RawKeys

T = TypeVar("T")
_ARTICLE_ID = sa.select(articles.c.id).where(articles.c.id == sa.bindparam("aid"))
_ARTICLE = sa.select(articles).where(articles.c.id == sa.bindparam("aid"))
_CURRENT_AT = sa.select(articles.c.id, articles.c.revision).where(
    articles.c.locator == sa.bindparam("locator"), articles.c.current
)


@dataclass
class IngestReport:
    """What one ``ingest`` call did. ``new`` counts revisions too; ``merged`` counts event reports
    that joined a story event another report had started."""

    new: int = 0
    skipped: int = 0
    failed: int = 0
    failed_before: int = 0  # unchanged inputs skipped because they failed before (see store.known)
    revisions: int = 0
    replaced: int = 0
    event_reports: int = 0
    merged: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failures"] = [f.to_dict() for f in self.failures]
        return d

    def __str__(self) -> str:
        rev = f" ({self.revisions} revision{'s' * (self.revisions != 1)})" if self.revisions else ""
        repl = f", {self.replaced} re-analyzed and replaced" if self.replaced else ""
        before = ""
        if self.failed_before:
            before = f", {self.failed_before} skipped, failed before (unchanged; --retry-failed reads them again)"
        return (
            f"{self.new} new{rev}{repl}, {self.skipped} already stored{before}, {self.failed} failed; "
            f"{self.event_reports} event reports, {self.merged} merged into story events reported elsewhere"
        )


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def ingest(
    engine: Engine,
    items: Iterable[Article | Failure],
    report: IngestReport,
    replace: bool = False,
    merge: bool = True,
    raw_keys: RawKeys | None = None,
) -> IngestReport:
    """Store every item, each in its own transaction; ``report`` is updated as it goes (so a caller
    interrupted by Ctrl-C still knows what was committed). With ``replace``, an article already
    stored is stored again from the new record (after a better model or actors knowledge base).
    ``raw_keys`` has the raw key of the input each document was read from (see
    :mod:`kronika.store.known`): stored with the article, or with the failure, so that a re-ingest
    skips that input; an article stored clears the failures recorded under its key."""
    for item in items:
        if isinstance(item, Failure):
            with write_transaction(engine) as conn:
                record_failure(conn, item, raw_keys.failure(item) if raw_keys else None)
            report.failed += 1
            report.failures.append(item)
            continue
        item = storable(item)  # the one check of what the store can hold (dates), whatever the source
        raw_key = raw_keys.article(item) if raw_keys else None
        if not replace:
            with engine.connect() as conn:  # cheap check outside the write lock: most re-runs are skips
                if conn.execute(_ARTICLE_ID, {"aid": item.id}).first():
                    report.skipped += 1
                    continue
        try:
            with write_transaction(engine) as conn:
                outcome, n_reports, n_merged = store_article(conn, item, replace, merge, raw_key)
                if raw_key is not None and outcome != "skipped":
                    conn.execute(errors.delete().where(errors.c.raw_key == raw_key))  # it reads and analyses now
        except Exception as exc:  # a bad record must not stop the corpus; it is recorded
            if isinstance(exc, sa.exc.OperationalError) and "locked" in str(exc):
                raise
            err = Errors.E307(path=item.source.path, line=item.source.line, error=f"{type(exc).__name__}: {exc}")
            failure = Failure.from_error(err, stage="store")
            with write_transaction(engine) as conn:
                record_failure(conn, failure, raw_key)
            report.failed += 1
            report.failures.append(failure)
            continue
        if outcome == "skipped":
            report.skipped += 1
            continue
        report.event_reports += n_reports
        report.merged += n_merged
        if outcome == "replaced":
            report.replaced += 1
            continue
        report.new += 1
        report.revisions += outcome == "revision"
    return report


def record_failure(conn: Connection, f: Failure, raw_key: str | None = None) -> None:
    """One row per distinct failure: re-running a corpus does not pile up copies of the same error.

    ``raw_key`` (the input it failed on, see :mod:`kronika.store.known`) makes a re-ingest skip
    that input; a failure recorded before keeps its row and takes the newest key."""
    same = sa.select(errors.c.id, errors.c.raw_key).where(
        errors.c.path.is_(f.path) if f.path is None else errors.c.path == f.path,
        errors.c.line.is_(None) if f.line is None else errors.c.line == f.line,
        errors.c.stage == f.stage,
        errors.c.reason == f.reason,
    )
    row = conn.execute(same).first()
    if row is None:
        conn.execute(
            errors.insert().values(
                path=f.path, line=f.line, stage=f.stage, code=f.code, reason=f.reason, at=now(), raw_key=raw_key
            )
        )
    elif raw_key is not None and row.raw_key != raw_key:
        conn.execute(errors.update().where(errors.c.id == row.id).values(raw_key=raw_key, at=now()))


def locator_of(a: Article) -> str | None:
    """What makes two texts versions of one article: the URL, else where the file came from."""
    url = a.metadata.url or a.source.url
    if url:
        return url
    if a.source.path and a.source.path != "-":
        return f"{a.source.path}:{a.source.line}" if a.source.line is not None else a.source.path
    return None


def store_article(
    conn: Connection, a: Article, replace: bool = False, merge: bool = True, raw_key: str | None = None
) -> tuple[str, int, int]:
    """Insert one article and everything derived from it (``raw_key``: the input it was read from).

    Returns (new | revision | replaced | skipped, event reports stored, reports merged elsewhere).
    """
    old = conn.execute(_ARTICLE, {"aid": a.id}).first()
    if old is not None:
        if not replace or not old.current:  # stored (maybe by another writer since our check)
            return "skipped", 0, 0
        remove_article(conn, a.id)
    locator = old.locator if old is not None else locator_of(a)
    prev = None
    if locator and old is None:
        prev = conn.execute(_CURRENT_AT, {"locator": locator}).first()
    if prev:
        count_article(conn, prev.id, -1)  # only current revisions count as activity
        conn.execute(articles.update().where(articles.c.id == prev.id).values(current=False))
        detach_article_events(conn, prev.id)
    md = a.metadata
    conn.execute(
        articles.insert(),
        dict(
            id=a.id,
            locator=locator,
            revision=old.revision if old is not None else (prev.revision + 1 if prev else 1),
            revision_of=old.revision_of if old is not None else (prev.id if prev else None),
            current=True,
            title=md.title,
            outlet=md.publication,
            published=md.published,
            authors="; ".join(x.name for x in md.authors) or None,
            url=md.url or a.source.url,
            path=a.source.path,
            format=a.source.format,
            language=md.language,
            text=a.text,
            record=a.to_dict(),
            n_entities=len(a.entities),
            n_events=len(a.events),
            ingested_at=now(),
            raw_key=raw_key,
        ),
    )
    spans = a.paragraphs or ([Span(0, len(a.text))] if a.text else [])
    rows = [
        {"article_id": a.id, "n": i, "start": p.start, "end": p.end, "text": a.text[p.start : p.end]}
        for i, p in enumerate(spans)
    ]
    if rows:
        conn.execute(paragraphs.insert(), rows)
    if md.publication:
        add_terms(conn, md.publication, outlet_terms(md.publication))
    keys = store_entities(conn, a)
    count_article(conn, a.id, 1)
    if a.times:
        conn.execute(
            times.insert(),
            [
                {
                    "article_id": a.id,
                    "local_id": t.id,
                    "text": t.text,
                    "start": t.start,
                    "end": t.end,
                    "type": t.type,
                    "value": t.value,
                    "granularity": t.granularity,
                    "anchor": t.anchor,
                }
                for t in a.times
            ],
        )
    merged = 0
    cache = ArticleCache()  # one article's events share candidate stories: read them once
    for ev in a.events:
        merged += store_event(conn, a, ev, keys, merge, cache)
    outcome = "replaced" if old is not None else ("revision" if prev else "new")
    return outcome, len(a.events), merged


def remove_article(conn: Connection, article_id: str) -> None:
    """Delete an article and everything derived from it, leaving its story events consistent."""
    if conn.execute(sa.select(articles.c.current).where(articles.c.id == article_id)).scalar():
        count_article(conn, article_id, -1)
    detach_article_events(conn, article_id)
    for table in (mentions, times, paragraphs):
        conn.execute(table.delete().where(table.c.article_id == article_id))
    conn.execute(articles.delete().where(articles.c.id == article_id))


def iter_with_progress(items: Iterable[T], enabled: bool, total: int | None = None) -> Iterator[T]:
    """``items`` with a tqdm bar on stderr (documents/s, and ETA when the total is known)."""
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc="ingest", unit="doc", total=total, dynamic_ncols=True)
