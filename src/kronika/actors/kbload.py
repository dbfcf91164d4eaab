"""Building the :class:`~kronika.actors.knowledge.KnowledgeBase` from the tables, once per process.

One adder per table kind turns rows into look-up entries; which names the entity ruler may match
on its own is decided here (see ``AMBIGUOUS`` and the weak mined tables in
:mod:`kronika.actors.knowledge`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from kronika.actors.kbformat import ORG_TYPES, check_iso, check_sector, parse_date, read_table, split
from kronika.actors.knowledge import KB_DIR, KBEntry, KnowledgeBase, Person, Term, fold, lower, slug, strip_the
from kronika.actors.lexicon import SECTOR_NOUNS
from kronika.errors import Errors

Rows = list[tuple[int, dict[str, str]]]
# A mined organisation name is matched on its own (not only where the NER saw an organisation)
# from this many words on: "Black Friday" is also an armed group, "Army of God" rarely anything else.
MIN_WEAK_WORDS = 3

# Short words that are also country/capital/weapon names in English text: only spaCy's own
# GPE/LOC labels (checked against the KB afterwards) may make them entities, never the ruler.
AMBIGUOUS = frozenset(
    [
        "Georgia",
        "Jordan",
        "Chad",
        "Turkey",
        "Guinea",
        "Niger",
        "Victoria",
        "Kingston",
        "Male",
        "Georgetown",
        "Kingstown",
        "Santiago",
        "Sofia",
        "Praia",
        "Sucre",
        "Moroni",
        "Nassau",
        "Dominica",
        "Jersey",
        "Wagner",
        "CAR",
        "ROK",
        "Holland",
        "America",
        "Mali",
        "Peru",
        "Cuba",
        "Commission",
        "San Jose",
        "San Juan",
        "Lome",
        "Apia",
        "Juba",
    ]
)
_PLAIN_WORD = re.compile(r"^[A-Z][a-z]+$")


@lru_cache(maxsize=4)
def load(extra: tuple[str, ...]) -> KnowledgeBase:
    """The bundled tables of ``kb/manifest.json`` in order, then the user's files (cached)."""
    manifest = json.loads((KB_DIR / "manifest.json").read_text(encoding="utf-8"))
    kb = KnowledgeBase()
    kb.version = manifest["version"]
    _add_pycountry(kb)
    for noun, sector in SECTOR_NOUNS.items():  # our own agent nouns first: they win over mined ones
        kb.add_agent(noun.replace("-", " "), [], sector, "kronika")
    sources: list[tuple[Path, str | None, bool]] = [
        (KB_DIR / t["file"], t["table"], bool(t.get("weak"))) for t in manifest["tables"]
    ]
    sources += [(Path(p), None, False) for p in extra]
    for path, kind, weak in sources:
        kind, rows = read_table(path, kind=kind)
        _ADDERS[kind](kb, path, rows, weak)
    return kb


