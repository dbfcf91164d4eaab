"""Storing analyzed articles: one transaction per document, idempotent by content hash.

An article whose id (the hash of its normalized text) is already stored is skipped. An article
with a known URL (else source path) but new content is a new *revision*: the old one is kept as
history, its event reports leave their story events, and the new one's reports are merged again.
Each event report is matched against the stored story events (:mod:`kronika.stories.merge`) and
either joins the best one or starts a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kronika.errors import Errors, Failure
from kronika.record import Article, Ref, Span, refs
from kronika.store.engine import write_transaction
from kronika.store.schema import (
    articles,
    entities,
    errors,
    event_actors,
    event_sources,
    events,
    mentions,
    paragraphs,
    times,
)
from kronika.stories.dates import date_range
from kronika.stories.entities import entity_key, text_key
from kronika.stories.merge import Report, best_match, participants, summarize
from kronika.stories.quad import quad_of

_ARTICLE_ID = sa.select(articles.c.id).where(articles.c.id == sa.bindparam("aid"))
_ARTICLE = sa.select(articles).where(articles.c.id == sa.bindparam("aid"))
CANDIDATE_LIMIT = 200  # story events compared per report; the newest first
DATE_SLACK_DAYS = 3  # must match the "near" tolerance of the merge rule


@dataclass
class IngestReport:
    """What one ``ingest`` call did. ``new`` counts revisions too; ``merged`` counts event reports
    that joined a story event another report had started."""

    new: int = 0
    skipped: int = 0
    failed: int = 0
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
        return (
            f"{self.new} new{rev}{repl}, {self.skipped} already stored, {self.failed} failed; "
            f"{self.event_reports} event reports, {self.merged} merged into story events reported elsewhere"
        )


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def ingest(
    engine: Engine, items: Iterable[Article | Failure], report: IngestReport, replace: bool = False
) -> IngestReport:
    """Store every item, each in its own transaction; ``report`` is updated as it goes (so a caller
    interrupted by Ctrl-C still knows what was committed). With ``replace``, an article already
    stored is stored again from the new record (after a better model or actors knowledge base)."""
    for item in items:
        if isinstance(item, Failure):
            with write_transaction(engine) as conn:
                record_failure(conn, item)
            report.failed += 1
            report.failures.append(item)
            continue
        if not replace:
            with engine.connect() as conn:  # cheap check outside the write lock: most re-runs are skips
                if conn.execute(_ARTICLE_ID, {"aid": item.id}).first():
                    report.skipped += 1
                    continue
        try:
            with write_transaction(engine) as conn:
                outcome, n_reports, n_merged = store_article(conn, item, replace)
        except Exception as exc:  # a bad record must not stop the corpus; it is recorded
            if isinstance(exc, sa.exc.OperationalError) and "locked" in str(exc):
                raise
            err = Errors.E307(path=item.source.path, line=item.source.line, error=f"{type(exc).__name__}: {exc}")
            failure = Failure.from_error(err, stage="store")
            with write_transaction(engine) as conn:
                record_failure(conn, failure)
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


def record_failure(conn: Connection, f: Failure) -> None:
    """One row per distinct failure: re-running a corpus does not pile up copies of the same error."""
    same = sa.select(errors.c.id).where(
        errors.c.path.is_(f.path) if f.path is None else errors.c.path == f.path,
        errors.c.line.is_(None) if f.line is None else errors.c.line == f.line,
        errors.c.stage == f.stage,
        errors.c.reason == f.reason,
    )
    if conn.execute(same).first() is None:
        conn.execute(
            errors.insert().values(path=f.path, line=f.line, stage=f.stage, code=f.code, reason=f.reason, at=now())
        )


def locator_of(a: Article) -> str | None:
    """What makes two texts versions of one article: the URL, else where the file came from."""
    url = a.metadata.url or a.source.url
    if url:
        return url
    if a.source.path and a.source.path != "-":
        return f"{a.source.path}:{a.source.line}" if a.source.line is not None else a.source.path
    return None


def store_article(conn: Connection, a: Article, replace: bool = False) -> tuple[str, int, int]:
    """Insert one article and everything derived from it.

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
        prev = conn.execute(
            sa.select(articles.c.id, articles.c.revision).where(articles.c.locator == locator, articles.c.current)
        ).first()
    if prev:
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
        ),
    )
    spans = a.paragraphs or ([Span(0, len(a.text))] if a.text else [])
    rows = [
        {"article_id": a.id, "n": i, "start": p.start, "end": p.end, "text": a.text[p.start : p.end]}
        for i, p in enumerate(spans)
    ]
    if rows:
        conn.execute(paragraphs.insert(), rows)
    keys = _store_entities(conn, a)
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
    for ev in a.events:
        merged += _store_event(conn, a, ev, keys)
    outcome = "replaced" if old is not None else ("revision" if prev else "new")
    return outcome, len(a.events), merged


