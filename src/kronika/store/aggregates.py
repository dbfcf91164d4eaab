"""Aggregates over the store: the most reported actors, one actor's profile, the balance
of an actor between counterparts, and the actor network.

What these count per entity (articles, mentions, story events, mentions per month) is kept up to
date by ingest (:mod:`kronika.store.entity_rows`), so the actor list and the actor page read a
few rows instead of counting every mention in the archive on each call. Balance and network read
the story events of the actors (or dates) asked for through their indexes and hand them to the
pure functions of :mod:`kronika.stories` that count them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.errors import Errors
from kronika.store.actors import involving, resolve_actor
from kronika.store.filters import check_page, day_bound, factual_choice, factual_where
from kronika.store.schema import entities, entity_months, event_actors, events
from kronika.stories.balance import StoryParticipants, balance_rows
from kronika.stories.dates import at_period
from kronika.stories.network import LEVELS, NetworkRow, build_network


def _entity_dict(r: Any) -> dict[str, Any]:
    return {"name": r.name, "country": r.country, "entity": r.key, "type": r.type, "sector": r.sector}


def _happened(factual: str | bool | None) -> list[sa.ColumnElement[bool]]:
    """The WHERE part that keeps story events by whether they happened (default: only those that did)."""
    cond = factual_where(events.c.factual, factual)
    return [] if cond is None else [cond]


def top_actors(
    conn: Connection, top: int | None = 20, offset: int = 0, factual: str | bool | None = None
) -> list[dict[str, Any]]:
    """Entities by the number of (current) articles naming them, with their mentions and story events
    (``events``: those that happened, unless ``factual="all"``; counted for the page's rows only)."""
    check_page(top, offset)
    rows = conn.execute(
        sa.select(entities)
        .where(entities.c.n_articles > 0)
        .order_by(entities.c.n_articles.desc(), entities.c.n_mentions.desc(), entities.c.name)
        .limit(top)
        .offset(offset)
    ).all()
    # kept by ingest (kronika.store.entity_rows.count_events): counting them here grew with the archive
    happened = bool(_happened(factual))
    counts = {r.key: r.n_factual_events if happened else r.n_events for r in rows}
    return [
        {**_entity_dict(r), "articles": r.n_articles, "mentions": r.n_mentions, "events": counts[r.key]} for r in rows
    ]


def actor_profile(conn: Connection, query: str, factual: str | bool | None = None) -> dict[str, Any] | None:
    """One actor: offices held (with the span of articles reporting them), mentions per month,
    events by type and role, most frequent counterparts (story events that happened, unless
    ``factual="all"``). ``query`` is an entity key or a name (the most mentioned entity the name
    matches)."""
    row = conn.execute(sa.select(entities).where(entities.c.key == query)).first()
    if row is None:
        m = resolve_actor(conn, query)
        if not m.keys:
            return None
        row = conn.execute(
            sa.select(entities)
            .where(entities.c.key.in_(sorted(m.keys)))
            .order_by(entities.c.n_mentions.desc(), entities.c.key)
            .limit(1)
        ).first()
        if row is None:
            return None
    key = row.key
    months = conn.execute(
        sa.select(entity_months.c.month, entity_months.c.mentions, entity_months.c.articles)
        .where(entity_months.c.entity_key == key, entity_months.c.articles > 0)
        .order_by(entity_months.c.month)
    ).all()
    by_type: Counter[str] = Counter()
    by_role: Counter[str] = Counter()
    for r in conn.execute(
        sa.select(events.c.type, event_actors.c.role, sa.func.count().label("n"))
        .join(event_actors, event_actors.c.event_id == events.c.id)
        .where(event_actors.c.entity_key == key, *_happened(factual))
        .group_by(events.c.type, event_actors.c.role)
    ):
        by_type[r.type] += r.n
        by_role[r.role] += r.n
    mine = (
        sa.select(event_actors.c.event_id)
        .join(events, events.c.id == event_actors.c.event_id)
        .where(event_actors.c.entity_key == key, *_happened(factual))
        .distinct()
    )
    n = sa.func.count().label("n")
    partners = conn.execute(
        sa.select(event_actors.c.entity_key, entities.c.name, n)
        .join(entities, entities.c.key == event_actors.c.entity_key)
        .where(event_actors.c.event_id.in_(mine), event_actors.c.entity_key != key)
        .group_by(event_actors.c.entity_key, entities.c.name)
        .order_by(n.desc(), event_actors.c.entity_key)
        .limit(10)
    ).all()
    return {
        **_entity_dict(row),
        "kb_id": row.kb_id,
        "first_seen": row.first_seen,
        "offices": row.roles or [],
        "mentions_by_month": [{"month": r.month, "mentions": r.mentions, "articles": r.articles} for r in months],
        "events_by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        "events_by_role": dict(by_role),
        "counterparts": [{"entity": r.entity_key, "name": r.name, "events": r.n} for r in partners],
        "factual": factual_choice(factual),
    }


def balance(
    conn: Connection, actor: str, between: Sequence[str], by: str = "month", factual: str | bool | None = None
) -> list[dict[str, Any]]:
    """Cooperation vs conflict between ``actor`` and each counterpart, per period, in PLOVER quad classes
    (story events that happened, unless ``factual="all"``).

    The store fetches the participants of the actor's dated story events (through the index of
    its participants); the counting is :func:`kronika.stories.balance.balance_rows` (which
    documents the columns).
    """
    at_period("2000-01-01", by)  # validates ``by`` before touching the database
    a = resolve_actor(conn, actor)
    sides = {b.strip(): resolve_actor(conn, b.strip()) for b in between if b.strip()}
    if not a or not sides:
        return []
    rows = conn.execute(
        sa.select(
            events.c.id, events.c.quad, events.c.sort_date, event_actors.c.role, entities.c.key, entities.c.country
        )
        .join(event_actors, event_actors.c.event_id == events.c.id)
        .join(entities, entities.c.key == event_actors.c.entity_key)
        .where(
            events.c.id.in_(sa.union(*parts) if len(parts := involving(a)) > 1 else parts[0]),
            events.c.sort_date.is_not(None),
            events.c.quad.is_not(None),
            *_happened(factual),
        )
    ).all()
    by_event: dict[str, StoryParticipants] = {}
    for r in rows:
        by_event.setdefault(r.id, StoryParticipants(r.quad, r.sort_date)).parts.append((r.role, r.key, r.country))
    return balance_rows(by_event.values(), actor, a.matches, {n: m.matches for n, m in sides.items()}, by)


def network(
    conn: Connection,
    since: str | None = None,
    until: str | None = None,
    level: str = "entity",
    factual: str | bool | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Who acts on whom (see :func:`kronika.stories.network.build_network`) over the story events
    between ``since`` and ``until`` that happened (all of them with ``factual="all"``): one query,
    the dates through their indexes."""
    if level not in LEVELS:
        raise Errors.E611(level=level)
    q = (
        sa.select(
            events.c.id,
            events.c.quad,
            events.c.type.label("event_type"),
            event_actors.c.role,
            entities.c.key,
            entities.c.name,
            entities.c.type,
            entities.c.country,
        )
        .join(event_actors, event_actors.c.event_id == events.c.id)
        .join(entities, entities.c.key == event_actors.c.entity_key)
        .where(*_happened(factual))
    )
    if since:
        lo = day_bound(since, "--since")
        q = q.where(sa.or_(events.c.date_max >= lo, sa.and_(events.c.date_max.is_(None), events.c.sort_date >= lo)))
    if until:
        q = q.where(events.c.sort_date <= day_bound(until, "--until", end=True))
    rows: list[NetworkRow] = []
    types: dict[str, str] = {}
    # fetched at once and unpacked by position: one row per participant of every event (~260k at 10k
    # articles), and SQLAlchemy's row-at-a-time iteration was half of the whole network's cost
    for eid, quad, etype, role, key, name, typ, country in conn.execute(q).all():
        rows.append(NetworkRow(eid, quad, role, key, name, typ, country))
        types[eid] = etype
    return build_network(rows, types, level)
