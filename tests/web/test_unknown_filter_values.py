"""An unknown event type is rejected, naming the parameter and the allowed values (issue 16):
before, ``/api/events?type=<script>`` answered 200 with no events, as if none had happened."""

from __future__ import annotations

import pytest

from kronika.events.plover import TYPES


@pytest.mark.parametrize("path", ["/api/events", "/api/timeline"])
def test_an_unknown_type_is_a_4xx_naming_the_parameter_and_the_types(client, path) -> None:
    r = client.get(path, params={"type": "<script>"})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_request" and body["details"] == [{"field": "type"}]
    assert body["message"].startswith("type: ") and "ASSAULT" in body["message"] and "CONSULT" in body["message"]
    assert "<script>" not in r.text  # the value comes back escaped in JSON, never as markup
    again = client.get(path, params={"type": "<script>"})
    assert again.status_code == 422 and again.headers.get("x-kronika-cache") != "hit"  # errors are not kept


def test_known_types_pass_in_any_case_and_only_the_unknown_one_is_named(client) -> None:
    assert client.get("/api/events", params={"type": "assault,Consult"}).status_code == 200
    r = client.get("/api/events", params={"type": "ASSAULT,NOPE"})
    assert r.status_code == 422 and "'NOPE'" in r.json()["message"] and "'ASSAULT" not in r.json()["message"]


def test_the_date_fields_are_still_named(client) -> None:
    assert client.get("/api/events?since=yesterday").json()["details"] == [{"field": "since"}]
    assert client.get("/api/events?until=2023-02-30").json()["details"] == [{"field": "until"}]
    assert client.get("/api/events?factual=maybe").json()["details"] == [{"field": "factual"}]


def test_the_python_filter_rejects_it_too() -> None:
    from kronika.errors import ConfigError
    from kronika.store.filters import EventFilter

    assert EventFilter.of(type=" assault , agree ").types() == ["ASSAULT", "AGREE"]
    with pytest.raises(ConfigError) as err:
        EventFilter.of(type="ASSAULT,FIGHT")
    assert err.value.code == "E613" and "--type 'FIGHT'" in err.value.message
    assert all(t in err.value.message for t in TYPES)
