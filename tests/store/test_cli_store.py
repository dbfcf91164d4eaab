"""The store commands, in-process (typer's runner), on stores built from our records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.errors import KronikaError

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture
def db(sqlite_store) -> str:
    from store.records import corpus

    sqlite_store.ingest(corpus())
    return str(sqlite_store.engine.url.database)


def run(*args: str):
    result = runner.invoke(app, list(args))
    # a KronikaError reaches kronika.cli.main, which prints it as one line and exits 2
    ok = (SystemExit, KronikaError)
    assert result.exception is None or isinstance(result.exception, ok), result.exception
    return result


def test_timeline_formats(db) -> None:
    table = run("timeline", "--actor", "KAZ", "--db", db)
    assert table.exit_code == 0 and "MOBILIZE" in table.stdout and "Desk South" in table.stdout
    assert "conflicts" in table.stdout  # the landing's dates differ between the two desks
    evs = json.loads(run("timeline", "--actor", "KAZ", "--with", "RUS", "--format", "json", "--db", db).stdout)
    assert {e["type"] for e in evs} == {"MOBILIZE", "CONSULT", "REJECT"}
    assert all({"id", "type", "mode", "date", "actors", "recipients", "location", "sources"} <= set(e) for e in evs)
    rows = list(csv.DictReader(io.StringIO(run("events", "--type", "ASSAULT", "-f", "csv", "--db", db).stdout)))
    assert (
        rows[0]["event_type"] == "ASSAULT" and rows[0]["actor_country"] == "RUS" and rows[0]["location_name"] == "Kyiv"
    )


def test_other_queries(db) -> None:
    assert "Tokayev" in run("actors", "--top", "5", "--db", db).stdout
    assert "President of KAZ" in run("actor", "Tokayev", "--db", db).stdout
    hits = json.loads(run("search", "paratroopers", "-f", "json", "--db", db).stdout)
    assert len(hits) == 2
    bal = list(
        csv.DictReader(io.StringIO(run("balance", "KAZ", "--between", "RUS,EU", "-f", "csv", "--db", db).stdout))
    )
    assert {r["counterpart"] for r in bal} == {"RUS", "EU"} and "material_conflict" in bal[0]
    assert "2022-11" in run("balance", "KAZ", "--between", "RUS,EU", "--db", db).stdout
    stats = json.loads(run("stats", "-f", "json", "--db", db).stdout)
    assert stats["articles"] == 6 and stats["multi_source_events"] == 2
    assert run("errors", "--db", db).exit_code == 0


def test_export_command(db, tmp_path) -> None:
    out = run("export", "--format", "parquet", "--out", str(tmp_path / "x"), "--db", db)
    assert out.exit_code == 0 and "events.parquet" in out.stdout


def test_user_errors_are_one_line(db, tmp_path) -> None:
    bad = run("timeline", "--format", "xml", "--db", db)
    assert bad.exit_code != 0
    none = run("actor", "Narnia", "--db", db)
    assert none.exit_code == 2 and "no actor matches" in none.stderr
    miss = run("timeline", "--actor", "Narnia", "--db", db)
    assert miss.exit_code == 0 and "no events match" in miss.stderr
    typo = run("timeline", "--db", str(tmp_path / "typo.db"))
    assert typo.exit_code == 2 and "no store here" in typo.stderr and not (tmp_path / "typo.db").exists()
    notdb = tmp_path / "notes.txt"
    notdb.write_text("not a database", encoding="utf-8")
    broken = run("stats", "--db", str(notdb))
    assert "cannot open database" in str(broken.exception) and "notes.txt" in str(broken.exception)


@pytest.mark.slow
def test_ingest_sample_corpus_twice(tmp_path) -> None:
    """The real pipeline end to end: a second run stores nothing new."""
    db = str(tmp_path / "kb.db")
    first = run("ingest", str(ROOT / "samples" / "corpus"), "--db", db, "--format", "json", "--no-progress")
    report = json.loads(first.stdout)
    assert report["new"] == 11 and report["failed"] == 0, first.stderr
    second = json.loads(run("ingest", str(ROOT / "samples" / "corpus"), "--db", db, "-f", "json").stdout)
    assert (second["new"], second["skipped"]) == (0, 11)
    hits = json.loads(run("search", "paratroopers", "-f", "json", "--db", db).stdout)
    assert {h["outlet"] for h in hits} == {"Sample Desk North"}
    stats = json.loads(run("stats", "-f", "json", "--db", db).stdout)
    assert stats["outlets"] == 4 and stats["published_from"] == "2022-01-06"


@pytest.mark.slow
def test_ingest_records_unreadable_documents(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Tokayev met Putin in Moscow on 9 May 2023.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    r = run("ingest", str(folder), "--db", db, "-f", "json")
    assert r.exit_code == 1 and "empty.txt" in r.stderr
    report = json.loads(r.stdout)
    assert (report["new"], report["failed"]) == (1, 1)
    errs = json.loads(run("errors", "-f", "json", "--db", db).stdout)
    assert errs[0]["path"].endswith("empty.txt") and errs[0]["stage"] == "read"


@pytest.mark.slow
def test_reference_article_and_corpus_make_a_sourced_timeline(tmp_path, reference_path) -> None:
    """The issue's session, end to end: KAZ's timeline holds the January 2022 deployment and the
    May 2023 visit, each with its sources, and at least one event reported by two articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / reference_path.name).write_bytes(reference_path.read_bytes())
    (folder / "corpus.jsonl").write_bytes((ROOT / "samples" / "corpus" / "news-2022-2023.jsonl").read_bytes())
    db = str(tmp_path / "kb.db")
    assert json.loads(run("ingest", str(folder), "--db", db, "-f", "json").stdout)["new"] == 12
    assert json.loads(run("ingest", str(folder), "--db", db, "-f", "json").stdout)["new"] == 0
    evs = json.loads(run("timeline", "--actor", "KAZ", "-f", "json", "--db", db).stdout)
    jan22 = [e for e in evs if (e["date"] or "").startswith("2022-01")]
    may23 = [e for e in evs if (e["date"] or "").startswith("2023-05")]
    assert jan22 and may23
    assert all(s["outlet"] and s["evidence"] for e in jan22 + may23 for s in e["sources"])
    assert any(len(e["sources"]) >= 2 for e in evs)
    bal = json.loads(run("balance", "KAZ", "--between", "RUS,EU", "-f", "json", "--db", db).stdout)
    assert {r["counterpart"] for r in bal} == {"RUS", "EU"} and sum(r["events"] for r in bal) > 0
