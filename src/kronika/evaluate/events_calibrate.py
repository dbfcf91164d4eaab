"""Fit the events stage's confidence calibration on the real-news dev split (never on test).

Each system event of a dev article is labelled right (it pairs with a non-optional gold event of
its type) or wrong (it pairs with none, or with another type); events paired with optional gold
events are left out. An isotonic fit (pool-adjacent-violators) of right-or-wrong on the rules'
score gives monotone blocks; their mean score and share right are the points of
``kronika/events/data/calibration.tsv`` (see ``kronika.events.calibration``).

Run: ``python -m kronika.evaluate.events_calibrate [REALNEWS_DIR]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kronika.evaluate.events_gold import load_gold_dir
from kronika.evaluate.events_match import TextIndex, locate, match
from kronika.evaluate.events_realnews import analyze_gold, resolve_gold
from kronika.settings import Settings


def labelled_scores(realnews: Path) -> list[tuple[float, int]]:
    """(rule score, 1 right / 0 wrong) for every dev event not paired with an optional gold event."""
    docs = [d for d in load_gold_dir(realnews) if d.split == "dev"]
    out = []
    # every event, whatever the current threshold: the fit must see the ones it would drop
    for doc, art in zip(docs, analyze_gold(docs, Settings(events_min_confidence=0.0)), strict=True):
        located = locate(doc, TextIndex(art.text))
        paired = {si: located[gi].gold for gi, si in match(located, art.events)}
        for si, ev in enumerate(art.events):
            gold = paired.get(si)
            score = float(ev.extra.get("score", ev.confidence))
            if gold is not None and gold.type == ev.type:
                if not gold.optional:
                    out.append((score, 1))
            else:
                out.append((score, 0))
    return out


MIN_BLOCK = 20  # events per calibration point


def isotonic(pairs: list[tuple[float, int]]) -> list[tuple[float, float, int]]:
    """Pool-adjacent-violators: (mean score, share right, size) of monotone blocks."""
    blocks: list[list[float]] = []  # [sum right, count, sum score]
    for x, y in sorted(pairs):
        blocks.append([float(y), 1.0, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    # a block of a handful of events says little: pool it into its neighbour (pooling adjacent
    # monotone blocks keeps the fit monotone)
    while len(blocks) > 1 and min(b[1] for b in blocks) < MIN_BLOCK:
        i = min(range(len(blocks)), key=lambda k: blocks[k][1])
        j = i + 1 if i == 0 else i - 1 if i == len(blocks) - 1 else min((i - 1, i + 1), key=lambda k: blocks[k][1])
        lo, hi = sorted((i, j))
        merged = [blocks[lo][k] + blocks[hi][k] for k in range(3)]
        blocks[lo : hi + 1] = [merged]
    return [(s / n, r / n, int(n)) for r, n, s in blocks]


def main(argv: list[str]) -> int:
    from kronika.events.calibration import CALIBRATION_PATH

    realnews = Path(argv[0]) if argv else resolve_gold(None)
    blocks = isotonic(labelled_scores(realnews))
    lines = [
        "# Confidence calibration of the events stage (kronika.evaluate.events_calibrate): isotonic fit of",
        "# right (1) / wrong (0) on the rule score, real-news dev split only. score<TAB>share right<TAB>events",
        *(f"{x:.3f}\t{y:.3f}\t{n}" for x, y, n in blocks),
    ]
    CALIBRATION_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(blocks)} points from {sum(n for _, _, n in blocks)} dev events -> {CALIBRATION_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
