"""Store fixtures: a fresh store per test, on SQLite and (marked ``postgres``) PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/pg.py

from pg import create_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    """An empty store on each backend; the same tests run on both."""
    from kronika.store import open_store

    if request.param == "sqlite":
        s = open_store(tmp_path / "kb.db")
    else:
        s = open_store(create_database(request.getfixturevalue("pg_server")))
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path):
    from kronika.store import open_store

    s = open_store(tmp_path / "kb.db")
    yield s
    s.close()


@pytest.fixture
def filled(store):
    from store.records import corpus

    store.ingest(corpus())
    return store


class CountingPipeline:
    """Stands in for the NLP pipeline: keeps every document it is asked to analyze (``seen``)."""

    def __init__(self) -> None:
        self.seen: list = []

    def run_many(self, articles):
        for a in articles:
            self.seen.append(a)
            yield a


@pytest.fixture
def nlp_calls(monkeypatch) -> CountingPipeline:
    """The pipeline replaced by a :class:`CountingPipeline`: what ingest sends to the NLP."""
    fake = CountingPipeline()
    monkeypatch.setattr("kronika.pipeline.get_pipeline", lambda settings=None: fake)
    return fake
