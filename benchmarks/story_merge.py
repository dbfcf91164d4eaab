"""What merging costs at ingest, at two archive sizes, against ingest without merging in the same
run (prints JSON, asserts nothing).

    kronika batch data/kremlin data/wikinews --out /tmp/coded     # once: real records
    python benchmarks/story_merge.py --records /tmp/coded/articles.jsonl.gz --docs 1000 10000

The records are real articles analyzed by the pipeline (default: ``samples/corpus``, analyzed
here). An archive of N documents is the records copied until there are N, each copy moved four
years later than the previous generation (every date in it: publication, times, events), so the
archive grows over time the way a real one does instead of piling N copies onto the same days.
Each size is ingested twice into a fresh SQLite store: with merging (``Store.ingest``) and with
``merge=False`` (every report starts its own story event: the same writes minus candidate
selection and the rule).

Figures per size: docs/s with and without merging, their ratio, and the time per event report
spent merging. If merging compared each report with the whole archive, that time would grow with
the archive (10x the documents, ~10x the time per report); blocking by type, date window and
participant keeps it flat.
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
YEARS_PER_GENERATION = 4  # keeps 29 February a leap day
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?=-|$|T)")


def _shift(value: Any, years: int) -> Any:
    if not isinstance(value, str) or not years:
        return value
    return _YEAR.sub(lambda m: str(int(m.group(1)) + years), value, count=1)


def moved(a: Any, generation: int, copy_no: int) -> Any:
    """A copy of record ``a`` ``generation`` * 4 years later, with its own text and URL."""
    b = copy.deepcopy(a)
    years = generation * YEARS_PER_GENERATION
    b.text += f"\n\n(copy {copy_no})"  # appended: every offset in the record stays valid
    b.metadata.url = f"https://bench.invalid/{copy_no}"
    b.metadata.published = _shift(b.metadata.published, years)
    for t in b.times:
        t.value = _shift(t.value, years)
    for ev in b.events:
        ev.date.value = _shift(ev.date.value, years)
        ev.date.iso = _shift(ev.date.iso, years)
    b.id = ""
    b.__post_init__()
    return b


def load_records(path: str | None) -> list[Any]:
    from kronika.record import Article

    if path:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
            return [Article.from_dict(json.loads(line)) for line in f if line.strip()]
    from kronika.pipeline import analyze_paths

    return [r for r in analyze_paths([str(ROOT / "samples" / "corpus")]) if isinstance(r, Article)]


def run(base: list[Any], n_docs: int, merge: bool) -> dict[str, Any]:
    from kronika.store import open_store

    records = [moved(base[i % len(base)], i // len(base), i) for i in range(n_docs)]
    with tempfile.TemporaryDirectory(prefix="kronika-merge-bench-") as tmp:
        store = open_store(Path(tmp) / "bench.db")
        t = time.perf_counter()
        report = store.ingest(records, merge=merge)
        seconds = time.perf_counter() - t
        stats = store.stats()
        store.close()
    return {
        "docs": n_docs,
        "seconds": round(seconds, 2),
        "docs_per_s": round(n_docs / seconds, 1),
        "event_reports": report.event_reports,
        "merged": report.merged,
        "story_events": stats.get("story_events"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", default=None, help="analyzed articles (JSON Lines, .gz ok), e.g. kronika batch output")
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="archive sizes")
    args = ap.parse_args()
    base = load_records(args.records)
    out: dict[str, Any] = {"base_records": len(base), "sizes": {}}
    for n in args.docs:
        off, on = run(base, n, merge=False), run(base, n, merge=True)
        extra = on["seconds"] - off["seconds"]
        out["sizes"][str(n)] = {
            "merge_off": off,
            "merge_on": on,
            "on_vs_off": round(on["docs_per_s"] / off["docs_per_s"], 3),
            "merge_ms_per_report": round(1000 * extra / max(1, on["event_reports"]), 3),
        }
        print(json.dumps(out["sizes"][str(n)]), flush=True)
    sizes = sorted(out["sizes"], key=int)
    if len(sizes) >= 2:
        small, big = out["sizes"][sizes[0]], out["sizes"][sizes[-1]]
        out["archive_growth"] = int(sizes[-1]) / int(sizes[0])
        out["merge_cost_per_report_growth"] = (
            round(big["merge_ms_per_report"] / small["merge_ms_per_report"], 2)
            if small["merge_ms_per_report"] > 0
            else None
        )
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
