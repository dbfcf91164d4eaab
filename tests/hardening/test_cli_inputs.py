"""Issue 13 items 2, 3 and 9 from the command line: exit codes, ``--max-bytes``, odd file names
through ``analyze``, ``ingest``, ``batch`` and ``load``."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app

runner = CliRunner()
TEXT = "Kazakhstan signed a trade deal with Uzbekistan in Astana on Monday, officials said.\n"


def _latin1_folder(tmp_path: Path) -> Path:
    """A folder holding one article under a Latin-1 file name (``café.txt`` written by an old system)."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write(TEXT.encode())
    return folder


def test_negative_max_bytes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    res = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--max-bytes", "-5"])
    assert res.exit_code == 2 and "--max-bytes" in res.output and "0 or more" in res.output


def test_negative_max_bytes_from_the_environment_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    res = runner.invoke(app, ["analyze", str(tmp_path / "a.txt")], env={"KRONIKA_MAX_BYTES": "-1"})
    assert res.exit_code == 2 and "0 or more" in res.output
    res = runner.invoke(app, ["analyze", str(tmp_path / "a.txt")], env={"KRONIKA_MAX_BYTES": "lots"})
    assert res.exit_code == 2 and "KRONIKA_" in res.output and "lots" in res.output


def test_max_bytes_zero_is_a_limit_not_the_default(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    res = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--max-bytes", "0", "--no-progress"])
    assert res.exit_code == 2 and "E104" in res.output and "size limit" in res.output


def test_a_batch_that_codes_nothing_because_of_errors_exits_non_zero(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl.gz"
    shard.write_bytes(gzip.compress(b"not json\n{}\n"))
    res = runner.invoke(app, ["batch", str(shard), "--out", str(tmp_path / "out"), "--workers", "0", "--no-progress"])
    assert res.exit_code == 2, res.output
    assert "nothing could be coded" in res.output


@pytest.mark.slow
def test_a_shard_over_the_limit_as_a_whole_is_coded(tmp_path: Path, pipeline) -> None:
    """The issue's case, scaled down: a shard far over --max-bytes whose documents are each under it."""
    rows = [{"id": i, "text": f"Kazakhstan and Uzbekistan met in Astana on day {i}. " * 3} for i in range(30)]
    shard = tmp_path / "shard.jsonl.gz"
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    shard.write_bytes(gzip.compress(data))
    out = tmp_path / "out"
    args = ["batch", str(shard), "--out", str(out), "--workers", "0", "--no-progress", "--max-bytes", "500"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert len(data) > 500 * 10 and "coded 30 document(s), 0 failed" in res.output


@pytest.mark.slow
def test_non_utf8_file_names_through_analyze_ingest_batch_and_load(tmp_path: Path, pipeline) -> None:
    folder = _latin1_folder(tmp_path)
    (folder / "broken\nkronika: error: forged.txt").write_bytes(b"\x00binary")

    res = runner.invoke(app, ["analyze", str(folder), "--format", "jsonl", "--no-progress"])
    assert res.exit_code == 1, res.output
    (line,) = res.stdout_bytes.decode("utf-8").splitlines()  # valid UTF-8, one record
    assert json.loads(line)["source"]["path"].endswith("caf\\xe9.txt")
    errors = [x for x in res.stderr.splitlines() if x.startswith("kronika: error:")]
    assert len(errors) == 1 and "forged.txt: [E102]" in errors[0]  # the newline cannot start a second line

    db = str(tmp_path / "kb.db")
    res = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert "1 new" in res.output and "1 failed" in res.output, res.output

    out = tmp_path / "coded"
    res = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "0", "--no-progress"])
    assert res.exit_code == 0, res.output
    # an errors.jsonl written by an older version: the raw name as a surrogate escape, and a bad line
    with (out / "errors.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"path": os.fsdecode(b"old-caf\xe9.txt"), "reason": "x", "stage": "read"}) + "\n")
        fh.write("not json\n")
    res = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "kb2.db"), "--no-progress"])
    assert res.exit_code == 0, res.output
    from kronika.store import open_store

    with open_store(str(tmp_path / "kb2.db")) as store:
        paths = {e["path"] for e in store.errors()}
        assert any(p and p.endswith("old-caf\\xe9.txt") for p in paths)
        (stored,) = store.articles()
        assert stored["path"].endswith("caf\\xe9.txt")
