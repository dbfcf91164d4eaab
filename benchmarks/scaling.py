"""Scaling curves of the knowledge base: ingest, re-ingest and every read query at two archive sizes,
on SQLite and PostgreSQL, printed side by side (and written as JSON). Asserts nothing.

    python benchmarks/scaling.py [--sizes 1000,10000] [--backends sqlite,postgresql]
        [--duration 10] [--clients 32] [--out scaling.json] > scaling.txt 2>&1 &
    python benchmarks/scaling.py --stores kronika.db postgresql://localhost/kronika   # reads only

It takes a while (about an hour on 2 cores with the defaults): run it in the background.

1. **Corpus.** The real news of ``data/wikinews`` and ``data/kremlin`` (``../shared/data`` until
   vendored), 1,111 articles. Larger archives are made of *variants* of these records: the text
   gets a numbered closing line, the URL a fragment and every date moves 4 years back per variant
   (so variants never merge with each other, and the store holds 40 years of news at 10k).
2. **Ingest.** The real articles are ingested by the whole pipeline into a fresh SQLite store
   (read -> NLP -> store: ``ingest docs/s``), then ingested again (``re-ingest speed-up`` = first
   run time / second run time; the second only reads, hashes and skips). Per backend and size, a
   fresh store is filled from the analyzed records (``store docs/s``, no NLP), and its inputs are
   ingested again through the reader (``re-ingest docs/s``).
3. **Reads.** ``kronika serve --read-only --workers N`` (``--workers``, default one per core) on
   each store; every endpoint is asked by one client (sequentially) and by ``--clients``
   concurrent clients (all endpoints mixed, each with varied parameters: several actors, pairs,
   types, places, outlets, date windows, words, pages) for ``--duration`` seconds each: p50/p99
   per endpoint. Twice: with ``--answer-cache-mb 0`` (every read queries the store: what a cold
   archive costs) and as users run it (answers kept until the store changes, after a first pass of
   as many clients that fills them in every server process; the share served from kept answers is
   printed). Each CLI query command is
   timed too (a fresh process: imports, schema check, query, output).
4. **Plans.** The store calls behind the endpoints run once in-process with their SQL recorded;
   every statement whose plan reads a whole table is printed with its plan (``EXPLAIN``).

Baselines in the same run: the same corpus at the smaller size (ratios 10k/1k), and a first
ingest against a re-ingest. To compare code versions, run this file (from the newer tree) with
``PYTHONPATH`` pointing at the older ``src/``.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # tests/pg.py: the throwaway PostgreSQL server
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaling_load import CLI_QUERIES, endpoints_for, run_cli, run_load, start_server  # noqa: E402


def _explain_module() -> Any:
    """``kronika.store.explain`` from this tree, also when PYTHONPATH points at an older one."""
    spec = importlib.util.spec_from_file_location("kronika_explain", ROOT / "src/kronika/store/explain.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def corpus_files() -> list[Path]:
    found = []
    for name in ("wikinews", "kremlin"):
        for base in (ROOT / "data" / name, ROOT.parent / "shared" / "data" / name):
            files = sorted(base.glob("*.jsonl")) if base.is_dir() else []
            if files:
                found += files
                break
        else:
            raise SystemExit(f"no {name} corpus in data/{name} or ../shared/data/{name}")
    return found


def real_rows(limit: int | None) -> list[dict[str, Any]]:
    """The real articles, the two corpora interleaved (so any prefix mixes both registers)."""
    per_file = [
        [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()] for f in corpus_files()
    ]
    rows: list[dict[str, Any]] = []
    for i in range(max(len(p) for p in per_file)):
        rows += [p[i] for p in per_file if i < len(p)]
    return rows[:limit] if limit else rows


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


_YEAR = re.compile(r"^(\d{4})")


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, str) and _YEAR.match(value):
        return f"{int(value[:4]) + years:04d}{value[4:]}"
    return value


def variant(rec: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy ``k`` of an analyzed record: new text (a closing line), URL and dates (-4k years)."""
    r = copy.deepcopy(rec)
    r.pop("stored", None)
    if k == 0:
        return r
    years = -4 * k  # back in time: the reader drops a publication date in the future (and the id with it)
    r["text"] = rec["text"] + f"\n\n(Variant {k} of this report.)"
    r["id"] = ""
    md = r["metadata"]
    md["url"] = f"{md.get('url') or 'https://variant.invalid/' + rec['id']}#variant-{k}"
    md["published"] = _shift(md.get("published"), years)
    for t in r.get("times") or []:
        t["value"] = _shift(t.get("value"), years)
    for e in r.get("events") or []:
        for key in ("value", "iso"):
            if key in (e.get("date") or {}):
                e["date"][key] = _shift(e["date"][key], years)
    return r


