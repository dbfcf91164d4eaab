"""Reads that scale: every indexed filter is answered without a full scan (EXPLAIN, on SQLite and
PostgreSQL), list queries page with a default limit, and the counts ingest keeps for the actor
list and pages equal a recount from the base tables (also after revisions and a migration)."""

from __future__ import annotations

import inspect

import pytest
import sqlalchemy as sa

from kronika.store.explain import full_scans, recording
from kronika.store.filters import DEFAULT_LIMIT, EventFilter

# (what, the store call) for every filter the API and CLI offer, and the reads behind the pages.
INDEXED_READS = [
    ("actor by country code", lambda s: s.timeline(actor="KAZ")),
    ("actor by name", lambda s: s.timeline(actor="Tokayev")),
    ("actor by acronym", lambda s: s.timeline(actor="EU")),
    ("actor by country name", lambda s: s.timeline(actor="Kazakhstan")),
    ("pair of actors", lambda s: s.timeline(actor="KAZ", with_="RUS")),
    ("type", lambda s: s.events(type="ASSAULT")),
    ("types", lambda s: s.events(type="CONSULT,MOBILIZE")),
    ("place", lambda s: s.events(place="Kyiv")),
    ("outlet", lambda s: s.events(outlet="Desk South")),
    ("since", lambda s: s.events(since="2023-01")),
    ("until", lambda s: s.events(until="2022-06")),
    ("date range", lambda s: s.events(since="2022-01-01", until="2022-12-31")),
    ("all at once", lambda s: s.events(actor="KAZ", type="MOBILIZE", since="2022", until="2022", place="Almaty")),
    ("a later page", lambda s: s.events(type="CONSULT", limit=1, offset=1)),
    ("newest first", lambda s: s.timeline(actor="RUS", limit=3, newest=True)),
    ("text search", lambda s: s.search("paratroopers")),
    ("top actors", lambda s: s.actors(top=5)),
    ("actor page", lambda s: s.actor("Tokayev")),
    ("balance", lambda s: s.balance("KAZ", ["RUS", "EU"])),
    ("one article", lambda s: s.article(s.articles(limit=1)[0]["id"])),
    ("article by id prefix", lambda s: s.article(s.articles(limit=1)[0]["id"][:8])),
]


@pytest.mark.parametrize("name,read", INDEXED_READS, ids=[n for n, _ in INDEXED_READS])
def test_indexed_reads_never_scan_a_table(filled, name, read) -> None:
    read(filled)  # warm: names resolved once, like any later call
    with recording(filled.engine) as log:
        read(filled)
    assert log.statements, "nothing was recorded"
    # On PostgreSQL sequential scans are forbidden while planning: on a tiny test database a scan is
    # cheaper and the planner rightly prefers it, so a scan that remains means no index can help.
    scans = full_scans(filled.engine, log, no_seqscan=True)
    assert scans == [], "\n\n".join(f"{s['sql']}\n" + "\n".join(s["plan"]) for s in scans)


FILTERS_BY_SET = [r for r in INDEXED_READS if r[0].startswith(("actor by", "pair", "place", "outlet", "all at once"))]


@pytest.mark.parametrize("big", [1, 3])
@pytest.mark.parametrize("name,read", FILTERS_BY_SET, ids=[n for n, _ in FILTERS_BY_SET])
def test_big_sets_are_walked_on_the_date_index_without_a_scan(filled, monkeypatch, name, read, big) -> None:
    """An actor, place or outlet with many events is checked per event along the date index
    (``EXISTS``), or, for two big sets that rarely meet, read as their intersection: neither way
    has a full scan, and both give the same events as the id lists."""
    from kronika.store import queries

    as_list = [e["id"] for e in read(filled)]
    monkeypatch.setattr(queries, "BIG_SET", big)
    with recording(filled.engine) as log:
        walked = [e["id"] for e in read(filled)]
    assert walked == as_list
    if big == 1:
        assert any("EXISTS" in s.upper() for s, *_ in log.statements)
    scans = full_scans(filled.engine, log, no_seqscan=True)
    assert scans == [], "\n\n".join(f"{s['sql']}\n" + "\n".join(s["plan"]) for s in scans)


def test_the_check_sees_a_full_scan(filled) -> None:
    """The plan check itself: a filter on an unindexed column is reported."""
    with recording(filled.engine) as log, filled.engine.connect() as conn:
        conn.execute(sa.text("SELECT id FROM event_sources WHERE trigger = 'Russ'")).all()
    scans = full_scans(filled.engine, log, no_seqscan=True)
    assert [s["tables"] for s in scans] == [["event_sources"]]


