"""Throughput of the store's ingest, against two baselines measured in the same run
(prints JSON, asserts nothing).

    python benchmarks/store_ingest.py [--docs 500] [--db-url postgresql://...]

The records are the sample corpus (``samples/corpus``) analyzed once by the real pipeline, then
copied to ``--docs`` distinct documents (a suffix changes each text, so each is new). Timed:

- ``bare_sqlite``: each record's JSON inserted into one table, one transaction per document (the
  same durability as ours) -- the floor any store pays;
- ``analyze``: the pipeline itself on the sample corpus (docs/s), since ingest runs behind it;
- ``kronika_ingest``: ``Store.ingest`` -- paragraphs, FTS, entities, mentions, times, event
  reports and the story-event merge.

Ratios: ``vs_bare`` = ingest docs/s / bare docs/s; ``vs_analyze`` = ingest docs/s / analyze
docs/s (above 1 means storing keeps up with analysing).
"""

from __future__ import annotations

import argparse
import copy
import json
import sqlite3
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500, help="documents to ingest")
    ap.add_argument("--db-url", default=None, help="store URL (default: a new SQLite file in a temp dir)")
    args = ap.parse_args()

    from kronika.pipeline import analyze_paths
    from kronika.record import Article
    from kronika.store import open_store

    list(analyze_paths([str(ROOT / "samples" / "2022-01-kazakhstan-csto.txt")]))  # load the model untimed
    t = time.perf_counter()
    base = [r for r in analyze_paths([str(ROOT / "samples" / "corpus")]) if isinstance(r, Article)]
    analyze_rate = len(base) / (time.perf_counter() - t)

    records = []
    for i in range(args.docs):
        a = copy.deepcopy(base[i % len(base)])
        a.text += f"\n\n(copy {i})"  # appended: every offset in the record stays valid
        a.metadata.url = f"https://bench.invalid/{i}"
        a.id = ""
        a.__post_init__()
        records.append(a)

    tmp = Path(tempfile.mkdtemp(prefix="kronika-bench-"))
    con = sqlite3.connect(tmp / "bare.db", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("CREATE TABLE records (id TEXT PRIMARY KEY, record TEXT)")
    t = time.perf_counter()
    for a in records:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO records VALUES (?, ?)", (a.id, json.dumps(a.to_dict())))
        con.execute("COMMIT")
    bare_rate = len(records) / (time.perf_counter() - t)

    store = open_store(args.db_url or tmp / "kb.db")
    t = time.perf_counter()
    report = store.ingest(records)
    ingest_rate = len(records) / (time.perf_counter() - t)
    t = time.perf_counter()
    again = store.ingest(records)
    skip_rate = len(records) / (time.perf_counter() - t)
    t = time.perf_counter()
    timeline = store.timeline(actor="KAZ")
    timeline_s = time.perf_counter() - t
    print(
        json.dumps(
            {
                "docs": len(records),
                "backend": store.backend,
                "event_reports": report.event_reports,
                "story_events": store.stats()["story_events"],
                "docs_per_s": {
                    "bare_sqlite": round(bare_rate, 1),
                    "analyze": round(analyze_rate, 1),
                    "kronika_ingest": round(ingest_rate, 1),
                    "kronika_reingest_skip": round(skip_rate, 1),
                },
                "vs_bare": round(ingest_rate / bare_rate, 3),
                "vs_analyze": round(ingest_rate / analyze_rate, 3),
                "skipped_on_rerun": again.skipped,
                "timeline_kaz_s": round(timeline_s, 3),
                "timeline_kaz_events": len(timeline),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
