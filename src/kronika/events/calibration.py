"""Calibrated confidence: the rules' score turned into the share of such events that are right.

The rules give each event a score (``confidence.py``) that orders events well but is no
probability. On the real-news dev split, events were labelled right (a gold event of the same type
in the same sentence) or wrong, and an isotonic (monotone) fit of right-or-wrong on the score gave
the points in ``data/calibration.tsv``; between points the curve is linear. An event's
``confidence`` is that curve's value, so "keep events of confidence >= 0.6" means "keep the kinds
of events that were right at least 60% of the time on dev". ``python -m
kronika.evaluate.events_calibrate`` refits it (dev only).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from pathlib import Path

CALIBRATION_PATH = Path(__file__).parent / "data" / "calibration.tsv"


@lru_cache(maxsize=1)
def curve(path: str = str(CALIBRATION_PATH)) -> tuple[tuple[float, float], ...]:
    """(score, share right) points, increasing in both; empty when the file is missing."""
    p = Path(path)
    if not p.exists():
        return ()
    points = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            x, y = line.split("\t")[:2]
            points.append((float(x), float(y)))
    return tuple(sorted(points))


def calibrate(score: float, points: tuple[tuple[float, float], ...] | None = None) -> float:
    """The calibrated confidence of a rule score (strictly increasing, so rankings are kept)."""
    pts = curve() if points is None else points
    if not pts:
        return score
    (x0, y0), (xn, yn) = pts[0], pts[-1]
    if score <= x0:
        value = y0 * score / x0 if x0 > 0 else y0
    elif score >= xn:
        value = yn + (score - xn) * 0.1  # beyond the data: keep the order, hardly the value
    else:
        value = y0
        for (xa, ya), (xb, yb) in pairwise(pts):
            if xa <= score <= xb:
                value = ya + (yb - ya) * (score - xa) / (xb - xa) if xb > xa else yb
                break
    return round(max(0.01, min(0.99, value)), 3)
