"""Read queries over the store; every function returns plain dicts (JSON-ready).

Story events come back in one shape everywhere (CLI, Python API, HTTP API, exports) -- see
:func:`hydrate_events`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.errors import Errors
from kronika.store.actors import ActorMatch, resolve_actor
from kronika.store.schema import articles, entities, errors, event_actors, event_sources, events, mentions, times
from kronika.stories.balance import StoryParticipants, balance_rows
from kronika.stories.dates import at_period
from kronika.stories.network import LEVELS, NetworkRow, build_network
from kronika.stories.quad import QUAD_NAMES


@dataclass(frozen=True)
class EventFilter:
    """The filters every event query accepts (``None`` = no filter).

    ``actor``/``with_``: a name or code (see :func:`~kronika.store.actors.resolve_actor`); with both,
    only events involving both. ``since``/``until``: ISO dates, inclusive, compared with the
    event's date range. ``type``: PLOVER type(s), comma-separated. ``place``: text of the location.
    ``outlet``: text of a reporting outlet.
    """

    actor: str | None = None
    with_: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None


def _involving(m: ActorMatch) -> sa.Select:
    return (
        sa.select(event_actors.c.event_id)
        .join(entities, entities.c.key == event_actors.c.entity_key)
        .where(m.condition())
    )


def event_query(conn: Connection, f: EventFilter) -> sa.Select | None:
    """The ``SELECT events.id`` for a filter, in timeline order; None when an actor matches nothing."""
    q = sa.select(events.c.id, events.c.sort_date)
    for name in (f.actor, f.with_):
        if name:
            m = resolve_actor(conn, name)
            if not m:
                return None
            q = q.where(events.c.id.in_(_involving(m)))
    if f.since:
        q = q.where(sa.func.coalesce(events.c.date_max, events.c.sort_date) >= _iso(f.since, "--since"))
    if f.until:
        q = q.where(sa.func.coalesce(events.c.date_min, events.c.sort_date) <= _iso(f.until, "--until", end=True))
    if f.type:
        q = q.where(events.c.type.in_([t.strip().upper() for t in f.type.split(",") if t.strip()]))
    if f.place:
        pat = f"%{f.place.lower()}%"
        by_source = sa.select(event_sources.c.event_id).where(sa.func.lower(event_sources.c.location_text).like(pat))
        q = q.where(sa.or_(sa.func.lower(events.c.location).like(pat), events.c.id.in_(by_source)))
    if f.outlet:
        pat = f"%{f.outlet.lower()}%"
        by_outlet = (
            sa.select(event_sources.c.event_id)
            .join(articles, articles.c.id == event_sources.c.article_id)
            .where(sa.func.lower(articles.c.outlet).like(pat))
        )
        q = q.where(events.c.id.in_(by_outlet))
    return q.order_by(events.c.sort_date.is_(None), events.c.sort_date, events.c.id)


def _iso(value: str, option: str, end: bool = False) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first (or, for --until, last) day."""
    from kronika.stories.dates import date_range

    rng = date_range(value)
    if rng is None:
        raise Errors.E610(option=option, value=value)
    return rng[1] if end else rng[0]