def _store_entities(conn: Connection, a: Article) -> dict[str, str]:
    """Upsert the article's entities; returns local entity id -> entity key."""
    keys: dict[str, str] = {}
    mention_rows: list[dict[str, Any]] = []
    for e in a.entities:
        key = entity_key(e)
        keys[e.id] = key
        roles = [{"title": r.title, "of": r.of} for r in e.roles]
        _upsert_entity(conn, key, e.name, e.type, e.country, e.sector, e.kb_id, roles, a.metadata.published)
        mention_rows += [
            {"article_id": a.id, "entity_key": key, "local_id": e.id, "start": m.start, "end": m.end, "text": m.text}
            for m in e.mentions
        ]
    if mention_rows:
        conn.execute(mentions.insert(), mention_rows)
    return keys


def _upsert_entity(
    conn: Connection,
    key: str,
    name: str,
    etype: str,
    country: str | None,
    sector: str | None,
    kb_id: str | None,
    roles: list[dict[str, Any]],
    published: str | None,
) -> None:
    row = conn.execute(_ENTITY, {"k": key}).first()
    if row is None:
        conn.execute(
            entities.insert(),
            dict(
                key=key,
                name=name,
                type=etype,
                country=country,
                sector=sector,
                kb_id=kb_id,
                roles=_merge_roles([], roles, published),
                first_seen=published,
            ),
        )
        return
    changes: dict[str, Any] = {}
    if roles:
        merged = _merge_roles(list(row.roles or []), roles, published)
        if merged != row.roles:
            changes["roles"] = merged
    if sector and not row.sector:
        changes["sector"] = sector
    if published and (not row.first_seen or published < row.first_seen):
        changes["first_seen"] = published
    if changes:
        conn.execute(_UPDATE_ENTITY, {"k": key, **changes})


def _merge_roles(known: list[dict[str, Any]], new: list[dict[str, Any]], published: str | None) -> list[dict[str, Any]]:
    """Offices with the span of publication dates they were reported in, and how often."""
    out = [dict(r) for r in known]
    for r in new:
        hit = next((x for x in out if x["title"] == r["title"] and x.get("of") == r.get("of")), None)
        if hit is None:
            hit = {"title": r["title"], "of": r.get("of"), "articles": 0, "first_seen": None, "last_seen": None}
            out.append(hit)
        hit["articles"] = hit.get("articles", 0) + 1
        if published:
            hit["first_seen"] = min(filter(None, [hit.get("first_seen"), published]))
            hit["last_seen"] = max(filter(None, [hit.get("last_seen"), published]))
    return out


def _ref_keys(conn: Connection, value: Ref | list[Ref] | None, keys: dict[str, str]) -> list[str]:
    out = []
    for r in refs(value):
        if r.entity and r.entity in keys:
            out.append(keys[r.entity])
        elif r.text:
            k = text_key(r.text)
            _upsert_entity(conn, k, r.text, "OTHER", None, None, None, [], None)
            out.append(k)
    return list(dict.fromkeys(out))


