"""CLI polish (issue 14.6): literal keys and snippets, 80-column tables, -q/-v, completion, --place."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from store.records import Builder, corpus  # noqa: E402

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    from kronika.store import open_store

    path = tmp_path / "kb.db"
    s = open_store(path)
    long = (
        Builder("The Kremlin's long day", "Desk East", "2023-06-12", "https://t.invalid/e/3")
        .say(
            "Russia [sic] attacked Kyiv :seat: again overnight into Monday with dozens of drones and missiles, in "
            "what officials in the capital called the most intense wave of the spring, while air defences shot "
            "most of them down over the city and its suburbs, the military administration said in a statement.",
            "ASSAULT",
            ["rus"],
            ["kyiv"],
            "2023-06-12",
        )
        .build()
    )
    s.ingest([*corpus(), long])
    s.close()
    return str(path)


def run(*args: str):
    r = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    return r


def test_tables_fit_80_columns_and_print_data_literally(db) -> None:
    out = run("events", "--type", "ASSAULT", "--db", db).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "[sic]" in out and ":seat:" in out and "…" in out  # no markup, no emoji, long evidence cut
    actors = run("actors", "--top", "50", "--db", db).stdout
    assert max(len(line) for line in actors.splitlines()) <= 80 and "kb:kz-" in actors


def test_keys_print_as_they_are(capsys) -> None:
    from kronika.cli.common import console

    console().print("kb:seat:moscow-kremlin [b]x[/b] :flag_for_russia:")
    assert capsys.readouterr().out.strip() == "kb:seat:moscow-kremlin [b]x[/b] :flag_for_russia:"


def test_search_keeps_the_matched_word(db) -> None:
    out = run("search", "paratroopers", "--db", db).stdout
    assert "paratroopers" in out and "  " not in out.split("paratroopers")[0][-3:]


def test_place_finds_attacks_on_the_place(db) -> None:
    """A city that is a party ("Russia attacked Kyiv") is where the event happened."""
    evs = json.loads(run("events", "--type", "ASSAULT", "--place", "Kyiv", "--format", "json", "--db", db).stdout)
    assert len(evs) == 2 and all("Kyiv" in e["evidence"] for e in evs)


def test_quiet_and_verbose(db) -> None:
    loud = runner.invoke(app, ["events", "-n", "1", "--db", db])
    assert "kronika: note: showing rows 1-1" in loud.stderr
    quiet = runner.invoke(app, ["-q", "events", "-n", "1", "--db", db])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert runner.invoke(app, ["-v", "stats", "--db", db]).exit_code == 0


def test_shell_completion_is_offered() -> None:
    out = runner.invoke(app, ["--help"], env={"COLUMNS": "120"}).stdout
    assert "--install-completion" in out and "--show-completion" in out
