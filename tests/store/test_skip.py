"""Skip before you parse: texts already stored never reach the NLP pipeline (ingest and load)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.record import Article

TEXTS = {
    "a.txt": "The ministers of two neighbouring states met on Monday to discuss a canal.\n\nNo deal was reached.",
    "b.txt": "A freight train crossed the new border bridge on Friday.\n\nTrade is expected to grow.",
    "c.txt": "Farmers protested in the capital against the price of fuel on Sunday.\n\nThe police made no arrests.",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_reingest_analyzes_nothing_already_stored(store, folder, nlp_calls) -> None:
    first = store.ingest_paths([str(folder)])
    assert first.new == 3 and len(nlp_calls.seen) == 3
    nlp_calls.seen.clear()
    again = store.ingest_paths([str(folder)])
    assert nlp_calls.seen == [] and again.skipped == 3 and again.new == 0


def test_only_new_or_changed_texts_are_analyzed(store, folder, nlp_calls) -> None:
    store.ingest_paths([str(folder)])
    nlp_calls.seen.clear()
    (folder / "b.txt").write_text(TEXTS["b.txt"] + " Officials welcomed it.", encoding="utf-8")
    (folder / "d.txt").write_text(TEXTS["a.txt"], encoding="utf-8")  # the same text under another name
    report = store.ingest_paths([str(folder)])
    assert [Path(a.source.path).name for a in nlp_calls.seen] == ["b.txt"]
    assert report.new == 1 and report.revisions == 1 and report.skipped == 3


def test_a_text_repeated_in_one_run_is_analyzed_once(store, tmp_path, nlp_calls) -> None:
    for name in ("x.txt", "y.txt"):
        (tmp_path / name).write_text(TEXTS["c.txt"], encoding="utf-8")
    report = store.ingest_paths([str(tmp_path / "x.txt"), str(tmp_path / "y.txt")])
    assert len(nlp_calls.seen) == 1 and report.new == 1 and report.skipped == 1


def test_replace_analyzes_everything_again(store, folder, nlp_calls) -> None:
    store.ingest_paths([str(folder)])
    nlp_calls.seen.clear()
    report = store.ingest_paths([str(folder)], replace=True)
    assert len(nlp_calls.seen) == 3 and report.replaced == 3


def test_reader_failures_still_pass_through_in_order(sqlite_store, folder, nlp_calls) -> None:
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    sqlite_store.ingest_paths([str(folder)])
    report = sqlite_store.ingest_paths([str(folder)], retry_failed=True)  # else skipped (test_failed_skip.py)
    assert report.skipped == 3 and report.failed == 1 and "empty" in report.failures[0].reason


def test_cli_ingest_twice_analyzes_once(tmp_path, folder, nlp_calls) -> None:
    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-progress"]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert again.exit_code == 0 and "0 new" in again.stdout and "3 already stored" in again.stdout
    assert len(nlp_calls.seen) == 3


def test_load_skips_stored_records_without_parsing_them(sqlite_store, tmp_path, monkeypatch) -> None:
    from kronika.cli.batch import iter_coded
    from kronika.read import read_text
    from kronika.record import Source

    out = tmp_path / "coded"
    out.mkdir()
    records = [read_text(t, source=Source(path=n, format="text")) for n, t in TEXTS.items()]
    with gzip.open(out / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        for a in records:
            fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    sqlite_store.ingest(records[:2])
    parsed: list[str] = []
    real = Article.from_dict.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Article, "from_dict", classmethod(lambda cls, d: parsed.append(d["id"]) or real(cls, d)))
    skipped: list[object] = []
    left = list(iter_coded(out, sqlite_store.engine, skipped.append))
    assert [a.id for a in left] == parsed == [records[2].id] and len(skipped) == 2
