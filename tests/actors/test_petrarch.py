"""Mining the PETRARCH/TABARI dictionaries: the formats, CAMEO -> ISO3/PLOVER, the KB tables.

The dictionary snippets are our own, written in the sources' format (invented people and groups).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kronika.actors.cameo import cameo_country, plover_sector
from kronika.actors.dictionaries import parse_code, read_agents, read_blocks
from kronika.actors.knowledge import KB_DIR, load_kb, read_table
from kronika.actors.petrarch import FILES, convert, tidy

COUNTRIES = """# header comment
MOLDOVA_  [MDA]
+MOLDOVAN_
+MOLDAVIA_
+CHISINAU_
+BALTI_
+ZORKOVO_PROVINCE_

# Presidents
KIRA_TESTOVA_  # CountryInfo.txt
+K._TESTOVA_
+PRESIDENT_TESTOVA_
\t[MDAELI 700101-090101]
\t[MDAGOV 090101-120315]
\t[MDAGOVMIL >120315]
\t[MDAELI]
IVAN_PROBNY_  # CountryInfo.txt
PROBNY_
\t[USRMDA <910827]
\t[MDAGOV 910827-990101]
ZORKOVO_DEFENCE_COUNCIL_ [MDAGOVMIL]
BROKEN_DATE_PERSON_  # CountryInfo.txt
\t[MDAGOV 2004017-20061201]
ANNA_ZORINA_  # CountryInfo.txt
\t[MDAGOV 100101-110101]
ANNA_LEVA_  # CountryInfo.txt
\t[MDAGOV 100101-110101]
"""
INTERNATIONAL = """######   A union  #######
TESTLAND_UNION_
+TLU_
\t[IGOEURTLU]
ANNA_PROBOVA_\t[IGOEURTLU 100101-151231] [ELI]# our own
RIVER_WATCH_\t[NGOHRI] # our own
ZORKON_MOTORS_\t[MNCUSA]
"""
MILNONSTATE = """NIGHT_FALCONS_ [MDAREB] #  kkl our own
+FALCONS_OF_THE_NIGHT_

