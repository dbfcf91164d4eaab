"""``POST /api/analyze`` through the real pipeline (loads the spaCy model: slow)."""

from __future__ import annotations

import shutil

import pytest

from kronika.record import Article

from .conftest import make_client

pytestmark = pytest.mark.slow

TEXT = (
    "On Tuesday the foreign ministers of Kazakhstan and Uzbekistan met in Tashkent to discuss water sharing.\n\n"
    "The two governments agreed to publish a joint plan before the summer."
)


@pytest.fixture
def writable(tmp_path, kb_path, pipeline):
    """A fresh copy of the test store, so storing does not change other tests' data."""
    db = tmp_path / "kb.db"
    shutil.copy(kb_path, db)
    return make_client(str(db))


def test_analyze_json_returns_the_record(client, pipeline):
    r = client.post("/api/analyze", json={"text": TEXT, "title": "Water talks", "published": "2024-03-14"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "kronika.article/1"
    assert rec["metadata"]["title"] == "Water talks" and rec["metadata"]["published"] == "2024-03-14"
    assert "Tashkent" in rec["text"]
    assert rec["pipeline"]["kronika"]
    Article.from_dict(rec)  # a valid record
    # not stored without ?store=true
    assert client.get(f"/api/articles/{rec['id']}").status_code == 404


def test_analyze_and_store(writable):
    r = writable.post("/api/analyze?store=true", json={"text": TEXT, "published": "2024-03-14"})
    assert r.status_code == 201, r.text
    rec = r.json()
    assert r.headers["location"] == f"/articles/{rec['id']}"
    assert writable.get(f"/api/articles/{rec['id']}").json()["text"] == rec["text"]
    assert writable.get(r.headers["location"]).status_code == 200
    again = writable.post("/api/analyze?store=true", json={"text": TEXT, "published": "2024-03-14"})
    assert again.status_code == 201 and again.json()["id"] == rec["id"]  # idempotent by content hash
    assert writable.get("/api/overview").json()["stats"]["articles"] == 4


def test_analyze_uploaded_files(client, pipeline):
    r = client.post("/api/analyze", files={"file": ("talks.txt", TEXT.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["source"]["path"] == "talks.txt" and "Tashkent" in rec["text"]
    md = "# Water talks\n\n" + TEXT
    r = client.post("/api/analyze", files={"file": ("talks.md", md.encode(), "text/markdown")})
    assert r.status_code == 200 and "Tashkent" in r.json()["text"]
    r = client.post("/api/analyze", files={"file": ("../../etc/passwd", b"\x00\x01\x02\xff" * 50)})
    body = r.json()
    assert r.status_code in (200, 422)
    if r.status_code == 422:  # a binary file is refused with the reader's reason, naming the upload only
        assert body["error"] == "unreadable" and "/tmp" not in body["message"]
