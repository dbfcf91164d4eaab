"""Calibrated confidence: a monotone curve fitted on dev, and the threshold setting."""

from __future__ import annotations

import pytest

from kronika.evaluate.events_calibrate import isotonic
from kronika.events.calibration import calibrate, curve


def test_isotonic_blocks_are_monotone():
    pairs = [(0.4, 0), (0.5, 1), (0.55, 0), (0.6, 0), (0.7, 1), (0.8, 1), (0.85, 0), (0.9, 1)]
    blocks = isotonic(pairs)
    shares = [share for _score, share, _n in blocks]
    assert shares == sorted(shares) and sum(n for *_, n in blocks) == len(pairs)


def test_calibration_keeps_the_order_and_stays_a_share():
    points = ((0.5, 0.3), (0.7, 0.6), (0.9, 0.85))
    values = [calibrate(s, points) for s in (0.1, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99)]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert calibrate(0.6, points) == pytest.approx(0.45) and min(values) > 0 and max(values) < 1


def test_the_shipped_curve_is_monotone():
    pts = curve()
    assert len(pts) >= 2
    assert [y for _x, y in pts] == sorted(y for _x, y in pts)


@pytest.mark.slow
def test_threshold_setting_leaves_out_less_confident_events():
    from kronika.pipeline import analyze_text
    from kronika.settings import Settings

    text = "Ruritania condemned the blockade. Rebels attacked a convoy near the border on Monday."
    everything = analyze_text(text, published="2024-03-15", settings=Settings(events_min_confidence=0.0))
    assert everything.events
    top = max(e.confidence for e in everything.events)
    strict = analyze_text(text, published="2024-03-15", settings=Settings(events_min_confidence=top))
    assert [e.confidence for e in strict.events] == [top] * len(strict.events)
    assert [e.id for e in strict.events] == [f"ev{n}" for n in range(1, len(strict.events) + 1)]