GREY_CRESCENT_BRIGADE_(GCB)_ [IMGMUSGCB]
"""
AGENTS = """!MINIST! = MINISTER, MINISTRY
RIOT_POLICE {} [~COP]
DEFENCE_!MINIST! [~GOVMIL]
PROTESTER [~OPP]
DISSIDENT [~OPP]
THIEF {THIEVES} [~CRM]
TV_STATION [~MED]
"""


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    d = tmp_path / "petrarch"
    d.mkdir()
    for key, text in (
        ("countries", COUNTRIES),
        ("international", INTERNATIONAL),
        ("milnonstate", MILNONSTATE),
        ("agents", AGENTS),
    ):
        (d / FILES[key]).write_text(text, encoding="utf-8")
    (d / "LICENSE").write_text("MIT License (test copy)\n", encoding="utf-8")
    return d


@pytest.mark.parametrize(
    ("code", "iso"),
    [("RUSGOV", "RUS"), ("TMPGOV", "TLS"), ("KSVGOV", "XKX"), ("USRKAZ", "KAZ"), ("SUNGOV", "RUS"),
     ("IGOUNO", None), ("NGOUSA", None), ("KNTGOV", None), ("WEUREB", None)],
)  # fmt: skip
def test_cameo_country(code, iso):
    assert cameo_country(code) == iso


@pytest.mark.parametrize(
    ("code", "name", "sector"),
    [
        ("RUSGOV", "", "GOV"),
        ("AFGGOVBUS", "", "GOV"),  # a trade minister is government
        ("USAGOVMIL", "", "MIL"),  # a defence ministry is military
        ("USAGOVLEG", "", "LEG"),  # a parliament, a legislator's term: the legislature
        ("~GOVMIL", "defence ministry", "MIL"),
        ("~MILSPY", "military intelligence", "SPY"),
        ("~OPP", "protester", "CVL"),  # PLOVER: protesters are civilians
        ("~OPP", "dissident", "OPP"),
        ("~MED", "tv station", "JRN"),  # CAMEO MED is media
        ("~HLH", "doctor", "MED"),  # CAMEO HLH is health
        ("~MUS", "imam", "REL"),  # an agent code has no country: MUS is Muslim, not Mauritius
        ("NGOHRI", "", "SOC"),
        ("MNCUSAHLH", "", "MED"),
        ("IMGMUSALQ", "", "REB"),
        ("IGOUNO", "", None),
    ],
)
def test_plover_sector(code, name, sector):
    assert plover_sector(code, name) == sector


def test_codes_and_dates():
    c = parse_code("RUSGOV 991231-080507", 3)
    assert (c.code, c.start, c.end) == ("RUSGOV", dt.date(1999, 12, 31), dt.date(2008, 5, 7))
    assert parse_code("RUSGOV >20080508", 1).start == dt.date(2008, 5, 8)
    assert parse_code("RUSGOV > 080508", 1).start == dt.date(2008, 5, 8)
    assert parse_code("USRKAZ <911216", 1).end == dt.date(1991, 12, 16)
    assert parse_code("RUSELI", 1).start is None
    assert parse_code("KORGOV 2004017-20061201", 1) is None  # malformed: dropped


def test_blocks(src):
    blocks = list(read_blocks(src / FILES["countries"]))
    names = [b.names[0] for b in blocks]
    assert names[:5] == ["MOLDOVA_", "KIRA_TESTOVA_", "IVAN_PROBNY_", "ZORKOVO_DEFENCE_COUNCIL_", "BROKEN_DATE_PERSON_"]
    kira = blocks[1]
    assert kira.names == ["KIRA_TESTOVA_", "K._TESTOVA_", "PRESIDENT_TESTOVA_"]
    assert [c.code for c in kira.codes] == ["MDAELI", "MDAGOV", "MDAGOVMIL", "MDAELI"]
    assert kira.comment == "CountryInfo.txt" and kira.line == 10
    assert blocks[2].names == ["IVAN_PROBNY_", "PROBNY_"]  # a second root before the codes is a synonym
    assert blocks[0].names[1:] == ["MOLDOVAN_", "MOLDAVIA_", "CHISINAU_", "BALTI_", "ZORKOVO_PROVINCE_"]


def test_agents_expand_substitutions_and_stems(src):
    rows = {name: (plurals, code) for name, plurals, code, _, _ in read_agents(src / FILES["agents"])}
    assert rows["defence minister"] == (None, "~GOVMIL") and "defence ministry" in rows
    assert rows["riot police"] == ([], "~COP")  # {}: no plural
    assert rows["thief"] == (["thieves"], "~CRM")


def test_tidy():
    assert tidy("SERGEY_LAVROV_") == "Sergey Lavrov"
    assert tidy("U.N._MONITOR") == "U.N. Monitor"
    assert tidy("THE_ARMY_OF_THE_NIGHT") == "Army of the Night"
    assert tidy("TLU_", acronyms=True) == "TLU" and tidy("BOEING_", acronyms=True) == "Boeing"


def test_convert(src, tmp_path):
    out = tmp_path / "kb"
    counts = convert(src, out)
    assert counts["agents.tsv"] >= 6 and (out / "LICENSE").read_text().startswith("MIT")
    _, officials = read_table(out / "officials.tsv", kind="officials")
    kira = [r for _, r in officials if r["name"] == "Kira Testova"]
    assert [(r["country"], r["sector"], r["start"], r["end"]) for r in kira] == [
        ("MDA", "ELI", "1970-01-01", "2009-01-01"),
        ("MDA", "GOV", "2009-01-01", "2012-03-15"),
        ("MDA", "MIL", "2012-03-15", ""),
        ("MDA", "ELI", "", ""),
    ]
    assert kira[0]["aliases"] == "K. Testova"  # the office phrase "President Testova" is not a name
    assert kira[1]["source"] == f"{FILES['countries']}:14"
    probny = [r for _, r in officials if r["name"] == "Ivan Probny"]
    assert probny[0]["country"] == "MDA" and probny[0]["end"] == "1991-08-27"  # a Soviet republic's code
    assert not [r for _, r in officials if r["name"].startswith("Broken")]  # malformed date dropped
    anna = [r for _, r in officials if r["name"] == "Anna Probova"]
    assert anna[0]["country"] == "org:testland-union"  # the IGO code names the organisation
    _, orgs = read_table(out / "orgs.tsv", kind="orgs")
    by_id = {r["kb_id"]: r for _, r in orgs}
    assert by_id["org:zorkovo-defence-council"]["type"] == "ORG:MDA"
    assert by_id["org:zorkovo-defence-council"]["sector"] == "MIL"
    assert by_id["org:night-falcons"]["names"] == "Night Falcons|Falcons of the Night"
    assert by_id["org:grey-crescent-brigade"]["names"] == "Grey Crescent Brigade|GCB"
    assert by_id["org:grey-crescent-brigade"]["type"] == "ORG" and by_id["org:grey-crescent-brigade"]["sector"] == "REB"
    assert (by_id["org:river-watch"]["type"], by_id["org:river-watch"]["sector"]) == ("NGO", "SOC")
    assert by_id["org:testland-union"]["type"] == "IGO"
    assert by_id["org:zorkon-motors"]["sector"] == "BUS"  # "Zorkon" is nobody's first name: a company
    _, places = read_table(out / "places.tsv", kind="places")
    assert {r["names"] for _, r in places} == {"Balti", "Zorkovo Province"}  # Chisinau is known, Moldavia a variant


def test_missing_dictionaries_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="missing"):
        convert(tmp_path, tmp_path / "out")


def test_bundled_mined_tables_load_with_provenance():
    kb = load_kb()
    lavrov = kb.persons_named("Sergey Lavrov")[0]
    assert lavrov.affiliation(dt.date(2023, 5, 18)) == ("RUS", "GOV")
    assert kb.agents["riot police"].sector == "COP"
    assert kb.agents["defence ministry"].key == kb.agents["ministry of defense"].key
    (raqqa,) = [e for e in kb.lookup("Raqqa") if e.type == "PLACE"]
    assert raqqa.country == "SYR" and raqqa.weak
    _, rows = read_table(KB_DIR / "petrarch" / "officials.tsv", kind="officials")
    assert all(r["source"].startswith("Phoenix.") for _, r in rows)
    assert (KB_DIR / "petrarch" / "LICENSE").read_text().startswith("MIT License")


def test_a_term_resolves_only_within_its_dates(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(
        "name\taliases\tcountry\tsector\tstart\tend\tcode\tsource\n"
        "Lena Probova\tProbova\tMDA\tGOV\t2010-01-01\t2015-01-01\tMDAGOV\tmine:2\n"
        "Lena Probova\t\tMDA\tMIL\t2015-01-01\t\tMDAGOVMIL\tmine:3\n",
        encoding="utf-8",
    )
    person = load_kb((str(path),)).persons_named("Lena Probova")[0]
    assert person.affiliation(dt.date(2009, 1, 1)) == ("MDA", None)  # before: a citizen, no office
    assert person.affiliation(dt.date(2012, 1, 1)) == ("MDA", "GOV")
    assert person.affiliation(dt.date(2020, 1, 1)) == ("MDA", "MIL")


def test_narrow_agent_words_are_left_out() -> None:
    from kronika.actors.petrarch import Converter

    conv = Converter()
    conv.agent_rows([("representatives", None, "~LEG", 1, "agents"), ("parliament", None, "~LEG", 2, "agents")])
    assert [a[0] for a in conv.agents] == ["parliament"]