def _add_pycountry(kb: KnowledgeBase) -> None:
    import pycountry

    for c in pycountry.countries:
        given = (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
        names: set[str] = {n for n in given if n and "," not in n}
        display = getattr(c, "common_name", None) or c.name
        kb.country_names[c.alpha_3] = display
        kb.add_entry(KBEntry(c.alpha_3, "STATE", display, c.alpha_3), names, "GPE")


def _add_countries(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        iso = r["iso3"]
        check_iso(iso, path, no, "iso3", allow_org=False)
        names = split(r["names"])
        kb.country_names[iso] = names[0]
        entry = KBEntry(iso, "STATE", names[0], iso)
        if iso in kb.entries and kb.entries[iso].name != names[0]:
            kb.entries[iso] = entry  # our short name ("Russia") over the ISO one ("Russian Federation")
        kb.add_entry(entry, names, None)
        for n in names:
            if n not in AMBIGUOUS:
                kb.ruler_names[n] = ("GPE", iso)
        for adj in split(r.get("adjectives")):
            kb.adjectives.setdefault(fold(adj), iso)
        for ppl in split(r.get("people")):
            kb.people.setdefault(fold(ppl), iso)
        for cap in split(r.get("capitals")):
            place = KBEntry(f"place:{iso.lower()}:{slug(cap)}", "PLACE", cap, iso, kind="capital")
            kb.add_entry(place, [cap], None if cap in AMBIGUOUS else "GPE")


def _add_seats(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        check_iso(r["country"], path, no, "country")
        check_sector(r.get("sector", ""), path, no)
        names = split(r["names"])
        display = r.get("place") or strip_the(names[0])
        entry = KBEntry(f"seat:{slug(display)}", "PLACE", display, r["country"], r.get("sector") or "GOV", "seat")
        kb.add_entry(entry, names, "FAC")


def _add_places(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        iso = r.get("country") or None
        if iso:
            check_iso(iso, path, no, "country", allow_org=False)
        names = split(r["names"])
        key = f"place:{(iso or 'xxx').lower()}:{slug(names[0])}"
        entry = KBEntry(key, "PLACE", names[0], iso, kind="place", weak=weak)
        label = None if weak or names[0] in AMBIGUOUS else ("GPE" if iso else "LOC")
        kb.add_entry(entry, names, label)


def _add_orgs(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        typ, _, country = r["type"].partition(":")
        if typ not in ORG_TYPES:
            raise Errors.E228(path=str(path), line=no, value=typ)
        if country:
            check_iso(country, path, no, "type", allow_org=False)
        check_sector(r.get("sector", ""), path, no)
        names = split(r["names"])
        etype = "IGO" if typ == "IGO" else "ORG"
        sector = r.get("sector") or None
        entry = KBEntry(r["kb_id"], etype, names[0], country or None, sector, typ.lower(), weak)
        if r["kb_id"] in kb.entries:  # more names for a known organisation (a mined alias of "UN")
            entry = kb.entries[r["kb_id"]]
        kb.add_entry(entry, [n for n in names if n not in AMBIGUOUS], None if weak else "ORG")
        if weak:
            for n in names:
                if len(n.split()) >= MIN_WEAK_WORDS:
                    kb.ruler_folded.setdefault(lower(strip_the(n)), ("ORG", entry.kb_id))


def _add_groups(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        check_sector(r.get("sector", ""), path, no)
        names = split(r["names"])
        entry = KBEntry(r["kb_id"], "GROUP", r.get("name") or names[0], None, r.get("sector") or None, "group")
        # Bare "West" is a compass point; only the listed phrases are matched by the ruler.
        kb.add_entry(entry, names, None)
        for n in names:
            if " " in n:
                kb.ruler_names[n] = ("NORP", entry.kb_id)
            bare = strip_the(n)
            if " " not in bare and bare[:1].isupper():
                # "the re-energized West", but not "West Bank" (the ruler checks the next word)
                kb.ruler_names.setdefault(bare, ("NORP?", entry.kb_id))
        for adj in split(r.get("adjectives")):
            kb.adjectives.setdefault(fold(adj), entry.kb_id)
            kb.ruler_names.setdefault(adj, ("NORP?", entry.kb_id))  # "Western sanctions", not "Western Europe"


def _add_weapons(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        country = r.get("country") or None
        if country:
            check_iso(country, path, no, "country", allow_org=False)
        names = split(r["names"])
        entry = KBEntry("weapon:" + slug(r["kb_id"]), "WEAPON", names[0], country, "MIL", r.get("kind") or None)
        # A single ordinary word ("Patriot", "Javelin") is only a weapon next to a weapon noun.
        kb.add_entry(entry, names, None)
        for n in names:
            kb.ruler_names[n] = ("PRODUCT" if not _PLAIN_WORD.match(n) else "PRODUCT?", entry.kb_id)


def _add_leaders(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        check_iso(r["country"], path, no, "country")
        kb.add_term(r, str(path), no)
        term = kb.persons["person:" + slug(r["name"])].terms[-1]
        if term.end is not None and term.end < term.start:
            raise Errors.E229(path=str(path), line=no)


def _add_officials(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    """People with a country (or organisation) and sector per term; no office titles.

    A person's rows follow each other; the aliases may be given on the first row only.
    """
    person: Person | None = None
    for no, r in rows:
        of, sector = r.get("country", ""), r.get("sector", "")
        if not of and not sector:
            raise Errors.E238(path=str(path), line=no)
        check_iso(of, path, no, "country")
        check_sector(sector, path, no)
        if person is None or person.name != r["name"] or r.get("aliases"):
            person = kb.person(r["name"], split(r.get("aliases")), ruler="folded" if weak else "exact")
        start = parse_date(r["start"], str(path), no, "start") if r.get("start") else None
        end = parse_date(r["end"], str(path), no, "end") if r.get("end") else None
        if start is None and end is None:
            if person.default is None:
                person.default = (of, sector or None)
            continue
        start = start or dt.date.min  # "<D": until D
        if end is not None and end < start:
            raise Errors.E229(path=str(path), line=no)
        person.terms.append(Term(person.kb_id, of, r.get("code") or "", "", start, end, sector or None))


def _add_agents(kb: KnowledgeBase, path: Path, rows: Rows, weak: bool) -> None:
    for no, r in rows:
        check_sector(r["sector"], path, no)
        for name in split(r["names"]):
            kb.add_agent(name, split(r.get("plurals")), r["sector"], r.get("code") or "")


_ADDERS: dict[str, Callable[[KnowledgeBase, Path, Rows, bool], None]] = {
    "countries": _add_countries,
    "seats": _add_seats,
    "places": _add_places,
    "orgs": _add_orgs,
    "groups": _add_groups,
    "weapons": _add_weapons,
    "leaders": _add_leaders,
    "officials": _add_officials,
    "agents": _add_agents,
}