def test_pages_cover_the_timeline_once_in_order(filled) -> None:
    everything = [e["id"] for e in filled.timeline(limit=None)]
    assert len(everything) > 6
    pages = [e["id"] for off in range(0, len(everything), 3) for e in filled.timeline(limit=3, offset=off)]
    assert pages == everything
    dates = [e["date"] for e in filled.timeline(limit=None) if e["date"]]
    assert dates == sorted(dates, key=lambda d: d[:10])
    newest = [e["id"] for e in filled.timeline(limit=None, newest=True)]
    dated = [e["id"] for e in filled.timeline(limit=None) if e["date"]]
    assert newest[: len(dated)] == dated[::-1]
    assert filled.timeline(limit=0) == [] and filled.timeline(offset=len(everything)) == []


def test_undated_events_come_last_and_page_after_the_dated(sqlite_store) -> None:
    from store.records import Builder, corpus

    undated = (  # no date and no publication date: nothing to place these two on the axis
        Builder("Aid and sanctions", "Desk X", None, "https://t.invalid/x/1")
        .say("The EU sent aid to Ukraine.", "AID", ["eu"], ["ukr"], None)
        .say("Russia was hit with new sanctions by the EU.", "SANCTION", ["eu"], ["rus"], None)
        .build()
    )
    sqlite_store.ingest([*corpus(), undated])
    ids = [e["id"] for e in sqlite_store.timeline(limit=None)]
    firsts = [e["date"] for e in sqlite_store.timeline(limit=None)]
    assert firsts[-2:] == [None, None] and all(firsts[:-2])
    n = len(ids)
    assert [e["id"] for e in sqlite_store.timeline(limit=3, offset=n - 3)] == ids[-3:]
    assert [e["id"] for e in sqlite_store.timeline(limit=5, offset=n - 1)] == ids[-1:]


def test_every_list_query_has_a_default_limit() -> None:
    from kronika.cli.store import LimitOpt
    from kronika.store import Store

    assert inspect.signature(Store.timeline).parameters["limit"].default == DEFAULT_LIMIT
    assert inspect.signature(Store.errors).parameters["limit"].default == DEFAULT_LIMIT
    assert inspect.signature(Store.articles).parameters["limit"].default == 50
    assert inspect.signature(Store.search).parameters["limit"].default == 50
    assert inspect.signature(Store.actors).parameters["top"].default == 20
    assert LimitOpt.default == DEFAULT_LIMIT


def test_cli_pages_and_says_how_to_get_more(sqlite_store) -> None:
    import json

    from typer.testing import CliRunner

    from kronika.cli import app
    from store.records import corpus

    sqlite_store.ingest(corpus())
    db = str(sqlite_store.engine.url.database)
    runner = CliRunner()
    first = runner.invoke(app, ["events", "--limit", "2", "-f", "json", "--db", db])
    second = runner.invoke(app, ["events", "--limit", "2", "--offset", "2", "-f", "json", "--db", db])
    every = runner.invoke(app, ["events", "--limit", "0", "-f", "json", "--db", db])
    assert first.exit_code == 0 and "next page: --offset 2" in first.stderr
    ids = [e["id"] for e in json.loads(first.stdout) + json.loads(second.stdout)]
    assert ids == [e["id"] for e in json.loads(every.stdout)][:4] and "more match" not in every.stderr
    assert runner.invoke(app, ["events", "--limit", "-1", "--db", db]).exit_code == 2


def test_event_filter_is_checked_once_for_every_front_end() -> None:
    from kronika.errors import ConfigError

    f = EventFilter.of(actor=" KAZ ", with_="", type="assault, consult", since="2022", place=None)
    assert f == EventFilter(actor="KAZ", type="ASSAULT,CONSULT", since="2022")
    assert f.params() == {"actor": "KAZ", "type": "ASSAULT,CONSULT", "since": "2022"} and bool(f)
    assert EventFilter.of(**{"with": "RUS"}).with_ == "RUS" and not EventFilter()
    with pytest.raises(ConfigError, match="--until '2022-13'"):
        EventFilter.of(until="2022-13")
    with pytest.raises(TypeError):
        EventFilter.of(colour="red")


def test_names_are_found_by_whole_words_through_the_terms_index(filled) -> None:
    from kronika.store.actors import resolve_actor, resolve_outlets, resolve_places

    with filled.engine.connect() as conn:
        assert "kb:EU" in resolve_actor(conn, "EU").keys
        assert "kb:EU" in resolve_actor(conn, "European Union").keys
        # who speaks for an organisation is part of it (an office "of" EU)
        assert "kb:kz-tokayev" in resolve_actor(conn, "KAZ").keys
        assert resolve_actor(conn, "Tokayev").keys == {"kb:kz-tokayev"}
        assert resolve_actor(conn, "Kazakhstan").countries == {"KAZ"}
        assert not resolve_actor(conn, "Tokay")  # whole words only
        assert resolve_places(conn, "kyiv") == ["kb:ua-kyiv"]
        assert resolve_outlets(conn, "desk south") == ["Desk South"] and resolve_outlets(conn, "south desk") == []


