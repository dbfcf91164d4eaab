"""End to end: the shared reference article meets every expectation of ../shared/reference/check.py."""

from __future__ import annotations

import json
import subprocess
import sys


def test_reference_article_meets_expectations(reference_record, shared_dir, tmp_path) -> None:
    rec = tmp_path / "rec.json"
    rec.write_text(json.dumps(reference_record), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared_dir / "reference" / "check.py"), str(rec)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
