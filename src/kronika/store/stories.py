"""Story events in the store: each event report joins the story it matches or starts a new one.

The merge rule itself is :mod:`kronika.stories.merge`; this module is its database side: which
stored stories to compare a new report with (:func:`candidates`), storing the report, and
recomputing a story from all its reports (:func:`refresh_story`).

Candidates are found from the *report* outward, so the cost does not grow with the archive: a
dated report looks only at stories of its type's quad class whose dates can overlap its own (one range of the
``events(type, date_min)`` index), and checks that one of its participants takes part in each
with an indexed probe -- instead of first listing every event of every country involved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.record import Article, Event, refs
from kronika.store.entity_rows import count_events, ref_keys, upsert_entity
from kronika.store.schema import articles, entities, event_actors, event_sources, events
from kronika.stories.dates import date_range
from kronika.stories.entities import text_key
from kronika.stories.merge import Report, best_match, participants, summarize
from kronika.stories.quad import QUAD_OF_TYPE, quad_of

CANDIDATE_LIMIT = 200  # story events compared per report; the newest first
DATE_SLACK_DAYS = 3  # must match the "near" tolerance of the merge rule
LONGEST_SPAN_DAYS = 366  # the widest date a story can have (a year): bounds the date_min range
SOURCES_PER_STORY = 12  # reports of a story compared with a new one: its first ones are enough


@dataclass
class ArticleCache:
    """What merging one article's events reads again and again: the candidate stories' reports and
    the participants' countries. Kept for one article (one transaction), so it is never stale: a
    story the article's own events change is dropped from it."""

    countries: dict[str, tuple[str | None, tuple[str, ...]]] = field(default_factory=dict)
    reports: dict[str, list[Report]] = field(default_factory=dict)


def store_event(
    conn: Connection,
    a: Article,
    ev: Event,
    keys: dict[str, str],
    merge: bool = True,
    cache: ArticleCache | None = None,
) -> int:
    """Store one event report and merge it into a story event; returns 1 if it joined an existing one.

    ``merge=False`` starts a story event for every report (the baseline of the merge benchmark)."""
    actor_keys = ref_keys(conn, ev.actor, keys)
    recipient_keys = ref_keys(conn, ev.recipient, keys)
    loc = ev.location
    loc_key = keys.get(loc.entity or "") if loc else None
    if loc and loc.text and not loc_key:  # a place no entity resolved: findable by name all the same
        loc_key = text_key(loc.text)
        upsert_entity(conn, loc_key, loc.text, "OTHER", None, None, None, [], None)
    rng = date_range(ev.date.value)
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
        "granularity": rng[2] if rng else None,
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
        # counts ride in extra (no schema change): the claims table compares them across outlets
        "extra": {**(ev.extra or {}), **({"counts": [asdict(c) for c in ev.counts]} if ev.counts else {})},
        "factual": bool(ev.factual),
    }
    cache = cache if cache is not None else ArticleCache()
    row_of_report = {**row, "outlet": a.metadata.publication, "published": a.metadata.published}
    report = _report(row_of_report, _countries(conn, actor_keys + recipient_keys, cache))
    hit = best_match(report, candidates(conn, report, rng, cache)) if merge else None
    if hit:
        story_id, score = hit
    else:
        story_id, score = "ev-" + hashlib.sha1(f"{a.id}/{ev.id}".encode()).hexdigest()[:16], None
        conn.execute(events.insert(), dict(id=story_id, type=ev.type, quad=quad_of(ev.type), conflicts={}, n_sources=0))
    conn.execute(event_sources.insert(), {**row, "event_id": story_id, "merge_score": score})
    refresh_story(conn, story_id)
    cache.reports.pop(story_id, None)  # it has a new report: read it again when it is a candidate
    return 1 if hit else 0


_COUNTRIES = sa.select(entities.c.key, entities.c.country, entities.c.roles).where(
    entities.c.key.in_(sa.bindparam("keys", expanding=True))
)


