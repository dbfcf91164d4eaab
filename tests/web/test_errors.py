"""Every error the web app returns has one JSON shape (datasette's lesson), and pages get it as HTML."""

from __future__ import annotations

import pytest

from .conftest import make_client

SHAPE = {"ok", "status", "error", "message", "details"}


def assert_error_shape(response, status: int, error: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == SHAPE
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    if error:
        assert body["error"] == error
    return body


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "error"),
    [
        ("get", "/api/no-such-thing", {}, 404, "not_found"),
        ("get", "/api/articles/0000000000000000dead", {}, 404, "not_found"),
        ("get", "/api/actors/nobody-we-know-of", {}, 404, "not_found"),
        ("get", "/api/events/ev-does-not-exist", {}, 404, "not_found"),
        ("delete", "/api/articles", {}, 405, "method_not_allowed"),
        ("get", "/api/timeline?since=last-tuesday", {}, 422, "invalid_request"),
        ("get", "/api/events?until=2023-02-30", {}, 422, "invalid_request"),
        ("get", "/api/articles?limit=0", {}, 422, "invalid_request"),
        ("get", "/api/articles?limit=many", {}, 422, "invalid_request"),
        ("get", "/api/actors/kb%3AQ_putin?by=fortnight", {}, 422, "invalid_request"),
        ("get", "/api/articles/2576e3f1abb1f5ae0c7a/cite?format=mla", {}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": {"text": "   "}}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": {"title": "no text"}}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": ["a", "list"]}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": {"text": "x", "published": "18 May"}}, 422, "invalid_request"),
        ("post", "/api/analyze", {"json": {"text": "x", "title": 5}}, 422, "invalid_request"),
        ("post", "/api/analyze", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, None),
        ("post", "/api/analyze", {"content": b"hello", "headers": {"content-type": "text/plain"}}, 415, None),
        ("post", "/api/analyze", {"files": {"file": ("empty.txt", b"")}}, 422, "invalid_request"),
    ],
)
def test_every_error_has_one_shape(client, method, url, kwargs, status, error):
    body = assert_error_shape(getattr(client, method)(url, **kwargs), status, error)
    assert "Traceback" not in body["message"]


def test_validation_errors_name_the_field(client):
    body = assert_error_shape(client.get("/api/timeline?since=yesterday"), 422)
    assert body["message"].startswith("since:")
    body = assert_error_shape(client.get("/api/articles?limit=x"), 422)
    assert any(d["field"].endswith("limit") for d in body["details"])


def test_pages_render_the_same_error_as_html(client):
    r = client.get("/articles/0000000000000000dead", headers={"accept": "text/html"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert 'data-error="not_found"' in r.text
    assert "no article with id" in r.text
    # the API keeps answering JSON even to a browser
    assert_error_shape(client.get("/api/articles/0000000000000000dead", headers={"accept": "text/html"}), 404)


def test_a_bug_becomes_a_500_in_the_same_shape(kb_path):
    class Broken:
        def stats(self):
            raise RuntimeError("disk on fire")

        def __getattr__(self, name):
            raise RuntimeError("disk on fire")

    client = make_client(None, store=Broken())
    body = assert_error_shape(client.get("/api/overview"), 500, "internal_error")
    assert "RuntimeError" in body["message"] and "disk on fire" not in body["message"]  # no internals leaked


def test_no_store_is_a_clear_503():
    client = make_client(None)
    body = assert_error_shape(client.get("/api/timeline"), 503, "no_store")
    assert "--db" in body["message"]
    assert client.get("/").status_code == 200  # the home page still offers the analyzer


def test_oversize_bodies_are_refused_in_the_same_shape(kb_path):
    client = make_client(str(kb_path), max_request_bytes=1000)
    assert_error_shape(client.post("/api/analyze", json={"text": "x" * 2000}), 413, "too_large")

    def chunks():  # no Content-Length: the limit must hold while streaming
        for _ in range(10):
            yield b"y" * 500

    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert_error_shape(r, 413, "too_large")
    big_upload = {"file": ("big.txt", b"z" * 5000, "text/plain")}
    assert_error_shape(client.post("/api/analyze", files=big_upload), 413, "too_large")
