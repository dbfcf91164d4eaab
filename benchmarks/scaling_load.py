"""The read side of ``benchmarks/scaling.py``: which URLs to ask, a server, the load, CLI timings.

URLs are chosen from what the store holds (its most reported actors and pairs, its types, places,
outlets, busiest years, article ids), several per endpoint, so that a cache keyed on one URL does
not make a query look cheaper than it is.
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

WORDS = ("talks", "sanctions", "agreement", "president", "election", "protest", '"foreign minister"', "energy")

# (label, argv) of the query commands timed as a new process each (imports, schema check, query, output).
CLI_QUERIES = [
    ("events --type CONSULT", ["events", "--type", "CONSULT", "-f", "json"]),
    ("timeline --actor Russia --with Ukraine", ["timeline", "--actor", "Russia", "--with", "Ukraine", "-f", "json"]),
    ("actors --top 20", ["actors", "--top", "20", "-f", "json"]),
    ("actor Putin", ["actor", "Putin", "-f", "json"]),
    ("search talks", ["search", "talks", "-f", "json"]),
    ("stats", ["stats", "-f", "json"]),
]


def _rows(store: Any, sql: str) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


def endpoints_for(store: Any) -> dict[str, dict[str, Any]]:
    """Endpoint name -> ``{"urls": [...], "direct": fn(store)}`` (the store calls behind its first URL)."""
    keys = [a["entity"] for a in store.actors(top=8)]
    pairs = _rows(
        store,
        "SELECT a.entity_key, b.entity_key FROM event_actors a JOIN event_actors b ON b.event_id = a.event_id "
        "AND a.role = 'actor' AND b.role = 'recipient' AND a.entity_key <> b.entity_key "
        "GROUP BY a.entity_key, b.entity_key ORDER BY count(*) DESC LIMIT 6",
    )
    types = [r[0] for r in _rows(store, "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC")][:8]
    places = [
        r[0]
        for r in _rows(
            store,
            "SELECT location FROM events WHERE location IS NOT NULL GROUP BY location ORDER BY count(*) DESC LIMIT 6",
        )
    ]
    outlets = [
        r[0]
        for r in _rows(
            store, "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC LIMIT 3"
        )
    ]
    years = [
        r[0]
        for r in _rows(
            store,
            "SELECT substr(sort_date, 1, 4) FROM events WHERE sort_date IS NOT NULL "
            "GROUP BY substr(sort_date, 1, 4) ORDER BY count(*) DESC LIMIT 6",
        )
    ]
    n_articles = store.stats()["articles"]
    ids = [r[0] for r in _rows(store, "SELECT id FROM articles ORDER BY id LIMIT 400")][::13]
    q = lambda path, **p: f"{path}?{urlencode(p)}" if p else path  # noqa: E731
    a0, (p0, p1), y0 = keys[0], pairs[0] if pairs else (keys[0], keys[1]), years[0]
    return {
        "timeline actor": {
            "urls": [q("/api/timeline", actor=k) for k in keys],
            "direct": lambda s: s.timeline(actor=a0, limit=1001),
        },
        "timeline pair": {
            "urls": [q("/api/timeline", actor=a, **{"with": b}) for a, b in pairs],
            "direct": lambda s: s.timeline(actor=p0, with_=p1, limit=1001),
        },
        "events type": {
            "urls": [q("/api/events", type=t) for t in types],
            "direct": lambda s: s.events(type=types[0], limit=1001),
        },
        "events place": {
            "urls": [q("/api/events", place=p) for p in places],
            "direct": lambda s: s.events(place=places[0], limit=1001),
        },
        "events outlet": {
            "urls": [q("/api/events", outlet=o) for o in outlets],
            "direct": lambda s: s.events(outlet=outlets[0], limit=1001),
        },
        "events dates": {
            "urls": [q("/api/events", since=f"{y}-01-01", until=f"{y}-06-30") for y in years],
            "direct": lambda s: s.events(since=f"{y0}-01-01", until=f"{y0}-06-30", limit=1001),
        },
        "search": {"urls": [q("/api/search", q=w) for w in WORDS], "direct": lambda s: s.search(WORDS[0])},
        "actors": {"urls": ["/api/actors?top=50"], "direct": lambda s: s.actors(top=50)},
        "actor page": {
            "urls": [f"/api/actors/{quote(k, safe='')}" for k in keys],
            "direct": lambda s: _actor_page(s, a0),
        },
        "network": {
            "urls": ["/api/network"] + [q("/api/network", since=f"{y}-01-01", until=f"{y}-12-31") for y in years[:3]],
            "direct": lambda s: s.network(),
        },
        "articles": {
            "urls": [q("/api/articles", limit=50, offset=o) for o in range(0, max(n_articles - 50, 1), 997)][:8],
            "direct": lambda s: s.articles(limit=50, offset=0),
        },
        "article": {"urls": [f"/api/articles/{i}" for i in ids], "direct": lambda s: s.article(ids[0])},
        "reader page": {"urls": [f"/articles/{i}" for i in ids], "direct": lambda s: s.article(ids[0])},
        "overview": {"urls": ["/api/overview"], "direct": lambda s: (s.stats(), s.actors(top=12), s.articles(limit=8))},
    }


def _actor_page(store: Any, key: str) -> None:
    info = store.actor(key)
    sides = [c["entity"] for c in info["counterparts"][:3]]
    if sides:
        store.balance(key, between=sides, by="month")
    store.timeline(actor=key, limit=200)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def start_server(db: str, workers: int = 1, answer_cache: bool = True) -> Iterator[str]:
    """``kronika serve --read-only --workers N`` on ``db`` (``answer_cache=False``: every read
    queries the store, ``--answer-cache-mb 0``); yields its base URL. Older code without these
    options is started without them."""
    import httpx

    port = _free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 -- open for the server's whole life, closed below
    cmd = [sys.executable, "-m", "kronika", "serve", "--db", db, "--port", str(port), "--read-only"]
    help_text = subprocess.run([*cmd[:4], "--help"], capture_output=True, text=True, env=os.environ.copy()).stdout
    if "--workers" in help_text:
        cmd += ["--workers", str(workers), "--answer-cache-mb", "64" if answer_cache else "0"]
    server = subprocess.Popen(cmd, stdout=log, stderr=log, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/api/overview", timeout=120).status_code == 200:
                    break
            if time.monotonic() > deadline or server.poll() is not None:
                log.seek(0)
                raise SystemExit(f"server did not start: {log.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))], 1)


def run_load(base: str, eps: dict[str, dict[str, Any]], clients: int, duration: float) -> dict[str, Any]:
    """``clients`` threads asking every endpoint in turn (each its URLs in turn) for ``duration`` s."""
    import httpx

    names = list(eps)
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    hits: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            k = offset
            while time.monotonic() < stop_at:
                name = names[k % len(names)]
                urls = eps[name]["urls"]
                url = urls[(k // len(names) + offset) % len(urls)]
                k += 1
                t = time.perf_counter()
                hit = False
                try:
                    r = client.get(url)
                    ok, hit = r.status_code == 200, r.headers.get("x-kronika-cache") == "hit"
                except httpx.HTTPError:
                    ok = False
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    lat[name].append(ms)
                    errors[name] += not ok
                    hits[name] += hit

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i * 5,)) for i in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = {
        n: {"n": len(v), "p50": _pct(v, 50), "p99": _pct(v, 99), "errors": errors[n], "hits": hits[n]}
        for n, v in lat.items()
    }
    every = [x for v in lat.values() for x in v]
    out["_all"] = {
        "n": len(every),
        "p50": _pct(every, 50) if every else None,
        "p99": _pct(every, 99) if every else None,
        "mean": round(statistics.fmean(every), 1) if every else None,
        "errors": sum(errors.values()),
        "hit_share": round(sum(hits.values()) / len(every), 3) if every else None,
        "rps": round(len(every) / elapsed, 1),
    }
    return out


def run_cli(argv: list[str]) -> float:
    """Wall seconds of ``kronika ARGV`` as a new process (output discarded)."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kronika", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
