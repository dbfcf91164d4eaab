"""Loopback load test of the web API: p50/p99 latency of the main endpoints (prints JSON, asserts nothing).

    python benchmarks/load_test.py [--articles 1000] [--duration 20] [--concurrency 8] [--db PATH]

1. Builds a synthetic corpus of ``--articles`` analyzed records (generated here from templates:
   states, leaders, PLOVER events with dates, several outlets, some stories reported twice) and
   ingests it into a fresh SQLite store (timed, reported, not part of the load phase).
2. Starts ``kronika serve`` (uvicorn, one process) on a free 127.0.0.1 port.
3. For ``--duration`` seconds (at most 30), ``--concurrency`` client threads request the endpoints
   round-robin; each response must be 200.
4. Baseline measured in the same run: the same store calls made in-process, without HTTP, so
   ``single_client_over_direct`` is the cost of the web layer (routing, JSON, templates, network
   layout); ``p50_ms``/``p99_ms`` under load add the queueing of concurrent clients on one process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from kronika.record import Article, Author, Entity, Event, EventDate, Mention, Metadata, Ref, Role, Source, Span, Time

STATES = {
    "KAZ": "Kazakhstan",
    "RUS": "Russia",
    "UZB": "Uzbekistan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "CHN": "China",
    "TUR": "Türkiye",
    "UKR": "Ukraine",
    "BLR": "Belarus",
    "ARM": "Armenia",
    "AZE": "Azerbaijan",
    "GEO": "Georgia",
    "MNG": "Mongolia",
    "IRN": "Iran",
    "USA": "United States",
}
# Sentence templates per PLOVER type; {a} acts on {b}.
TEMPLATES = {
    "CONSULT": "The leaders of {a} and {b} held talks in {city} on {date}.",
    "AGREE": "{a} and {b} signed an agreement on {topic} on {date}.",
    "COOPERATE": "Trade between {a} and {b} on {topic} grew sharply by {date}.",
    "AID": "{a} sent humanitarian aid to {b} on {date}.",
    "REQUEST": "{a} asked {b} to reconsider its policy on {topic} on {date}.",
    "ACCUSE": "{a} accused {b} of undermining {topic} on {date}.",
    "REJECT": "{a} rejected the proposal from {b} on {topic} on {date}.",
    "THREATEN": "{a} threatened {b} with consequences over {topic} on {date}.",
    "SANCTION": "{a} imposed sanctions on {b} over {topic} on {date}.",
    "MOBILIZE": "{a} moved troops toward the border with {b} on {date}.",
    "ASSAULT": "Forces of {a} shelled positions held by {b} on {date}.",
    "SUPPORT": "{a} praised {b} for its stance on {topic} on {date}.",
}
TOPICS = ("water sharing", "rail freight", "energy transit", "grain exports", "border security", "migration")
CITIES = ("Astana", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "Moscow", "Beijing", "Ankara", "Baku")
OUTLETS = ("Steppe Daily", "Caspian Wire", "Silk Road Review", "Northern Monitor", "Eurasia Weekly", "Border Post")


def synthetic_article(i: int, rng: random.Random) -> Article:
    """One analyzed article: 3-6 event sentences between 2-4 states, with entities, times and events."""
    published = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    codes = rng.sample(sorted(STATES), rng.randint(2, 4))
    sentences: list[tuple[str, str, str, str, str]] = []
    for _ in range(rng.randint(3, 6)):
        etype = rng.choice(sorted(TEMPLATES))
        a, b = rng.sample(codes, 2)
        date = f"{published[:4]}-{rng.randint(1, int(published[5:7])):02d}-{rng.randint(1, 28):02d}"
        sentences.append((etype, a, b, date, TEMPLATES[etype]))
    text_parts: list[str] = []
    pos = 0
    ents: dict[str, Entity] = {}
    times: list[Time] = []
    events: list[Event] = []
    paragraphs: list[Span] = []
    para_start = 0
    for k, (etype, a, b, date, tpl) in enumerate(sentences):
        fields = {"a": STATES[a], "b": STATES[b], "city": rng.choice(CITIES), "topic": rng.choice(TOPICS), "date": date}
        sentence = tpl.format(**fields)
        if k and k % 2 == 0:  # two sentences per paragraph
            paragraphs.append(Span(para_start, pos - 1))
            text_parts[-1] = text_parts[-1][:-1] + "\n\n"
            pos += 1
            para_start = pos
        start = pos
        for code in (a, b):
            name = STATES[code]
            at = sentence.index(name) + start
            ent = ents.setdefault(code, Entity(f"e{len(ents) + 1}", name, "STATE", code, "GOV", [], code, []))
            ent.mentions.append(Mention(at, at + len(name), name))
        d_at = sentence.index(date) + start
        tid = f"t{len(times) + 1}"
        times.append(Time(tid, date, d_at, d_at + len(date), "DATE", date, None, "day"))
        trig = sentence.split()[2]
        t_at = sentence.index(trig) + start
        events.append(
            Event(
                id=f"v{len(events) + 1}",
                type=etype,
                mode=None,
                actor=Ref(ents[a].id, STATES[a]),
                recipient=Ref(ents[b].id, STATES[b]),
                location=None,
                date=EventDate(tid, date),
                trigger=Mention(t_at, t_at + len(trig), trig),
                sentence=Mention(start, start + len(sentence), sentence),
                confidence=0.9,
                producer="load_test",
            )
        )
        text_parts.append(sentence + " ")
        pos += len(sentence) + 1
    text = "".join(text_parts).rstrip()
    paragraphs.append(Span(para_start, len(text)))
    leader = Entity(f"e{len(ents) + 1}", f"Leader {i % 97}", "PERSON", codes[0], "GOV", [Role("President", codes[0])])
    return Article(
        text=text,
        source=Source(path=f"synthetic/{i}.txt", format="text"),
        metadata=Metadata(
            title=f"Report {i}: {STATES[codes[0]]} and {STATES[codes[1]]}",
            authors=[Author(f"Correspondent {i % 40}")],
            published=published,
            publication=OUTLETS[i % len(OUTLETS)],
        ),
        paragraphs=paragraphs,
        entities=[*ents.values(), leader],
        times=times,
        events=events,
    )


def overview_calls(store) -> None:
    """What /api/overview asks the store (the in-process baseline)."""
    from kronika.web.views.home import latest_events

    stats = store.stats()
    store.actors(top=12), store.articles(limit=8), latest_events(store, stats)


def actor_calls(store, key: str) -> None:
    """What /api/actors/{key} asks the store: the profile, the balance, the actor's events."""
    info = store.actor(key)
    sides = [c["entity"] for c in info["counterparts"][:3]]
    store.balance(key, between=sides, by="month"), store.timeline(actor=key, limit=200)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--duration", type=float, default=20.0, help="Seconds of load (capped at 30).")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--db", help="Use (and keep) this SQLite file; default: a temporary one.")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    duration = min(args.duration, 30.0)

    import httpx

    from kronika.store import open_store

    tmp = tempfile.TemporaryDirectory(prefix="kronika-load-")
    db = args.db or str(Path(tmp.name) / "load.db")
    rng = random.Random(args.seed)
    articles = [synthetic_article(i, rng) for i in range(args.articles)]
    store = open_store(db)
    t0 = time.perf_counter()
    report = store.ingest(articles)  # a re-used --db skips what it already holds (content hash)
    ingest_s = time.perf_counter() - t0
    stats = store.stats()

    sample_ids = [a.id for a in articles[:: max(1, len(articles) // 50)]]
    actor_keys = [a["entity"] for a in store.actors(top=10)]
    endpoints = {
        "overview": (["/api/overview"], lambda: overview_calls(store)),
        "articles": (["/api/articles?limit=50"], lambda: store.articles(limit=50)),
        "article": ([f"/api/articles/{i}" for i in sample_ids], lambda: store.article(sample_ids[0])),
        "reader_page": ([f"/articles/{i}" for i in sample_ids], lambda: store.article(sample_ids[0])),
        "timeline_actor": (
            ["/api/timeline?actor=KAZ", "/api/timeline?actor=Russia", "/api/timeline?actor=UZB&with=CHN"],
            lambda: store.timeline(actor="KAZ"),
        ),
        "events_type": (
            ["/api/events?type=ASSAULT&since=2022-01-01", "/api/events?type=CONSULT"],
            lambda: store.events(type="ASSAULT", since="2022-01-01"),
        ),
        "search": (
            ["/api/search?q=sanctions", "/api/search?q=%22rail%20freight%22", "/api/search?q=troops"],
            lambda: store.search("sanctions"),
        ),
        "actor": ([f"/api/actors/{quote(k, safe='')}" for k in actor_keys], lambda: actor_calls(store, actor_keys[0])),
        "network": (["/api/network"], lambda: store.network()),
    }
    direct_ms = {}
    for name, (_, fn) in endpoints.items():
        fn()  # warm
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            fn()
            runs.append((time.perf_counter() - t) * 1000)
        direct_ms[name] = statistics.median(runs)

    port = free_port()
    cmd = [sys.executable, "-m", "kronika", "serve", "--db", db, "--port", str(port), "--read-only"]
    cmd += ["--analysis-workers", "0"]  # reads only: no worker processes loading a model they never use
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"server did not start: {server.stderr.read().decode() if server.stderr else ''}")
            time.sleep(0.2)

        # One client alone first: latency without queueing behind other requests.
        single: dict[str, float] = {}
        with httpx.Client(base_url=base, timeout=30) as client:
            for name, (urls, _) in endpoints.items():
                runs = []
                for url in (urls * 5)[:5]:
                    t = time.perf_counter()
                    client.get(url)
                    runs.append((time.perf_counter() - t) * 1000)
                single[name] = statistics.median(runs)

        latencies: dict[str, list[float]] = defaultdict(list)
        failures: dict[str, int] = defaultdict(int)
        lock = threading.Lock()
        stop_at = time.monotonic() + duration
        names = list(endpoints)

        def worker(offset: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                k = offset
                while time.monotonic() < stop_at:
                    name = names[k % len(names)]  # every endpoint equally often, its URLs in turn
                    urls = endpoints[name][0]
                    url = urls[(k // len(names)) % len(urls)]
                    k += 1
                    t = time.perf_counter()
                    r = client.get(url)
                    ms = (time.perf_counter() - t) * 1000
                    with lock:
                        latencies[name].append(ms)
                        if r.status_code != 200:
                            failures[name] += 1

        load_before = round(os.getloadavg()[0], 2)
        started = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(i * 3,)) for i in range(args.concurrency)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
        store.close()

    total = sum(len(v) for v in latencies.values())
    result = {
        "corpus": {
            "articles": stats["articles"],
            "story_events": stats["story_events"],
            "event_reports": stats["event_reports"],
            "entities": stats["entities"],
            "ingest_seconds": round(ingest_s, 2),
            "ingest_report": str(report),
        },
        "load": {
            "duration_s": round(elapsed, 2),
            "concurrency": args.concurrency,
            "requests": total,
            "requests_per_s": round(total / elapsed, 1),
            "non_200": sum(failures.values()),
            "server": "uvicorn, 1 process, SQLite (WAL), loopback",
        },
        "endpoints": {
            name: {
                "requests": len(v),
                "single_client_p50_ms": round(single[name], 1),
                "p50_ms": round(percentile(v, 50), 1),
                "p99_ms": round(percentile(v, 99), 1),
                "direct_store_call_ms": round(direct_ms[name], 1),
                "single_client_over_direct": round(single[name] / direct_ms[name], 2) if direct_ms[name] else None,
                "non_200": failures.get(name, 0),
            }
            for name, v in latencies.items()
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            # other work on the machine skews every figure: the 1-minute load average, before and after
            "load_average_before": load_before,
            "load_average_after": round(os.getloadavg()[0], 2),
        },
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