RECOUNT = {
    "entities": (
        "SELECT e.key, "
        "(SELECT count(DISTINCT m.article_id) FROM mentions m JOIN articles a ON a.id = m.article_id AND a.current "
        " WHERE m.entity_key = e.key), "
        "(SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id AND a.current "
        " WHERE m.entity_key = e.key), "
        "(SELECT count(DISTINCT x.event_id) FROM event_actors x WHERE x.entity_key = e.key), "
        "(SELECT count(DISTINCT x.event_id) FROM event_actors x JOIN events v ON v.id = x.event_id AND v.factual "
        " WHERE x.entity_key = e.key) FROM entities e"
    ),
    "months": (
        "SELECT m.entity_key, coalesce(substr(a.published, 1, 7), 'unknown'), count(*), count(DISTINCT m.article_id) "
        "FROM mentions m JOIN articles a ON a.id = m.article_id AND a.current "
        "GROUP BY m.entity_key, coalesce(substr(a.published, 1, 7), 'unknown')"
    ),
}


def _kept(store) -> tuple[set, set]:
    with store.engine.connect() as conn:
        ents = {
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT key, n_articles, n_mentions, n_events, n_factual_events FROM entities"
            )
        }
        months = {
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT entity_key, month, mentions, articles FROM entity_months WHERE articles > 0"
            )
        }
    return ents, months


def _recounted(store) -> tuple[set, set]:
    with store.engine.connect() as conn:
        return (
            {tuple(r) for r in conn.exec_driver_sql(RECOUNT["entities"])},
            {tuple(r) for r in conn.exec_driver_sql(RECOUNT["months"])},
        )


def test_kept_counts_equal_a_recount_after_revisions_and_replacing(store) -> None:
    from store.records import corpus
    from store.test_factual import _denials

    docs = corpus()
    store.ingest([*docs, *_denials()])  # with events that did not happen: counted apart
    assert _kept(store) == _recounted(store)
    kept = {r[0]: r for r in _kept(store)[0]}
    assert any(r[4] < r[3] for r in kept.values())  # some actor has events that did not happen
    listed = {a["entity"]: a["events"] for a in store.actors(top=None)}
    assert all(listed[k] == r[4] for k, r in kept.items() if k in listed)
    everything = {a["entity"]: a["events"] for a in store.actors(top=None, factual="all")}
    assert all(everything[k] == r[3] for k, r in kept.items() if k in everything)
    revised = corpus()[0]  # the same URL with new text: a revision supersedes the first
    revised.text += " Updated."
    revised.id = ""
    revised.__post_init__()
    store.ingest([revised])
    store.ingest(docs[1:3], replace=True)
    assert _kept(store) == _recounted(store)
    top = store.actors(top=3)
    assert [a["articles"] for a in top] == sorted((a["articles"] for a in top), reverse=True)


def test_upgrading_an_older_store_fills_terms_and_counts(sqlite_store) -> None:
    from kronika.store.engine import migrate, schema_revision
    from store.records import corpus

    sqlite_store.ingest(corpus())
    kept = _kept(sqlite_store)
    with sqlite_store.engine.connect() as conn:
        terms = set(conn.exec_driver_sql("SELECT term, ref FROM terms").all())
    migrate(sqlite_store.engine, "0002")
    assert schema_revision(sqlite_store.engine) == "0002"
    migrate(sqlite_store.engine)
    assert _kept(sqlite_store) == kept
    with sqlite_store.engine.connect() as conn:
        assert set(conn.exec_driver_sql("SELECT term, ref FROM terms").all()) == terms
    assert sqlite_store.timeline(place="Kyiv") and sqlite_store.timeline(outlet="Desk West")


def test_data_version_moves_with_every_write(sqlite_store) -> None:
    from store.records import corpus

    v0 = sqlite_store.data_version()
    sqlite_store.ingest(corpus()[:1])
    v1 = sqlite_store.data_version()
    sqlite_store.ingest(corpus()[:1])  # already stored: nothing written
    assert v1 > v0 and sqlite_store.data_version() == v1


def test_typed_records_come_back_from_the_store(filled) -> None:
    from kronika.record import Article, Event

    first = filled.articles(limit=1)[0]["id"]
    rec = filled.record(first)
    assert isinstance(rec, Article) and rec.id == first and all(isinstance(e, Event) for e in rec.events)
    assert filled.record("nope") is None
    every = list(filled.records(batch=2))
    assert len(every) == filled.stats()["articles"] and len({a.id for a in every}) == len(every)
