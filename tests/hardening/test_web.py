"""Issue 13 items 4, 5 and 9 (web): Host allow-list, the analysis pool and its queue, 4xx for
hostile requests, connections that survive errors, no server paths, read-only never creates."""

from __future__ import annotations

import http.client
import sys
import threading
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/store/records.py

from kronika.errors import Failure
from kronika.web import create_app
from store.records import Builder, corpus

from .server import request, serving

LOCAL = ("127.0.0.1", 50000)


def run_async(coro):  # type: ignore[no-untyped-def]
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the session, and asyncio.run refuses to start inside one."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as ex:
        return ex.submit(asyncio.run, coro).result()


def _client(app, host: str = "localhost") -> TestClient:
    return TestClient(app, base_url=f"http://{host}", raise_server_exceptions=False, client=LOCAL)


def _shape(r, status: int, error: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["message"]
    if error:
        assert body["error"] == error, body
    return body


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> str:
    """A store holding our hand-made records plus one read from an absolute server path."""
    from kronika.store import open_store

    path = tmp_path_factory.mktemp("hardening-web") / "kb.db"
    secret = Builder("Talks", "Desk", "2023-01-02", path="/srv/secret-folder/news/talks.txt")
    article = secret.say("Tokayev met Putin in Moscow.", "CONSULT", ["tokayev"], ["putin"], "2023-01-02").build()
    failure = Failure("/srv/secret-folder/news/broken.txt", "[E102] /srv/secret-folder/news/broken.txt is binary")
    with open_store(path) as store:
        store.ingest([*corpus(), article, failure])
    return str(path)


# -- item 4: DNS rebinding --------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "app.localhost"])
def test_local_host_names_are_served(kb, host: str) -> None:
    assert _client(create_app(kb), host).get("/api/overview").status_code == 200


def test_other_host_names_get_400_in_the_error_shape(kb) -> None:
    client = _client(create_app(kb), "attacker.example:8000")
    body = _shape(client.get("/api/overview"), 400, "bad_host")
    assert "--allowed-host" in body["message"]
    # the rebinding attack itself: a page on the attacker's name, resolved to 127.0.0.1, posting a write
    r = client.post("/api/analyze?store=true", json={"text": "x"}, headers={"origin": "http://attacker.example:8000"})
    _shape(r, 400, "bad_host")


def test_allowed_hosts_and_the_bound_address(kb) -> None:
    app = create_app(kb, hosts=["192.0.2.10", "kronika.example.org", "::1"])
    for host in ("192.0.2.10:8000", "kronika.example.org", "[::1]"):
        assert _client(app, host).get("/api/overview").status_code == 200
    _shape(_client(app, "other.example.org").get("/api/overview"), 400, "bad_host")
    assert _client(create_app(kb, hosts=["*"]), "anything.example").get("/api/overview").status_code == 200


# -- item 9: hostile requests get 4xx, connections survive ------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/api/articles?offset=99999999999999999999", "/articles?offset=99999999999999999999", "/api/articles?limit=1e99"],
)
def test_huge_numbers_are_a_422(kb, path: str) -> None:
    _shape(_client(create_app(kb)).get(path), 422, "invalid_request")


def test_deeply_nested_json_is_a_400(kb) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    r = _client(create_app(kb)).post("/api/analyze", content=body, headers={"content-type": "application/json"})
    _shape(r, 400, "invalid_json")


def test_text_over_the_character_limit_is_a_413(kb) -> None:
    client = _client(create_app(kb))
    body = _shape(client.post("/api/analyze", json={"text": "word " * 200_001}), 413, "too_long")
    assert "kronika analyze" in body["message"]
    upload = {"file": ("long.txt", b"word " * 300, "text/plain")}
    r = _client(create_app(kb, max_analyze_chars=100)).post("/api/analyze", files=upload)
    body = _shape(r, 422, "unreadable")
    assert body["details"][0]["code"] == "E308" and "too long for the web analyzer" in body["message"]


@pytest.mark.parametrize("path", ["/api/events?place=%25", "/api/events?place=_", "/api/timeline?actor=%25"])
def test_like_wildcards_match_nothing(kb, path: str) -> None:
    r = _client(create_app(kb)).get(path)
    assert r.status_code == 200 and r.json()["events"] == []


def test_an_actor_named_percent_is_not_every_actor(kb) -> None:
    assert _client(create_app(kb)).get("/api/actors/%25").status_code == 404


def test_the_connection_stays_usable_after_a_500_and_a_4xx() -> None:
    class Broken:
        def __getattr__(self, name):
            raise RuntimeError("disk on fire")

    with serving(create_app(None, store=Broken())) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, _, body = request(port, "GET", "/api/overview", conn=conn)
        assert status == 500 and body["error"] == "internal_error" and "disk on fire" not in body["message"]
        status, _, body = request(port, "GET", "/api/articles?offset=99999999999999999999", conn=conn)
        assert status == 422
        status, _, _ = request(port, "GET", "/docs", conn=conn)  # the same connection: still answering
        assert status == 200
        conn.close()


# -- item 9: no absolute server paths in the API ---------------------------------------------------------


