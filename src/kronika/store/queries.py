"""Read queries over the store: story events by filter, articles, stats, errors.

Every filter of :class:`~kronika.store.filters.EventFilter` is answered through an index (the
tests check the plans): actors, places and outlets by name terms (:mod:`kronika.store.terms`),
types by ``events(type, date_min)``, dates by ``events(sort_date, id)`` and ``events(date_max)``.
Lists come a page at a time (``limit``/``offset``) in timeline order -- dated events by date, then
undated ones -- read straight off the ``sort_date`` index, so the first page of a big timeline
costs no more than the first page of a small one. Story events come back in one shape everywhere
(CLI, Python API, HTTP API, exports): see :func:`hydrate_events`. Aggregates (actors, balance,
network) are in :mod:`kronika.store.aggregates`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.store.actors import involving, resolve_actor, resolve_outlets, resolve_places
from kronika.store.filters import EventFilter, check_page, day_bound, factual_where
from kronika.store.schema import articles, entities, errors, event_actors, event_sources, events, mentions, times
from kronika.stories.quad import QUAD_NAMES

__all__ = ["EventFilter", "event_ids", "find_events", "hydrate_events", "iter_events"]


def event_where(conn: Connection, f: EventFilter) -> list[sa.ColumnElement[bool]] | None:
    """WHERE conditions on ``events`` for a filter; None when a name in it matches nothing stored."""
    where: list[sa.ColumnElement[bool]] = []
    sets: list[list[sa.Select[Any]]] = []  # actor, pair, place, outlet: sets of event ids (see _within)
    happened = factual_where(events.c.factual, f.factual)
    if happened is not None:
        where.append(happened)
    for name in (f.actor, f.with_):
        if name:
            m = resolve_actor(conn, name)
            if not m:
                return None
            sets.append(involving(m))
    if f.since:
        since = day_bound(f.since, "--since")
        # an event reaches into the window when its range ends in it; undated ones by their sort date
        where.append(
            sa.or_(events.c.date_max >= since, sa.and_(events.c.date_max.is_(None), events.c.sort_date >= since))
        )
    if f.until:
        where.append(events.c.sort_date <= day_bound(f.until, "--until", end=True))
    if f.type:
        where.append(events.c.type.in_(f.types()))
    if f.place:
        keys = resolve_places(conn, f.place)
        if not keys:
            return None
        located = sa.select(event_sources.c.event_id).where(event_sources.c.location_key.in_(keys))
        # a city or region that is a party ("Russia attacked Kyiv") is where the event happened too
        places = sa.select(entities.c.key).where(entities.c.key.in_(keys), entities.c.type == "PLACE")
        at_place = sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(places))
        sets.append([located, at_place])
    if f.outlet:
        names = resolve_outlets(conn, f.outlet)
        if not names:
            return None
        sets.append(
            [
                sa.select(event_sources.c.event_id)
                .join(articles, articles.c.id == event_sources.c.article_id)
                .where(articles.c.outlet.in_(names))
            ]
        )
    return where + _within(conn, sets)


# A filter matching at most this many story events is read as a list of ids (then sorted by date);
# a bigger one is checked event by event while walking the date index, which stops after one page.
# Where the two cost the same: reading the list costs its length, walking costs one probe per
# event until a page is full (page size / the share of events that match); at 200 a page and
# 10k-100k events that meets at a few thousand. At 10k articles, events from an outlet with 80 % of
# them took 197 ms as a list and take under 1 ms walking; a rare outlet is the other way round.
BIG_SET = 3000


def _in(parts: list[sa.Select[Any]]) -> sa.ColumnElement[bool]:
    return sa.or_(*(events.c.id.in_(p) for p in parts))


def _exists(parts: list[sa.Select[Any]]) -> sa.ColumnElement[bool]:
    return sa.or_(*(p.where(p.selected_columns[0] == events.c.id).exists() for p in parts))


def _bounded_count(conn: Connection, q: sa.Select[Any] | sa.CompoundSelect[Any]) -> int:
    """Rows of ``q``, counted up to :data:`BIG_SET` (reads at most that many index entries)."""
    return conn.execute(sa.select(sa.func.count()).select_from(q.limit(BIG_SET).subquery())).scalar() or 0


def _within(conn: Connection, sets: list[list[sa.Select[Any]]]) -> list[sa.ColumnElement[bool]]:
    """``events.id`` is in each of ``sets`` (each a list of ``SELECT <event id column> ...`` parts,
    any of which may hold it): as ``IN`` for a small set, as ``EXISTS`` per event for a big one
    (see :data:`BIG_SET`). When every set is big, their intersection may still be small (two busy
    actors rarely meeting: walking the dates for it took 190 ms at 10k articles), so it is counted
    too and read as a list when it is."""
    sizes = [_bounded_count(conn, parts[0] if len(parts) == 1 else sa.union_all(*parts)) for parts in sets]
    big = [parts for parts, n in zip(sets, sizes, strict=True) if n >= BIG_SET]
    out = [_in(parts) for parts, n in zip(sets, sizes, strict=True) if n < BIG_SET]
    if len(big) >= 2 and not out:
        first = (big[0][0] if len(big[0]) == 1 else sa.union_all(*big[0])).subquery()
        both = sa.select(first.c[0]).where(*(sa.or_(*(first.c[0].in_(p) for p in parts)) for parts in big[1:]))
        if _bounded_count(conn, both) < BIG_SET:
            return [events.c.id.in_(both)]
    return out + [_exists(parts) for parts in big]


def dated_first(
    conn: Connection,
    query: sa.Select[Any],
    date: sa.Column[Any],
    key: sa.Column[Any],
    limit: int | None,
    offset: int = 0,
    newest: bool = False,
) -> list[Any]:
    """One page of ``query``'s rows (it selects ``key``), ordered by ``date`` (then ``key``) with
    the rows without a date last.

    The two parts are read separately so that each is one range of a ``(date, key)`` index in
    index order: a page costs the same whatever the table size (``ORDER BY date IS NULL, ...``
    would sort every matching row first).
    """
    check_page(limit, offset)
    if limit == 0:
        return []
    order = (date.desc(), key.desc()) if newest else (date, key)
    dated = query.where(date.is_not(None))
    rows = [r[0] for r in conn.execute(dated.order_by(*order).limit(limit).offset(offset))]
    if limit is not None and len(rows) >= limit:
        return rows
    skip = 0
    if offset and not rows:  # the page starts past the dated rows: how far into the undated ones?
        n_dated = conn.execute(sa.select(sa.func.count()).select_from(dated.subquery())).scalar() or 0
        skip = max(0, offset - n_dated)
    rest = None if limit is None else limit - len(rows)
    undated = query.where(date.is_(None)).order_by(key)
    return rows + [r[0] for r in conn.execute(undated.limit(rest).offset(skip))]


def event_ids(conn: Connection, f: EventFilter, limit: int | None, offset: int = 0, newest: bool = False) -> list[str]:
    """Ids of one page of matching story events: dated ones by date (oldest first, or newest first
    with ``newest``), then undated ones. ``limit=None``: all of them."""
    check_page(limit, offset)
    where = event_where(conn, f)
    if where is None:
        return []
    q = sa.select(events.c.id).where(*where)
    return dated_first(conn, q, events.c.sort_date, events.c.id, limit, offset, newest)


def find_events(
    conn: Connection, f: EventFilter, limit: int | None = None, offset: int = 0, newest: bool = False
) -> list[dict[str, Any]]:
    return hydrate_events(conn, event_ids(conn, f, limit, offset, newest))


def iter_events(conn: Connection, f: EventFilter, batch: int = 500) -> Iterator[dict[str, Any]]:
    """All matching story events, a batch at a time (memory stays bounded on big stores)."""
    ids = event_ids(conn, f, None)
    for i in range(0, len(ids), batch):
        yield from hydrate_events(conn, ids[i : i + batch])


_PARTS = (
    sa.select(
        event_actors.c.event_id,
        event_actors.c.role,
        entities.c.key,
        entities.c.name,
        entities.c.country,
        entities.c.type,
        entities.c.sector,
    )
    .join(entities, entities.c.key == event_actors.c.entity_key)
    .where(event_actors.c.event_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(entities.c.name)
)
# Only the columns a story-event dict shows: the JSON columns of a source row (party keys, extra)
# are for merging and exports, and decoding them was most of a page's cost.
_SOURCES = (
    sa.select(
        event_sources.c.event_id,
        event_sources.c.article_id,
        event_sources.c.local_id,
        articles.c.title,
        articles.c.outlet,
        articles.c.published,
        articles.c.url,
        event_sources.c.sentence,
        event_sources.c.date,
        event_sources.c.actor_text,
        event_sources.c.recipient_text,
        event_sources.c.mode,
        event_sources.c.modality,
        event_sources.c.negated,
        event_sources.c.claim_source,
        event_sources.c.stance,
        event_sources.c.factual,
    )
    .join(articles, articles.c.id == event_sources.c.article_id)
    .where(event_sources.c.event_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(articles.c.published, event_sources.c.id)
)
# A source's keys in a story-event dict, in the order of ``_SOURCES``'s columns after event_id
# (``sentence`` is shown as ``evidence``, ``local_id`` as ``event``).
_SOURCE_KEYS = (
    "article_id", "event", "title", "outlet", "published", "url", "evidence", "date", "actor", "recipient",
    "mode", "modality", "negated", "claim_source", "stance", "factual",
)  # fmt: skip
_EVENTS = sa.select(
    events.c.id,
    events.c.type,
    events.c.mode,
    events.c.quad,
    events.c.date,
    events.c.granularity,
    events.c.factual,
    events.c.location,
    events.c.summary,
    events.c.n_articles,
    events.c.conflicts,
).where(events.c.id.in_(sa.bindparam("ids", expanding=True)))


def hydrate_events(conn: Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Story-event dicts for ``ids`` (in that order), in three queries whatever their number.

    Keys: ``id``, ``type``, ``mode``, ``quad`` / ``quad_class`` (PLOVER), ``date`` (ISO at its
    granularity) and ``granularity``, ``factual`` (some source tells it as having happened),
    ``actors`` / ``recipients`` (each ``{name, country, entity, type, sector}``), ``location``,
    ``evidence`` (the first source's sentence), ``sources`` (one per reporting article:
    ``article_id``, ``event`` (the event's id in that article's record), ``title, outlet, published,
    url, evidence, date, actor, recipient, mode, modality, negated, claim_source, stance, factual``
    and ``more_evidence`` when the article reports it more than once), and ``conflicts`` (what the
    sources disagree on, with who said what).

    Rows are unpacked by position: a page of 200 events is ~1,000 rows, and building a mapping per
    row cost more than the queries.
    """
    if not ids:
        return []
    ids = list(dict.fromkeys(ids))
    evs = {r[0]: r for r in conn.execute(_EVENTS, {"ids": ids})}
    parts: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    names: dict[str, str] = {}
    for event_id, role, key, name, country, etype, sector in conn.execute(_PARTS, {"ids": ids}):
        parts[event_id][role].append({"name": name, "country": country, "entity": key, "type": etype, "sector": sector})
        names[key] = name
    srcs: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in conn.execute(_SOURCES, {"ids": ids}):
        by_article = srcs[row[0]]
        seen = by_article.get(row[1])
        if seen is None:
            by_article[row[1]] = dict(zip(_SOURCE_KEYS, row[1:], strict=True))
            continue
        sentence = row[7]
        if sentence != seen["evidence"] and sentence not in seen.get("more_evidence", []):
            seen.setdefault("more_evidence", []).append(sentence)
    out = []
    for i in ids:
        e = evs.get(i)
        if e is None:
            continue
        eid, etype, mode, quad, date, granularity, factual, location, summary, n_articles, conflicts = e
        out.append(
            {
                "id": eid,
                "type": etype,
                "mode": mode,
                "quad": quad,
                "quad_class": QUAD_NAMES.get(quad) if quad else None,
                "date": date,
                "granularity": granularity,
                "factual": factual,
                "actors": parts[i]["actor"],
                "recipients": parts[i]["recipient"],
                "location": location,
                "evidence": summary,
                "n_articles": n_articles,
                "sources": list(srcs[i].values()),
                "conflicts": readable_conflicts(conflicts or {}, names),
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


_LIST_COLUMNS = [c for c in articles.c if c.name not in ("text", "record")]


def article_list(conn: Connection, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles without their text, newest first (undated last)."""
    ids = dated_first(conn, sa.select(articles.c.id), articles.c.published, articles.c.id, limit, offset, True)
    if not ids:
        return []
    rows = {r["id"]: dict(r) for r in conn.execute(sa.select(*_LIST_COLUMNS).where(articles.c.id.in_(ids))).mappings()}
    return [rows[i] for i in ids if i in rows]


def article_records(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Full stored records (each with its ``stored`` block) for many ids, in three queries."""
    if not ids:
        return {}
    rows = conn.execute(sa.select(articles).where(articles.c.id.in_(list(ids)))).mappings().all()
    story: dict[str, dict[str, str]] = defaultdict(dict)
    for r in conn.execute(
        sa.select(event_sources.c.article_id, event_sources.c.local_id, event_sources.c.event_id).where(
            event_sources.c.article_id.in_(list(ids))
        )
    ):
        story[r.article_id][r.local_id] = r.event_id
    later = dict(
        conn.execute(
            sa.select(articles.c.revision_of, articles.c.id).where(articles.c.revision_of.in_(list(ids)))
        ).all()
    )
    return {
        row["id"]: {
            **row["record"],
            "stored": {
                "revision": row["revision"],
                "revision_of": row["revision_of"],
                "superseded_by": later.get(row["id"]),
                "current": row["current"],
                "locator": row["locator"],
                "ingested_at": row["ingested_at"],
                "story_events": story.get(row["id"], {}),
            },
        }
        for row in rows
    }


def article_detail(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """The stored kronika.article/1 record plus a ``stored`` block (revision, story events per event).
    A unique prefix of the id (six characters or more) is enough, as with git hashes."""
    found = article_records(conn, [article_id]).get(article_id)
    if found is None and len(article_id) >= 6:
        prefix = article_id.lower()
        ids = conn.execute(  # a range on the primary key (LIKE would not use it on SQLite)
            sa.select(articles.c.id).where(articles.c.id >= prefix, articles.c.id < prefix + "~").limit(2)
        ).all()
        if len(ids) == 1:
            found = article_records(conn, [ids[0].id]).get(ids[0].id)
    return found


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
        "nonfactual_story_events": one(sa.select(sa.func.count()).select_from(events).where(~events.c.factual)),
        "multi_source_events": one(sa.select(sa.func.count()).select_from(events).where(events.c.n_articles > 1)),
        "events_with_conflicts": one(
            sa.select(sa.func.count()).select_from(events).where(sa.cast(events.c.conflicts, sa.Text) != "{}")
        ),
        "events_from": one(sa.select(sa.func.min(events.c.date_min))),
        "events_to": one(sa.select(sa.func.max(events.c.date_max))),
        "errors": one(sa.select(sa.func.count()).select_from(errors)),
    }


def error_list(conn: Connection, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    check_page(limit, offset)
    q = sa.select(errors).order_by(errors.c.id).limit(limit).offset(offset)
    return [dict(r) for r in conn.execute(q).mappings()]
