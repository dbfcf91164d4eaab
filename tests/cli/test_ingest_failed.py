"""``kronika ingest`` says how many unchanged inputs it skipped because they failed before, and
``--retry-failed`` reads them again (issue 16 item 1)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kronika.cli import app

runner = CliRunner()


def test_ingest_skips_failed_inputs_and_names_how_to_retry(tmp_path, monkeypatch) -> None:
    seen: list = []

    class Pipeline:
        def run_many(self, articles):
            seen.extend(articles)
            yield from articles

    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings=None: Pipeline())
    (tmp_path / "good.txt").write_text("A new ferry line opened between the two ports on Tuesday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    args = ["ingest", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"), "--db", str(tmp_path / "k.db")]
    args += ["--workers", "0", "--no-progress", "--format", "json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1 and json.loads(first.stdout)["failed"] == 1
    again = runner.invoke(app, args[:-2])
    assert again.exit_code == 0, again.output
    assert "1 already stored, 1 skipped, failed before" in again.stdout and "--retry-failed" in again.stdout
    retried = runner.invoke(app, [*args, "--retry-failed"])
    assert retried.exit_code == 1
    report = json.loads(retried.stdout)
    assert (report["failed"], report["failed_before"], report["skipped"]) == (1, 0, 1)
    assert "empty" in retried.stderr and len(seen) == 1
