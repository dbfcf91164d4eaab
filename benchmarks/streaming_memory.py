"""Peak memory of ``kronika batch`` and ``kronika ingest`` on one shard and on a shard ten times bigger.

    python benchmarks/streaming_memory.py [--docs 100] [--scale 10] [--workers 1]

Issue 16 item 4 / issue 13 item 2: JSON Lines is streamed line by line, so peak RSS must not
grow with the corpus (goal: the 10x shard at most 1.1x the 1x shard's peak). The reader alone is
also measured on shards of ``--read-docs`` and ten times that (about 5 and 50 MB unpacked). Each corpus is one
``.jsonl.gz`` shard (the case that used to be read whole: 405 MB RSS for 50 MB of text), written
by the synthetic corpus generator. Each command runs as its own process; the peak is the summed
RSS of that process and its workers, sampled from /proc (the baseline is the 1x run, measured in
the same run; the biggest single process's peak is given too). Prints JSON with both peaks, their
ratio and the documents per second.
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

from throughput import TreeRss


def write_shard(path: Path, docs: int, seed: int) -> int:
    """One gzipped JSON Lines shard of ``docs`` synthetic articles; returns its unpacked size."""
    import gzip

    from synth import iter_corpus

    size = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for row in iter_corpus(docs, seed=seed):
            line = json.dumps(row, ensure_ascii=False) + "\n"
            size += len(line.encode())
            fh.write(line)
    return size


def measure(cmd: list[str]) -> dict:
    tree = TreeRss(interval=0.1)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    peak = tree.stop()
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr[-3000:]}")
    largest = round(tree.largest / 2**20, 1)  # which process grows: the parent or a worker
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(peak, 1), "largest_process_peak_mb": largest}


READ_ONLY = """
import sys
from kronika.read import read_inputs
n = sum(1 for _ in read_inputs([sys.argv[1]]))
print(n)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100, help="documents in the 1x shard")
    ap.add_argument("--scale", type=int, default=10, help="the big shard is this many times bigger")
    ap.add_argument("--workers", type=int, default=1, help="kronika batch --workers")
    ap.add_argument("--read-docs", type=int, default=2500, help="documents in the 1x shard of the reader-only run")
    ap.add_argument(
        "--chunk-size",
        type=int,
        default=16,
        help="kronika batch --chunk-size: parts grow up to it, so the 1x run must reach it too (a part's "
        "documents are in memory at once; with 64 a 100-document shard never gets there)",
    )
    ap.add_argument("--only", default="batch,ingest,read", help="which measurements (comma-separated)")
    args = ap.parse_args()
    kronika = [sys.executable, "-m", "kronika"]
    result: dict = {"cpus": os.cpu_count(), "load_average_at_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="kronika-stream-") as tmp:
        only = set(args.only.split(","))
        runs: dict[str, dict] = {name: {} for name in ("batch", "ingest") if name in only}
        for label, n in (("x1", args.docs), (f"x{args.scale}", args.docs * args.scale)):
            if not runs:
                break
            shard = Path(tmp) / f"{label}.jsonl.gz"
            unpacked = write_shard(shard, n, seed=7)
            result[f"{label}_shard"] = {
                "documents": n,
                "gzip_mb": round(shard.stat().st_size / 2**20, 2),
                "unpacked_mb": round(unpacked / 2**20, 2),
            }
            if "batch" in runs:
                batch = [*kronika, "batch", str(shard), "--out", f"{tmp}/out-{label}", "--no-progress"]
                batch += ["--workers", str(args.workers), "--chunk-size", str(args.chunk_size)]
                runs["batch"][label] = measure(batch)
            if "ingest" in runs:
                ingest = [*kronika, "ingest", str(shard), "--db", f"{tmp}/{label}.db", "--no-progress"]
                runs["ingest"][label] = measure(ingest)
            for name in runs:
                runs[name][label]["documents_per_s"] = round(n / runs[name][label]["seconds"], 2)
            print(json.dumps({"partial": runs}), file=sys.stderr)
        # The reader alone on shards big enough to see a whole-file read (the x10 one is ~50 MB unpacked).
        if "read" in only:
            runs["read"] = {}
        for label, n in (("x1", args.read_docs), (f"x{args.scale}", args.read_docs * args.scale)):
            if "read" not in only:
                break
            shard = Path(tmp) / f"read-{label}.jsonl.gz"
            unpacked = write_shard(shard, n, seed=11)
            runs["read"][label] = measure([sys.executable, "-c", READ_ONLY, str(shard)])
            runs["read"][label].update(documents=n, unpacked_mb=round(unpacked / 2**20, 1))
            runs["read"][label]["documents_per_s"] = round(n / runs["read"][label]["seconds"], 1)
            shard.unlink()
        big = f"x{args.scale}"
        for name, r in runs.items():
            result[name] = {**r, "peak_ratio": round(r[big]["peak_rss_mb"] / r["x1"]["peak_rss_mb"], 3)}
    result["goal"] = "peak_ratio <= 1.1"
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
