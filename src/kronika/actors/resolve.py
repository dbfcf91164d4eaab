"""Mentions -> entities: typing with the KB, offices and roles, coreference, metonymy, groups.

The input is the spaCy ``Doc`` (with the KB ruler's entities) and the article date; the output is
the record's ``entities``. Everything is per entity span or per title match: the work grows with
the number of names in the text, not with the size of the knowledge base.

Order of work:
1. type every entity span with the KB (fixing the statistical NER: "Kyiv" is a place, "Kazakhs"
   a group of people);
2. people: titles before/after the name ("Kazakhstan's reform-committed President ..."), the
   date-aware KB for who holds which office, and clustering of "Tokayev" with
   "Kassym-Jomart Tokayev";
3. offices without a name ("the President of Belarus") resolved to their holder on the article
   date and merged with that person when the text names them;
4. capitals and seats read as a government or a place by context; demonyms with their heads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kronika.actors.context import demonym_head, metonymy
from kronika.actors.knowledge import KBEntry, KnowledgeBase, Person, fold, title_key
from kronika.actors.lexicon import (
    ORG_SECTOR_WORDS,
    SECTOR_NAMES,
    STATE_OFFICES,
    STATE_SECTORS,
    TITLES,
)
from kronika.record import Entity, Mention, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_ISO3 = re.compile(r"^[A-Z]{3}$")
_MODEL = re.compile(r"^[A-Z]{0,3}-?\d{2,4}[A-Za-z0-9-]*$")  # A380, 737s, 737-800, A400M
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_CAMEL_PRODUCT = re.compile(r"^i[A-Z][a-z]")  # iPhone, iPod, iTunes
# A mined (weak) KB entry types only a span the NER labelled as this kind of thing.
WEAK_LABELS = {"PLACE": ("GPE", "LOC", "FAC"), "ORG": ("ORG", "NORP"), "IGO": ("ORG",)}
SKIP_LABELS = frozenset(
    ["DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE", "LAW", "WORK_OF_ART"]
)


@dataclass
class Cand:
    """One mention on its way to an entity (``key`` says which entity it belongs to)."""

    key: str
    start: int
    end: int
    type: str
    name: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    roles: list[Role] = field(default_factory=list)
    named: bool = True  # False for an office mention with no name ("the President of Belarus")


@dataclass
class PersonMention:
    start: int  # char span of the whole mention (with title and possessive country)
    end: int
    name: str
    tokens: tuple[str, ...]
    roles: list[Role]
    sector: str | None
    person: Person | None = None


def is_possessive(tok: Token) -> bool:
    return tok.tag_ == "POS" or tok.lower_ in ("'s", "\u2019s", "'", "\u2019")


def _clean(span: Span) -> Span:
    """Drop a trailing possessive and a leading determiner from an entity span."""
    s, e = span.start, span.end
    doc = span.doc
    while e - s > 1 and is_possessive(doc[e - 1]):
        e -= 1
    if e - s > 1 and doc[s].lower_ == "the":
        s += 1
    return doc[s:e]


def article_date(published: str | None) -> tuple[dt.date, bool]:
    """The date offices are resolved on: the article's, else today (``known`` False)."""
    if published:
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or (15 if m.group(2) else 1))
            try:
                return dt.date(y, mo, d), True
            except ValueError:
                pass
    return dt.date.today(), False


