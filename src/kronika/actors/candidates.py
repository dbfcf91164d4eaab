"""Mentions on their way to entities: one :class:`Cand` per mention, grouped by key into entities.

Step 4 of the resolution (everything that is not a person or an office): KB entries with their
reading in context (a capital or seat as its government or as a place), demonyms with the noun
they modify ("Russian troops" -> the military of Russia), organisations, places, products,
groups, events. :func:`build_entities` groups all candidates by key into the record's entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kronika.actors.classify import ISO3
from kronika.actors.context import demonym_head, metonymy
from kronika.actors.doc import DocContext, clean
from kronika.actors.knowledge import KBEntry, fold, title_key
from kronika.actors.lexicon import ORG_SECTOR_WORDS, SECTOR_NAMES, STATE_SECTORS, TITLES
from kronika.record import Entity, Mention, Role

BRANCHES = frozenset({"COP", "MIL", "SPY", "JUD", "LEG"})

if TYPE_CHECKING:
    from spacy.tokens import Span


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
    description: str = ""  # the noun a text describes an organisation with ("Iranian airline Mahan Air")
    guess: str | None = None  # a country inferred from the context, used when no mention gives one


def state_body(iso: str, sector: str, name: str, start: int, end: int) -> Cand:
    """A country's government, military, police... ("the Kremlin" as an actor, "Russian troops")."""
    typ = "STATE" if sector in STATE_SECTORS else "GROUP"
    return Cand(f"{iso}.{sector}", start, end, typ, name, iso, sector, f"{iso}.{sector}")


def entry_cand(ctx: DocContext, ent: Span, entry: KBEntry) -> Cand:
    span = clean(ent)
    s, e = span.start_char, span.end_char
    kb = ctx.kb
    if entry.kind in ("capital", "seat") and s >= ctx.dateline_end:
        reading = metonymy(ent)
        actor = reading == "actor" or (reading is None and entry.kind == "seat")
        if actor and entry.country:
            if not ISO3.match(entry.country) and entry.country in kb.entries:
                org = kb.entries[entry.country]
                return Cand(org.kb_id, s, e, org.type, org.name, None, org.sector, org.kb_id)
            iso = entry.country
            sector = entry.sector or "GOV"
            name = f"{SECTOR_NAMES.get(sector, 'Government')} of {kb.country_name(iso)}"
            return state_body(iso, sector, name, s, e)
    country = entry.country if entry.country and ISO3.match(entry.country) else None
    if entry.type == "PLACE":
        return Cand(entry.kb_id, s, e, "PLACE", entry.name, country, None, entry.kb_id)
    if entry.type == "STATE":
        return Cand(entry.kb_id, s, e, "STATE", kb.country_name(entry.kb_id), entry.kb_id, None, entry.kb_id)
    if entry.type == "GROUP":
        return Cand(entry.kb_id, ent.start_char, ent.end_char, "GROUP", entry.name, country, entry.sector, entry.kb_id)
    org_sector = entry.sector
    said = name_sector(span) if entry.weak else None
    if said in BRANCHES and org_sector in (None, "GOV"):  # a mined "Senate" coded GOV is LEG
        org_sector = said
    return Cand(entry.kb_id, s, e, entry.type, entry.name, country, org_sector, entry.kb_id)


def demonym_cand(ctx: DocContext, ent: Span, code: str) -> Cand:
    head, sector = demonym_head(ent)
    s, e = ent.start_char, ent.end_char
    kb = ctx.kb
    if code in kb.entries and kb.entries[code].type == "GROUP":
        g = kb.entries[code]
        end = head.idx + len(head.text) if head is not None else e
        return Cand(g.kb_id, s, end, "GROUP", g.name, None, g.sector, g.kb_id)
    cname = kb.country_name(code)
    if head is not None and head.lower_ in TITLES:
        return Cand(code, s, e, "STATE", cname, code, None, code)  # "the Kyrgyz president": an office
    if head is not None and sector:
        return state_body(code, sector, f"{SECTOR_NAMES.get(sector, sector)} of {cname}", s, head.idx + len(head.text))
    if head is not None and head.lower_ in ("state", "federation", "nation", "country", "republic"):
        e = head.idx + len(head.text)
    return Cand(code, s, e, "STATE", cname, code, None, code)


def name_sector(span: Span) -> str | None:
    """The sector an organisation's name says: a state branch if any word names one ("National Police
    Agency" -> COP, "Supreme Court" -> JUD), else the last sector word ("Norwegian Foreign Ministry")."""
    found = [s for s in (ORG_SECTOR_WORDS.get(t.lower_) for t in span) if s]
    branch = [s for s in found if s in BRANCHES]
    return branch[-1] if branch else found[-1] if found else None


def org_cand(ctx: DocContext, ent: Span) -> Cand:
    span = clean(ent)
    country = None
    for tok in span[:3]:
        f = fold(tok.text)
        if f in ctx.kb.adjectives and ISO3.match(ctx.kb.adjectives[f]):
            country = ctx.kb.adjectives[f]
            break
        hits = [x for x in ctx.kb.lookup(tok.text) if x.type == "STATE"]
        if hits:
            country = hits[0].kb_id
            break
    key = "org:" + fold(span.text)
    return Cand(key, span.start_char, span.end_char, "ORG", span.text, country, name_sector(span), None)


def simple_cand(ctx: DocContext, ent: Span, kind: str, payload: object) -> Cand | None:
    """Peoples, places, products, groups and events not in the KB: keyed by their text."""
    span = clean(ent)
    if kind == "people" and isinstance(payload, str):
        name = span.text if span.text[:1].isupper() else span.text.title()
        key = f"{payload}.PEOPLE"
        return Cand(key, span.start_char, span.end_char, "GROUP", name, payload, None, key)
    if kind == "place":
        return Cand("place:" + fold(span.text), span.start_char, span.end_char, "PLACE", span.text)
    if kind == "product" and isinstance(payload, int):
        span = ctx.doc[span.start : payload]
        return Cand("product:" + fold(span.text), span.start_char, span.end_char, "OTHER", span.text)
    if kind in ("group", "event"):
        typ = kind.upper()
        return Cand(f"{kind}:{fold(span.text)}", span.start_char, span.end_char, typ, span.text)
    return None


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
        roles = _dedupe([r for c in cs for r in c.roles])
        # Roles from a bare title ("President" with no country) are dropped when a country's is known.
        keyed = {title_key(r.title) for r in roles if r.of}
        roles = [r for r in roles if r.of or title_key(r.title) not in keyed]
        country = best.country or next((c.country for c in cs if c.country), None)
        if best.type == "PERSON":
            country = next((r.of for r in roles if r.of and ISO3.match(r.of)), country)
        country = country or next((c.guess for c in cs if c.guess), None)
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


def _dedupe(roles: list[Role]) -> list[Role]:
    seen, out = set(), []
    for r in roles:
        k = (title_key(r.title), r.of)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out
