"""Aggregate answers (overview, network, the actor list) are reused only while the SQLite file is unchanged."""

from __future__ import annotations

from .conftest import make_client
from .records import second_report, steppe_article


def test_cached_answers_follow_new_ingests(tmp_path):
    from kronika.store import open_store

    db = tmp_path / "k.db"
    writer = open_store(str(db))
    writer.ingest([steppe_article()])
    client = make_client(str(db))
    config = client.app.state.config
    assert config.data_version() is not None
    first = client.get("/api/overview").json()
    assert first["stats"]["articles"] == 1
    assert client.get("/api/overview").json() == first  # served again while nothing changed
    edges = len(client.get("/api/network").json()["edges"])
    actors = client.get("/api/actors").json()["actors"]
    assert client.get("/api/actors").json()["actors"] == actors

    writer.ingest([second_report()])  # another handle writes (like `kronika ingest` would)
    after = client.get("/api/overview").json()
    assert after["stats"]["articles"] == 2
    assert any(a["outlet"] == "Wire Service" for a in after["latest_articles"])
    assert len(client.get("/api/network").json()["edges"]) >= edges
    named = lambda rows: sum(a["articles"] for a in rows)  # noqa: E731
    assert named(client.get("/api/actors").json()["actors"]) > named(actors)  # not the list cached before
    writer.close()


def test_cache_recomputes_only_when_the_file_changes(tmp_path):
    from kronika.store import open_store

    db = tmp_path / "k.db"
    writer = open_store(str(db))
    config = make_client(str(db)).app.state.config
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert config.cached("k", compute) == 1
    assert config.cached("k", compute) == 1
    writer.ingest([steppe_article()])
    assert config.cached("k", compute) == 2
    assert config.cached("other", compute) == 3  # keys are separate
    writer.close()


def test_no_cache_without_a_sqlite_file():
    config = make_client(None, store=object()).app.state.config
    assert config.data_version() is None
    first, second = (config.cached("k", object) for _ in range(2))
    assert first is not second  # computed each time: no file to tell whether the data changed
