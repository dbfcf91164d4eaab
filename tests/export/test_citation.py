"""Citation export: CSL-JSON, BibTeX and RIS from a record's metadata, and the ``kronika cite`` command."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kronika.cli import app
from kronika.export.citation import render, split_name
from kronika.record import Article, Author, Metadata

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "annotated"


def _article() -> Article:
    md = Metadata(
        title="Talks & Troops: 50% Done",
        authors=[Author("Ann B. Lee", "X Institute"), Author("Ludwig van Beethoven")],
        published="2023-05-18",
        publication="Lake Review",
        url="https://lake.example/a",
        language="en",
    )
    return Article(text="Body.", metadata=md)


def test_split_name() -> None:
    assert split_name("Pavel K. Baev") == {"family": "Baev", "given": "Pavel K."}
    assert split_name("Ludwig van Beethoven") == {"family": "van Beethoven", "given": "Ludwig"}
    assert split_name("Reuters") == {"literal": "Reuters"}


def test_csl_json() -> None:
    (item,) = json.loads(render([_article()], "csl-json"))
    assert item["type"] == "article-newspaper" and item["container-title"] == "Lake Review"
    assert item["issued"] == {"date-parts": [[2023, 5, 18]]}
    assert item["author"][0] == {"family": "Lee", "given": "Ann B."} and item["URL"] == "https://lake.example/a"


def test_bibtex_escapes() -> None:
    bib = render([_article()], "bibtex")
    assert bib.startswith("@article{lee2023talks,")
    assert r"title = {{Talks \& Troops: 50\% Done}}" in bib
    assert "author = {Lee, Ann B. and van Beethoven, Ludwig}" in bib


def test_ris() -> None:
    ris = render([_article()], "ris")
    lines = ris.splitlines()
    assert lines[0] == "TY  - NEWS" and "AU  - Lee, Ann B." in lines and "DA  - 2023/05/18/" in lines
    assert lines[-1] == "ER  -"


def test_cite_command_on_article_and_on_record(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["cite", str(FIX / "two-authors-glued.txt"), "--format", "ris"])
    assert res.exit_code == 0, res.output
    assert "TI  - Armenia Puts Its Alliance Membership on Ice" in res.output and "T2  - Caspian Monitor" in res.output
    rec = tmp_path / "rec.json"
    rec.write_text(json.dumps(_article().to_dict()))
    res = runner.invoke(app, ["cite", str(rec), "-f", "bibtex"])
    assert res.exit_code == 0 and "@article{lee2023talks" in res.output
    res = runner.invoke(app, ["cite", str(rec), "-f", "mla"])
    assert res.exit_code != 0
    res = runner.invoke(app, ["cite", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2 and "no such file" in res.output
