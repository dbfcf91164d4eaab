"""Faults: two writers on one SQLite file, and an ingest killed or interrupted half-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRITER = Path(__file__).resolve().parent / "writer.py"


def _writer(db: Path, start: int, end: int, slow: bool = False) -> subprocess.Popen:
    args = [sys.executable, str(WRITER), str(db), str(start), str(end)] + (["slow"] if slow else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_consistent(db: Path) -> sqlite3.Connection:
    """Integrity, and every stored article complete: all its reports stored, every story coherent."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for art_id, n_events in con.execute("SELECT id, n_events FROM articles WHERE current"):
        stored = con.execute("SELECT count(*) FROM event_sources WHERE article_id = ?", (art_id,)).fetchone()[0]
        assert stored == n_events, art_id
        assert con.execute("SELECT count(*) FROM paragraphs WHERE article_id = ?", (art_id,)).fetchone()[0] > 0
    dup = con.execute("SELECT article_id, local_id FROM event_sources GROUP BY 1, 2 HAVING count(*) > 1").fetchall()
    assert dup == []
    for ev_id, n in con.execute("SELECT id, n_sources FROM events"):
        assert con.execute("SELECT count(*) FROM event_sources WHERE event_id = ?", (ev_id,)).fetchone()[0] == n
    orphans = con.execute("SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)")
    assert orphans.fetchone()[0] == 0
    fts = con.execute("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'leaders'").fetchone()[0]
    assert fts == con.execute("SELECT count(*) FROM paragraphs WHERE text LIKE '%leaders%'").fetchone()[0]
    return con


def test_two_writers_on_one_sqlite_file(tmp_path) -> None:
    db = tmp_path / "kb.db"  # a fresh file: both processes also race to create and migrate it
    a, b = _writer(db, 0, 30), _writer(db, 10, 40)
    out_a, err_a = a.communicate(timeout=300)
    out_b, err_b = b.communicate(timeout=300)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    new_a, skip_a = map(int, out_a.split())
    new_b, skip_b = map(int, out_b.split())
    assert new_a + new_b == 40 and skip_a + skip_b == 20
    con = check_consistent(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 40
    assert con.execute("SELECT count(*) FROM event_sources").fetchone()[0] == 80
    # the meeting reported by articles i and i+5 is one story event, whoever stored it first
    assert con.execute("SELECT count(*) FROM events WHERE type = 'CONSULT' AND n_articles = 2").fetchone()[0] == 20


def _wait_for_articles(db: Path, n: int, proc: subprocess.Popen) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            pytest.fail(f"writer ended early: {proc.stderr.read()}")
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=30)
                count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.close()
                if count >= n:
                    return
            except sqlite3.OperationalError:  # not migrated yet
                pass
        time.sleep(0.1)
    pytest.fail("the writer stored nothing")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_leaves_a_consistent_db_and_resumes(tmp_path, sig) -> None:
    db = tmp_path / "kb.db"
    proc = _writer(db, 0, 40, slow=True)
    _wait_for_articles(db, 5, proc)
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    con = check_consistent(db)
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 5 <= stored < 40
    rerun = _writer(db, 0, 40)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert out.split() == [str(40 - stored), str(stored)]
    con = check_consistent(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 40


@pytest.mark.postgres
def test_two_writers_on_one_postgres_database(pg_server) -> None:
    """On PostgreSQL the advisory lock serializes merging: the same story events as on SQLite."""
    from kronika.store import open_store
    from pg import create_database

    url = create_database(pg_server)
    a, b = _writer(url, 0, 30), _writer(url, 10, 40)
    out_a, err_a = a.communicate(timeout=300)
    out_b, err_b = b.communicate(timeout=300)
    assert a.returncode == 0, err_a
    assert b.returncode == 0, err_b
    assert sum(int(x.split()[0]) for x in (out_a, out_b)) == 40
    store = open_store(url)
    s = store.stats()
    assert (s["articles"], s["event_reports"]) == (40, 80)
    meetings = store.events(type="CONSULT")
    assert sum(e["n_articles"] == 2 for e in meetings) == 20 and len(meetings) == 20
    store.close()
