"""The news-like corpus the stage benchmarks share: our samples, plus the MEANTIME dev texts (data/)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "data"  # the vendored evaluation data (data/README.md)


def sample_and_meantime_texts() -> list[tuple[str, str | None]]:
    """(text, published) pairs from the bundled JSON Lines samples and, if present, the MEANTIME dev texts."""
    out: list[tuple[str, str | None]] = []
    for f in sorted((ROOT / "samples").rglob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["text"], row.get("published")))
    meantime = DATA / "meantime-dev"
    if meantime.is_dir():
        from kronika.evaluate.times import load_corpus

        out += [(d.text, d.dct) for d in load_corpus(meantime)]
    return out