def round_trip_stable(base: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    """The records whose input row reads back to the same text (same content id).

    A record whose text the reader would normalize differently a second time is not skipped by a
    re-ingest but analyzed again as a revision; with ten variants of each record at 10k (and one
    such record is a 176,000-character transcript) that made the 10k re-ingest run for hours.
    """
    from kronika.read import read_inputs
    from kronika.record import Article

    pairs = [(r, variant(r, k)) for r in base for k in (0, 1)]  # a variant's closing line can change it
    src = write_jsonl(work / "round-trip.jsonl", [input_row(v) for _, v in pairs])
    read = read_inputs([str(src)])
    same = [getattr(a, "id", None) == Article.from_dict(v).id for (_, v), a in zip(pairs, read, strict=True)]
    bad = {id(r) for (r, _), ok in zip(pairs, same, strict=True) if not ok}
    kept = [r for r in base if id(r) not in bad]
    print(f"{len(base) - len(kept)} of {len(base)} records do not read back the same; left out", file=sys.stderr)
    return kept


def records_for(size: int, base: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [variant(base[i % len(base)], i // len(base)) for i in range(size)]


def input_row(rec: dict[str, Any]) -> dict[str, Any]:
    """The JSON Lines input a record was (or would have been) read from."""
    md = rec["metadata"]
    return {
        "text": rec["text"],
        "title": md.get("title"),
        "published": md.get("published"),
        "url": md.get("url"),
        "publication": md.get("publication"),
    }


def ingest_paths(store: Any, paths: list[str]) -> Any:
    """What ``kronika ingest`` does: ``Store.ingest_paths`` (skip before parse, worker processes as
    the CLI chooses them), or read -> analyze -> store in this process on older code."""
    if hasattr(store, "ingest_paths"):
        from kronika.batch.stream import auto_workers

        return store.ingest_paths(paths, workers=auto_workers(paths))
    from kronika.pipeline import analyze_paths

    return store.ingest(analyze_paths(paths))


def pipeline_phase(work: Path, n_real: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """First ingest (NLP) and re-ingest of the real articles; returns figures and the records."""
    from kronika.store import open_store

    rows = real_rows(n_real)
    src = write_jsonl(work / "real.jsonl", rows)
    store = open_store(work / "pipeline.db")
    t = time.perf_counter()
    first = ingest_paths(store, [str(src)])
    t_first = time.perf_counter() - t
    t = time.perf_counter()
    again = ingest_paths(store, [str(src)])
    t_again = time.perf_counter() - t
    ids = [r[0] for r in store.engine.connect().exec_driver_sql("SELECT id FROM articles ORDER BY rowid").all()]
    records = [store.article(i) for i in ids]
    store.close()
    cli_t = run_cli(["ingest", str(src), "--db", str(work / "pipeline.db"), "--no-progress"])
    return {
        "documents": len(rows),
        "first_ingest_s": round(t_first, 2),
        "ingest_docs_per_s": round(first.new / t_first, 2),
        "first_report": str(first),
        "reingest_s": round(t_again, 3),
        "reingest_report": str(again),
        "reingest_speedup": round(t_first / t_again, 1),
        "reingest_cli_process_s": round(cli_t, 3),
        "reingest_speedup_cli_process": round(t_first / cli_t, 1),
    }, [r for r in records if r]


def build_store(url: str, records: list[dict[str, Any]], work: Path, tag: str) -> dict[str, Any]:
    from kronika.record import Article
    from kronika.store import open_store

    store = open_store(url)
    arts = [Article.from_dict(r) for r in records]
    t = time.perf_counter()
    report = store.ingest(arts)
    t_store = time.perf_counter() - t
    src = write_jsonl(work / f"inputs-{tag}.jsonl", [input_row(a.to_dict()) for a in arts])
    t = time.perf_counter()
    again = ingest_paths(store, [str(src)])
    t_again = time.perf_counter() - t
    stats = store.stats()
    store.close()
    return {
        "store_s": round(t_store, 2),
        "store_docs_per_s": round(report.new / t_store, 1),
        "store_report": str(report),
        "reingest_docs_per_s": round(len(arts) / t_again, 1),
        "reingest_report": str(again),
        "stats": stats,
    }


def explain_phase(url: str, eps: dict[str, Any]) -> list[dict[str, Any]]:
    """Run each endpoint's store calls once with SQL recorded; the statements that scan a table."""
    from kronika.store import open_store

    ex = _explain_module()
    store = open_store(url)
    out = []
    for name, ep in eps.items():
        with ex.recording(store.engine) as log:
            ep["direct"](store)
        for scan in ex.full_scans(store.engine, log):
            out.append({"query": name, **scan})
    store.close()
    return out


def measure(url: str, args: argparse.Namespace) -> dict[str, Any]:
    from kronika.store import open_store

    store = open_store(url)
    eps = endpoints_for(store)
    store.close()
    scans = explain_phase(url, eps)
    cli = {name: round(min(run_cli([*argv, "--db", url]) for _ in range(3)) * 1000) for name, argv in CLI_QUERIES}
    # Every read queries the store (no answers kept): what a cold archive costs, one and many clients.
    with start_server(url, workers=args.workers, answer_cache=False) as base:
        one = run_load(base, eps, clients=1, duration=args.duration)
        cold = run_load(base, eps, clients=args.clients, duration=args.duration)
    # As users run it: answers kept until the store changes, once a first pass of as many clients
    # has reached every server process (one client's connection reaches only one of them).
    with start_server(url, workers=args.workers) as base:
        run_load(base, eps, clients=args.clients, duration=args.duration)
        many = run_load(base, eps, clients=args.clients, duration=args.duration)
    return {"one_client": one, "many_clients": many, "many_clients_uncached": cold, "cli_ms": cli, "full_scans": scans}


def pg_server() -> Any:
    """The tests' throwaway PostgreSQL server (a context manager yielding its base URL)."""
    from pg import pg_bindir, throwaway_server

    if pg_bindir() is None:
        raise SystemExit("PostgreSQL is not installed; run with --backends sqlite")
    return throwaway_server()


def table(results: dict[str, Any], pipeline: dict[str, Any] | None, clients: int) -> str:
    sizes = sorted({int(s) for b in results for s in results[b]})
    cols = [(b, str(s)) for s in sizes for b in results if str(s) in results[b]]
    head = " | ".join(f"{b} {int(s) // 1000}k" if int(s) >= 1000 else f"{b} {s}" for b, s in cols)
    lines = (
        [
            f"ingest (read -> NLP -> store), {pipeline['documents']} real articles, SQLite: "
            f"{pipeline['ingest_docs_per_s']} docs/s; re-ingest {pipeline['reingest_s']} s in-process "
            f"(**{pipeline['reingest_speedup']}x** faster), {pipeline['reingest_cli_process_s']} s as a new "
            f"`kronika ingest` process ({pipeline['reingest_speedup_cli_process']}x)",
            "",
        ]
        if pipeline
        else []
    )
    lines += [f"| measure | {head} |", "|---" * (len(cols) + 1) + "|"]
    row = lambda label, fn: lines.append(f"| {label} | " + " | ".join(fn(results[b][s]) for b, s in cols) + " |")  # noqa: E731
    row("store docs/s (records in, no NLP)", lambda r: str(r["build"]["store_docs_per_s"]))
    row("re-ingest docs/s (read, hash, skip)", lambda r: str(r["build"]["reingest_docs_per_s"]))
    row("story events", lambda r: str(r["build"]["stats"]["story_events"]))
    names = list(next(iter(next(iter(results.values())).values()))["reads"]["one_client"])
    cold = lambda r, n, k: r["reads"].get("many_clients_uncached", {}).get(n, {}).get(k, "—")  # noqa: E731
    for name in names:
        row(
            f"{name} p50/p99 ms: 1 client · {clients} uncached · {clients} kept",
            lambda r, n=name: "{}/{} · {}/{} · {}/{}".format(
                *(r["reads"]["one_client"][n][k] for k in ("p50", "p99")),
                *(cold(r, n, k) for k in ("p50", "p99")),
                *(r["reads"]["many_clients"][n][k] for k in ("p50", "p99")),
            ),
        )
    for label, part in (("every read queries the store", "many_clients_uncached"), ("answers kept", "many_clients")):
        row(
            f"all reads p50 / p99 ms at {clients} clients, {label} (errors)",
            lambda r, p=part: (
                "{p50} / **{p99}** ({errors})".format(**r["reads"][p]["_all"]) if p in r["reads"] else "—"
            ),
        )
        row(
            f"requests/s at {clients} clients, {label}",
            lambda r, p=part: str(r["reads"][p]["_all"]["rps"]) if p in r["reads"] else "—",
        )
    row(
        f"share of answers served from the kept ones at {clients} clients",
        lambda r: str(r["reads"]["many_clients"]["_all"].get("hit_share", "—")),
    )
    for name, _ in CLI_QUERIES:
        row(f"`kronika {name}` ms (new process)", lambda r, n=name: str(r["reads"]["cli_ms"][n]))
    row("statements with a full scan", lambda r: str(len(r["reads"]["full_scans"])))
    return "\n".join(lines)


def compare(before: dict[str, Any], after: dict[str, Any]) -> str:
    """Two runs' figures side by side (``before -> after``), e.g. two code versions."""
    res_b, res_a = before["results"], after["results"]
    cols = [(b, s) for b in res_a for s in res_a[b] if s in res_b.get(b, {})]
    head = " | ".join(f"{b} {int(s) // 1000}k" if int(s) >= 1000 else f"{b} {s}" for b, s in cols)
    pb, pa = before.get("pipeline"), after.get("pipeline")
    lines = (
        [
            f"ingest (read -> NLP -> store), {pa['documents']} real articles, SQLite: {pb['ingest_docs_per_s']} -> "
            f"{pa['ingest_docs_per_s']} docs/s; re-ingest of the same inputs {pb['reingest_s']} s -> "
            f"{pa['reingest_s']} s ({pb['reingest_speedup']}x -> {pa['reingest_speedup']}x faster than the first "
            "ingest)",
            "",
        ]
        if pb and pa  # runs of --stores build nothing
        else []
    )
    lines += [f"| measure (before → after) | {head} |", "|---" * (len(cols) + 1) + "|"]

    def row(label: str, fn: Any) -> None:
        cells = []
        for b, s in cols:
            try:
                cells.append(f"{fn(res_b[b][s])} → {fn(res_a[b][s])}")
            except (KeyError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("store docs/s", lambda r: r["build"]["store_docs_per_s"])
    row("re-ingest docs/s", lambda r: r["build"]["reingest_docs_per_s"])
    one = next(iter(next(iter(res_a.values())).values()))["reads"]
    for name in one["one_client"]:
        if name.startswith("_"):
            continue
        row(
            f"{name}: p50 / p99 ms, 1 client",
            lambda r, n=name: "{p50:.0f}/{p99:.0f}".format(**r["reads"]["one_client"][n]),
        )
        row(
            f"{name}: p50 / p99 ms, {after['args']['clients']} clients",
            lambda r, n=name: "{p50:.0f}/{p99:.0f}".format(**r["reads"]["many_clients"][n]),
        )
    row(
        f"all reads: p99 ms at {after['args']['clients']} clients",
        lambda r: "{p99:.0f}".format(**r["reads"]["many_clients"]["_all"]),
    )
    row("errors (non-200)", lambda r: r["reads"]["many_clients"]["_all"]["errors"])
    row("requests/s", lambda r: r["reads"]["many_clients"]["_all"]["rps"])
    for name, _ in CLI_QUERIES:
        row(f"`kronika {name}` ms", lambda r, n=name: r["reads"]["cli_ms"][n])
    row("statements with a full scan", lambda r: len(r["reads"]["full_scans"]))
    return "\n".join(lines)


def measure_stores(args: argparse.Namespace) -> None:
    """``--stores``: the read measurements of existing stores (yours, or ones an earlier run
    built), in the same table; no ingest, so the build rows show dashes."""
    from kronika.store import open_store

    results: dict[str, dict[str, Any]] = {}
    for target in args.stores:
        store = open_store(target)
        backend, stats = store.backend, store.stats()
        store.close()
        build = {"store_docs_per_s": "—", "reingest_docs_per_s": "—", "stats": stats}
        results.setdefault(backend, {})[str(stats["articles"])] = {"build": build, "reads": measure(target, args)}
        Path(args.out).write_text(json.dumps({"results": results, "args": vars(args)}, indent=2, default=str))
        print(f"{backend} {stats['articles']}: measured; load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print(table(results, None, args.clients))
    print_scans(results)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}; figures in {args.out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="print two runs' JSON side by side")
    ap.add_argument("--sizes", default="1000,10000", help="archive sizes in articles, comma-separated")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--duration", type=float, default=10.0, help="seconds of load per client count")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="kronika serve --workers (default: cores)")
    ap.add_argument("--real", type=int, default=None, help="use only this many real articles (default: all)")
    ap.add_argument("--records", help="reuse analyzed records (JSONL.gz written by an earlier run): skips NLP")
    ap.add_argument("--out", default="scaling.json", help="write every figure here as JSON")
    ap.add_argument(
        "--stores", nargs="+", metavar="STORE", help="measure the reads of these existing stores (paths or URLs) only"
    )
    args = ap.parse_args()
    if args.compare:
        before, after = (json.loads(Path(p).read_text()) for p in args.compare)
        print(compare(before, after))
        return
    if args.stores:
        measure_stores(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = args.backends.split(",")
    work = Path(tempfile.mkdtemp(prefix="kronika-scaling-"))
    print(f"work dir {work}; load average {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)

    if args.records:
        with gzip.open(args.records, "rt", encoding="utf-8") as fh:
            base = [json.loads(x) for x in fh]
        pipeline = json.loads(Path(args.records + ".json").read_text())
    else:
        pipeline, base = pipeline_phase(work, args.real)
        with gzip.open(work / "records.jsonl.gz", "wt", encoding="utf-8") as fh:
            for r in base:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        (work / "records.jsonl.gz.json").write_text(json.dumps(pipeline))
    print(f"pipeline: {json.dumps(pipeline)}", file=sys.stderr, flush=True)
    base = round_trip_stable(base, work)

    # Sizes outer, backends inner: the smaller archive is measured on every backend first, and the
    # figures so far are written (JSON and table) after each store, so a run cut short still reports.
    results: dict[str, dict[str, Any]] = {b: {} for b in backends}
    server, pg_base = None, ""
    if "postgresql" in backends:
        server = pg_server()
        pg_base = server.__enter__()
    try:
        for size in sizes:
            for backend in backends:
                if backend == "postgresql":
                    from pg import create_database

                    url = create_database(pg_base)
                else:
                    url = str(work / f"{size}.db")
                t0 = time.perf_counter()
                build = build_store(url, records_for(size, base), work, f"{backend}-{size}")
                reads = measure(url, args)
                results[backend][str(size)] = {"build": build, "reads": reads}
                out = {"pipeline": pipeline, "results": results, "args": vars(args), "cpus": os.cpu_count()}
                Path(args.out).write_text(json.dumps(out, indent=2, default=str))
                print(
                    f"{backend} {size}: built and measured in {time.perf_counter() - t0:.0f} s; "
                    f"load average {os.getloadavg()[0]:.2f}\n{table(results, pipeline, args.clients)}",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    print(table(results, pipeline, args.clients))
    print_scans(results)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}; figures in {args.out}")


def print_scans(results: dict[str, Any]) -> None:
    for backend in results:
        for size, r in results[backend].items():
            for scan in r["reads"]["full_scans"]:
                print(f"\nfull scan ({backend} {size}, {scan['query']}): {', '.join(scan['tables'])}\n  {scan['sql']}")
                print("\n".join("    " + line for line in scan["plan"]))


if __name__ == "__main__":
    main()