def test_the_api_never_shows_absolute_server_paths(kb) -> None:
    client = _client(create_app(kb))
    articles = client.get("/api/articles").json()["articles"]
    talks = next(a for a in articles if a["title"] == "Talks")
    assert talks["path"] == "talks.txt"
    pages = [
        "/api/articles",
        f"/api/articles/{talks['id']}",
        f"/articles/{talks['id']}",
        f"/api/articles/{talks['id']}/cite?format=bibtex",
        "/api/errors",
        "/errors",
        "/api/timeline",
        "/api/overview",
        "/api/search?q=Moscow",
    ]
    pages += [f"/api/events/{e['id']}" for e in client.get("/api/timeline").json()["events"]]
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, (page, r.text)
        assert "/srv/" not in r.text and "secret-folder" not in r.text, page
    errors = client.get("/api/errors").json()["errors"]
    assert any(e["path"] == "broken.txt" and "broken.txt is binary" in e["reason"] for e in errors)


# -- item 9: --read-only never creates a database ---------------------------------------------------------


def test_serve_read_only_refuses_a_missing_database(tmp_path: Path) -> None:
    from kronika.cli import app

    typo = tmp_path / "typo.db"
    r = CliRunner().invoke(app, ["serve", "--db", str(typo), "--read-only"])
    assert r.exit_code == 2 and "does not create" in r.output
    assert not typo.exists()


# -- item 5: analyses in their own bounded pool; reads never wait ------------------------------------------


def test_a_read_returns_while_the_analysis_queue_is_full(kb, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two analyses hold the pool (one running, one queued; capacity 1 + 1) until released. A third
    is refused at once with 429 + Retry-After, and reads answer while both still hold it."""
    from kronika.web.views import analyze as view

    release = threading.Event()

    def stuck_job(*args):  # type: ignore[no-untyped-def]
        release.wait(60)
        return [Failure(None, "[E101] released")]

    monkeypatch.setattr(view, "analyze_text_job", stuck_job)
    app = create_app(kb, analysis_workers=0, analysis_queue=1)
    pool = app.state.config.get_pool()
    with serving(app) as port:
        answers: list[int] = []
        posts = [
            threading.Thread(target=lambda: answers.append(request(port, "POST", "/api/analyze", {"text": "a b"})[0]))
            for _ in range(2)
        ]
        for t in posts:
            t.start()
        while pool.pending < 2:  # both accepted: one running, one waiting
            threading.Event().wait(0.01)
        status, headers, body = request(port, "POST", "/api/analyze", {"text": "one too many"})
        assert status == 429 and body["error"] == "busy"
        assert int(headers["retry-after"]) >= 1 and body["details"]["retry_after"] >= 1
        for page in ("/api/articles", "/api/timeline?actor=KAZ", "/"):
            status, _, _ = request(port, "GET", page)
            assert status == 200
        assert pool.pending == 2  # the reads answered while the analyses were still held
        release.set()
        for t in posts:
            t.join(60)
        assert answers == [422, 422]


def test_worker_processes_run_in_parallel_and_survive_a_death() -> None:
    """Two worker processes: a barrier that both must reach at once proves they run in parallel
    (one after the other would time out); a worker that dies is replaced."""
    import asyncio
    import multiprocessing
    import os

    from kronika.web.workers import AnalysisPool, Busy, WorkerDied, worker_info

    manager = multiprocessing.Manager()
    barrier = manager.Barrier(2, timeout=120)
    pool = AnalysisPool(workers=2, queue=0)

    async def scenario() -> None:
        first = asyncio.ensure_future(pool.run(barrier.wait))
        second = asyncio.ensure_future(pool.run(barrier.wait))
        await asyncio.sleep(0)
        with pytest.raises(Busy):  # capacity is the two workers, no queue
            await pool.run(worker_info)
        assert sorted(await asyncio.gather(first, second)) == [0, 1]
        pids = {(await pool.run(worker_info))[0] for _ in range(6)}
        assert len(pids) <= 2 and os.getpid() not in pids
        with pytest.raises(WorkerDied):
            await pool.run(os._exit, 1)
        assert (await pool.run(worker_info))[0] != os.getpid()  # a fresh pool took over

    try:
        run_async(scenario())
    finally:
        pool.shutdown()
        manager.shutdown()


WORKER_ORPHAN = """
import os, signal
from kronika.web.workers import AnalysisPool
if __name__ == "__main__":
    pool = AnalysisPool(1, 0, None)
    pool.start()
    print(*[p.pid for p in pool._executor._processes.values()], flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would: no shutdown, no atexit
"""


def test_workers_end_when_the_server_is_killed(tmp_path: Path) -> None:
    import os
    import subprocess
    import time

    script = tmp_path / "server.py"
    script.write_text(WORKER_ORPHAN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    (pid,) = map(int, res.stdout.split())
    for _ in range(600):  # the watchdog looks once a second; allow a loaded machine plenty of time
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, 9)
    raise AssertionError(f"worker {pid} outlived its server")


@pytest.mark.slow
def test_a_real_analysis_in_a_worker_process_loads_the_model_once(kb) -> None:
    from kronika.web.workers import worker_info

    app = create_app(kb, analysis_workers=1)
    pool = app.state.config.get_pool()
    client = _client(app)
    try:
        text = "Kazakhstan and Uzbekistan signed a water deal in Tashkent on Tuesday."
        for _ in range(2):
            r = client.post("/api/analyze", json={"text": text, "published": "2024-03-14"})
            assert r.status_code == 200, r.text
            assert r.json()["schema"] == "kronika.article/1" and r.json()["events"]
        _, loads = run_async(pool.run(worker_info))
        assert loads == 1
    finally:
        pool.shutdown()
