"""Re-ingest against first ingest, measured in one run on the real corpora (prints JSON, asserts nothing).

    python benchmarks/reingest.py [--docs 200] [--db-url postgresql://...]

The pipeline phase of ``benchmarks/scaling.py`` at a size that takes a minute or two instead of
seven: the first ``--docs`` real articles of ``data/wikinews`` and ``data/kremlin`` (interleaved,
as there) are written as one JSON Lines shard and ingested by ``Store.ingest_paths`` (read -> NLP
-> store, worker processes as ``kronika ingest`` chooses them) into a fresh store, then ingested
again, unchanged. Timed, all against the first ingest of the same run:

- ``reingest``: the unchanged shard again (skipped on raw keys, before the reader normalises);
- ``reingest_content_path``: the same after a simulated reader change (every raw key stale), so
  each document is read, normalised and skipped on its content hash -- what every re-ingest cost
  before raw keys (and the raw keys are refreshed on the way);
- ``reingest_cli_process``: ``kronika ingest`` of the unchanged shard as a new process (imports,
  schema check, re-ingest).

To compare code versions, run this file with ``PYTHONPATH`` pointing at the older ``src/`` (the
content-path figure is then missing: older code has no raw keys).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaling import real_rows, write_jsonl


def ingest(store: Any, src: Path) -> tuple[float, Any]:
    from kronika.batch.stream import auto_workers

    t = time.perf_counter()
    report = store.ingest_paths([str(src)], workers=auto_workers([str(src)]))
    return time.perf_counter() - t, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200, help="real articles to ingest")
    ap.add_argument("--db-url", default=None, help="store URL (default: a new SQLite file in a temp dir)")
    args = ap.parse_args()

    import kronika.store.known as known
    from kronika.store import open_store

    work = Path(tempfile.mkdtemp(prefix="kronika-reingest-"))
    src = write_jsonl(work / "real.jsonl", real_rows(args.docs))
    db = args.db_url or str(work / "kb.db")
    store = open_store(db)
    t_first, first = ingest(store, src)
    t_again, again = ingest(store, src)
    out: dict[str, Any] = {
        "kronika": known.__file__,
        "documents": args.docs,
        "first_ingest_s": round(t_first, 2),
        "first_docs_per_s": round(first.new / t_first, 2),
        "first_report": str(first),
        "reingest_s": round(t_again, 3),
        "reingest_docs_per_s": round(args.docs / t_again, 1),
        "reingest_report": str(again),
        "reingest_speedup": round(t_first / t_again, 1),
    }
    if hasattr(known, "reader_version"):
        real = known.reader_version
        known.reader_version = lambda: "0" * known.VERSION_CHARS  # type: ignore[assignment]
        try:
            t_content, content = ingest(store, src)
        finally:
            known.reader_version = real
        ingest(store, src)  # back to the real version: its keys are refreshed (untimed)
        out |= {
            "reingest_content_path_s": round(t_content, 3),
            "reingest_content_path_report": str(content),
            "reingest_content_path_speedup": round(t_first / t_content, 1),
            "raw_over_content_path": round(t_content / t_again, 1),
        }
    store.close()
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kronika", "ingest", str(src), "--db", db, "--no-progress"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    t_cli = time.perf_counter() - t
    out |= {"reingest_cli_process_s": round(t_cli, 3), "reingest_cli_process_speedup": round(t_first / t_cli, 1)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