class Resolver:
    """Resolves one document; built per document (cheap) around the shared KB and title matcher."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, on: dt.date, titles: list[Span]) -> None:
        self.doc = doc
        self.kb = kb
        self.on = on
        self.cands: list[Cand] = []
        self.ents = [e for e in doc.ents if e.label_ not in SKIP_LABELS]
        self.ent_by_start = {e.start: e for e in self.ents}
        self.ent_by_end = {e.end: e for e in self.ents}
        self.titles_by_end = {t.end: t for t in titles}
        self.titles = titles
        self.used_titles: set[int] = set()
        self.info: dict[int, tuple[str, object]] = {}  # ent.start -> (kind, payload)
        self.doc_countries: set[str] = set()

    # -- 1. typing -------------------------------------------------------------------------
    def classify(self, ent: Span) -> tuple[str, object]:
        kb = self.kb
        span = _clean(ent)
        text = span.text
        eid = ent.ent_id_.split("|", 1)[-1]  # the KB ruler's "<label>|<kb id>"
        f = fold(text)
        if ent.label_ == "PERSON" and eid == "person":
            return "person", None
        if eid and eid in kb.entries:
            return "entry", kb.entries[eid]
        if f in kb.people:
            return "people", kb.people[f]
        if f in kb.adjectives and ent.label_ in ("NORP", "GPE", "ORG", "LOC", "PERSON", "MISC"):
            return "demonym", kb.adjectives[f]
        entries = kb.lookup(text)
        strong = [x for x in entries if not x.weak]
        if strong:
            return "entry", strong[0]
        if ent.label_ == "PERSON":
            if kb.persons_named(text) or any(t.is_alpha and t.text[:1].isupper() for t in span):
                return "person", None
            return "skip", None
        end = self.product_end(ent) if ent.label_ in ("ORG", "PRODUCT") else None
        if end:
            return "product", end
        weak = [x for x in entries if ent.label_ in WEAK_LABELS.get(x.type, ())]
        if weak:
            return "entry", weak[0]  # a mined place or organisation the NER found too
        if ent.label_ in ("GPE", "LOC", "FAC"):
            return "place", None
        if ent.label_ in ("ORG", "PRODUCT"):
            return ("org", None) if ent.label_ == "ORG" else ("skip", None)
        if ent.label_ == "NORP":
            return ("group", None) if span.root.tag_ in ("NNPS", "NNS") else ("skip", None)
        if ent.label_ == "EVENT":
            return "event", None
        return "skip", None

    def product_end(self, ent: Span) -> int | None:
        """A maker's name with a model designation is a product, not the maker ("Airbus A380", "iPod")."""
        doc = self.doc
        end = ent.end
        while end < len(doc) and _MODEL.match(doc[end].text) and not _YEAR.match(doc[end].text):
            end += 1
        if end > ent.end:
            return end
        if len(ent) > 1 and _MODEL.match(ent[-1].text) and not _YEAR.match(ent[-1].text):
            return ent.end
        if _CAMEL_PRODUCT.match(ent[0].text):
            return ent.end
        return None

    def country_of_entry(self, entry: KBEntry) -> str | None:
        return entry.country if entry.country and _ISO3.match(entry.country) else None

    # -- 2. people -------------------------------------------------------------------------
    def role_before(self, start: int) -> tuple[int, Role | None, str | None]:
        """Title (and its country) right before token ``start``: returns (mention start, role, sector)."""
        doc = self.doc
        title = self.titles_by_end.get(start)
        if title is None:
            # "the President of Belarus Alexander Lukashenko"
            ent = self.ent_by_end.get(start)
            if ent is not None and ent.start >= 2 and doc[ent.start - 1].lower_ == "of":
                t = self.titles_by_end.get(ent.start - 1)
                iso = self.iso_of(ent)
                if t is not None and iso:
                    self.used_titles.add(t.start)
                    return t.start, Role(t.text, iso), TITLES.get(t.text.lower())
            return start, None, None
        self.used_titles.add(title.start)
        sector = TITLES.get(title.text.lower())
        tstart, label = title.start, _title_case(title.text)
        if tstart > 0 and doc[tstart - 1].lower_ in ("former", "ex", "ex-", "late"):
            tstart -= 1
            label = f"former {label}"
        of, begin = self.owner_before(tstart)
        return (begin if of else tstart), Role(label, of), sector

    def owner_before(self, tstart: int) -> tuple[str | None, int]:
        """The country or organisation owning a title: "Kazakhstan's reform-committed ▸President"."""
        doc = self.doc
        k = tstart - 1
        if k >= 0 and k + 1 in self.ent_by_end:  # "Kyrgyz President", "EU foreign policy chief"
            ent = self.ent_by_end[k + 1]
            iso = self.iso_of(ent)
            if iso:
                return iso, ent.start
        steps = 0
        while k >= 0 and steps < 6 and not is_possessive(doc[k]) and _modifier(doc[k]):
            k -= 1
            steps += 1
        if k >= 1 and is_possessive(doc[k]) and k in self.ent_by_end:
            ent = self.ent_by_end[k]
            iso = self.iso_of(ent)
            if iso:
                return iso, ent.start
        return None, tstart

    def iso_of(self, ent: Span) -> str | None:
        """The ISO3 (or organisation code) an entity span stands for, if it is a state/IGO/demonym."""
        kind, payload = self.info.get(ent.start) or self.classify(ent)
        if kind in ("demonym", "people") and isinstance(payload, str):
            return payload
        if kind == "entry" and isinstance(payload, KBEntry):
            if payload.type == "STATE":
                return payload.kb_id
            if payload.type == "IGO" or (payload.type == "ORG" and ent.label_ == "ORG"):
                return payload.kb_id  # "NATO Secretary General ...", "Hamas leader ..."
            if payload.kind in ("capital", "seat"):
                return payload.country
        return None

    def role_after(self, end: int) -> Role | None:
        """Apposition after a name: "Sadyr Japarov, the President of Kyrgyzstan," / ", Kyrgyzstan's President"."""
        doc = self.doc
        i = end
        if i >= len(doc) or doc[i].text != ",":
            return None
        i += 1
        if i < len(doc) and doc[i].lower_ in ("the", "a"):
            i += 1
        for t in self.titles:
            if t.start == i and t.end < len(doc) - 1 and doc[t.end].lower_ == "of":
                ent = self.ent_by_start.get(t.end + 1)
                iso = self.iso_of(ent) if ent is not None else None
                if iso and ent is not None and not self.person_at(ent.end):
                    self.used_titles.add(t.start)
                    return Role(_title_case(t.text), iso)
        ent = self.ent_by_start.get(i)
        if (ent is not None and ent.end < len(doc) and is_possessive(doc[ent.end])) or (
            ent is not None and ent.label_ == "NORP"
        ):
            iso = self.iso_of(ent)
            j = ent.end + (1 if ent.end < len(doc) and is_possessive(doc[ent.end]) else 0)
            while j < len(doc) and _modifier(doc[j]) and j - ent.end < 5 and (j + 1) not in self.titles_by_end:
                j += 1
            for t in self.titles:
                if t.start == j and iso and not self.person_at(t.end):
                    self.used_titles.add(t.start)
                    return Role(_title_case(t.text), iso)
        return None

    def person_at(self, i: int) -> bool:
        """Does a person's name start at token ``i`` (a list "X, Y's President Z", not an apposition)?"""
        ent = self.ent_by_start.get(i)
        return ent is not None and self.info.get(ent.start, ("", None))[0] == "person"

    def person_mention(self, ent: Span) -> PersonMention | None:
        doc = self.doc
        span = _clean(ent)
        s, e = span.start, span.end
        roles: list[Role] = []
        sector = None
        # NER sometimes swallows the title: "President Putin".
        inner = [t for t in self.titles if s <= t.start and t.end < e and t.start == s]
        if inner:
            t = inner[0]
            self.used_titles.add(t.start)
            of, begin = self.owner_before(t.start)
            roles.append(Role(_title_case(t.text), of))
            sector = TITLES.get(t.text.lower())
            s = t.end
            mstart = begin
        else:
            mstart, role, sector = self.role_before(s)
            if role:
                roles.append(role)
        after = self.role_after(e)
        if after:
            roles.append(after)
        if roles and roles[0].of is None and e + 1 < len(doc) and doc[e].lower_ == "of":
            # "Prime Minister Nikol Pashinyan of Armenia"
            owner = self.ent_by_start.get(e + 1)
            iso = self.iso_of(owner) if owner is not None else None
            if iso:
                roles[0] = Role(roles[0].title, iso)
        name_span = doc[s:e]
        if not name_span.text.strip() or not any(t.is_alpha for t in name_span):
            return None
        toks = tuple(fold(t.text) for t in name_span if t.is_alpha or "-" in t.text)
        pm = PersonMention(doc[mstart].idx, span.end_char, name_span.text, toks, roles, sector)
        pm.person = self.kb_person(name_span.text, roles)
        return pm

    def kb_person(self, name: str, roles: list[Role]) -> Person | None:
        cands = self.kb.persons_named(name)
        if len(cands) <= 1:
            return cands[0] if cands else None
        active = [p for p in cands if p.terms_on(self.on)]
        pool = active or cands
        text_of = {r.of for r in roles if r.of}
        if text_of:
            pool = [p for p in pool if any(t.of in text_of for t in p.terms)] or pool
        elif self.doc_countries:
            pool = [p for p in pool if any(t.of in self.doc_countries for t in p.terms)] or pool
        if len(pool) > 1 and not active and len(name.split()) == 1:
            return None  # nobody of that name is in office on the date: a bare surname is too ambiguous
        return max(pool, key=lambda p: max(t.start for t in p.terms))

    # -- 3. offices ------------------------------------------------------------------------
    def office_mentions(self) -> Iterable[tuple[int, int, Role]]:
        """Titles of a state with no name attached: "the President of Belarus", "Armenia's Prime Minister"."""
        doc = self.doc
        for t in self.titles:
            if t.start in self.used_titles or t.text.lower() not in STATE_OFFICES:
                continue
            if t.end in self.ent_by_start and self.ent_by_start[t.end].label_ == "PERSON":
                continue
            if t.end + 1 < len(doc) and doc[t.end].lower_ == "of" and (t.end + 1) in self.ent_by_start:
                ent = self.ent_by_start[t.end + 1]
                iso = self.iso_of(ent)
                if iso and not (ent.end in self.ent_by_start and self.ent_by_start[ent.end].label_ == "PERSON"):
                    yield t.start, ent.end, Role(_title_case(t.text), iso)
                    continue
            of, begin = self.owner_before(t.start)
            if of:
                yield begin, t.end, Role(_title_case(t.text), of)
            elif t.start > 0 and doc[t.start - 1].lower_ == "the" and not _plural_next(doc, t.end):
                yield t.start, t.end, Role(_title_case(t.text), None)  # "the president": an anaphor

    # -- 4. everything else ------------------------------------------------------------------
    def entry_cand(self, ent: Span, entry: KBEntry) -> Cand:
        span = _clean(ent)
        s, e = span.start_char, span.end_char
        if entry.kind in ("capital", "seat"):
            reading = metonymy(ent)
            actor = reading == "actor" or (reading is None and entry.kind == "seat")
            if actor and entry.country:
                if not _ISO3.match(entry.country) and entry.country in self.kb.entries:
                    org = self.kb.entries[entry.country]
                    return Cand(org.kb_id, s, e, org.type, org.name, None, org.sector, org.kb_id)
                iso = entry.country
                sector = entry.sector or "GOV"
                name = f"{SECTOR_NAMES.get(sector, 'Government')} of {self.kb.country_name(iso)}"
                return Cand(f"{iso}.{sector}", s, e, "STATE", name, iso, sector, f"{iso}.{sector}")
        country = self.country_of_entry(entry)
        if entry.type == "PLACE":
            return Cand(entry.kb_id, s, e, "PLACE", entry.name, country, None, entry.kb_id)
        if entry.type == "STATE":
            return Cand(entry.kb_id, s, e, "STATE", self.kb.country_name(entry.kb_id), entry.kb_id, None, entry.kb_id)
        if entry.type == "GROUP":
            return Cand(
                entry.kb_id, ent.start_char, ent.end_char, "GROUP", entry.name, country, entry.sector, entry.kb_id
            )
        return Cand(entry.kb_id, s, e, entry.type, entry.name, country, entry.sector, entry.kb_id)

    def demonym_cand(self, ent: Span, code: str) -> Cand:
        head, sector = demonym_head(ent)
        s, e = ent.start_char, ent.end_char
        if code in self.kb.entries and self.kb.entries[code].type == "GROUP":
            g = self.kb.entries[code]
            end = head.idx + len(head.text) if head is not None else e
            return Cand(g.kb_id, s, end, "GROUP", g.name, None, g.sector, g.kb_id)
        cname = self.kb.country_name(code)
        if head is not None and head.lower_ in TITLES:
            return Cand(code, s, e, "STATE", cname, code, None, code)  # "the Kyrgyz president": an office
        if head is not None and sector:
            typ = "STATE" if sector in STATE_SECTORS else "GROUP"
            name = f"{SECTOR_NAMES.get(sector, sector)} of {cname}"
            end = head.idx + len(head.text)
            return Cand(f"{code}.{sector}", s, end, typ, name, code, sector, f"{code}.{sector}")
        if head is not None and head.lower_ in ("state", "federation", "nation", "country", "republic"):
            e = head.idx + len(head.text)
        return Cand(code, s, e, "STATE", cname, code, None, code)

    def org_cand(self, ent: Span) -> Cand:
        span = _clean(ent)
        country = None
        for tok in span[:3]:
            f = fold(tok.text)
            if f in self.kb.adjectives and _ISO3.match(self.kb.adjectives[f]):
                country = self.kb.adjectives[f]
                break
            hits = [x for x in self.kb.lookup(tok.text) if x.type == "STATE"]
            if hits:
                country = hits[0].kb_id
                break
        sector = None
        for tok in span:
            sector = ORG_SECTOR_WORDS.get(tok.lower_, sector)
        key = "org:" + fold(span.text)
        return Cand(key, span.start_char, span.end_char, "ORG", span.text, country, sector, None)

    # -- the whole document ------------------------------------------------------------------
    def run(self) -> list[Entity]:
        for ent in self.ents:
            self.info[ent.start] = self.classify(ent)
            kind, payload = self.info[ent.start]
            if kind == "entry" and isinstance(payload, KBEntry) and payload.type == "STATE":
                self.doc_countries.add(payload.kb_id)
            elif kind in ("demonym", "people") and isinstance(payload, str):
                self.doc_countries.add(payload)
        self.surnames_as_people()
        people: list[PersonMention] = []
        for ent in self.ents:
            kind, payload = self.info[ent.start]
            if kind == "person":
                pm = self.person_mention(ent)
                if pm:
                    people.append(pm)
            elif kind == "entry" and isinstance(payload, KBEntry):
                self.cands.append(self.entry_cand(ent, payload))
            elif kind == "people" and isinstance(payload, str):
                span = _clean(ent)
                name = span.text if span.text[:1].isupper() else span.text.title()
                self.cands.append(
                    Cand(
                        f"{payload}.PEOPLE",
                        span.start_char,
                        span.end_char,
                        "GROUP",
                        name,
                        payload,
                        None,
                        f"{payload}.PEOPLE",
                    )
                )
            elif kind == "demonym" and isinstance(payload, str):
                self.cands.append(self.demonym_cand(ent, payload))
            elif kind == "place":
                span = _clean(ent)
                self.cands.append(Cand("place:" + fold(span.text), span.start_char, span.end_char, "PLACE", span.text))
            elif kind == "org":
                self.cands.append(self.org_cand(ent))
            elif kind == "product" and isinstance(payload, int):
                span = self.doc[_clean(ent).start : payload]
                self.cands.append(
                    Cand("product:" + fold(span.text), span.start_char, span.end_char, "OTHER", span.text)
                )
            elif kind == "group":
                span = _clean(ent)
                self.cands.append(Cand("group:" + fold(span.text), span.start_char, span.end_char, "GROUP", span.text))
            elif kind == "event":
                span = _clean(ent)
                self.cands.append(Cand("event:" + fold(span.text), span.start_char, span.end_char, "EVENT", span.text))
        self.cluster_people(people)
        self.add_offices()
        names = {c.kb_id: self.kb.persons[c.kb_id].name for c in self.cands if c.kb_id in self.kb.persons}
        return build_entities(self.cands, self.doc.text, names)

    def surnames_as_people(self) -> None:
        """A lone surname of a person named in full elsewhere is that person ("Jobs" tagged ORG)."""
        surnames = {
            fold(_clean(e)[-1].text) for e in self.ents if self.info[e.start][0] == "person" and len(_clean(e)) > 1
        }
        for e in self.ents:
            kind = self.info[e.start][0]
            span = _clean(e)
            if kind in ("org", "place", "group", "skip") and len(span) == 1 and fold(span.text) in surnames:
                self.info[e.start] = ("person", None)

    def cluster_people(self, people: list[PersonMention]) -> None:
        """Coreference of names: one key per person (KB key, else the fullest name in the text)."""
        keys: list[str] = [""] * len(people)
        full: dict[str, tuple[tuple[str, ...], Person | None]] = {}
        for i, pm in enumerate(people):
            if len(pm.tokens) > 1:
                keys[i] = pm.person.kb_id if pm.person else "name:" + " ".join(pm.tokens)
                full.setdefault(keys[i], (pm.tokens, pm.person))
        for i, pm in enumerate(people):
            if keys[i]:
                continue
            tok = pm.tokens[0] if pm.tokens else fold(pm.name)
            match = [k for k, (toks, _) in full.items() if toks and toks[-1] == tok] or [
                k for k, (toks, _) in full.items() if tok in toks
            ]
            if match:
                keys[i] = match[0]
                pm.person = full[match[0]][1]
            elif pm.person:
                keys[i] = pm.person.kb_id
            else:
                keys[i] = "name:" + tok
        for key, pm in zip(keys, people, strict=True):
            roles = list(pm.roles)
            country, sector, kb_id = None, pm.sector, None
            if pm.person:
                kb_id = pm.person.kb_id
                roles = self.kb_roles(pm.person, roles)
                if not pm.person.terms_on(self.on):
                    sector = sector or "ELI"
            org = next((self.kb.entries.get(r.of) for r in roles if r.of and r.of in self.kb.entries), None)
            if org is not None and org.type == "ORG" and org.sector:
                sector = org.sector  # "Hamas leader ..." is REB, not GOV
            sector = sector or ("GOV" if any(r.of for r in roles) else None)
            country = next((r.of for r in roles if r.of and _ISO3.match(r.of)), None)
            if pm.person and (country is None or sector is None):
                of, kb_sector = pm.person.affiliation(self.on)  # the mined officials' country and sector
                country = country or (of if of and _ISO3.match(of) else None)
                sector = sector or kb_sector
            self.cands.append(Cand(key, pm.start, pm.end, "PERSON", pm.name, country, sector, kb_id, roles))

    def kb_roles(self, person: Person, text_roles: list[Role]) -> list[Role]:
        """Roles from the text, completed by the KB terms held on the article date."""
        terms = [t for t in person.terms_on(self.on) if t.title]  # mined terms name no office
        out: list[Role] = []
        for t in terms:
            out.append(Role(t.title, t.of))
        for r in text_roles:
            if r.title.lower().startswith("former "):
                key = title_key(r.title[7:])
                past = [t for t in person.terms if t.title and t.end and t.end <= self.on and title_key(t.title) == key]
                if past:
                    last = max(past, key=lambda t: t.start)
                    out.append(Role(f"former {last.title}", r.of or last.of))
                    continue
            same = [t for t in terms if title_key(t.title) == title_key(r.title)]
            if same and (r.of is None or r.of == same[0].of):
                continue
            out.append(r)
        if not out:
            prev = person.last_term(self.on)
            if prev is not None:
                out.append(Role(f"former {prev.title}", prev.of))
        return _dedupe_roles(out)

    def add_offices(self) -> None:
        doc = self.doc
        named = {c.kb_id for c in self.cands if c.type == "PERSON" and c.kb_id}
        people = sorted((c for c in self.cands if c.type == "PERSON" and c.named), key=lambda c: c.start)
        for ts, te, role in self.office_mentions():
            start = doc[ts].idx
            end = doc[te - 1].idx + len(doc[te - 1].text)
            if role.of is None:
                # "the president" refers back to the last person named with that office.
                key_t = title_key(role.title)
                prior = [c for c in people if c.start < start and any(title_key(r.title) == key_t for r in c.roles)]
                if prior:
                    c = prior[-1]
                    self.cands.append(
                        Cand(c.key, start, end, "PERSON", c.name, c.country, c.sector, c.kb_id, [], named=False)
                    )
                continue
            label = f"{role.title} of {self.kb.country_name(role.of) if role.of else '?'}"
            holder = self.kb.holder(role.of, role.title, self.on) if role.of else None
            country = role.of if role.of and _ISO3.match(role.of) else None
            roles = [Role(role.title, role.of)]
            if holder and holder.person in named:
                key, roles = holder.person, []  # the named person already has the office from the KB
            else:
                key = holder.person if holder else f"office:{role.of}:{title_key(role.title)}"
            self.cands.append(
                Cand(
                    key,
                    start,
                    end,
                    "PERSON",
                    label,
                    country,
                    "GOV",
                    holder.person if holder else None,
                    roles,
                    named=False,
                )
            )