def _store_event(conn: Connection, a: Article, ev: Any, keys: dict[str, str]) -> int:
    """Store one event report and merge it into a story event; returns 1 if it joined an existing one."""
    actor_keys = _ref_keys(conn, ev.actor, keys)
    recipient_keys = _ref_keys(conn, ev.recipient, keys)
    loc = ev.location
    loc_key = keys.get(loc.entity or "") if loc else None
    rng = date_range(ev.date.value)
    granularity = rng[2] if rng else None
    text_refs = lambda v: "; ".join(r.text for r in refs(v)) or None  # noqa: E731
    row = {
        "article_id": a.id,
        "local_id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "actor_keys": actor_keys,
        "recipient_keys": recipient_keys,
        "actor_text": text_refs(ev.actor),
        "recipient_text": text_refs(ev.recipient),
        "location_key": loc_key,
        "location_text": loc.text if loc else None,
        "date": ev.date.value,
        "granularity": granularity,
        "date_inferred": bool(ev.date.inferred),
        "trigger": ev.trigger.text,
        "sentence": ev.sentence.text,
        "sentence_start": ev.sentence.start,
        "sentence_end": ev.sentence.end,
        "negated": bool(ev.context.negated),
        "modality": ev.context.modality,
        "claim_source": ev.context.source.text if ev.context.source else None,
        "stance": ev.context.stance,
        "confidence": ev.confidence,
        "producer": ev.producer,
        "extra": ev.extra or {},
    }
    report = _report(row, _countries(conn, actor_keys + recipient_keys))
    hit = best_match(report, _candidates(conn, report, rng))
    if hit:
        story_id, score = hit
    else:
        story_id, score = "ev-" + hashlib.sha1(f"{a.id}/{ev.id}".encode()).hexdigest()[:16], None
        conn.execute(events.insert(), dict(id=story_id, type=ev.type, quad=quad_of(ev.type), conflicts={}, n_sources=0))
    conn.execute(event_sources.insert(), {**row, "event_id": story_id, "merge_score": score})
    refresh_story(conn, story_id)
    return 1 if hit else 0


