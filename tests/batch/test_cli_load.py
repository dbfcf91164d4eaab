"""``kronika batch`` and ``kronika load`` from the command line, into SQLite and a real PostgreSQL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kronika.cli import app

from .conftest import N_DOCS

pytestmark = pytest.mark.slow

runner = CliRunner()


@pytest.fixture
def coded(corpus, tmp_path, pipeline):
    out = tmp_path / "coded"
    res = runner.invoke(app, ["batch", str(corpus), "--out", str(out), "--workers", "0", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert f"coded {N_DOCS} document(s), 0 failed" in res.output
    return out


def test_batch_rejects_bad_options_with_one_clear_line(corpus, tmp_path):
    res = runner.invoke(app, ["batch", str(corpus / "missing.jsonl"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "no such file or folder" in res.output and "missing.jsonl" in res.output
    res = runner.invoke(app, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert res.exit_code == 2 and "choose local or ray" in res.output
    (tmp_path / "file").write_text("x")
    res = runner.invoke(app, ["batch", str(corpus), "--out", str(tmp_path / "file")])
    assert res.exit_code == 2 and "not a folder" in res.output
    res = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code == 2 and "run `kronika batch" in res.output


def _load_and_check(coded, db_url):
    from kronika.store import open_store

    res = runner.invoke(app, ["load", str(coded), "--db", db_url, "--no-progress"])
    assert res.exit_code == 0, res.output
    assert f"{N_DOCS} new" in res.output and "1 failed" in res.output
    again = runner.invoke(app, ["load", str(coded), "--db", db_url, "--no-progress"])
    assert "0 new" in again.output and f"{N_DOCS} already stored" in again.output  # loading twice: a no-op
    manifest = json.loads((coded / "manifest.json").read_text())
    with open_store(db_url) as store:
        ids = {a["id"] for a in store.articles(limit=100)}
        assert len(ids) == N_DOCS == manifest["counts"]["articles"]
        assert store.errors()


def test_load_into_sqlite(coded, tmp_path):
    _load_and_check(coded, str(tmp_path / "kb.db"))


@pytest.mark.postgres
def test_load_into_postgresql(coded, pg_server):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from pg import create_database

    _load_and_check(coded, create_database(pg_server))
