"""The batch engines side by side on one machine: local with 1 and 2 workers, Ray with 2 actors,
and what Ray alone costs (prints JSON, asserts nothing).

    python benchmarks/engines.py [--docs 300] [--workers 2] [--chunk-size 64]

One synthetic corpus (``benchmarks/synth.py``, seeded, one JSON Lines shard) is coded by each
engine in a fresh interpreter; for each: seconds, documents/s overall and after the workers were
ready (model loaded), and the peak summed RSS of the process tree (Ray's own daemons included:
they are children of the driver on one machine). Ratios against the local engine with the same
number of workers, measured in the same run. ``cpus_used`` (CPU seconds of the whole process tree
per wall second) and the load average say how much of the machine a run really had: a 2-worker
speed-up cannot exceed the CPUs it got. ``ray_alone``: Ray started as the engine starts it and
left idle for 10 s, no actors (seconds and CPU seconds to start it, CPUs its daemons use while
idle, their memory): the fixed cost a Ray run pays before its first document.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


class TreeCpu(threading.Thread):
    """CPU seconds of this process and all its descendants (Ray's daemons and actors included),
    sampled from /proc: the last figure seen for each process, so ones that exit still count."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.ticks: dict[int, int] = {}
        self.interval, self.done = interval, threading.Event()
        self.start()

    def sample(self) -> None:
        parents, cpu = {}, {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as fh:
                        f = fh.read().rsplit(")", 1)[1].split()
                    parents[int(d)], cpu[int(d)] = int(f[1]), int(f[11]) + int(f[12])
                except (OSError, IndexError, ValueError):
                    continue
        mine, todo = set(), [os.getpid()]
        while todo:
            pid = todo.pop()
            mine.add(pid)
            todo += [c for c, p in parents.items() if p == pid and c not in mine]
        for pid in mine & cpu.keys():
            self.ticks[pid] = max(self.ticks.get(pid, 0), cpu[pid])

    def total(self) -> float:
        """CPU seconds so far (sampled now)."""
        self.sample()
        return sum(list(self.ticks.values())) / os.sysconf("SC_CLK_TCK")

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.sample()

    def stop(self) -> float:
        self.done.set()
        self.join()
        self.sample()
        sampled = sum(self.ticks.values()) / os.sysconf("SC_CLK_TCK")
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        waited = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime  # exact for joined workers
        return max(sampled, waited)


def measure(corpus: Path, engine: str, workers: int, chunk: int) -> dict:
    from throughput import TreeRss

    from kronika.batch import run_batch

    tree, cpu, load = TreeRss(), TreeCpu(), os.getloadavg()[0]
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
        "seconds_until_workers_ready": round(ready, 2),
        "docs_per_s_after_startup": round(run["coded"] / (seconds - ready), 2) if ready else None,
        "tree_peak_rss_mb": round(tree.stop()),
        # CPU seconds of the whole tree: what the run cost, whatever else the machine was doing
        "cpu_seconds": round(cpu_seconds := cpu.stop(), 1),
        "cpus_used": round(cpu_seconds / seconds, 2),
        "load_average_before": round(load, 2),
        **{k: run[k] for k in ("ray_batch_size", "seconds_starting_ray") if k in run},
    }


def ray_floor(workers: int, idle: float = 10.0) -> dict:
    """What Ray itself costs before any document: started as the engine starts it, then left idle.

    Why: on one machine this, not the coding, is what keeps the Ray engine behind the local one;
    it is paid once per run, so its share shrinks as the corpus grows."""
    from throughput import TreeRss

    from kronika.batch.ray_engine import _init_ray

    tree, cpu = TreeRss(), TreeCpu()
    t0 = time.perf_counter()
    _init_ray(None, workers)
    started = time.perf_counter() - t0
    time.sleep(1.0)  # the daemons Ray starts in the background (log monitor, agents) settle
    before = cpu.total()
    time.sleep(idle)
    after = cpu.total()
    return {
        "seconds_starting_ray": round(started, 2),
        "cpu_seconds_until_idle": round(before, 1),  # this interpreter's imports included
        "cpus_used_idle": round((after - before) / idle, 3),
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
    if args._measure == "ray-floor":
        print(json.dumps(ray_floor(args._workers)))
        return
    if args._measure:
        print(json.dumps(measure(Path(args._corpus), args._measure, args._workers, args.chunk_size)))
        return

    from synth import write_corpus

    runs = []
    with tempfile.TemporaryDirectory(prefix="kronika-engines-") as tmp:  # the corpus goes when the run ends
        (corpus,) = write_corpus(Path(tmp), args.docs, shards=1)
        for engine, workers in (("local", 1), ("local", args.workers), ("ray", args.workers)):
            cmd = [sys.executable, __file__, "--_measure", engine, "--_corpus", str(corpus)]
            cmd += ["--_workers", str(workers), "--chunk-size", str(args.chunk_size)]
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if res.returncode != 0:
                raise SystemExit(f"{engine} with {workers} failed:\n{res.stderr[-3000:]}")
            runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
            print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
    cmd = [sys.executable, __file__, "--_measure", "ray-floor", "--_workers", str(args.workers)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"starting Ray alone failed:\n{res.stderr[-3000:]}")
    floor = json.loads(res.stdout.strip().splitlines()[-1])
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
                "ray_over_local_after_startup": round(
                    (ray["docs_per_s_after_startup"] or 0) / (local["docs_per_s_after_startup"] or 1), 2
                ),
                "ray_memory_over_local": round(ray["tree_peak_rss_mb"] / local["tree_peak_rss_mb"], 2),
                "ray_cpu_over_local": round(ray["cpu_seconds"] / local["cpu_seconds"], 2),
                "ray_alone": floor,
                "cpus": os.cpu_count(),
                "load_average": round(os.getloadavg()[0], 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
