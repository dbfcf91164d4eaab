"""The HTTP API in-process: every page has a JSON twin, and the twins answer what the pages show."""

from __future__ import annotations

import importlib
import re
from urllib.parse import quote

import pytest
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from kronika.record import Article
from kronika.web.app import VIEW_MODULES

from .records import hostile_article, second_report, steppe_article

STEPPE = steppe_article()


def page_urls(app, client) -> list[str]:
    """One concrete URL for every HTML page route the app has."""
    actor = quote(client.get("/api/actors").json()["actors"][0]["entity"], safe="")
    event = client.get("/api/events").json()["events"][0]["id"]
    fill = {"{article_id}": STEPPE.id, "{key:path}": actor, "{event_id}": event}
    urls = []
    routes = [r for m in VIEW_MODULES for r in importlib.import_module(m).router.routes]
    for route in routes:
        if not isinstance(route, APIRoute) or "GET" not in route.methods or route.response_class is not HTMLResponse:
            continue
        if route.path.startswith("/api/"):
            continue
        url = route.path
        for k, v in fill.items():
            url = url.replace(k, v)
        urls.append(url)
    return urls


def test_every_page_has_a_json_twin(app, client):
    urls = page_urls(app, client)
    assert {"/", "/articles", "/timeline", "/network", "/actors", "/search", "/docs", "/errors"} <= set(urls)
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        m = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', page.text)
        assert m, f"{url} names no JSON twin"
        twin = client.get(m.group(1).replace("&amp;", "&"))
        assert twin.status_code == 200, (url, m.group(1))
        assert twin.headers["content-type"].startswith("application/json")


def test_article_twin_is_the_stored_record(client):
    rec = client.get(f"/api/articles/{STEPPE.id}").json()
    assert rec["schema"] == "kronika.article/1"
    back = Article.from_dict(rec)
    assert back.text == STEPPE.text
    assert [e.type for e in back.events] == [e.type for e in STEPPE.events]
    assert rec["metadata"]["title"] == "Between the Steppe and the Kremlin"


def test_articles_list_pages(client):
    first = client.get("/api/articles?limit=2").json()
    assert first["ok"] is True and len(first["articles"]) == 2 and first["next_offset"] == 2
    rest = client.get("/api/articles?limit=2&offset=2").json()["articles"]
    ids = {a["id"] for a in first["articles"] + rest}
    assert ids == {STEPPE.id, second_report().id, hostile_article().id}
    assert all("text" not in a for a in first["articles"])


def _events(client, **params):
    body = client.get("/api/timeline", params=params).json()
    assert body["ok"] is True and body["count"] == len(body["events"])
    return body["events"]


def test_timeline_for_kazakhstan_has_2022_and_2023(client):
    events = _events(client, actor="Kazakhstan")
    dates = [e["date"] for e in events]
    assert "2022-01" in dates and "2023-05-08" in dates
    assert dates == sorted(dates)  # date order
    jan = next(e for e in events if e["date"] == "2022-01")
    assert jan["type"] == "MOBILIZE" and jan["quad"] == 4
    assert jan["sources"][0]["evidence"].startswith("In January 2022 Russia sent troops")
    assert jan["sources"][0]["title"] == "Between the Steppe and the Kremlin"


def test_timeline_filters(client):
    assert {e["type"] for e in _events(client, actor="KAZ", type="consult")} == {"CONSULT"}
    pair = _events(client, actor="KAZ", **{"with": "RUS"})
    assert pair and all(
        any(a["country"] == "RUS" for a in e["actors"] + e["recipients"])
        and any(a["country"] == "KAZ" for a in e["actors"] + e["recipients"])
        for e in pair
    )
    since, until = _events(client, actor="KAZ", since="2023-01-01"), _events(client, actor="KAZ", until="2022-12-31")
    assert since and all(e["date"] >= "2023" for e in since)
    assert until and all(e["date"] < "2023" for e in until)
    assert _events(client, actor="Atlantis") == []
    assert client.get("/api/events", params={"type": "REQUEST"}).json()["events"][0]["actors"][0]["name"] == (
        "European Union"
    )


def test_event_answers_are_bounded(client):
    body = client.get("/api/timeline", params={"actor": "KAZ", "limit": 1}).json()
    assert body["count"] == 1 and body["truncated"] is True and body["filters"]["limit"] == 1
    assert client.get("/api/timeline", params={"actor": "KAZ"}).json()["truncated"] is False


def test_a_story_reported_twice_lists_both_sources(client):
    visit = next(e for e in _events(client, type="CONSULT", actor="Tokayev") if e["date"] == "2023-05-08")
    outlets = sorted(s["outlet"] for s in visit["sources"])
    assert outlets == ["Test Review", "Wire Service"]
    one = client.get(f"/api/events/{visit['id']}").json()["event"]
    assert {k: one[k] for k in visit} == visit  # the list's dict, plus the story's own keys
    assert [o["outlet"] for o in one["outlets"]] and isinstance(one["claims"], list)
    page = client.get(f"/events/{visit['id']}").text
    assert "Test Review" in page and "Wire Service" in page
    assert "Tokayev flew to Moscow on May 8, 2023" in page and "On May 8, 2023 Tokayev flew to Moscow" in page
    # the reader links each stored event to its story
    assert f'href="/events/{visit["id"]}"' in client.get(f"/articles/{STEPPE.id}").text


