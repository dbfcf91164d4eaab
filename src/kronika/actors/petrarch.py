"""Convert the PETRARCH/TABARI actor and agent dictionaries (MIT) into kronika KB tables.

    python -m kronika.actors.petrarch [--src ../shared/data/petrarch] [--out src/kronika/actors/kb/petrarch]

Reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt`` and ``Phoenix.agents.txt`` and writes, in kronika's own table
format (``docs/kb.md``) with the source file and line of every row:

- ``officials.tsv``: people with dated CAMEO codes -> country (or organisation) and PLOVER sector
  per term ("Sergey Lavrov", RUS, GOV, from 2004-03-09);
- ``orgs.tsv``: national bodies, IGOs, NGOs, companies and armed groups with country and sector;
- ``places.tsv``: the cities and regions the country entries list as synonyms of the country;
- ``agents.tsv``: generic agent nouns -> sector ("riot police" -> COP, "defence ministry" -> MIL).

The dictionary format (from the files' headers and PETRARCH's reader): a *root* line names an
actor (words joined by ``_``), ``+`` lines and further root lines before the codes are synonyms,
codes follow in brackets on the same line or on indented lines: ``[RUSGOV 000101-120507]``
(a term; dates are ``YYMMDD`` or ``YYYYMMDD``, ``>D`` from D on, ``<D`` until D), or undated
``[RUSELI]`` (the code outside every term). ``#`` starts a comment. The block parser is
:mod:`kronika.actors.dictionaries`; code mapping is :mod:`kronika.actors.cameo`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from kronika.actors.cameo import CAMEO_ISO3, cameo_country, parts, plover_sector, words
from kronika.actors.dictionaries import Block, Code, read_agents, read_blocks
from kronika.actors.knowledge import KB_DIR, fold, plural, read_table, slug, split, strip_the

FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "milnonstate": "Phoenix.MilNonState.actors.txt",
    "agents": "Phoenix.agents.txt",
}
DEFAULT_SRC = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "petrarch"
OUT = KB_DIR / "petrarch"

# Words that make a name an organisation rather than a person (besides the agent nouns).
ORG_WORDS = words(
    """organization organisation association foundation council committee commission party army
    front movement brigade brigades group groups union league federation institute institution
    center centre fund bank agency airlines airline airways ministry office service services force
    forces assembly congress parliament court tribunal network society alliance coalition
    corporation corp inc ltd llc plc company co government administration authority bureau
    department police guard guards cells cell nuclei faction factions command commando unit units
    secretariat board academy university school college hospital church mission programme program
    project trust initiative campaign watch international world national republic republican
    democratic people's peoples popular liberation revolutionary islamic jihad mujahideen battalion
    regiment squad legion"""
)
# Office words: an alias containing one names an office, not the person or body ("President Putin").
TITLE_WORDS = words(
    """president presidents minister ministers secretary premier prime chancellor leader chief
    head director spokesman spokeswoman spokesperson chairman chairwoman chair representative
    envoy ambassador general commander governor mayor deputy vice former ex ex- acting
    king queen emperor emir sultan pope foreign defence defense interior finance administration
    senator sen. rep. gen. col. lt. capt. officials official members member delegate"""
)
# Words of country names that do not identify the country ("Republic", "Islands").
GENERIC_PLACE_WORDS = words(
    """republic democratic people's peoples kingdom united states islands island federation federal
    union state saint north south east west central new great plurinational socialist arab islamic
    independent commonwealth principality grand duchy sultanate emirates territory"""
)
# In an organisation's alias these name an office ("World Bank President"); "Defence Council" is fine.
OFFICE_WORDS = TITLE_WORDS - {"foreign", "defence", "defense", "interior", "finance", "administration", "general"}
# Bare agent words the dictionaries (written on US news) code in one narrow sense: "representatives"
# is the House (LEG) there, but "talks between Russian and Ukrainian representatives" are negotiators.
NARROW_AGENTS = frozenset({"representatives"})
PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "de", "del", "la", "le", "van", "von", "der", "da", "di"})


def tidy(raw: str, *, acronyms: bool = False) -> str:
    """``"SERGEY_LAVROV_"`` -> ``"Sergey Lavrov"``; ``"U.N._MONITOR"`` -> ``"U.N. Monitor"``.

    With ``acronyms`` (organisations) a single word of up to four letters stays upper case ("UNDP",
    "IPCC"); longer ones are more often names ("BOEING") than acronyms ("UNICEF").
    A leading "the" is dropped: the KB matches names with or without it.
    """
    words = [w for w in raw.replace("_", " ").split() if w]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if acronyms and len(words) == 1 and len(words[0]) <= 4 and words[0].isalpha():
        return words[0].upper()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i and lw in PARTICLES:
            out.append(lw)
        elif re.match(r"^([A-Za-z]\.)+$", w):
            out.append(w.upper())  # "U.N.", "J."
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def usable(name: str) -> bool:
    """A surface form worth matching: letters, at most six words, no leftovers of the source format."""
    if not name or any(c in name for c in "+/:;$%&*<>=[]{}\t") or any(c.isdigit() for c in name):
        return False
    if any(not c.isprintable() or c == "\ufffd" or (c.isalpha() and not _latin(c)) for c in name):
        return False  # control characters, U+FFFD, other scripts (the pipeline reads English)
    return 0 < len(name.split()) <= 6 and sum(c.isalpha() for c in name) >= 3


def _latin(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN")


def clean_names(block: Block, *, acronyms: bool = False, titles: frozenset[str] = TITLE_WORDS) -> list[str]:
    """The block's names as display strings: parentheses become aliases, office phrases are dropped."""
    out: list[str] = []
    for raw in block.names:
        base = raw
        extra = []
        while "(" in base and ")" in base[base.index("(") :]:
            i = base.index("(")
            j = base.index(")", i)
            extra.append(base[i + 1 : j])
            base = base[:i] + base[j + 1 :]
        for cand in [base, *extra]:
            name = tidy(cand.replace("(", " ").replace(")", " "), acronyms=acronyms)
            words = {w.lower() for w in name.replace("-", " ").split()}
            if not usable(name) or words & titles:
                continue
            if name not in out:
                out.append(name)
    return out


