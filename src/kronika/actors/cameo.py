"""CAMEO actor and agent codes -> ISO 3166 alpha-3 countries and PLOVER sector codes.

The PETRARCH/TABARI dictionaries code an actor as a string of three-letter parts: a country
(``RUS``) or an international category (``IGO``, ``NGO``, ``MNC``, ``IMG``), then sectors, regions,
religions or organisation tags (``RUSGOVMIL``, ``IGOUNOKID``, ``NGOUSAHRI``). CAMEO's country part
is ISO3 except for a few historical and private codes, listed in :data:`CAMEO_ISO3`; its sector
names differ from PLOVER's in two places (CAMEO ``MED`` is media, PLOVER ``JRN``; CAMEO ``HLH`` is
health, PLOVER ``MED``) and PLOVER folds the finer CAMEO categories (religions, insurgents,
separatists, human rights, environment, development) into a few codes; see :func:`plover_sector`.

Used by the dictionary converter (:mod:`kronika.actors.petrarch`) only; the KB stores the result.
"""

from __future__ import annotations

import pycountry


def words(text: str) -> frozenset[str]:
    """A word list written as one string (short code lists read better on one line)."""
    return frozenset(text.split())


ISO3 = frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}

# CAMEO country codes that are not the ISO3 code of the same (or successor) state.
CAMEO_ISO3: dict[str, str] = {
    "TMP": "TLS",  # East Timor
    "KSV": "XKX",  # Kosovo (World Bank code in CAMEO; kronika uses XKX)
    "KOS": "XKX",
    "DDR": "DEU",  # East Germany -> Germany
    "GDR": "DEU",
    "YUG": "SRB",  # Yugoslavia, Serbia and Montenegro -> Serbia
    "SCG": "SRB",
    "FRY": "SRB",
    "SUN": "RUS",  # Soviet Union -> Russia (republics are coded USR<ISO3>, see cameo_country)
    "USR": "RUS",
    "CSK": "CZE",  # Czechoslovakia -> Czechia
    "ROM": "ROU",
    "ZAR": "COD",
    "BUR": "MMR",
    "PAL": "PSE",
    "ANG": "AGO",
    "FRN": "FRA",
    "SRP": "BIH",  # Republika Srpska
    "KRJ": "HRV",  # Republic of Serbian Krajina
}
# Regions and pseudo-countries: no country (PLOVER codes regional constructs without one).
REGIONS = words("AFR ASA CAS EAF EEU EUR LAM MEA NAF SAF SAM SAS SEA WAF WEU WST CRB SCN ARB NMR CFR EIN KKL INT")
FICTIONAL = frozenset({"KNT"})  # "Kinakuta", the CAMEO manual's example country
INTERNATIONAL = frozenset({"IGO", "NGO", "MNC", "IMG"})

# CAMEO sector parts -> PLOVER sector codes.
SECTOR: dict[str, str] = {
    **{c: c for c in words("GOV MIL COP JUD LEG SPY REB PTY UAF CRM BUS AGR LAB EDU REF ELI CVL REL OPP")},
    "MED": "JRN",  # CAMEO media
    "HLH": "MED",  # CAMEO health
    "PPL": "CVL",
    "INS": "REB",
    "SEP": "REB",
    "IMG": "REB",
    "HRI": "SOC",
    "ENV": "SOC",
    "DEV": "SOC",
    "NGO": "SOC",
    "MNC": "BUS",
    "MOD": "OPP",
    **dict.fromkeys(words("BUD CHR CTH MUS JEW HIN SHI SUN MOS ORT PRO MAR JAN SIK ATH CON DRZ ALE ITH ZRO"), "REL"),
}
RELIGIONS = frozenset(k for k, v in SECTOR.items() if v == "REL")
# A government body of these kinds is coded by its security sector ("defence ministry" -> MIL).
SECURITY = frozenset({"MIL", "COP", "SPY", "JUD"})
# CAMEO OPP lumps street protest with political opposition; PLOVER puts protesters under CVL.
PROTEST_WORDS = ("PROTEST", "DEMONSTRAT", "ACTIVIST", "RIOTER", "PICKET", "CAMPAIGN", "STRIK", "AGITATED")


def parts(code: str) -> list[str]:
    """``"RUSGOVMIL"`` -> ``["RUS", "GOV", "MIL"]`` (a trailing fragment is dropped)."""
    code = code.lstrip("~").strip()
    return [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def cameo_country(code: str) -> str | None:
    """The ISO3 country of a national actor code; None for international, regional or unknown codes."""
    ps = parts(code)
    if not ps:
        return None
    head = ps[0]
    if head in ("USR", "SUN") and len(ps) > 1 and ps[1] in ISO3:
        return ps[1]  # a Soviet republic: USRKAZ -> KAZ
    if head in CAMEO_ISO3:
        return CAMEO_ISO3[head]
    if head in ISO3 and head not in FICTIONAL:
        return head
    return None


def plover_sector(code: str, name: str = "") -> str | None:
    """The PLOVER sector of a CAMEO code: the first sector part, refined by a second.

    ``GOV`` followed by a security sector or ``LEG`` is that sector ("defence ministry" ``GOVMIL`` ->
    MIL, "US Congress" ``USAGOVLEG`` -> LEG);
    ``MIL`` with ``SPY`` is intelligence; CAMEO ``OPP`` is PLOVER ``CVL`` for protesters and
    activists (``name`` says which) and ``OPP`` for the political opposition.
    """
    ps = parts(code)
    if code.startswith("~"):
        pass  # an agent code: sectors only (~MUS is Muslim, not Mauritius)
    elif ps and (ps[0] in ISO3 or ps[0] in CAMEO_ISO3 or ps[0] in REGIONS or ps[0] in FICTIONAL):
        ps = ps[1:]
    if ps and ps[0] in ("USR", "SUN") and not code.startswith("~"):
        ps = ps[1:]
    sectors = [p for p in ps if p in SECTOR and p not in ("IGO",)]
    if not sectors:
        return None
    first = SECTOR[sectors[0]]
    second = SECTOR.get(sectors[1]) if len(sectors) > 1 else None
    if sectors[0] in ("IMG", "NGO", "MNC") and second and second != "REL":
        first, second = second, None  # NGOHRI: an NGO for human rights -> SOC; MNCUSAHLH -> MED
    if first == "GOV" and (second in SECURITY or second == "LEG"):
        return second  # USAGOVLEG, the US Congress: the legislature
    if first == "MIL" and second == "SPY":
        return "SPY"
    if first == "OPP" or sectors[0] == "OPP":
        upper = name.upper()
        return "CVL" if any(w in upper for w in PROTEST_WORDS) else "OPP"
    return first
