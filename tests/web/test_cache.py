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


def test_read_answers_are_kept_until_the_store_changes(tmp_path):
    """Whole API answers are sent again while the data version stands, and never after a write."""
    from kronika.store import open_store

    db = tmp_path / "k.db"
    writer = open_store(str(db))
    writer.ingest([steppe_article()])
    client = make_client(str(db))
    first = client.get("/api/articles")
    again = client.get("/api/articles")
    assert first.headers["x-kronika-cache"] == "miss" and again.headers["x-kronika-cache"] == "hit"
    assert again.content == first.content and again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["x-content-type-options"] == "nosniff"  # still passes the security headers
    assert client.get("/api/articles?limit=1").headers["x-kronika-cache"] == "miss"  # the query is the key

    writer.ingest([second_report()])  # another process writes: the kept answer is stale
    after = client.get("/api/articles")
    assert after.headers["x-kronika-cache"] == "miss" and len(after.json()["articles"]) == 2
    writer.close()


def test_pages_are_kept_until_the_store_changes(tmp_path):
    from kronika.store import open_store

    db = tmp_path / "k.db"
    writer = open_store(str(db))
    writer.ingest([steppe_article()])
    client = make_client(str(db))
    first, again = client.get("/articles"), client.get("/articles")
    assert first.headers["x-kronika-cache"] == "miss" and again.headers["x-kronika-cache"] == "hit"
    assert again.text == first.text and again.headers["content-type"].startswith("text/html")
    assert "Wire Service" not in again.text
    writer.ingest([second_report()])
    after = client.get("/articles")
    assert after.headers["x-kronika-cache"] == "miss" and "Wire Service" in after.text
    writer.close()


def test_errors_static_files_and_writes_are_never_kept(tmp_path):
    from kronika.store import open_store

    db = tmp_path / "k.db"
    open_store(str(db)).ingest([steppe_article()])
    client = make_client(str(db))
    for _ in range(2):
        missing = client.get("/api/articles/nosuchid")
        assert missing.status_code == 404 and missing.headers.get("x-kronika-cache") == "miss"
    assert "x-kronika-cache" not in client.get("/static/kronika.css").headers  # files: their own ETag
    off = make_client(str(db), answer_cache_mb=0)
    assert "x-kronika-cache" not in off.get("/api/articles").headers


def test_identical_requests_at_once_are_answered_by_one_query(tmp_path, monkeypatch):
    """Thirty readers opening the same cold page cost one query, not thirty (no stampede)."""
    import asyncio
    import threading
    import time

    import httpx

    from kronika.store import open_store
    from kronika.store.api import Store

    db = tmp_path / "k.db"
    open_store(str(db)).ingest([steppe_article()])
    client = make_client(str(db))
    calls, lock = [], threading.Lock()
    real = Store.articles

    def slow_articles(self, *args, **kwargs):
        with lock:
            calls.append(1)
        time.sleep(0.2)  # long enough that every request below arrives while the first is running
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "articles", slow_articles)

    async def many() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=client.app, client=("127.0.0.1", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
            return await asyncio.gather(*(c.get("/api/articles?limit=3") for _ in range(12)))

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # a loop of its own: the browser tests leave one running here
        answers = pool.submit(asyncio.run, many()).result()
    assert {r.status_code for r in answers} == {200} and len({r.content for r in answers}) == 1
    assert len(calls) == 1
    assert sorted(r.headers["x-kronika-cache"] for r in answers).count("miss") == 1


def test_aggregates_computed_once_when_requested_at_once(tmp_path):
    """``cached`` (behind the pages) computes a missing key once however many threads ask."""
    import threading
    import time

    from kronika.store import open_store

    db = tmp_path / "k.db"
    open_store(str(db)).ingest([steppe_article()])
    config = make_client(str(db)).app.state.config
    calls = []

    def compute():
        calls.append(1)
        time.sleep(0.1)
        return "value"

    got = []
    threads = [threading.Thread(target=lambda: got.append(config.cached("k", compute))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == ["value"] * 8 and calls == [1]


def test_the_landing_pages_are_warmed_at_start_and_after_each_write(tmp_path):
    """``kronika serve`` computes the overview, actor list, network and top actor pages in the
    background, at start-up and again once a write moves the data version on."""
    import time

    from starlette.testclient import TestClient

    from kronika.store import open_store
    from kronika.web import create_app
    from kronika.web.views.network import DEFAULT_TOP

    from .conftest import BASE, LOCAL

    db = tmp_path / "k.db"
    writer = open_store(str(db))
    writer.ingest([steppe_article()])
    app = create_app(str(db), warm=True)
    config = app.state.config

    def cached_overview(articles: int) -> bool:
        hit = config._cache.get("overview")
        return hit is not None and hit[1]["stats"]["articles"] == articles

    def wait(cond) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not cond():
            time.sleep(0.05)
        return cond()

    with TestClient(app, base_url=BASE, client=LOCAL):  # the lifespan starts the warmer
        assert wait(lambda: cached_overview(1))

        def warmed() -> bool:  # the overview comes first; the rest follows in the same pass
            keys = set(config._cache)
            return (
                ("network", None, None, DEFAULT_TOP, "only") in keys
                and ("actors", 50, "only") in keys
                and any(k[0] == "actor" for k in keys if isinstance(k, tuple))
            )

        assert wait(warmed)
        writer.ingest([second_report()])
        assert wait(lambda: cached_overview(2))  # recomputed after the write, before anyone asked
    writer.close()
    assert not create_app(str(db)).state.config._cache  # plain create_app does not warm
