"""Storing an article's entities: upserts, name terms, and the activity counts reads rely on.

An entity row is shared by every article that names it (same KB id, or same name and country).
Besides the row itself, ingest keeps three things current so that reads never count the whole
archive: the entity's ``terms`` (name lookups on an index), its ``n_articles``/``n_mentions``
(the actor list) and its ``entity_months`` (the actor page's mentions over time). Only *current*
revisions count: when a revision supersedes an article, the old one's activity is taken back.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.record import Article, Ref
from kronika.store.schema import articles, entities, entity_months, mentions
from kronika.store.terms import add_terms, entity_terms
from kronika.stories.entities import entity_key, text_key

_ENTITY = sa.select(entities).where(entities.c.key == sa.bindparam("k"))
_UPDATE_ENTITY = entities.update().where(entities.c.key == sa.bindparam("k"))


def store_entities(conn: Connection, a: Article) -> dict[str, str]:
    """Upsert the article's entities and insert its mentions; returns local entity id -> entity key."""
    keys: dict[str, str] = {}
    mention_rows: list[dict[str, Any]] = []
    for e in a.entities:
        key = entity_key(e)
        keys[e.id] = key
        roles = [{"title": r.title, "of": r.of} for r in e.roles]
        upsert_entity(conn, key, e.name, e.type, e.country, e.sector, e.kb_id, roles, a.metadata.published)
        mention_rows += [
            {"article_id": a.id, "entity_key": key, "local_id": e.id, "start": m.start, "end": m.end, "text": m.text}
            for m in e.mentions
        ]
    if mention_rows:
        conn.execute(mentions.insert(), mention_rows)
    return keys


def upsert_entity(
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
                roles=merge_roles([], roles, published),
                first_seen=published,
            ),
        )
        add_terms(conn, key, entity_terms(name, etype, kb_id, (r.get("of") for r in roles)))
        return
    changes: dict[str, Any] = {}
    if roles:
        merged = merge_roles(list(row.roles or []), roles, published)
        if merged != row.roles:
            changes["roles"] = merged
            add_terms(conn, key, {f"o:{r['of']}" for r in roles if r.get("of")})
    if sector and not row.sector:
        changes["sector"] = sector
    if published and (not row.first_seen or published < row.first_seen):
        changes["first_seen"] = published
    if changes:
        conn.execute(_UPDATE_ENTITY, {"k": key, **changes})


def merge_roles(known: list[dict[str, Any]], new: list[dict[str, Any]], published: str | None) -> list[dict[str, Any]]:
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


def ref_keys(conn: Connection, value: list[Ref] | Ref | None, keys: dict[str, str]) -> list[str]:
    """Entity keys of an event argument; text no entity resolved becomes a ``text:`` entity."""
    from kronika.record import refs

    out = []
    for r in refs(value):
        if r.entity and r.entity in keys:
            out.append(keys[r.entity])
        elif r.text:
            k = text_key(r.text)
            upsert_entity(conn, k, r.text, "OTHER", None, None, None, [], None)
            out.append(k)
    return list(dict.fromkeys(out))


# -- activity counts ------------------------------------------------------------------------------

_ARTICLE_ACTIVITY = (
    sa.select(mentions.c.entity_key, sa.func.count().label("n"))
    .where(mentions.c.article_id == sa.bindparam("aid"))
    .group_by(mentions.c.entity_key)
)
_PUBLISHED = sa.select(articles.c.published).where(articles.c.id == sa.bindparam("aid"))
_BUMP = entities.update().where(entities.c.key == sa.bindparam("k"))
_MONTHS_HAVE = sa.select(entity_months.c.entity_key).where(
    entity_months.c.month == sa.bindparam("month"),
    entity_months.c.entity_key.in_(sa.bindparam("keys", expanding=True)),
)
_MONTH_BUMP = entity_months.update().where(
    entity_months.c.entity_key == sa.bindparam("k"), entity_months.c.month == sa.bindparam("m")
)


def count_article(conn: Connection, article_id: str, sign: int) -> None:
    """Add (``sign=1``) or take back (``-1``) a current article's mentions in the activity counts."""
    per_key = Counter({r.entity_key: r.n for r in conn.execute(_ARTICLE_ACTIVITY, {"aid": article_id})})
    if not per_key:
        return
    published = conn.execute(_PUBLISHED, {"aid": article_id}).scalar()
    month = published[:7] if published else "unknown"
    conn.execute(
        _BUMP.values(
            n_articles=entities.c.n_articles + sign,
            n_mentions=entities.c.n_mentions + sa.bindparam("dn"),
        ),
        [{"k": k, "dn": sign * n} for k, n in per_key.items()],
    )
    have = {r.entity_key for r in conn.execute(_MONTHS_HAVE, {"month": month, "keys": sorted(per_key)})}
    updates = [{"k": k, "m": month, "dn": sign * n} for k, n in per_key.items() if k in have]
    if updates:
        conn.execute(
            _MONTH_BUMP.values(
                mentions=entity_months.c.mentions + sa.bindparam("dn"),
                articles=entity_months.c.articles + sign,
            ),
            updates,
        )
    fresh = [
        {"entity_key": k, "month": month, "mentions": n, "articles": 1}
        for k, n in per_key.items()
        if k not in have and sign > 0
    ]
    if fresh:
        conn.execute(entity_months.insert(), fresh)


def count_events(
    conn: Connection, left: set[str], joined: set[str], was_factual: bool = False, is_factual: bool = False
) -> None:
    """A story event's participants changed: ``left`` took part before, ``joined`` take part now;
    ``was_factual`` / ``is_factual``: whether it counted as having happened before and now (the
    actor list shows those without recounting them)."""
    for keys, sign in ((left - joined, -1), (joined - left, 1)):
        if keys:
            conn.execute(
                _BUMP.values(n_events=entities.c.n_events + sign),
                [{"k": k} for k in sorted(keys)],
            )
    delta: dict[str, int] = {}
    for k in left:
        delta[k] = delta.get(k, 0) - was_factual
    for k in joined:
        delta[k] = delta.get(k, 0) + is_factual
    changed = [{"k": k, "d": d} for k, d in sorted(delta.items()) if d]
    if changed:
        conn.execute(_BUMP.values(n_factual_events=entities.c.n_factual_events + sa.bindparam("d")), changed)
