"""The batch engines side by side on one machine: local with 1 and 2 workers, Ray with 2 actors
(prints JSON, asserts nothing).

    python benchmarks/engines.py [--docs 300] [--workers 2] [--chunk-size 64]

One synthetic corpus (``benchmarks/synth.py``, seeded, one JSON Lines shard) is coded by each
engine in a fresh interpreter; for each: seconds, documents/s overall and after the workers were
ready (model loaded), and the peak summed RSS of the process tree (Ray's own daemons included:
they are children of the driver on one machine). Ratios against the local engine with the same
number of workers, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(corpus: Path, engine: str, workers: int, chunk: int) -> dict:
    from throughput import TreeRss

    from kronika.batch import run_batch

    tree = TreeRss()
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        manifest = run_batch([str(corpus)], out, engine=engine, workers=workers, chunk_size=chunk)
        seconds = time.perf_counter() - t0
    run = manifest["runs"][-1]
    ready = run.get("seconds_until_workers_ready") or 0.0
    return {
        "engine": engine,
        "workers": workers,
        "seconds": round(seconds, 2),
        "coded": run["coded"],
        "docs_per_s": round(run["coded"] / seconds, 2),
        "docs_per_s_after_startup": round(run["coded"] / (seconds - ready), 2) if ready else None,
        "tree_peak_rss_mb": round(tree.stop()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, default=64)
    ap.add_argument("--_measure", help=argparse.SUPPRESS)
    ap.add_argument("--_corpus", help=argparse.SUPPRESS)
    ap.add_argument("--_workers", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._measure:
        print(json.dumps(measure(Path(args._corpus), args._measure, args._workers, args.chunk_size)))
        return

    from synth import write_corpus

    tmp = Path(tempfile.mkdtemp(prefix="kronika-engines-"))
    (corpus,) = write_corpus(tmp, args.docs, shards=1)
    runs = []
    for engine, workers in (("local", 1), ("local", args.workers), ("ray", args.workers)):
        cmd = [sys.executable, __file__, "--_measure", engine, "--_corpus", str(corpus)]
        cmd += ["--_workers", str(workers), "--chunk-size", str(args.chunk_size)]
        res = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise SystemExit(f"{engine} with {workers} failed:\n{res.stderr[-3000:]}")
        runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    one, local, ray = runs
    print(
        json.dumps(
            {
                "docs": args.docs,
                "runs": runs,
                "local_2_over_1": round(local["docs_per_s"] / one["docs_per_s"], 2),
                "local_2_over_1_after_startup": round(
                    (local["docs_per_s_after_startup"] or 0) / (one["docs_per_s_after_startup"] or 1), 2
                ),
                "ray_over_local": round(ray["docs_per_s"] / local["docs_per_s"], 2),
                "ray_memory_over_local": round(ray["tree_peak_rss_mb"] / local["tree_peak_rss_mb"], 2),
                "cpus": os.cpu_count(),
                "load_average": round(os.getloadavg()[0], 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
