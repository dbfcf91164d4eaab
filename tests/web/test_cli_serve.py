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