def find_events(conn: Connection, f: EventFilter, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    q = event_query(conn, f)
    if q is None:
        return []
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    return hydrate_events(conn, [r.id for r in conn.execute(q)])


def iter_events(conn: Connection, f: EventFilter, batch: int = 500) -> Iterator[dict[str, Any]]:
    """All matching story events, a batch at a time (memory stays bounded on big stores)."""
    offset = 0
    while True:
        chunk = find_events(conn, f, limit=batch, offset=offset)
        yield from chunk
        if len(chunk) < batch:
            return
        offset += batch


def _entity_dict(r: Any) -> dict[str, Any]:
    return {"name": r.name, "country": r.country, "entity": r.key, "type": r.type, "sector": r.sector}


def hydrate_events(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Story-event dicts for ``ids`` (in that order).

    Keys: ``id``, ``type``, ``mode``, ``quad`` / ``quad_class`` (PLOVER), ``date`` (ISO at its
    granularity) and ``granularity``, ``actors`` / ``recipients`` (each ``{name, country, entity,
    type, sector}``), ``location``, ``evidence`` (the first source's sentence), ``sources`` (one per
    reporting article: ``article_id, title, outlet, published, url, evidence, date, actor,
    recipient, mode, modality, negated, claim_source, stance`` and ``more_evidence`` when the article
    reports it more than once), and ``conflicts`` (what the sources disagree on, with who said what).
    """
    if not ids:
        return []
    evs = {r.id: r for r in conn.execute(sa.select(events).where(events.c.id.in_(ids)))}
    parts: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    names: dict[str, str] = {}
    for r in conn.execute(
        sa.select(event_actors.c.event_id, event_actors.c.role, entities)
        .join(entities, entities.c.key == event_actors.c.entity_key)
        .where(event_actors.c.event_id.in_(ids))
        .order_by(entities.c.name)
    ):
        parts[r.event_id][r.role].append(_entity_dict(r))
        names[r.key] = r.name
    srcs: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in conn.execute(
        sa.select(event_sources, articles.c.title, articles.c.outlet, articles.c.published, articles.c.url)
        .join(articles, articles.c.id == event_sources.c.article_id)
        .where(event_sources.c.event_id.in_(ids))
        .order_by(articles.c.published, event_sources.c.id)
    ).mappings():
        by_article = srcs[r["event_id"]]
        if r["article_id"] in by_article:
            seen = by_article[r["article_id"]]
            if r["sentence"] != seen["evidence"] and r["sentence"] not in seen.get("more_evidence", []):
                seen.setdefault("more_evidence", []).append(r["sentence"])
            continue
        by_article[r["article_id"]] = {
            "article_id": r["article_id"],
            "title": r["title"],
            "outlet": r["outlet"],
            "published": r["published"],
            "url": r["url"],
            "evidence": r["sentence"],
            "date": r["date"],
            "actor": r["actor_text"],
            "recipient": r["recipient_text"],
            "mode": r["mode"],
            "modality": r["modality"],
            "negated": r["negated"],
            "claim_source": r["claim_source"],
            "stance": r["stance"],
        }
    out = []
    for i in ids:
        e = evs.get(i)
        if e is None:
            continue
        out.append(
            {
                "id": e.id,
                "type": e.type,
                "mode": e.mode,
                "quad": e.quad,
                "quad_class": QUAD_NAMES.get(e.quad) if e.quad else None,
                "date": e.date,
                "granularity": e.granularity,
                "actors": parts[i]["actor"],
                "recipients": parts[i]["recipient"],
                "location": e.location,
                "evidence": e.summary,
                "n_articles": e.n_articles,
                "sources": list(srcs[i].values()),
                "conflicts": readable_conflicts(e.conflicts or {}, names),
            }
        )
    return out


def readable_conflicts(c: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """Stored conflicts with entity names: ``{"date": [{"value", "sources"}], "actors": [{"name",
    "entity", "reported_by"}], ...}`` -- each value with the articles that gave it."""
    out: dict[str, Any] = {}
    for k, v in c.items():
        if k in ("actors", "recipients"):
            out[k] = [{"name": names.get(key, key), "entity": key, "reported_by": arts} for key, arts in v.items()]
        elif k == "counts":
            out[k] = {f: [{"value": val, "sources": arts} for val, arts in vals.items()] for f, vals in v.items()}
        else:
            out[k] = [{"value": val, "sources": arts} for val, arts in v.items()]
    return out


def top_actors(conn: Connection, top: int = 20) -> list[dict[str, Any]]:
    """Entities by the number of (current) articles naming them, with their event counts."""
    n_art = sa.func.count(sa.distinct(mentions.c.article_id)).label("articles")
    n_men = sa.func.count(mentions.c.id).label("mentions")
    counts = (
        sa.select(mentions.c.entity_key, n_art, n_men)
        .join(articles, sa.and_(articles.c.id == mentions.c.article_id, articles.c.current))
        .group_by(mentions.c.entity_key)
        .subquery()
    )
    rows = conn.execute(
        sa.select(entities, counts.c.articles, counts.c.mentions)
        .join(counts, counts.c.entity_key == entities.c.key)
        .order_by(counts.c.articles.desc(), counts.c.mentions.desc(), entities.c.name)
        .limit(top)
    ).all()
    n_ev = dict(
        conn.execute(
            sa.select(event_actors.c.entity_key, sa.func.count(sa.distinct(event_actors.c.event_id)))
            .where(event_actors.c.entity_key.in_([r.key for r in rows]))
            .group_by(event_actors.c.entity_key)
        ).all()
    )
    return [
        {**_entity_dict(r), "articles": r.articles, "mentions": r.mentions, "events": n_ev.get(r.key, 0)} for r in rows
    ]


def actor_profile(conn: Connection, query: str) -> dict[str, Any] | None:
    """One actor: offices held (with the span of articles reporting them), mentions per month,
    events by type and role, most frequent counterparts. ``query`` is an entity key or a name."""
    row = conn.execute(sa.select(entities).where(entities.c.key == query)).first()
    if row is None:
        m = resolve_actor(conn, query)
        if not m.keys:
            return None
        counts = Counter(
            dict(
                conn.execute(
                    sa.select(mentions.c.entity_key, sa.func.count())
                    .where(mentions.c.entity_key.in_(sorted(m.keys)))
                    .group_by(mentions.c.entity_key)
                ).all()
            )
        )
        best = max(sorted(m.keys), key=lambda k: counts.get(k, 0))
        row = conn.execute(sa.select(entities).where(entities.c.key == best)).first()
    key = row.key
    per_month: Counter[str] = Counter()
    per_month_articles: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(
        sa.select(mentions.c.article_id, articles.c.published)
        .join(articles, articles.c.id == mentions.c.article_id)
        .where(mentions.c.entity_key == key, articles.c.current)
    ):
        month = r.published[:7] if r.published else "unknown"
        per_month[month] += 1
        per_month_articles[month].add(r.article_id)
    by_type: Counter[str] = Counter()
    by_role: Counter[str] = Counter()
    ev_ids: set[str] = set()
    for r in conn.execute(
        sa.select(events.c.id, events.c.type, event_actors.c.role)
        .join(event_actors, event_actors.c.event_id == events.c.id)
        .where(event_actors.c.entity_key == key)
    ):
        by_type[r.type] += 1
        by_role[r.role] += 1
        ev_ids.add(r.id)
    partners: Counter[str] = Counter()
    pnames: dict[str, str] = {}
    if ev_ids:
        for r in conn.execute(
            sa.select(event_actors.c.entity_key, entities.c.name)
            .join(entities, entities.c.key == event_actors.c.entity_key)
            .where(event_actors.c.event_id.in_(sorted(ev_ids)), event_actors.c.entity_key != key)
        ):
            partners[r.entity_key] += 1
            pnames[r.entity_key] = r.name
    return {
        **_entity_dict(row),
        "kb_id": row.kb_id,
        "first_seen": row.first_seen,
        "offices": row.roles or [],
        "mentions_by_month": [
            {"month": m, "mentions": per_month[m], "articles": len(per_month_articles[m])} for m in sorted(per_month)
        ],
        "events_by_type": dict(by_type.most_common()),
        "events_by_role": dict(by_role),
        "counterparts": [{"entity": k, "name": pnames[k], "events": n} for k, n in partners.most_common(10)],
    }


def balance(conn: Connection, actor: str, between: Sequence[str], by: str = "month") -> list[dict[str, Any]]:
    """Cooperation vs conflict between ``actor`` and each counterpart, per period, in PLOVER quad classes.

    The store fetches the participants of the actor's dated story events; the counting is
    :func:`kronika.stories.balance.balance_rows` (which documents the columns).
    """
    at_period("2000-01-01", by)  # validates ``by`` before touching the database
    a = resolve_actor(conn, actor)
    sides = {b.strip(): resolve_actor(conn, b.strip()) for b in between if b.strip()}
    if not a or not sides:
        return []
    matches = [a, *sides.values()]
    cond = sa.or_(*(m.condition() for m in matches))
    rows = conn.execute(
        sa.select(
            events.c.id, events.c.quad, events.c.sort_date, event_actors.c.role, entities.c.key, entities.c.country
        )
        .join(event_actors, event_actors.c.event_id == events.c.id)
        .join(entities, entities.c.key == event_actors.c.entity_key)
        .where(events.c.id.in_(sa.select(event_actors.c.event_id).join(entities).where(a.condition())))
        .where(cond, events.c.sort_date.is_not(None), events.c.quad.is_not(None))
    ).all()
    by_event: dict[str, StoryParticipants] = {}
    for r in rows:
        by_event.setdefault(r.id, StoryParticipants(r.quad, r.sort_date)).parts.append((r.role, r.key, r.country))
    return balance_rows(by_event.values(), actor, a.matches, {n: m.matches for n, m in sides.items()}, by)


def network(
    conn: Connection, since: str | None = None, until: str | None = None, level: str = "entity"
) -> dict[str, list[dict[str, Any]]]:
    """Who acts on whom (see :func:`kronika.stories.network.build_network`) over the story events
    between ``since`` and ``until``."""
    if level not in LEVELS:
        raise Errors.E611(level=level)
    q = event_query(conn, EventFilter(since=since, until=until))
    assert q is not None
    ids = sa.select(q.subquery().c.id)
    rows = [
        NetworkRow(r.id, r.quad, r.role, r.key, r.name, r.etype, r.country)
        for r in conn.execute(
            sa.select(
                events.c.id,
                events.c.quad,
                event_actors.c.role,
                entities.c.key,
                entities.c.name,
                entities.c.type.label("etype"),
                entities.c.country,
            )
            .join(event_actors, event_actors.c.event_id == events.c.id)
            .join(entities, entities.c.key == event_actors.c.entity_key)
            .where(events.c.id.in_(ids))
        )
    ]
    ids_seen = list(dict.fromkeys(r.event for r in rows))
    types = dict(conn.execute(sa.select(events.c.id, events.c.type).where(events.c.id.in_(ids_seen))).all())
    return build_network(rows, types, level)


def article_list(conn: Connection, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    cols = [c for c in articles.c if c.name not in ("text", "record")]
    rows = conn.execute(
        sa.select(*cols)
        .order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.id)
        .limit(limit)
        .offset(offset)
    ).mappings()
    return [dict(r) for r in rows]


def article_detail(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """The stored kronika.article/1 record plus a ``stored`` block (revision, story events per event)."""
    row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().first()
    if row is None and len(article_id) >= 6:  # a unique prefix is enough, as with git hashes
        found = conn.execute(sa.select(articles).where(articles.c.id.like(f"{article_id}%")).limit(2)).mappings().all()
        row = found[0] if len(found) == 1 else None
    if row is None:
        return None
    story = dict(
        conn.execute(
            sa.select(event_sources.c.local_id, event_sources.c.event_id).where(event_sources.c.article_id == row["id"])
        ).all()
    )
    later = conn.execute(sa.select(articles.c.id).where(articles.c.revision_of == row["id"])).first()
    return {
        **row["record"],
        "stored": {
            "revision": row["revision"],
            "revision_of": row["revision_of"],
            "superseded_by": later.id if later else None,
            "current": row["current"],
            "locator": row["locator"],
            "ingested_at": row["ingested_at"],
            "story_events": story,
        },
    }


def stats(conn: Connection) -> dict[str, Any]:
    def one(q: Any) -> Any:
        return conn.execute(q).scalar()

    cur = articles.c.current
    return {
        "backend": conn.dialect.name,
        "articles": one(sa.select(sa.func.count()).select_from(articles).where(cur)),
        "revisions": one(sa.select(sa.func.count()).select_from(articles).where(~cur)),
        "outlets": one(sa.select(sa.func.count(sa.distinct(articles.c.outlet))).where(cur)),
        "published_from": one(sa.select(sa.func.min(articles.c.published)).where(cur)),
        "published_to": one(sa.select(sa.func.max(articles.c.published)).where(cur)),
        "entities": one(sa.select(sa.func.count()).select_from(entities)),
        "mentions": one(sa.select(sa.func.count()).select_from(mentions)),
        "times": one(sa.select(sa.func.count()).select_from(times)),
        "event_reports": one(sa.select(sa.func.count()).select_from(event_sources)),
        "story_events": one(sa.select(sa.func.count()).select_from(events)),
        "multi_source_events": one(sa.select(sa.func.count()).select_from(events).where(events.c.n_articles > 1)),
        "events_with_conflicts": one(
            sa.select(sa.func.count()).select_from(events).where(sa.cast(events.c.conflicts, sa.Text) != "{}")
        ),
        "events_from": one(sa.select(sa.func.min(events.c.date_min))),
        "events_to": one(sa.select(sa.func.max(events.c.date_max))),
        "errors": one(sa.select(sa.func.count()).select_from(errors)),
    }


def error_list(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sa.select(errors).order_by(errors.c.id)).mappings()]
