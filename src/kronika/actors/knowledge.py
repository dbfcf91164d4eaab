"""The actors knowledge base: bundled TSV tables (``actors/kb/``) plus the user's own ``--kb`` files.

The tables are plain data (format in ``docs/kb.md``, reader in :mod:`kronika.actors.kbformat`) so
analysts can read, diff and extend them without touching code. Loading
(:mod:`kronika.actors.kbload`) builds a few dictionaries keyed by surface form; the stage and the
entity ruler only do dictionary look-ups, never scans over the tables.

Two strengths of facts: the curated tables and the user's files are *strong* (their names are
matched in the text even where the statistical NER saw nothing); the tables mined from the
PETRARCH dictionaries (``kb/petrarch/``) are *weak*: tens of thousands of names, many of them
ordinary words ("Black Friday" is also an armed group), so a weak place or organisation only types
a span the NER already labelled as one, and only long names are matched on their own.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kronika import normalize
from kronika.actors.kbformat import parse_date, read_table, split

__all__ = ["KB_DIR", "KBEntry", "KnowledgeBase", "Person", "Term", "fold", "load_kb", "read_table", "slug", "split"]

KB_DIR = Path(__file__).resolve().parent / "kb"

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


@dataclass(frozen=True, slots=True)
class KBEntry:
    """Anything a name can resolve to (not a person: see :class:`Person`)."""

    kb_id: str
    type: str  # STATE | PLACE | ORG | IGO | GROUP | WEAPON
    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # capital | seat | city | region | weapon kind...
    weak: bool = False  # mined: types only a span the NER labelled compatibly (module docstring)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office: who held ``title`` of ``of`` from ``start`` to ``end`` (None = still).

    Terms mined from the PETRARCH dictionaries have no title (the sources give a country and a
    sector, e.g. ``RUSGOV``); they place a person but never name an office.
    """

    person: str  # kb_id of the person
    of: str  # ISO3, an organisation's key, or "" (a member of a transnational group)
    office: str  # HOS | HOG | an organisation's office code | the source code (CAMEO)
    title: str  # "" for mined terms
    start: dt.date
    end: dt.date | None
    sector: str | None = None

    def active(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(slots=True)
class Person:
    kb_id: str
    name: str
    terms: list[Term] = field(default_factory=list)
    default: tuple[str, str | None] | None = None  # (of, sector) outside every term (undated source code)

    def terms_on(self, on: dt.date) -> list[Term]:
        return [t for t in self.terms if t.active(on)]

    def last_term(self, on: dt.date) -> Term | None:
        """The latest titled term that started on or before ``on`` (current or most recent)."""
        past = [t for t in self.terms if t.start <= on and t.title]
        return max(past, key=lambda t: t.start) if past else None

    def affiliation(self, on: dt.date) -> tuple[str | None, str | None]:
        """(country or organisation, sector) on ``on`` from the dated terms, else the undated code.

        A person between or after terms keeps the country of their terms when they are all of one
        country, with sector ELI (a former official) once a term has ended.
        """
        active = self.terms_on(on)
        if active:
            best = max(active, key=lambda t: (bool(t.title), t.start))
            sector = best.sector or next((t.sector for t in active if t.sector), None)
            return best.of or None, sector
        if self.default is not None:
            return self.default[0] or None, self.default[1]
        ofs = {t.of for t in self.terms if t.of}
        if len(ofs) == 1:
            ended = any(t.end is not None and t.end <= on for t in self.terms)
            return ofs.pop(), "ELI" if ended else None
        return None, None


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


fold = normalize.fold  # the one name normaliser ("Türkiye" == "turkiye", "’" == "'")


def lower(text: str) -> str:
    """The key of a case-insensitive ruler name (accents kept: the matcher compares spaCy's LOWER)."""
    return " ".join(text.lower().split())


def strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def plural(phrase: str) -> str:
    """The regular plural of a noun phrase's last word (irregular ones are listed in the sources)."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "i", "o", "u"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic agent noun ("riot police", "defence ministry") and the sector it names."""

    sector: str
    key: str  # spelling-independent key: "defence ministry" == "ministry of defense"
    code: str = ""  # the source's code (CAMEO "~PPL" marks mere people: "men", "persons")


AGENT_SPELLING = {"defense": "defence", "labor": "labour", "organization": "organisation", "center": "centre"}
AGENT_FILLER = frozenset({"of", "the", "and", "for", "affairs", "'s"})


def agent_key(phrase: str) -> str:
    """Word order, US/UK spelling and filler words do not make a different institution."""
    words = [AGENT_SPELLING.get(w, w) for w in fold(phrase).split() if w not in AGENT_FILLER]
    return " ".join(sorted(words))


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
        # lower-case surface -> (label, ruler id): matched case-insensitively, capitalised words only
        self.ruler_folded: dict[str, tuple[str, str]] = {}
        self.agents: dict[str, Agent] = {}  # folded agent phrase (and plural) -> agent
        self.agent_heads: set[str] = set()  # last words of agent phrases ("police", "ministry")
        self.agent_keys: dict[str, Agent] = {}  # agent_key -> agent ("defence ministry")

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

    def person(self, name: str, aliases: Iterable[str], *, ruler: str | None) -> Person:
        """The person keyed by ``name`` (created on first use) with its aliases registered.

        ``ruler``: ``"exact"`` matches every alias as written (curated leaders); ``"folded"``
        matches names of two words or more case-insensitively (mined officials: a surname alone
        is left to the NER and to coreference).
        """
        pid = "person:" + slug(name)
        person = self.persons.get(pid)
        if person is None:
            person = self.persons[pid] = Person(pid, name)
        for a in {name, *aliases}:
            self.person_names[fold(a)].add(pid)
            if ruler == "exact":
                self.ruler_names.setdefault(a, ("PERSON", pid))
            elif ruler == "folded" and " " in a.strip():
                self.ruler_folded.setdefault(lower(a), ("PERSON", pid))
        return person

    def add_term(self, row: dict[str, str], path: str, line: int) -> None:
        person = self.person(row["name"], split(row.get("aliases", "")), ruler="exact")
        term = Term(
            person.kb_id,
            row["country"],
            row.get("office") or "",
            row["title"],
            parse_date(row["start"], path, line, "start"),
            parse_date(row["end"], path, line, "end") if row.get("end") else None,
        )
        person.terms.append(term)
        self.holders[(term.of, title_key(term.title))].append(term)

    def add_agent(self, phrase: str, plurals: Iterable[str], sector: str, code: str = "") -> None:
        agent = Agent(sector, agent_key(phrase), code)
        for form in (phrase, *plurals):
            self.agents.setdefault(fold(form), agent)
            self.agent_heads.add(fold(form).rsplit(" ", 1)[-1])
        self.agent_keys.setdefault(agent.key, agent)


def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled tables plus the user's files (cached per set of files)."""
    from kronika.actors.kbload import load  # the loader builds this module's classes

    return load(tuple(str(Path(p)) for p in extra))
