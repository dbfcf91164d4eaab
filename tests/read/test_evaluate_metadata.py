"""The metadata scorer: all fields on our fixtures, and a wrong annotation is reported as a miss."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kronika.errors import ConfigError
from kronika.evaluate.metadata import run
from kronika.settings import Settings

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "annotated"


def test_scorer_on_fixtures() -> None:
    report = run(str(FIX), Settings())
    acc = report.figures["accuracy"]
    assert set(acc) >= {"title", "authors", "published", "publication", "url", "paragraphs", "all checks"}
    assert report.figures["documents"] == len(list(FIX.glob("*.expected.json")))
    assert 0 < acc["all checks"] <= 1  # its floor is in tests/quality_baseline.json


def test_scorer_reports_a_miss(tmp_path: Path) -> None:
    shutil.copy(FIX / "no-date.txt", tmp_path / "doc.txt")
    exp = json.loads((FIX / "no-date.expected.json").read_text())
    exp["metadata"]["title"] = "A Different Title"
    (tmp_path / "doc.expected.json").write_text(json.dumps(exp))
    report = run(str(tmp_path), Settings())
    assert report.figures["accuracy"]["title"] == 0.0
    assert any("title" in e for e in report.figures["errors"])


def test_scorer_default_includes_reference(reference_path: Path) -> None:
    report = run(None, Settings())
    assert report.figures["documents"] == len(list(FIX.glob("*.expected.json"))) + 1


def test_scorer_bad_data(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        run(str(tmp_path / "missing"), Settings())
    with pytest.raises(ConfigError):
        run(str(tmp_path), Settings())
