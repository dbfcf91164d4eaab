"""The actors knowledge base: bundled TSV tables (``actors/kb/``) plus the user's own ``--kb`` files.

The tables are plain data (format in ``docs/kb.md``) so analysts can read, diff and extend them
without touching code. Loading builds a few dictionaries keyed by surface form; the stage and the
entity ruler only do dictionary look-ups, never scans over the tables.

pycountry supplies the base list of every ISO 3166 country and territory (names and alpha-3
codes); ``countries.tsv`` adds what pycountry lacks: short names, demonyms and capitals.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kronika.errors import ConfigError

KB_DIR = Path(__file__).resolve().parent / "kb"

# Columns of each table; a user file is recognised by its header row.
TABLES: dict[str, tuple[str, ...]] = {
    "countries": ("iso3", "names", "adjectives", "people", "capitals"),
    "seats": ("names", "country", "sector", "place"),
    "places": ("names", "country"),
    "orgs": ("kb_id", "type", "names", "sector"),
    "groups": ("kb_id", "names", "sector", "name", "adjectives"),
    "weapons": ("kb_id", "names", "country", "kind"),
    "leaders": ("country", "office", "title", "name", "aliases", "start", "end"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "countries": ("iso3", "names"),
    "seats": ("names", "country"),
    "places": ("names",),
    "orgs": ("kb_id", "type", "names"),
    "groups": ("kb_id", "names"),
    "weapons": ("kb_id", "names"),
    "leaders": ("country", "title", "name", "start"),
}
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "IGO",
        "NGO",
    ]
)
ORG_TYPES = frozenset({"IGO", "NGO", "ORG"})
_ISO3 = re.compile(r"^[A-Z]{3}$")

# Normalised office titles: what "President", "PM", "Premier"... mean when looking up a holder.
TITLE_KEYS: dict[str, str] = {
    "president": "president",
    "acting president": "president",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "pm": "prime minister",
    "chancellor": "prime minister",
    "taoiseach": "prime minister",
    "chairman of the cabinet of ministers": "prime minister",
    "king": "monarch",
    "queen": "monarch",
    "emperor": "monarch",
    "grand duke": "monarch",
    "monarch": "monarch",
    "supreme leader": "supreme leader",
    "secretary general": "secretary general",
    "secretary-general": "secretary general",
    "president of the european commission": "president of the european commission",
    "commission president": "president of the european commission",
    "president of the european council": "president of the european council",
    "high representative for foreign affairs and security policy": "high representative",
    "high representative": "high representative",
}


def title_key(title: str) -> str:
    t = " ".join(title.lower().replace("-", " ").split())
    t = t.replace("secretary general", "secretary general")
    return TITLE_KEYS.get(t, TITLE_KEYS.get(title.lower(), t))


@dataclass(frozen=True)
class KBEntry:
    """Anything a name can resolve to (not a person: see :class:`Person`)."""

    kb_id: str
    type: str  # STATE | PLACE | ORG | IGO | GROUP | WEAPON
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # capital | seat | city | region | weapon kind...


@dataclass(frozen=True)
class Term:
    """One term of office: who held ``title`` of ``of`` from ``start`` to ``end`` (None = still)."""

    person: str  # kb_id of the person
    of: str
    office: str
    title: str
    start: dt.date
    end: dt.date | None

    def active(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


@dataclass
class Person:
    kb_id: str
    name: str
    names: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)

    def terms_on(self, on: dt.date) -> list[Term]:
        return [t for t in self.terms if t.active(on)]

    def last_term(self, on: dt.date) -> Term | None:
        """The latest term that started on or before ``on`` (current or most recent)."""
        past = [t for t in self.terms if t.start <= on]
        return max(past, key=lambda t: t.start) if past else None


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def fold(text: str) -> str:
    """Case- and accent-insensitive key ("Türkiye" == "turkiye", "’" == "'")."""
    s = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    return " ".join(s.lower().split())


class KnowledgeBase:
    """Look-up tables built once per process from the bundled and user tables."""

    def __init__(self) -> None:
        self.version = "?"
        self.entries: dict[str, KBEntry] = {}
        self.by_name: dict[str, list[str]] = defaultdict(list)  # folded surface -> kb ids (not persons)
        self.persons: dict[str, Person] = {}
        self.person_names: dict[str, set[str]] = defaultdict(set)  # folded surface -> person ids
        self.adjectives: dict[str, str] = {}  # folded demonym adjective -> ISO3 / group id
        self.people: dict[str, str] = {}  # folded plural demonym -> ISO3
        self.holders: dict[tuple[str, str], list[Term]] = defaultdict(list)  # (of, title key) -> terms
        self.country_names: dict[str, str] = {}  # ISO3 -> display name
        self.ruler_names: dict[str, tuple[str, str]] = {}  # surface -> (spaCy label, ruler id)

    # -- look-ups -------------------------------------------------------------------------
    def lookup(self, text: str) -> list[KBEntry]:
        return [self.entries[i] for i in self.by_name.get(fold(strip_the(text)), ())]

    def persons_named(self, text: str) -> list[Person]:
        return [self.persons[i] for i in sorted(self.person_names.get(fold(text), ()))]

    def holder(self, of: str, title: str, on: dt.date) -> Term | None:
        """Who held ``title`` of ``of`` on ``on`` (the latest starter if terms overlap).

        "leader", "ruler" and "head of state" mean the head of state; "head of government" the HOG.
        """
        key = title_key(title)
        if key in ("leader", "ruler", "head of state", "head of government"):
            office = "HOG" if key == "head of government" else "HOS"
            terms = [t for (o, _), ts in self.holders.items() if o == of for t in ts if t.office == office]
        else:
            terms = list(self.holders.get((of, key), ()))
        terms = [t for t in terms if t.active(on)]
        return max(terms, key=lambda t: t.start) if terms else None

    def has_office(self, of: str, title: str) -> bool:
        return (of, title_key(title)) in self.holders

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

    # -- building -------------------------------------------------------------------------
    def add_entry(self, entry: KBEntry, names: Iterable[str], ruler_label: str | None) -> None:
        self.entries.setdefault(entry.kb_id, entry)
        for n in names:
            n = n.strip()
            if not n:
                continue
            key = fold(strip_the(n))
            if entry.kb_id not in self.by_name[key]:
                self.by_name[key].append(entry.kb_id)
            if ruler_label:
                self.ruler_names.setdefault(n, (ruler_label, entry.kb_id))

    def add_term(self, row: dict[str, str], path: str, line: int) -> None:
        name = row["name"]
        pid = "person:" + slug(name)
        person = self.persons.setdefault(pid, Person(pid, name))
        aliases = {name, *split(row.get("aliases", ""))}
        for a in aliases:
            person.names.add(a)
            self.person_names[fold(a)].add(pid)
            self.ruler_names.setdefault(a, ("PERSON", pid))
        term = Term(
            pid,
            row["country"],
            row.get("office") or "",
            row["title"],
            parse_date(row["start"], path, line, "start"),
            parse_date(row["end"], path, line, "end") if row.get("end") else None,
        )
        person.terms.append(term)
        self.holders[(term.of, title_key(term.title))].append(term)


def strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def parse_date(value: str, path: str, line: int, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(
            f"[E221] column {column!r}: {value!r} is not a date YYYY-MM-DD", path=path, line=line
        ) from None


def read_table(path: Path, *, kind: str | None = None) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """Read one TSV table; the header row names its kind. Errors name the file, line and reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("[E220] knowledge-base file not found", path=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("[E220] knowledge-base file is not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"[E220] cannot read knowledge-base file: {exc.strerror}", path=str(path)) from None
    lines = [(i, ln) for i, ln in enumerate(text.split("\n"), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ConfigError("[E222] knowledge-base file is empty", path=str(path))
    head_no, head = lines[0]
    header = tuple(h.strip() for h in head.split("\t"))
    if kind is None:
        kind = next((k for k, cols in TABLES.items() if set(REQUIRED[k]) <= set(header) <= set(cols)), None)
        if kind is None:
            choices = "; ".join(f"{k}: {' '.join(c)}" for k, c in TABLES.items())
            raise ConfigError(
                f"[E223] the header row {'/'.join(header)!r} names no known table (tab-separated columns). "
                f"Known tables: {choices}",
                path=str(path),
                line=head_no,
            )
    rows = []
    for no, ln in lines[1:]:
        cells = next(csv.reader([ln], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) > len(header):
            raise ConfigError(
                f"[E224] {len(cells)} tab-separated cells but the header has {len(header)}", path=str(path), line=no
            )
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        for col in REQUIRED[kind]:
            if not row.get(col):
                raise ConfigError(f"[E225] required column {col!r} is empty", path=str(path), line=no)
        rows.append((no, row))
    return kind, rows


def _check_iso(value: str, path: Path, no: int, column: str, *, allow_org: bool = True) -> None:
    if value and not (_ISO3.match(value) or (allow_org and re.match(r"^[A-Z][A-Z0-9.-]{1,15}$", value))):
        raise ConfigError(
            f"[E226] column {column!r}: {value!r} is not an ISO 3166 alpha-3 code", path=str(path), line=no
        )


def _check_sector(value: str, path: Path, no: int) -> None:
    if value and value not in SECTORS:
        raise ConfigError(
            f"[E227] sector {value!r} is not a PLOVER sector code (one of {', '.join(sorted(SECTORS))})",
            path=str(path),
            line=no,
        )


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


def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled tables plus the user's files (cached per set of files)."""
    return _load(tuple(str(Path(p)) for p in extra))


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    manifest = json.loads((KB_DIR / "manifest.json").read_text(encoding="utf-8"))
    kb = KnowledgeBase()
    kb.version = manifest["version"]
    _add_pycountry(kb)
    sources = [(KB_DIR / f, k) for k, f in manifest["tables"].items()]
    sources += [(Path(p), None) for p in extra]
    for path, kind in sources:
        kind, rows = read_table(path, kind=kind)
        _ADDERS[kind](kb, path, rows)
    return kb


def _add_pycountry(kb: KnowledgeBase) -> None:
    import pycountry

    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        names = {n for n in names if n and "," not in n}
        display = getattr(c, "common_name", None) or c.name
        kb.country_names[c.alpha_3] = display
        kb.add_entry(KBEntry(c.alpha_3, "STATE", display, c.alpha_3), names, "GPE")


def _add_countries(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        iso = r["iso3"]
        _check_iso(iso, path, no, "iso3", allow_org=False)
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


def _add_seats(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        _check_iso(r["country"], path, no, "country")
        _check_sector(r.get("sector", ""), path, no)
        names = split(r["names"])
        display = r.get("place") or strip_the(names[0])
        entry = KBEntry(f"seat:{slug(display)}", "PLACE", display, r["country"], r.get("sector") or "GOV", "seat")
        kb.add_entry(entry, names, "FAC")


def _add_places(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        iso = r.get("country") or None
        if iso:
            _check_iso(iso, path, no, "country", allow_org=False)
        names = split(r["names"])
        entry = KBEntry(f"place:{(iso or 'xxx').lower()}:{slug(names[0])}", "PLACE", names[0], iso, kind="place")
        kb.add_entry(entry, names, None if names[0] in AMBIGUOUS else ("GPE" if iso else "LOC"))


def _add_orgs(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        typ, _, country = r["type"].partition(":")
        if typ not in ORG_TYPES:
            raise ConfigError(
                f"[E228] type {typ!r} must be IGO, NGO or ORG (ORG:ISO3 for a state body)", path=str(path), line=no
            )
        if country:
            _check_iso(country, path, no, "type", allow_org=False)
        _check_sector(r.get("sector", ""), path, no)
        names = split(r["names"])
        etype = "IGO" if typ == "IGO" else "ORG"
        entry = KBEntry(r["kb_id"], etype, names[0], country or None, r.get("sector") or None, typ.lower())
        kb.add_entry(entry, [n for n in names if n not in AMBIGUOUS], "ORG")


def _add_groups(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        _check_sector(r.get("sector", ""), path, no)
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


def _add_weapons(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        country = r.get("country") or None
        if country:
            _check_iso(country, path, no, "country", allow_org=False)
        names = split(r["names"])
        entry = KBEntry("weapon:" + slug(r["kb_id"]), "WEAPON", names[0], country, "MIL", r.get("kind") or None)
        # A single ordinary word ("Patriot", "Javelin") is only a weapon next to a weapon noun.
        kb.add_entry(entry, names, None)
        for n in names:
            kb.ruler_names[n] = ("PRODUCT" if not _PLAIN_WORD.match(n) else "PRODUCT?", entry.kb_id)


def _add_leaders(kb: KnowledgeBase, path: Path, rows: list[tuple[int, dict[str, str]]]) -> None:
    for no, r in rows:
        _check_iso(r["country"], path, no, "country")
        kb.add_term(r, str(path), no)
        term = kb.persons["person:" + slug(r["name"])].terms[-1]
        if term.end is not None and term.end < term.start:
            raise ConfigError("[E229] the term ends before it starts", path=str(path), line=no)


_ADDERS = {
    "countries": _add_countries,
    "seats": _add_seats,
    "places": _add_places,
    "orgs": _add_orgs,
    "groups": _add_groups,
    "weapons": _add_weapons,
    "leaders": _add_leaders,
}
