"""Reads of two code versions on the same archive, side by side in one run (prints JSON and a table).

    python benchmarks/reads_before_after.py --before /path/to/old/src --db 10k.db [--db 1k.db]
        [--clients 32] [--duration 10] [--workers 2]

``benchmarks/scaling.py`` builds its stores from scratch, which takes most of an hour at 10k
articles on PostgreSQL; comparing two versions that way doubles it. This script takes stores that
exist (built by the older code: e.g. ``scaling.py --records`` run from the older tree), copies each,
and serves the copy with each version in turn: the older ``src`` through ``PYTHONPATH`` as it is,
the newer (this tree) after it migrates its copy. The same URLs (chosen by ``scaling_load``) are
asked by 1 client and by ``--clients`` clients for ``--duration`` seconds: the newer version
twice, with every answer computed (``--answer-cache-mb 0``) and as users run it (answers kept,
measured after a first pass of as many clients). The older version gets no warm-up pass: it keeps
nothing between requests but its aggregates, which its one-client pass fills.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

from scaling_load import endpoints_for, run_load, start_server  # noqa: E402


def _serve(db: str, src: Path, args: argparse.Namespace, warm: bool = False, **opts: Any) -> dict[str, Any]:
    """One version on one store: 1 client, then ``--clients`` (after a first pass of as many
    clients when ``warm``: kept answers reach every server process only through their traffic)."""
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(src)
    try:
        with start_server(db, workers=args.workers, **opts) as base:
            one = run_load(base, EPS, clients=1, duration=args.duration)
            if warm:
                run_load(base, EPS, clients=args.clients, duration=args.duration)
            many = run_load(base, EPS, clients=args.clients, duration=args.duration)
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return {"one": one["_all"], "many": many["_all"], "per_endpoint_many": many}


EPS: dict[str, Any] = {}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", required=True, help="the older version's src/ directory")
    ap.add_argument("--db", action="append", required=True, help="a SQLite store built by the older version")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--duration", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="kronika serve --workers (newer)")
    ap.add_argument("--out", default="reads_before_after.json")
    args = ap.parse_args()
    from kronika.store import open_store

    results: dict[str, Any] = {"load_average_start": os.getloadavg()[0], "stores": {}}
    work = Path(tempfile.mkdtemp(prefix="kronika-ab-"))
    for db in args.db:
        before_db, after_db = work / "before.db", work / "after.db"
        for copy in (before_db, after_db):
            shutil.copyfile(db, copy)
        store = open_store(str(after_db))  # the newer code migrates its copy
        EPS.clear()
        EPS.update(endpoints_for(store))
        stats = store.stats()
        store.close()
        print(f"{db}: {stats['articles']} articles, {stats['story_events']} story events", file=sys.stderr)
        results["stores"][db] = {
            "articles": stats["articles"],
            "before": _serve(str(before_db), Path(args.before), args),
            "after, every answer computed": _serve(str(after_db), SRC, args, answer_cache=False),
            "after, answers kept": _serve(str(after_db), SRC, args, warm=True),
        }
        for p in work.glob("*.db*"):
            p.unlink()
    results["load_average_end"] = os.getloadavg()[0]
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"| reads, {args.clients} clients for {args.duration:g} s | " + " | ".join(results["stores"]) + " |")
    print("|---" * (len(results["stores"]) + 1) + "|")
    for label in ("before", "after, every answer computed", "after, answers kept"):
        cells = []
        for r in results["stores"].values():
            o, m = r[label]["one"], r[label]["many"]
            cells.append(
                f"1 client p50/p99 {o['p50']:.0f}/{o['p99']:.0f} ms; {args.clients}: p50/p99 "
                f"{m['p50']:.0f}/**{m['p99']:.0f}** ms, {m['rps']} req/s, {m['errors']} errors"
            )
        print(f"| {label} | " + " | ".join(cells) + " |")
    loads = f"{results['load_average_start']:.2f} -> {results['load_average_end']:.2f}"
    print(f"\nload average {loads}; JSON in {args.out}")


if __name__ == "__main__":
    main()