def test_timeline_page_lists_the_events_with_sources(client):
    page = client.get("/timeline?actor=Kazakhstan").text
    assert "2022-01" in page and "2023-05-08" in page
    assert "In January 2022 Russia sent troops to Kazakhstan" in page
    assert 'data-src="/api/timeline?actor=Kazakhstan"' in page


def test_network_has_a_layout_and_balance_counts(client):
    g = client.get("/api/network").json()
    assert g["nodes"] and g["edges"]
    for n in g["nodes"]:
        assert 0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 and n["url"].startswith("/actors/")
    ids = {n["id"] for n in g["nodes"]}
    mob = next(e for e in g["edges"] if e["types"].get("MOBILIZE"))
    assert mob["source"] in ids and mob["target"] in ids and mob["quads"]["material_conflict"] == 1
    assert client.get("/api/network?since=2023-01-01").json()["edges"] != g["edges"]


def test_actor_page_has_offices_mentions_types_and_balance(client):
    top = client.get("/api/actors?top=50").json()["actors"]
    tokayev = next(a for a in top if a["name"] == "Kassym-Jomart Tokayev")
    body = client.get(f"/api/actors/{quote(tokayev['entity'], safe='')}").json()
    actor = body["actor"]
    assert actor["offices"][0]["title"] == "President" and actor["offices"][0]["of"] == "KAZ"
    assert actor["mentions_by_month"][0]["month"] == "2023-05"
    assert actor["events_by_type"] == {"CONSULT": 1}
    assert body["between_names"] == ["Vladimir Putin"]
    assert body["balance"][0]["cooperation"] == 1 and body["balance"][0]["conflict"] == 0
    page = client.get(tokayev["url"]).text
    assert 'id="balance-chart"' in page and "President of KAZ" in page


def test_actor_balance_toward_chosen_counterparts(client):
    kaz = next(a for a in client.get("/api/actors?top=50").json()["actors"] if a["name"] == "Kazakhstan")
    body = client.get(f"/api/actors/{quote(kaz['entity'], safe='')}", params={"between": "RUS,EU", "by": "year"}).json()
    assert body["between"] == ["RUS", "EU"]
    by_side = {(r["period"], r["counterpart"]): r for r in body["balance"]}
    assert by_side[("2022", "RUS")]["conflict"] == 1
    assert by_side[("2023", "EU")]["conflict"] == 1  # the EU's request is verbal conflict in PLOVER


def test_search_finds_paragraphs_and_marks_matches(client):
    body = client.get("/api/search", params={"q": "troops"}).json()
    assert body["results"][0]["article_id"] == STEPPE.id
    page = client.get("/search?q=troops").text
    assert "<mark>troops</mark>" in page


def test_search_with_filters_only(client):
    body = client.get("/api/search", params={"type": "MOBILIZE"}).json()
    assert body["results"] == [] and [e["type"] for e in body["events"]] == ["MOBILIZE"]


@pytest.mark.parametrize(
    ("fmt", "needle"), [("csl-json", '"title": "Between the Steppe'), ("bibtex", "@"), ("ris", "TY  -")]
)
def test_cite(client, fmt, needle):
    r = client.get(f"/api/articles/{STEPPE.id}/cite", params={"format": fmt})
    assert r.status_code == 200 and needle in r.text
    r = client.get(f"/api/articles/{STEPPE.id}/cite", params={"format": fmt, "download": "true"})
    assert r.headers["content-disposition"].startswith("attachment")


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/analyze", "/api/articles", "/api/articles/{article_id}", "/api/events", "/api/timeline",
                 "/api/actors/{key}", "/api/search", "/api/network"):  # fmt: skip
        assert any(p.startswith(path.split("{")[0]) for p in spec["paths"]), path
    assert "multipart/form-data" in spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]


def test_docs_page_is_served_from_bundled_assets(client):
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page.replace("https://example", "")
    js = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/static/vendor/swagger-ui/LICENSE.txt").status_code == 200


def test_failed_documents_are_listed(tmp_path):
    from kronika.errors import Failure
    from kronika.store import open_store

    from .conftest import make_client

    db = tmp_path / "k.db"
    open_store(str(db)).ingest([Failure("broken.html", "the file is empty", stage="read", line=None)])
    client = make_client(str(db))
    errors = client.get("/api/errors").json()["errors"]
    assert errors[0]["path"] == "broken.html" and errors[0]["reason"] == "the file is empty"
    assert "broken.html" in client.get("/errors").text
    assert 'href="/errors"' in client.get("/").text