def is_person(block: Block, names: list[str], not_names: frozenset[str], first_names: frozenset[str]) -> bool:
    """Is this block a person? The sources' own conventions first, then the words of the name.

    CountryInfo lists (comment "CountryInfo.txt") are office holders; in the armed-groups file the
    TOPS group list is marked "kkl" and people end their root in "__". Otherwise a person's name
    starts with a first name of the office holders (``first_names``: "Kofi", not "Northrop") and
    has two to five words, none of them an organisation, agent or demonym word (``not_names``).
    """
    if not names:
        return False
    comment = block.comment.lower()
    if "countryinfo" in comment or block.names[0].endswith("__"):
        return True
    if "kkl" in comment.split():
        return False
    words = names[0].split()
    return 2 <= len(words) <= 5 and words[0].lower() in first_names and not {w.lower() for w in words} & not_names


def first_names(blocks: Iterable[Block]) -> frozenset[str]:
    """First words shared by at least two office holders' names in the CountryInfo lists."""
    counts: dict[str, int] = {}
    for block in blocks:
        if "countryinfo" in block.comment.lower():
            first = tidy(block.names[0]).split()[0].lower()
            counts[first] = counts.get(first, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2 and len(w) > 1)


def iso_date(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def source(block: Block, line: int | None = None) -> str:
    return f"{block.file}:{line or block.line}"


class Converter:
    """Collects rows for the four tables; curated orgs keep their keys (mined names become aliases)."""

    def __init__(self, agent_words: frozenset[str] = frozenset(), first: frozenset[str] = frozenset()) -> None:
        self.first_names = first
        self.country_names = self._country_names()
        self.curated_places = {n for names in self.country_names.values() for n in names}
        for kind, col in (("countries", "capitals"), ("places", "names"), ("seats", "names")):
            _, rows = read_table(KB_DIR / f"{kind}.tsv", kind=kind)
            self.curated_places.update(fold(strip_the(n)) for _, r in rows for n in split(r.get(col)))
        _, rows = read_table(KB_DIR / "countries.tsv", kind="countries")
        demonyms = {fold(d) for _, r in rows for col in ("adjectives", "people") for d in split(r.get(col))}
        self.not_names = ORG_WORDS | agent_words | demonyms
        self.officials: list[list[str]] = []
        self.orgs: list[list[str]] = []
        self.places: list[list[str]] = []
        self.agents: list[list[str]] = []
        self.skipped: dict[str, int] = {}
        self.curated = self._curated_orgs()
        self.code_org: dict[str, str] = {}  # IGO code -> org key ("IGOWSTNAT" -> "NATO")
        self.seen_orgs: set[str] = set()

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    @staticmethod
    def _curated_orgs() -> dict[str, str]:
        _, rows = read_table(KB_DIR / "orgs.tsv", kind="orgs")
        return {fold(strip_the(n)): r["kb_id"] for _, r in rows for n in split(r["names"])}

    @staticmethod
    def _country_names() -> dict[str, set[str]]:
        import pycountry

        out: dict[str, set[str]] = {}
        for c in pycountry.countries:
            out.setdefault(c.alpha_3, set()).update(
                fold(n) for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")) if n
            )
        _, rows = read_table(KB_DIR / "countries.tsv", kind="countries")
        for _, r in rows:
            s = out.setdefault(r["iso3"], set())
            for col in ("names", "adjectives", "people"):
                s.update(fold(n) for n in split(r.get(col)))
        return out

    # -- blocks ----------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        codes = [c for c in block.codes if c.code not in ("---", "")]
        if not codes:
            self.skip("no code")
            return
        heads = {parts(c.code)[0] for c in codes if parts(c.code)}
        if all(cameo_country(c.code) and plover_sector(c.code) is None for c in codes):
            # A country and its synonyms (cities, regions); a Soviet republic's code changes in 1991.
            last = max(codes, key=lambda c: c.start or dt.date.min)
            if parts(last.code)[0] not in CAMEO_ISO3 or parts(last.code)[0] == "USR":
                self.country(block, cameo_country(last.code) or "")
            return
        names = clean_names(block)
        if names and is_person(block, names, self.not_names, self.first_names):
            self.person(block, names, codes)
            return
        names = clean_names(block, acronyms=True, titles=OFFICE_WORDS)
        if names and heads:
            self.org(block, names, codes)
        else:
            self.skip("no usable name")

    def country(self, block: Block, iso: str) -> None:
        """A country's synonyms: its own names are known already; other words are its places."""
        known = self.country_names.get(iso, set())
        own_words = {w for k in known for w in k.split() if len(w) > 3} - GENERIC_PLACE_WORDS
        for raw in block.names[1:]:
            name = tidy(raw)
            f = fold(name)
            if not usable(name) or f in known or set(f.split()) & own_words:
                continue
            if any(f[:4] == k[:4] or difflib.SequenceMatcher(None, f, k).ratio() >= 0.75 for k in known):
                self.skip("country misspelling")
                continue
            if f in self.curated_places:
                continue
            self.places.append([name, iso, source(block)])

    def person(self, block: Block, names: list[str], codes: list[Code]) -> None:
        name, aliases = names[0], "|".join(names[1:])
        first = True
        for c in codes:
            of, sector = self.code_owner(c.code), plover_sector(c.code, name)
            if c.start and c.end and c.end < c.start:
                self.skip("term ends before it starts")
                continue
            if of is None and sector is None:
                self.skip("person code without country or sector")
                continue
            self.officials.append(
                [name, aliases if first else "", of or "", sector or "", iso_date(c.start), iso_date(c.end),
                 c.code, source(block, c.line)]
            )  # fmt: skip
            first = False

    def code_owner(self, code: str) -> str | None:
        """ISO3 for a national code; the organisation's key for an IGO code (longest known prefix)."""
        iso = cameo_country(code)
        if iso:
            return iso
        ps = parts(code)
        for n in range(len(ps), 1, -1):
            key = self.code_org.get("".join(ps[:n]))
            if key:
                return key
        return None

    def org(self, block: Block, names: list[str], codes: list[Code]) -> None:
        code = next((c for c in codes if not c.start and not c.end), codes[-1])
        ps = parts(code.code)
        names = [n for n in names if fold(n) not in self.curated_places]  # "Kremlin" is a seat already
        if not names:
            self.skip("organisation named like a known place")
            return
        known = next((self.curated[fold(n)] for n in names if fold(n) in self.curated), None)
        kb_id = known or "org:" + slug(names[0])
        if ps and ps[0] == "IGO" and len(ps) > 1:
            self.code_org.setdefault(code.code, kb_id)  # officials coded IGOWSTNAT belong to NATO
        if known:
            names = [n for n in names if fold(n) not in self.curated]
            if not names:
                self.skip("organisation known already")
                return
        elif kb_id in self.seen_orgs:
            self.skip("duplicate organisation")  # the same name listed twice: the first wins
            return
        self.seen_orgs.add(kb_id)
        if ps and ps[0] in ("IGO", "NGO"):
            typ = ps[0]
        else:
            iso = cameo_country(code.code)
            typ = f"ORG:{iso}" if iso else "ORG"
        self.orgs.append([kb_id, typ, "|".join(names), plover_sector(code.code, names[0]) or "", code.code,
                          source(block, code.line)])  # fmt: skip

    # -- agents ----------------------------------------------------------------------------
    def agent_rows(self, rows: Iterable[tuple[str, list[str] | None, str, int, str]]) -> None:
        for name, plurals, code, line, file in rows:
            if name in NARROW_AGENTS:
                self.skip("agent word with a narrower sense in the dictionary than in world news")
                continue
            sector = plover_sector(code, name)
            if sector is None:
                self.skip(f"agent code {code} has no PLOVER sector")
                continue
            regular = (plurals is None and not name.endswith(("s", "men"))) or name.endswith("ss")
            forms = [plural(name)] if regular else plurals or []
            self.agents.append([name, "|".join(forms), sector, code, f"{file}:{line}"])


HEADERS = {
    "officials.tsv": ["name", "aliases", "country", "sector", "start", "end", "code", "source"],
    "orgs.tsv": ["kb_id", "type", "names", "sector", "code", "source"],
    "places.tsv": ["names", "country", "source"],
    "agents.tsv": ["names", "plurals", "sector", "code", "source"],
}


def convert(src: Path, out: Path) -> dict[str, int]:
    """Read the four dictionaries in ``src`` and write the tables to ``out``; returns row counts."""
    missing = [f for f in FILES.values() if not (src / f).is_file()]
    if missing:
        raise SystemExit(f"kronika: error: {src}: missing {', '.join(missing)} (the PETRARCH dictionaries)")
    agent_rows = list(read_agents(src / FILES["agents"]))
    agent_words = frozenset(w for name, *_ in agent_rows for w in name.split())
    conv = Converter(agent_words, first_names(read_blocks(src / FILES["countries"])))
    conv.agent_rows(agent_rows)
    # International first: IGO codes learn their organisation keys before officials use them.
    for key in ("international", "milnonstate", "countries"):
        for block in read_blocks(src / FILES[key]):
            conv.block(block)
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "officials.tsv": conv.officials,
        "orgs.tsv": conv.orgs,
        "places.tsv": conv.places,
        "agents.tsv": conv.agents,
    }
    head = (
        "# Mined from the PETRARCH/TABARI dictionaries (Open Event Data Alliance, MIT: see LICENSE here)\n"
        "# by `python -m kronika.actors.petrarch`; do not edit by hand, re-run the converter.\n"
    )
    for fname, rows in tables.items():
        with (out / fname).open("w", encoding="utf-8", newline="") as f:
            f.write(head)
            for row in [HEADERS[fname], *rows]:
                f.write("\t".join(" ".join(cell.split()) for cell in row) + "\n")
    shutil.copyfile(src / "LICENSE", out / "LICENSE")
    counts = {f: len(r) for f, r in tables.items()}
    print({"rows": counts, "skipped": conv.skipped}, file=sys.stderr)
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder with the PETRARCH dictionaries")
    ap.add_argument("--out", type=Path, default=OUT, help="folder for the KB tables")
    args = ap.parse_args(argv)
    convert(args.src, args.out)


if __name__ == "__main__":
    main()
