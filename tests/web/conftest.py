"""Fixtures for the web tests: a small store built from hand-made records, and clients."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from .records import corpus

LOCAL = ("127.0.0.1", 50000)  # TestClient's peer address: a loopback client
BASE = "http://localhost"  # a Host name the server answers to (not TestClient's default "testserver")


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the hand-made corpus (ingested once per session)."""
    from kronika.store import open_store

    path = tmp_path_factory.mktemp("web-kb") / "kronika.db"
    store = open_store(str(path))
    report = store.ingest(corpus())
    assert report.new == 3, report
    store.close()
    return path


@pytest.fixture(scope="session")
def app(kb_path):
    from kronika.web import create_app

    return create_app(str(kb_path))


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app, base_url=BASE, raise_server_exceptions=False, client=LOCAL)


def make_client(db: str | None = None, *, peer=LOCAL, **kwargs) -> TestClient:
    from kronika.web import create_app

    return TestClient(create_app(db, **kwargs), base_url=BASE, raise_server_exceptions=False, client=peer)
