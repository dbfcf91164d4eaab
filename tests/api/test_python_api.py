"""The Python API a notebook user finds (issue 14.2) and the language note (14.4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kronika

ROOT = Path(__file__).resolve().parents[2]


def test_dir_shows_the_public_names_and_import_is_light() -> None:
    names = dir(kronika)
    assert {"analyze", "analyze_many", "open_store", "Article", "Event", "Store"} <= set(names)
    assert not [n for n in names if (n.startswith("_") and n != "__version__") or n in ("importlib", "TYPE_CHECKING")]
    code = "import kronika, sys; print('spacy' in sys.modules, 'sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
    assert (ROOT / "src" / "kronika" / "py.typed").exists()


def test_event_and_entity_lists_and_query_results_have_to_pandas(tmp_path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from kronika.export.events import NAMES
    from store.records import corpus

    a = corpus()[0]
    ev = a.events.to_pandas()
    assert list(ev.columns) == list(NAMES) and len(ev) == len(a.events)
    assert ev.loc[0, "actor_name"] == "Kassym-Jomart Tokayev" and ev.loc[0, "published"] == "2022-01-06"
    assert set(a.entities.to_pandas()["name"]) >= {"Kassym-Jomart Tokayev", "Russia"}
    again = kronika.Article.from_dict(a.to_dict())  # still lists, still JSON, still frames
    assert again.events.to_pandas().equals(ev) and isinstance(a.to_dict()["events"], list)
    store = kronika.open_store(tmp_path / "kb.db")
    store.ingest(corpus())
    frame = store.timeline(actor="KAZ").to_pandas()
    assert list(frame.columns) == list(NAMES) and frame["event_date"].notna().all()
    assert "MOBILIZE" in set(frame["event_type"]) and frame["cameo_code"].isna().all()
    assert list(store.actors(top=3).to_pandas().columns)[:3] == ["name", "country", "entity"]
    assert len(store.search("paratroopers").to_pandas()) == 2
    store.close()


def test_analyze_many_takes_texts_dicts_and_paths_and_reports_bad_items(tmp_path, monkeypatch) -> None:
    """Reading only (the pipeline is replaced): every kind of item, in order, failures as asked."""
    from kronika import api
    from kronika.errors import Failure, KronikaError

    class NoNLP:
        def run_many(self, articles):
            yield from articles

    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings=None: NoNLP())
    (tmp_path / "a.txt").write_text("Russia and Kazakhstan signed a treaty in Astana on Monday.", encoding="utf-8")
    items = [
        "Kazakhstan asked the alliance for help on Wednesday, the president said in a statement.",
        {"text": "The European Union urged restraint on Friday.", "title": "Restraint", "published": "2022-01-07"},
        tmp_path / "a.txt",
        "   ",
        42,
    ]
    got = list(api.analyze_many(items, errors="yield"))
    assert [type(x).__name__ for x in got] == ["Article", "Article", "Article", "Failure", "Failure"]
    assert got[1].metadata.title == "Restraint" and got[1].metadata.published == "2022-01-07"
    assert got[2].source.path.endswith("a.txt")
    assert isinstance(got[4], Failure) and "give a str, a dict or a Path" in got[4].reason
    assert len(list(api.analyze_many(items))) == 3  # "skip": said on stderr, left out
    with pytest.raises(KronikaError):
        list(api.analyze_many(items, errors="raise"))


def test_non_english_text_gets_a_note_in_the_record() -> None:
    from kronika.read import read_text
    from kronika.read.language import detect_language

    ru = "Президент России провёл в понедельник переговоры с президентом Казахстана в Москве о торговле."
    rec = read_text(ru)
    assert rec.metadata.language == "ru"
    (note,) = [n for n in rec.notes if n.startswith("language:")]
    assert "Russian text (ru): not supported" in note and "English" in note
    assert detect_language("国家主席周一在北京会见了哈萨克斯坦总统。双方讨论了贸易与地区安全问题。") == "zh-cn"
    en = read_text("Russia attacked Kyiv with dozens of drones overnight into Sunday, the air force said.")
    assert en.metadata.language == "en" and not [n for n in en.notes if n.startswith("language:")]


@pytest.mark.slow
def test_analyze_and_the_cli_say_so_on_stderr(tmp_path) -> None:
    ru = tmp_path / "ru.txt"
    ru.write_text(
        "Президент России провёл в понедельник переговоры с президентом Казахстана в Москве.", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    r = subprocess.run([sys.executable, "-m", "kronika", "analyze", str(ru)], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "kronika: note:" in r.stderr and "Russian text (ru): not supported" in r.stderr
    with pytest.warns(UserWarning, match="Russian text"):
        rec = kronika.analyze(ru.read_text(encoding="utf-8"))
    assert any(n.startswith("language:") for n in rec.notes)


@pytest.mark.slow
def test_the_example_notebook_runs(tmp_path) -> None:
    """examples/notebook.py (a jupytext notebook) executed as a script, as the README says."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KRONIKA_EXAMPLE_DIR": str(tmp_path)}
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "notebook.py")], capture_output=True, text=True, env=env, timeout=600
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "events about Kazakhstan that happened" in r.stdout and (tmp_path / "export" / "events.parquet").exists()
