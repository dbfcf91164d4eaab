"""Fuzzing the JSON API (issue 13, "what to show"): every route in the OpenAPI document with
arbitrary path and query values, and ``POST /api/analyze`` with arbitrary bodies -> never a 500,
and every error in the one error shape.

Bounded for CI like the reader fuzzing (fixed example counts, the same examples under ``CI``).
The analysis itself is fuzzed through the real pipeline in the ``slow`` test at the end.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/store/records.py

from kronika.errors import Failure
from kronika.web import create_app
from store.records import corpus

EXAMPLES = int(os.environ.get("KRONIKA_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LOCAL = ("127.0.0.1", 50000)

# Values that have broken web apps: huge and negative numbers, wildcards, traversal, markup, NULs.
nasty = st.sampled_from(
    ["99999999999999999999", "-1", "0", "1e99", "NaN", "%", "_", "%25", "\\", "../../etc/passwd", "<script>",
     "' OR 1=1 --", "\x00", "KAZ", "Tokayev", "2023-02-30", "9999-12-31", "2022", "a" * 5000, "", " ", "é", "🙂"]
)  # fmt: skip
values = st.one_of(nasty, st.text(max_size=50), st.integers().map(str))
KEYS = st.sampled_from(["text", "title", "published", "url", "x"])
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | nasty,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=15,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    from kronika.store import open_store

    db = tmp_path_factory.mktemp("fuzz-api") / "kb.db"
    with open_store(db) as store:
        store.ingest(corpus())
    app = create_app(str(db), read_only=True)
    return TestClient(app, base_url="http://localhost", raise_server_exceptions=False, client=LOCAL)


@pytest.fixture(scope="module")
def routes(client) -> list[tuple[str, list[str]]]:
    """Every GET route of the OpenAPI document and its query parameters."""
    spec = client.get("/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        if "get" in ops:
            params = [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
            out.append((path, params))
    assert len(out) >= 10
    return out


def _check(r) -> None:
    assert r.status_code < 500, (r.request.url, r.status_code, r.text[:500])
    if r.status_code >= 400 and r.headers.get("content-type", "").startswith("application/json"):
        body = r.json()
        assert body["ok"] is False and body["status"] == r.status_code and body["error"] and body["message"]


@FUZZ
@given(data=st.data())
def test_every_get_route_with_any_values(client, routes, data) -> None:
    path, params = data.draw(st.sampled_from(routes))
    filled = path
    while "{" in filled:
        name = filled[filled.index("{") + 1 : filled.index("}")]
        filled = filled.replace("{" + name + "}", quote(data.draw(values), safe=""), 1)
    chosen = data.draw(st.lists(st.sampled_from([*params, "unknown"]), max_size=4)) if params else []
    query = {name: data.draw(values) for name in chosen}
    _check(client.get(filled, params=query))


@FUZZ
@given(body=json_values, store=st.booleans())
def test_analyze_with_any_json(client, monkeypatch_module, body, store: bool) -> None:
    _check(client.post("/api/analyze" + ("?store=true" if store else ""), json=body))


@FUZZ
@given(
    body=st.binary(max_size=2000),
    ctype=st.sampled_from(["application/json", "multipart/form-data", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", "text/plain", "", "application/json; charset=latin-1"]),
)  # fmt: skip
def test_analyze_with_any_bytes(client, monkeypatch_module, body: bytes, ctype: str) -> None:
    _check(client.post("/api/analyze", content=body, headers={"content-type": ctype}))


FORM_FIELDS = st.dictionaries(st.sampled_from(["title", "published", "url", "text"]), values, max_size=3)


@FUZZ
@given(name=st.text(max_size=80), data=st.binary(max_size=2000), fields=FORM_FIELDS)
def test_analyze_with_any_upload(client, monkeypatch_module, name: str, data: bytes, fields: dict) -> None:
    upload = {"file": (name, data, "application/octet-stream")}
    _check(client.post("/api/analyze", files=upload, data=fields))


@pytest.fixture(scope="module")
def monkeypatch_module():
    """Analyses answered by a stand-in (no model): these tests fuzz the request handling around it."""
    from kronika.web.views import analyze as view

    mp = pytest.MonkeyPatch()
    mp.setattr(view, "analyze_text_job", lambda text, settings: [Failure(None, "[E101] stand-in")])
    mp.setattr(view, "analyze_upload_job", lambda data, name, settings, n: [Failure(name, "[E101] stand-in")])
    yield mp
    mp.undo()


@pytest.mark.slow
@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(max_size=400),
        st.lists(st.sampled_from(["Russia", "attacked", "Kyiv", "on", "Monday", "said", ".", "\n\n", "not", "will"]),
                 max_size=60).map(" ".join),
    ),
    name=st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "a.json", "a.txt.gz"]),
)  # fmt: skip
def test_the_real_analysis_never_500s(pipeline, text: str, name: str) -> None:
    from kronika.web import create_app

    client = TestClient(create_app(None), base_url="http://localhost", raise_server_exceptions=False, client=LOCAL)
    _check(client.post("/api/analyze", json={"text": text}))
    _check(client.post("/api/analyze", files={"file": (name, text.encode(), "text/plain")}))