def _countries(
    conn: Connection, keys: Iterable[str], cache: ArticleCache | None = None
) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Entity key -> (country, affiliation codes of the offices it holds), for the merge rule."""
    ks = sorted(set(keys))
    known = cache.countries if cache is not None else {}
    missing = [k for k in ks if k not in known]
    if missing:
        found = {
            r.key: (r.country, tuple(dict.fromkeys(x["of"] for x in r.roles or [] if x.get("of"))))
            for r in conn.execute(_COUNTRIES, {"keys": missing})
        }
        if cache is None:
            return found
        known.update(found)
    return {k: known[k] for k in ks if k in known}


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
        outlet=row.get("outlet"),
        published=row.get("published"),
        factual=not row.get("negated") and row.get("modality") not in ("expected", "hypothetical"),
        expected=row.get("modality") in ("expected", "hypothetical"),
    )


# Statements built once with expanding IN parameters, so SQLAlchemy compiles and caches each once.
def _takes_part(story: Any) -> sa.ColumnElement[bool]:
    """One of the report's participants is in the story: two indexed probes per candidate story."""
    x = event_actors.alias("x")
    y = event_actors.alias("y")
    by_key = sa.exists().where(x.c.event_id == story.c.id, x.c.entity_key.in_(sa.bindparam("keys", expanding=True)))
    by_country = sa.exists(
        sa.select(y.c.event_id)
        .join(entities, entities.c.key == y.c.entity_key)
        .where(y.c.event_id == story.c.id, entities.c.country.in_(sa.bindparam("countries", expanding=True)))
    )
    return sa.or_(by_key, by_country)


def _dated_candidates(by_participants: bool) -> sa.Select[Any]:
    """Stories of the type whose date range can overlap ``[lo, hi]`` (two index ranges: dated, undated)."""
    e1, e2 = events.alias("e1"), events.alias("e2")
    overlapping = sa.select(e1.c.id, e1.c.sort_date).where(
        e1.c.type.in_(sa.bindparam("types", expanding=True)),
        e1.c.date_min.between(sa.bindparam("lo_min"), sa.bindparam("hi")),
        e1.c.date_max >= sa.bindparam("lo"),
    )
    undated = sa.select(e2.c.id, e2.c.sort_date).where(
        e2.c.type.in_(sa.bindparam("types", expanding=True)), e2.c.date_min.is_(None)
    )
    if by_participants:
        overlapping, undated = overlapping.where(_takes_part(e1)), undated.where(_takes_part(e2))
    both = sa.union_all(overlapping, undated).subquery()
    return sa.select(both.c.id).order_by(both.c.sort_date.desc()).limit(CANDIDATE_LIMIT)


_INVOLVED = sa.union(  # an undated report may match any date: start from the participants
    sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(sa.bindparam("keys", expanding=True))),
    sa.select(event_actors.c.event_id)
    .join(entities, entities.c.key == event_actors.c.entity_key)
    .where(entities.c.country.in_(sa.bindparam("countries", expanding=True))),
)
_ANY_DATE = sa.select(events.c.id).where(events.c.type.in_(sa.bindparam("types", expanding=True)))
_NEWEST = (events.c.sort_date.desc(),)
# (dated report?, has participants?) -> the candidate statement
_CANDIDATES = {
    (True, True): _dated_candidates(True),
    (True, False): _dated_candidates(False),
    (False, True): _ANY_DATE.where(events.c.id.in_(_INVOLVED))
    .order_by(events.c.sort_date.desc())
    .limit(CANDIDATE_LIMIT),
    (False, False): _ANY_DATE.order_by(events.c.sort_date.desc()).limit(CANDIDATE_LIMIT),
}
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
        event_sources.c.negated,
        event_sources.c.modality,
        articles.c.outlet,
        articles.c.published,
        sa.func.row_number().over(partition_by=event_sources.c.event_id, order_by=event_sources.c.id).label("rank"),
    )
    .join(articles, articles.c.id == event_sources.c.article_id)
    .where(event_sources.c.event_id.in_(sa.bindparam("ids", expanding=True)))
    .subquery()
)
_SOURCES = sa.select(_RANKED_SOURCES).where(_RANKED_SOURCES.c.rank <= sa.bindparam("per_story"))


