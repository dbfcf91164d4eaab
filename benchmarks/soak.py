"""Soak test: reads and analyses against one server, read latency with and without a queue of analyses.

    python benchmarks/soak.py [--duration 60] [--readers 4] [--analysts 8] [--workers 2] [--queue 4]

1. Builds a small synthetic store (``--articles``, the load test's generator) in a temporary folder.
2. Starts ``kronika serve`` on a free 127.0.0.1 port (loopback only) with ``--analysis-workers`` and
   ``--analysis-queue``, and waits until its workers have loaded the model.
3. For the first third of ``--duration`` (at most 120 s in all), ``--readers`` clients request read
   endpoints round-robin: the baseline, measured in this run.
4. For the rest, the same readers go on while ``--analysts`` clients post articles to analyze, more
   than the workers and the queue hold, so the queue stays full and some posts get 429.
5. Prints JSON: read p50/p99 (ms) without and with the analyses and their ratio, analyses done,
   refused (429, with Retry-After) and failed, and every status seen (a 5xx would be a failure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_test import free_port, percentile, synthetic_article

READS = [
    "/api/articles?limit=20",
    "/api/timeline?actor=KAZ&limit=100",
    "/api/actors?top=20",
    "/api/search?q=sanctions",
    "/api/events?type=CONSULT&limit=100",
    "/api/overview",
]
# Articles to analyze: our own sentences, a few hundred words each (a typical news item).
PARAGRAPHS = [
    "Kazakhstan and Uzbekistan signed an agreement on water sharing in Tashkent on Tuesday, officials said.",
    "Russia moved troops toward the border with Ukraine on Monday, according to the defence ministry in Kyiv.",
    "China promised Kyrgyzstan financial support for a new railway during a visit to Bishkek last week.",
    "The European Union urged Tajikistan to release detained journalists, a spokesperson said in Brussels.",
    "Turkmenistan rejected a proposal from Iran on gas prices, the foreign ministry said in a statement.",
    "Protesters gathered outside the parliament in Tbilisi on Saturday; police detained several of them.",
]


def article_text(rng: random.Random) -> str:
    return "\n\n".join(" ".join(rng.choice(PARAGRAPHS) for _ in range(3)) for _ in range(rng.randint(3, 6)))


class Client(threading.Thread):
    """One client: requests until told to stop, recording (phase, kind, status, ms)."""

    def __init__(self, base: str, kind: str, seed: int, out: list, phase: list[str], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base, self.kind, self.rng, self.out, self.phase, self.stop = (
            base,
            kind,
            random.Random(seed),
            out,
            phase,
            stop,
        )

    def run(self) -> None:
        import httpx

        with httpx.Client(base_url=self.base, timeout=300) as http:
            i = self.rng.randrange(len(READS))
            while not self.stop.is_set():
                phase = self.phase[0]
                t = time.perf_counter()
                if self.kind == "read":
                    r = http.get(READS[i % len(READS)])
                    i += 1
                else:
                    r = http.post("/api/analyze", json={"text": article_text(self.rng), "published": "2024-03-14"})
                ms = (time.perf_counter() - t) * 1000
                self.out.append((phase, self.kind, r.status_code, ms, r.headers.get("retry-after")))
                if self.kind == "analyze" and r.status_code == 429:
                    self.stop.wait(min(float(r.headers.get("retry-after", "1")), 2.0) / 4)  # keep the queue full


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=60.0, help="seconds in all (capped at 120)")
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--analysts", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2, help="--analysis-workers of the server")
    ap.add_argument("--queue", type=int, default=4, help="--analysis-queue of the server")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    duration = min(args.duration, 120.0)

    import httpx

    from kronika.store import open_store

    tmp = tempfile.TemporaryDirectory(prefix="kronika-soak-")
    db = str(Path(tmp.name) / "soak.db")
    rng = random.Random(args.seed)
    with open_store(db) as store:
        store.ingest([synthetic_article(i, rng) for i in range(args.articles)])

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "kronika", "serve", "--db", db, "--port", str(port)]
    cmd += ["--analysis-workers", str(args.workers), "--analysis-queue", str(args.queue)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 180  # the workers load the model before the server listens
        while True:
            try:
                if httpx.get(base + "/api/overview", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                err = server.stderr.read().decode() if server.stderr and server.poll() is not None else ""
                raise SystemExit(f"server did not start: {err}")
            time.sleep(0.5)

        out: list[tuple] = []
        phase = ["reads only"]
        stop = threading.Event()
        readers = [Client(base, "read", args.seed + i, out, phase, stop) for i in range(args.readers)]
        analysts = [Client(base, "analyze", 1000 + i, out, phase, stop) for i in range(args.analysts)]
        for c in readers:
            c.start()
        time.sleep(duration / 3)
        phase[0] = "reads with analyses"
        for c in analysts:
            c.start()
        time.sleep(duration * 2 / 3)
        stop.set()
        for c in readers + analysts:
            c.join(300)
    finally:
        server.terminate()
        server.wait(30)
        tmp.cleanup()

    def reads(p: str) -> list[float]:
        return [ms for ph, kind, status, ms, _ in out if ph == p and kind == "read" and status == 200]

    base_reads, loaded_reads = reads("reads only"), reads("reads with analyses")
    analyses = [(s, ms, ra) for _, kind, s, ms, ra in out if kind == "analyze"]
    done = [ms for s, ms, _ in analyses if s == 200]
    result = {
        "server": f"kronika serve, {args.workers} analysis worker(s), queue {args.queue}, SQLite, loopback",
        "duration_s": duration,
        "articles_in_store": args.articles,
        "readers": args.readers,
        "analysts": args.analysts,
        "reads_only": {
            "requests": len(base_reads),
            "p50_ms": round(percentile(base_reads, 50), 1),
            "p99_ms": round(percentile(base_reads, 99), 1),
        },
        "reads_with_analyses": {
            "requests": len(loaded_reads),
            "p50_ms": round(percentile(loaded_reads, 50), 1),
            "p99_ms": round(percentile(loaded_reads, 99), 1),
        },
        "read_p50_ratio": round(percentile(loaded_reads, 50) / percentile(base_reads, 50), 2),
        "read_p99_ratio": round(percentile(loaded_reads, 99) / percentile(base_reads, 99), 2),
        "analyses_done": len(done),
        "analysis_p50_ms": round(percentile(done, 50), 1) if done else None,
        "analyses_refused_429": sum(1 for s, _, _ in analyses if s == 429),
        "retry_after_s": sorted({int(ra) for s, _, ra in analyses if s == 429 and ra}),
        "statuses": dict(Counter(str(s) for _, _, s, _, _ in out)),
        "server_errors_5xx": sum(1 for _, _, s, _, _ in out if s >= 500),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
