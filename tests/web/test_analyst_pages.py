"""Web polish (issue 14.7): unknown parameters are refused, the OpenAPI document tells the truth
about answers and errors, the dyad chart and the map have their data."""

from __future__ import annotations

from .conftest import make_client


def test_unknown_query_parameters_get_a_400_naming_them(kb_path) -> None:
    c = make_client(str(kb_path))
    r = c.get("/api/timeline?actr=KAZ")
    body = r.json()
    assert r.status_code == 400 and body["error"] == "bad_request" and "'actr'" in body["message"]
    assert body["details"] == [{"field": "actr"}] and "actor" in body["message"]
    assert c.get("/timeline?actr=KAZ").status_code == 400  # the page too
    assert c.get("/api/timeline?actor=KAZ&factual=all&limit=5").status_code == 200
    assert c.get("/api/network?top=5&since=2022").status_code == 200


def test_openapi_documents_the_error_shape_and_typed_answers(kb_path) -> None:
    spec = make_client(str(kb_path)).get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas  # not what kronika sends
    assert set(schemas["ErrorAnswer"]["properties"]) == {"ok", "status", "error", "message", "details"}
    for path in ("/api/timeline", "/api/actors", "/api/network", "/api/map", "/api/dyad"):
        responses = spec["paths"][path]["get"]["responses"]
        assert {"200", "400", "404", "422", "500"} <= set(responses), path
        assert responses["200"]["content"]["application/json"]["schema"]["$ref"].startswith("#/components/schemas/")
        assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorAnswer")
    assert "factual" in schemas["StoryEvent"]["properties"]


def test_dyad_and_map(kb_path) -> None:
    c = make_client(str(kb_path))
    d = c.get("/api/dyad?actor=KAZ&with=RUS").json()
    assert (
        d["ok"]
        and d["months"]
        and all(
            m["events"]
            == sum(m[q] for q in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"))
            for m in d["months"]
        )
    )
    assert c.get("/api/dyad?actor=KAZ").json()["months"] == []  # one side only: nothing to chart yet
    page = c.get("/dyad?actor=KAZ&with=RUS").text
    assert 'id="dyad-chart"' in page and "/static/js/dyad.js" in page
    m = c.get("/api/map").json()
    assert m["ok"] and m["count"] >= m["located"] and all(e["lat"] is not None for e in m["events"])
    page = c.get("/map").text
    assert (
        "/static/vendor/leaflet/leaflet.js" in page
        and "countries-110m.json" in page
        and "http" not in page.split("<main>")[1].split("leaflet.js")[0].replace("https://", "").replace("http://", "")
    )
    assert c.get("/static/vendor/world-atlas/countries-110m.json").status_code == 200