def _plural_next(doc: Doc, i: int) -> bool:
    """ "the president's", "the president and ..." are fine; "the president(s) of companies" is checked by caller."""
    return i < len(doc) and doc[i].tag_ in ("NNS", "NNPS")


def _modifier(tok: Token) -> bool:
    """A word that may sit between a possessive and a title ("reform-committed", "reclusive")."""
    if tok.text in ("-", "\u2013"):
        return True
    return tok.is_lower and tok.pos_ in ("ADJ", "ADV", "VERB", "NOUN", "PUNCT") and tok.text not in (",", ";")


def _title_case(text: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def _dedupe_roles(roles: list[Role]) -> list[Role]:
    seen, out = set(), []
    for r in roles:
        k = (title_key(r.title), r.of)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def build_entities(cands: list[Cand], text: str, names: dict[str, str] | None = None) -> list[Entity]:
    """Group candidates by key into entities, ordered by first mention; ids e1, e2, ..."""
    names = names or {}
    groups: dict[str, list[Cand]] = {}
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        groups.setdefault(c.key, []).append(c)
    entities: list[Entity] = []
    for n, (_key, cs) in enumerate(groups.items(), 1):
        named = [c for c in cs if c.named] or cs
        best = max(named, key=lambda c: (len(c.name.split()), len(c.name))) if cs[0].type == "PERSON" else named[0]
        name = best.name
        if best.type == "PERSON" and best.named and len(name.split()) == 1 and names.get(best.kb_id or ""):
            name = names[best.kb_id or ""]  # only the surname in the text: the KB's full name
        roles = _dedupe_roles([r for c in cs for r in c.roles])
        # Roles from a bare title ("President" with no country) are dropped when a country's is known.
        keyed = {title_key(r.title) for r in roles if r.of}
        roles = [r for r in roles if r.of or title_key(r.title) not in keyed]
        country = best.country or next((c.country for c in cs if c.country), None)
        if best.type == "PERSON":
            country = next((r.of for r in roles if r.of and _ISO3.match(r.of)), country)
        sector = best.sector or next((c.sector for c in cs if c.sector), None)
        cs.sort(key=lambda c: (c.start, c.end))
        mentions: list[Mention] = []
        seen: set[tuple[int, int]] = set()
        for c in cs:
            if (c.start, c.end) not in seen:
                seen.add((c.start, c.end))
                mentions.append(Mention(c.start, c.end, text[c.start : c.end]))
        entities.append(
            Entity(
                id=f"e{n}",
                name=name,
                type=best.type,  # type: ignore[arg-type]
                country=country,
                sector=sector,
                roles=roles,
                kb_id=best.kb_id or next((c.kb_id for c in cs if c.kb_id), None),
                mentions=mentions,
            )
        )
    return entities