def candidates(
    conn: Connection, report: Report, rng: tuple[str, str, str] | None, cache: ArticleCache | None = None
) -> dict[str, Sequence[Report]]:
    """Story events of a compatible type (the same PLOVER quad class: outlets code one happening
    differently), compatible dates and a shared participant, with their reports."""
    codes = report.participants
    quad = quad_of(report.type)
    types = sorted(t for t, q in QUAD_OF_TYPE.items() if q == quad) if quad else [report.type]
    params: dict[str, Any] = {"types": types}
    if codes:
        params["keys"] = sorted(c for c in codes if not c.startswith("country:"))
        params["countries"] = sorted(c.split(":", 1)[1] for c in codes if c.startswith("country:"))
    if rng:
        lo = dt.date.fromisoformat(rng[0]) - dt.timedelta(days=DATE_SLACK_DAYS)
        hi = dt.date.fromisoformat(rng[1]) + dt.timedelta(days=DATE_SLACK_DAYS)
        params |= {"lo": lo.isoformat(), "hi": hi.isoformat()}
        params["lo_min"] = (lo - dt.timedelta(days=LONGEST_SPAN_DAYS)).isoformat()
    q = _CANDIDATES[(rng is not None, bool(codes))]
    ids = [r.id for r in conn.execute(q, params)]
    cache = cache if cache is not None else ArticleCache()
    todo = [i for i in ids if i not in cache.reports]
    if todo:
        rows = conn.execute(_SOURCES, {"ids": todo, "per_story": SOURCES_PER_STORY}).mappings().all()
        country = _countries(conn, (k for r in rows for k in (*r["actor_keys"], *r["recipient_keys"])), cache)
        for i in todo:
            cache.reports[i] = []
        for r in rows:
            cache.reports[r["event_id"]].append(_report(dict(r), country))
    return {i: cache.reports[i] for i in ids if cache.reports.get(i)}


_STORY_SOURCES = (
    sa.select(event_sources, articles.c.published)
    .join(articles, articles.c.id == event_sources.c.article_id)
    .where(event_sources.c.event_id == sa.bindparam("sid"))
    .order_by(event_sources.c.id)
)
_PARTS = sa.select(event_actors.c.entity_key).where(event_actors.c.event_id == sa.bindparam("sid"))
_FACTUAL = sa.select(events.c.factual).where(events.c.id == sa.bindparam("sid"))
_CLEAR_PARTS = event_actors.delete().where(event_actors.c.event_id == sa.bindparam("sid"))
_DROP_STORY = events.delete().where(events.c.id == sa.bindparam("sid"))
_UPDATE_STORY = events.update().where(events.c.id == sa.bindparam("sid"))


def refresh_story(conn: Connection, story_id: str) -> None:
    """Recompute a story event from all its reports (date, mode, participants, conflicts)."""
    rows = conn.execute(_STORY_SOURCES, {"sid": story_id}).mappings().all()
    before = {r.entity_key for r in conn.execute(_PARTS, {"sid": story_id})}
    was_factual = bool(conn.execute(_FACTUAL, {"sid": story_id}).scalar()) and bool(before)
    conn.execute(_CLEAR_PARTS, {"sid": story_id})
    if not rows:
        conn.execute(_DROP_STORY, {"sid": story_id})
        count_events(conn, before, set(), was_factual)
        return
    factual = any(r["factual"] for r in rows)
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
            # one report telling it as having happened is enough (the others' doubts stay in conflicts)
            "factual": factual,
        },
    )
    parts: dict[tuple[str, str], None] = {}
    # A happening's parties are those the reports telling it as having happened name: "statements
    # that Russia allegedly launched this missile", quoted to be denied, do not make Russia the
    # attacker the aggregates count (the denial stays in the claims and conflicts)
    told = [r for r in rows if r["factual"]] or rows
    for role, col in (("actor", "actor_keys"), ("recipient", "recipient_keys")):
        keys_ = [k for r in told for k in r[col]]
        named = [k for k in keys_ if not k.startswith("text:")]
        # a side some report names by entity lists those; unresolved phrases only when nothing else
        for k in named or keys_:
            parts[(k, role)] = None
    if parts:
        conn.execute(
            event_actors.insert(), [{"event_id": story_id, "entity_key": k, "role": role} for k, role in parts]
        )
    count_events(conn, before, {k for k, _ in parts}, was_factual, factual)


def detach_article_events(conn: Connection, article_id: str) -> None:
    """Take a superseded revision's reports out of their story events (the record itself is kept)."""
    ids = {
        r.event_id
        for r in conn.execute(sa.select(event_sources.c.event_id).where(event_sources.c.article_id == article_id))
    }
    conn.execute(event_sources.delete().where(event_sources.c.article_id == article_id))
    for story_id in sorted(ids):
        refresh_story(conn, story_id)
