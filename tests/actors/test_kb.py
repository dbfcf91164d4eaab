"""The bundled knowledge base and user KB files (no spaCy model needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from kronika.actors.knowledge import load_kb, read_table, title_key
from kronika.errors import ConfigError

POST_SOVIET = ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"]
G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]
EU = [
    "AUT",
    "BEL",
    "BGR",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "IRL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MLT",
    "NLD",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
]


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_every_iso_country_is_a_state(kb):
    for c in pycountry.countries:
        assert kb.entries[c.alpha_3].type == "STATE"
        assert c.alpha_3 in [e.kb_id for e in kb.lookup(c.name)] or "," in c.name


@pytest.mark.parametrize(
    ("name", "kb_id"),
    [
        ("Russia", "RUS"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("the Netherlands", "NLD"),
        ("UK", "GBR"),
        ("Kyrgyz Republic", "KGZ"),
        ("Czechia", "CZE"),
        ("Ivory Coast", "CIV"),
    ],
)
def test_short_names(kb, name, kb_id):
    assert kb.lookup(name)[0].kb_id == kb_id


def test_demonyms_capitals_and_seats(kb):
    assert kb.adjectives["kazakh"] == "KAZ"
    assert kb.people["ukrainians"] == "UKR"
    assert kb.adjectives["western"] == "WST"
    (astana,) = kb.lookup("Astana")
    assert (astana.type, astana.country, astana.kind) == ("PLACE", "KAZ", "capital")
    (kremlin,) = kb.lookup("the Kremlin")
    assert (kremlin.country, kremlin.sector, kremlin.kind) == ("RUS", "GOV", "seat")
    assert kb.lookup("Pentagon")[0].sector == "MIL"


def test_igos_and_weapons(kb):
    assert kb.lookup("CSTO")[0].type == "IGO"
    assert kb.lookup("Eurasian Economic Union")[0].kb_id == "EAEU"
    kinzhal = kb.lookup("Kinzhal Kh-47M2")[0]
    assert (kinzhal.type, kinzhal.country) == ("WEAPON", "RUS")
    assert kb.lookup("MIM-104")[0].country == "USA"


@pytest.mark.parametrize(
    ("of", "title", "on", "who"),
    [
        ("BLR", "President", "2023-05-18", "Alexander Lukashenko"),
        ("ARM", "Prime Minister", "2023-05-18", "Nikol Pashinyan"),
        ("KAZ", "President", "2018-06-01", "Nursultan Nazarbayev"),
        ("KAZ", "President", "2019-06-01", "Kassym-Jomart Tokayev"),
        ("TKM", "President", "2015-01-01", "Gurbanguly Berdimuhamedow"),
        ("TKM", "President", "2023-05-18", "Serdar Berdimuhamedow"),
        ("USA", "President", "2010-01-01", "Barack Obama"),
        ("DEU", "Chancellor", "2010-01-01", "Angela Merkel"),
        ("GBR", "PM", "2022-10-01", "Liz Truss"),
        ("CHN", "Premier", "2020-01-01", "Li Keqiang"),
        ("RUS", "Prime Minister", "2010-01-01", "Vladimir Putin"),
    ],
)
def test_holder_on_a_date(kb, of, title, on, who):
    term = kb.holder(of, title, dt.date.fromisoformat(on))
    assert term is not None and kb.persons[term.person].name == who


@pytest.mark.parametrize("iso", sorted(set(POST_SOVIET + G20 + EU)))
def test_leaders_cover_2000_to_today(kb, iso):
    """Someone heads the state or the government of every required country on each 1 July since 2000."""
    terms = [t for p in kb.persons.values() for t in p.terms if t.of == iso]
    for year in range(2000, 2026):
        day = dt.date(year, 7, 1)
        assert any(t.active(day) for t in terms), f"{iso}: nobody in office on {day}"


def test_title_keys():
    assert title_key("Premier") == title_key("Prime Minister") == title_key("Taoiseach")
    assert title_key("Queen") == title_key("King")


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mine.tsv"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("who\twhat\nx\ty\n", 1, "names no known table"),
        ("country\toffice\ttitle\tname\taliases\tstart\tend\nMDA\tHOS\tPresident\tA B\t\t2030-13-01\t\n", 2, "date"),
        ("country\toffice\ttitle\tname\taliases\tstart\tend\nMoldova\tHOS\tPresident\tA B\t\t2030-01-01\t\n", 2, "ISO"),
        (
            "country\toffice\ttitle\tname\taliases\tstart\tend\nMDA\tHOS\tPresident\tA B\t\t2030-01-01\t2029-01-01\n",
            2,
            "ends before",
        ),
        ("kb_id\tnames\tcountry\tkind\nX\tZorkon\tRUS\tmissile\textra\n", 2, "cells"),
        ("kb_id\tnames\tcountry\tkind\nX\t\tRUS\tmissile\n", 2, "'names' is empty"),
        ("kb_id\tnames\tsector\tname\tadjectives\nX\tThe Y\tARMY\tY\t\n", 2, "sector"),
        ("# only a comment\n", None, "empty"),
    ],
)
def test_malformed_user_file(tmp_path, text, line, reason):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_kb((str(path),))
    assert err.value.path == str(path)
    assert err.value.line == line
    assert reason in err.value.message


def test_missing_and_binary_user_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_kb((str(tmp_path / "nope.tsv"),))
    bad = tmp_path / "bin.tsv"
    bad.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_kb((str(bad),))


def test_user_file_extends_the_kb(tmp_path):
    path = _write(
        tmp_path,
        "# my additions\ncountry\toffice\ttitle\tname\taliases\tstart\tend\n"
        "MDA\tHOS\tPresident\tKira Testova\tTestova\t2030-01-01\t\n",
    )
    kb = load_kb((str(path),))
    term = kb.holder("MDA", "President", dt.date(2031, 1, 1))
    assert kb.persons[term.person].name == "Kira Testova"
    assert kb.holder("MDA", "President", dt.date(2023, 1, 1)).person == "person:maia-sandu"
    kind, rows = read_table(path)
    assert kind == "leaders" and rows[0][0] == 3
