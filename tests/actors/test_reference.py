"""The reference article (read from ../shared, never copied): the seven leaders and the rest."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

LEADERS = [
    ("Putin", "RUS"),
    ("Japarov", "KGZ"),
    ("Rahmon", "TJK"),
    ("Tokayev", "KAZ"),
    ("Mirziyoyev", "UZB"),
    ("Berdimuhamedov", "TKM"),
    ("Lukashenko", "BLR"),
]


def _ents(rec):
    return rec["entities"]


@pytest.mark.parametrize(("surname", "iso"), LEADERS)
def test_seven_leaders(reference_record, surname, iso):
    people = [e for e in _ents(reference_record) if e["type"] == "PERSON" and e["country"] == iso]
    hit = [e for e in people if any(surname in m["text"] for m in e["mentions"])]
    assert hit, f"{surname} ({iso}) not found"
    assert any("President" in r["title"] and r["of"] == iso for r in hit[0]["roles"])


def test_president_of_belarus_is_lukashenko(reference_record):
    (luk,) = [e for e in _ents(reference_record) if e["kb_id"] == "person:alexander-lukashenko"]
    assert any("President of Belarus" in m["text"] for m in luk["mentions"])
    assert any("Lukashenko" in m["text"] for m in luk["mentions"])


def test_prime_minister_of_armenia_is_an_office(reference_record):
    pm = [e for e in _ents(reference_record) if e["type"] == "PERSON" and e["country"] == "ARM"]
    assert pm and pm[0]["roles"][0]["title"] == "Prime Minister"


def test_tokayev_mentions(reference_record):
    (tok,) = [e for e in _ents(reference_record) if e["kb_id"] == "person:kassym-jomart-tokayev"]
    texts = [" ".join(m["text"].split()) for m in tok["mentions"]]
    assert "Tokayev" in texts
    assert any(t.startswith("Kazakhstan") and t.endswith("Kassym-Jomart Tokayev") for t in texts)


def test_places_weapons_groups(reference_record):
    ents = _ents(reference_record)
    by_text: dict[str, set[str]] = {}
    for e in ents:
        for m in e["mentions"]:
            by_text.setdefault(" ".join(m["text"].split()), set()).add(e["type"])
    for place in ("Kyiv", "Astana", "Almaty", "Moscow", "Red Square"):
        assert "PLACE" in by_text.get(place, set()) and "PERSON" not in by_text[place]
    assert {"WEAPON"} == by_text["Kinzhal Kh-47M2"] == by_text["Patriot MIM-104"]
    kinds = {(e["kb_id"], e["type"]) for e in ents}
    assert ("WST", "GROUP") in kinds and ("EU", "IGO") in kinds and ("UKR.PEOPLE", "GROUP") in kinds
    assert ("RUS.GOV", "STATE") in kinds  # phone calls from the Kremlin
    assert any(e["type"] == "PLACE" and e["kb_id"] == "seat:moscow-kremlin" for e in ents)  # the drone attack
