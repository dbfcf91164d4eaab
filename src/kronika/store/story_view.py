"""Reading stories: one story with its sources by outlet and its claims table; contested stories
(the writing side, merging reports into stories, is :mod:`kronika.store.stories`).

A story is a story event (``events``) with the reports merged into it (``event_sources``). The
story dict is the store's usual story-event dict (:func:`kronika.store.queries.hydrate_events`)
plus ``outlets`` (sources grouped by outlet) and ``claims`` (:func:`kronika.stories.claims.claims`:
each claim with who says it, the outlet, the date, the evidence sentence and the stance, and
whether another article contradicts it).

"Contested" means the sources disagree on something a reader compares: a count, a date, who did
it, the outcome, whether it happened at all. The stored ``conflicts`` already say that for every
story (ingest recomputes them when a report joins), so listing contested stories is one query.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.store.queries import hydrate_events
from kronika.store.schema import articles, entities, event_sources, events
from kronika.stories.claims import claims, contested_kinds

# Conflicts that make a story contested (``actors``/``recipients`` only say one article names
# more participants than another, which is no disagreement about what happened).
CONTESTED = ("date", "negated", "counts", "outcome", "done_by", "mode")


def story(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """The story event ``story_id`` with ``outlets`` and ``claims``; None when there is none."""
    found = hydrate_events(conn, [story_id])
    if not found:
        return None
    ev = found[0]
    rows = [
        dict(r)
        for r in conn.execute(
            sa.select(event_sources, articles.c.outlet, articles.c.published, articles.c.title)
            .join(articles, articles.c.id == event_sources.c.article_id)
            .where(event_sources.c.event_id == story_id)
            .order_by(articles.c.published, event_sources.c.id)
        ).mappings()
    ]
    keys = sorted({k for r in rows for k in (*r["actor_keys"], *r["recipient_keys"])})
    countries = (
        {
            r.key: r.country
            for r in conn.execute(sa.select(entities.c.key, entities.c.country).where(entities.c.key.in_(keys)))
        }
        if keys
        else {}
    )
    table = claims(rows, countries)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in ev["sources"]:
        by_outlet[s.get("outlet") or "unknown outlet"].append(s)
    ev["outlets"] = [{"outlet": o, "sources": ss} for o, ss in sorted(by_outlet.items(), key=lambda x: -len(x[1]))]
    ev["claims"] = table
    ev["contested"] = contested_kinds(table)
    return ev


def is_contested(conflicts: dict[str, Any] | None) -> bool:
    """Whether stored ``conflicts`` hold a disagreement about what happened (see :data:`CONTESTED`)."""
    return any(k in (conflicts or {}) for k in CONTESTED)


def contested_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Which of ``ids`` are contested stories (for marking them on a timeline)."""
    if not ids:
        return set()
    q = sa.select(events.c.id, events.c.conflicts).where(events.c.id.in_(ids))
    return {r.id for r in conn.execute(q) if is_contested(r.conflicts)}


def stories(
    conn: Connection, contested: bool = False, limit: int | None = 50, min_articles: int = 1
) -> list[dict[str, Any]]:
    """Story events reported by at least ``min_articles`` articles, most sources first; with
    ``contested`` only those whose sources disagree (two or more articles and a contested conflict).

    The filter reads ``n_articles`` (a column) and the stored ``conflicts``; the JSON test runs only
    on stories with several articles, a small part of a big store.
    """
    q = sa.select(events.c.id, events.c.conflicts).where(
        events.c.n_articles >= max(min_articles, 2 if contested else 1)
    )
    q = q.order_by(events.c.n_articles.desc(), events.c.sort_date.desc(), events.c.id)
    ids: list[str] = []
    for r in conn.execute(q):
        if contested and not is_contested(r.conflicts):
            continue
        ids.append(r.id)
        if limit is not None and len(ids) >= limit:
            break
    evs = hydrate_events(conn, ids)
    for e in evs:
        e["contested"] = sorted(k for k in e["conflicts"] if k in CONTESTED)
    return evs
