"""``kronika serve``: safe defaults and clear refusals (the server itself is exercised by the browser tests)."""

from __future__ import annotations

from typer.testing import CliRunner

from kronika.cli import app

runner = CliRunner()


def test_serve_help_names_the_safety_options():
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0
    for opt in ("--db", "--host", "--port", "--read-only", "--token", "--max-request-mb"):
        assert opt in r.output
    assert "127.0.0.1" in r.output


def test_serve_refuses_a_public_address_without_token_or_read_only(tmp_path):
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "k.db"), "--host", "0.0.0.0"])
    assert r.exit_code == 2
    assert "--token" in r.output and "--read-only" in r.output
    assert "Traceback" not in r.output
    assert not (tmp_path / "k.db").exists()  # refused before opening anything


def test_serve_refuses_a_bad_request_limit(tmp_path):
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "k.db"), "--max-request-mb", "0"])
    assert r.exit_code == 2 and "--max-request-mb" in r.output


def test_workers_share_out_the_analysis_pool():
    from kronika.web.serving import options_for_workers, share

    assert [share(2, 2), share(3, 2), share(1, 4), share(0, 3)] == [1, 2, 1, 0]
    opts = options_for_workers({"db": "k.db", "analysis_workers": 2, "analysis_queue": 8}, 2)
    assert opts == {"db": "k.db", "analysis_workers": 1, "analysis_queue": 4}
    assert runner.invoke(app, ["serve", "--workers", "0"]).exit_code != 0
    assert runner.invoke(app, ["serve", "--answer-cache-mb", "-1"]).exit_code != 0


def _children(pid: int) -> list[int]:
    from pathlib import Path

    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def test_serve_with_two_processes_answers_reads(tmp_path):
    """``--workers 2``: two server processes on one port, both answering from the same store."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from kronika.store import open_store

    from .records import steppe_article

    db = tmp_path / "k.db"
    open_store(str(db)).ingest([steppe_article()])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "kronika", "serve", "--db", str(db), "--port", str(port), "--read-only"]
    server = subprocess.Popen(
        [*cmd, "--workers", "2", "--analysis-workers", "0"], stderr=subprocess.PIPE, env=os.environ.copy()
    )
    try:
        deadline = time.monotonic() + 120
        answers = []
        while len(answers) < 6 and time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=30)
                answers.append(r)
            except httpx.HTTPError:
                time.sleep(0.3)
        assert [r.status_code for r in answers] == [200] * 6
        assert answers[-1].json()["articles"][0]["title"] == steppe_article().metadata.title
        assert len([p for p in _children(server.pid) if p != server.pid]) >= 2  # the two server processes
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
    assert b"with 2 processes" in err
    assert server.returncode is not None


def test_query_commands_do_not_import_the_web_stack():
    """Every CLI command imports the server's option defaults; FastAPI is imported only to serve."""
    import subprocess
    import sys

    code = "import sys, kronika.cli; print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