def _countries(conn: Connection, keys: Iterable[str]) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Entity key -> (country, affiliation codes of the offices it holds), for the merge rule."""
    ks = sorted(set(keys))
    if not ks:
        return {}
    return {
        r.key: (r.country, tuple(dict.fromkeys(x["of"] for x in r.roles or [] if x.get("of"))))
        for r in conn.execute(_COUNTRIES, {"keys": ks})
    }


# Hot-path statements built once, with expanding IN parameters, so SQLAlchemy compiles and caches
# them once instead of once per list length (most of the ingest time otherwise).
_COUNTRIES = sa.select(entities.c.key, entities.c.country, entities.c.roles).where(
    entities.c.key.in_(sa.bindparam("keys", expanding=True))
)
_INVOLVED = sa.union(  # two index lookups; one OR across both columns would scan every participant
    sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(sa.bindparam("keys", expanding=True))),
    sa.select(event_actors.c.event_id)
    .join(entities, entities.c.key == event_actors.c.entity_key)
    .where(entities.c.country.in_(sa.bindparam("countries", expanding=True))),
)
_DATE_OK = sa.or_(
    events.c.date_min.is_(None),
    sa.and_(events.c.date_min <= sa.bindparam("hi"), events.c.date_max >= sa.bindparam("lo")),
)
_RANKED_SOURCES = (
    sa.select(
        event_sources.c.event_id,
        event_sources.c.type,
        event_sources.c.mode,
        event_sources.c.date,
        event_sources.c.sentence,
        event_sources.c.actor_keys,
        event_sources.c.recipient_keys,
        event_sources.c.location_text,
        event_sources.c.article_id,
        sa.func.row_number().over(partition_by=event_sources.c.event_id, order_by=event_sources.c.id).label("rank"),
    )
    .where(event_sources.c.event_id.in_(sa.bindparam("ids", expanding=True)))
    .subquery()
)
_SOURCES = sa.select(_RANKED_SOURCES).where(_RANKED_SOURCES.c.rank <= sa.bindparam("per_story"))
SOURCES_PER_STORY = 12  # reports of a story compared with a new one: its first ones are enough


def _report(row: dict[str, Any], known: dict[str, tuple[str | None, tuple[str, ...]]]) -> Report:
    actors, units_a = participants((k, *known.get(k, (None, ()))) for k in row["actor_keys"])
    recipients, units_r = participants((k, *known.get(k, (None, ()))) for k in row["recipient_keys"])
    return Report(
        type=row["type"],
        actors=actors,
        recipients=recipients,
        units=units_a | units_r,
        date=row["date"],
        sentence=row["sentence"],
        article=row["article_id"],
        mode=row["mode"],
        location=row["location_text"],
    )


def _candidates(conn: Connection, report: Report, rng: tuple[str, str, str] | None) -> dict[str, list[Report]]:
    """Story events of the same type, compatible dates and a shared participant, with their reports."""
    q = sa.select(events.c.id).where(events.c.type == report.type)
    params: dict[str, Any] = {}
    if rng:
        q = q.where(_DATE_OK)
        params["lo"] = (dt.date.fromisoformat(rng[0]) - dt.timedelta(days=DATE_SLACK_DAYS)).isoformat()
        params["hi"] = (dt.date.fromisoformat(rng[1]) + dt.timedelta(days=DATE_SLACK_DAYS)).isoformat()
    codes = report.participants
    if codes:
        q = q.where(events.c.id.in_(_INVOLVED))
        params["keys"] = sorted(c for c in codes if not c.startswith("country:"))
        params["countries"] = sorted(c.split(":", 1)[1] for c in codes if c.startswith("country:"))
    q = q.order_by(events.c.sort_date.desc()).limit(CANDIDATE_LIMIT)
    ids = [r.id for r in conn.execute(q, params)]
    if not ids:
        return {}
    rows = conn.execute(_SOURCES, {"ids": ids, "per_story": SOURCES_PER_STORY}).mappings().all()
    country = _countries(conn, (k for r in rows for k in (*r["actor_keys"], *r["recipient_keys"])))
    out: dict[str, list[Report]] = {}
    for r in rows:
        out.setdefault(r["event_id"], []).append(_report(dict(r), country))
    return out


_STORY_SOURCES = (
    sa.select(event_sources, articles.c.published)
    .join(articles, articles.c.id == event_sources.c.article_id)
    .where(event_sources.c.event_id == sa.bindparam("sid"))
    .order_by(event_sources.c.id)
)
_CLEAR_PARTS = event_actors.delete().where(event_actors.c.event_id == sa.bindparam("sid"))
_DROP_STORY = events.delete().where(events.c.id == sa.bindparam("sid"))
_UPDATE_STORY = events.update().where(events.c.id == sa.bindparam("sid"))
_ENTITY = sa.select(entities).where(entities.c.key == sa.bindparam("k"))
_UPDATE_ENTITY = entities.update().where(entities.c.key == sa.bindparam("k"))


def refresh_story(conn: Connection, story_id: str) -> None:
    """Recompute a story event from all its reports (date, mode, participants, conflicts)."""
    rows = conn.execute(_STORY_SOURCES, {"sid": story_id}).mappings().all()
    conn.execute(_CLEAR_PARTS, {"sid": story_id})
    if not rows:
        conn.execute(_DROP_STORY, {"sid": story_id})
        return
    keys = {k for r in rows for k in (*r["actor_keys"], *r["recipient_keys"])}
    s = summarize([dict(r) for r in rows], {k: v[0] for k, v in _countries(conn, keys).items()})
    published = sorted(r["published"] for r in rows if r["published"])
    conn.execute(
        _UPDATE_STORY,
        {
            "sid": story_id,
            **s,
            "quad": quad_of(s["type"]),
            "sort_date": s["date_min"] or (published[0][:10] if published else None),
            "location_key": next((r["location_key"] for r in rows if r["location_key"]), None),
            "summary": rows[0]["sentence"],
        },
    )
    parts: dict[tuple[str, str], None] = {}
    for r in rows:
        for k in r["actor_keys"]:
            parts[(k, "actor")] = None
        for k in r["recipient_keys"]:
            parts[(k, "recipient")] = None
    if parts:
        conn.execute(
            event_actors.insert(), [{"event_id": story_id, "entity_key": k, "role": role} for k, role in parts]
        )


def remove_article(conn: Connection, article_id: str) -> None:
    """Delete an article and everything derived from it, leaving its story events consistent."""
    detach_article_events(conn, article_id)
    for table in (mentions, times, paragraphs):
        conn.execute(table.delete().where(table.c.article_id == article_id))
    conn.execute(articles.delete().where(articles.c.id == article_id))


def detach_article_events(conn: Connection, article_id: str) -> None:
    """Take a superseded revision's reports out of their story events (the record itself is kept)."""
    ids = {
        r.event_id
        for r in conn.execute(sa.select(event_sources.c.event_id).where(event_sources.c.article_id == article_id))
    }
    conn.execute(event_sources.delete().where(event_sources.c.article_id == article_id))
    for story_id in sorted(ids):
        refresh_story(conn, story_id)


def iter_with_progress(
    items: Iterable[Article | Failure], enabled: bool, total: int | None = None
) -> Iterator[Article | Failure]:
    """``items`` with a tqdm bar on stderr (documents/s, and ETA when the total is known)."""
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc="ingest", unit="doc", total=total, dynamic_ncols=True)
