"""Institutions and generic agents with their country (issue 11 item 4).

"Russia's Ministry of Defence" -> RUS, MIL; "Turkey's Foreign Ministry" -> TUR, GOV, an entity of
its own (each country's foreign ministry is a different actor); "the Foreign Ministry" later in the
story -> the same ministry; "EU foreign ministers" -> the EU; "Russian-led troops" -> RUS, MIL;
"Iraqi protesters" -> IRQ, CVL; "police" in a story set in Hong Kong -> HKG, COP.

What makes a phrase an agent, and which sector it names, is the agents table of the KB (mined from
PETRARCH's agent dictionary, plus our own short list in :mod:`kronika.actors.lexicon`). Its owner
is read, in this order, from the phrase itself ("Russian Foreign Ministry", "the United States
Department of State"), from a possessive or modifier before it ("Turkey's", "Iraqi", "EU",
"Russian-led"), from "of <country>" after it, from an earlier mention of the same institution, and
last from the context (:mod:`kronika.actors.setting`), the latter only for the state's own bodies
and for crowds (police, troops, the government, protesters), never for a lone "man" or "child".
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kronika.actors.cameo import words
from kronika.actors.candidates import Cand, name_sector, state_body
from kronika.actors.classify import ISO3, iso_of
from kronika.actors.doc import DocContext, clean, is_possessive
from kronika.actors.knowledge import Agent, agent_key, fold, slug
from kronika.actors.lexicon import SECTOR_NAMES, TITLES
from kronika.actors.setting import context_country

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Sectors a bare agent noun takes the context's country for ("police", "the government", "troops").
CONTEXT_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "CVL", "JRN", "REF"})
# ... and the words such an agent phrase must contain: bodies and crowds, not buildings or ships
# ("the embassy" in a story set in Iraq is rarely Iraq's).
CONTEXT_WORDS = words(
    """government authorities officials ministry ministries cabinet administration regime police
    policemen troops soldier soldiers army military forces navy guard guards servicemen marines
    paratroopers intelligence parliament lawmakers legislators court courts judges prosecutors
    civilians citizens protester protesters demonstrator demonstrators activists journalists
    reporters refugees migrants"""
)
GENERIC_CODES = frozenset({"~PPL"})  # "men", "people", "persons": nobody in particular
LED = frozenset({"led", "backed", "based", "supported", "sponsored", "allied", "aligned", "controlled"})
MAX_WORDS = 5
# Missions hosted by another state: "the US Embassy in Baghdad" is not Iraq's.
HOSTED = frozenset({"embassy", "embassies", "consulate", "mission", "office", "bureau", "delegation"})
NATIONAL_WORDS = frozenset({"national", "federal", "state", "supreme", "constitutional", "presidential"})
LIST_HEADS = frozenset({"including", "as", "like"})  # "German firms including/such as/like A, B and C"
CROWN_WORDS = frozenset({"royal", "imperial"})  # "Royal Saudi Air Force": the owner follows


def agent_phrase(ctx: DocContext, head: Token) -> tuple[int, Agent] | None:
    """The longest agent phrase ending at ``head``: (start token, agent)."""
    if head.lower_ not in ctx.kb.agent_heads:
        return None
    doc, best = ctx.doc, None
    for k in range(max(0, head.i - MAX_WORDS + 1), head.i + 1):
        if doc[k].is_space or doc[k].is_punct:
            continue
        agent = ctx.kb.agents.get(fold(doc[k : head.i + 1].text.replace("-", " ")))
        if agent is not None:
            best = (k, agent)
            break  # the first hit from the left is the longest
    return best


def owner_before(ctx: DocContext, start: int, groups: bool = False) -> tuple[str | None, int]:
    """The state or IGO right before an agent phrase: "Turkey's ▸", "Iraqi ▸", "EU ▸", "Russian-led ▸".

    A company or other organisation is not an owner here: "Boeing employees" are not Boeing acting.
    """
    doc = ctx.doc
    k = start
    if k >= 2 and doc[k - 1].lower_ in LED and doc[k - 2].text == "-":
        k -= 2  # "Russian-led troops"
    # "Turkey's ▸": the NER's span may end before the possessive or include it
    ent = ctx.ent_by_end.get(k) or (ctx.ent_by_end.get(k - 1) if k >= 1 and is_possessive(doc[k - 1]) else None)
    if ent is not None and ctx.kind(ent) != "person":
        iso = state_or_igo(ctx, iso_of(ctx, ent))
        if iso:
            return iso, ent.start
        group = ctx.entry(ent) if groups else None
        if group is not None and group.type == "GROUP":
            return group.kb_id, ent.start  # "Western officials": the West, not the story's country
    return None, start


def owner_described(ctx: DocContext, start: int) -> tuple[str | None, int, Agent | None]:
    """The owner before a description of a named organisation: "Iranian airline ▸Mahan Air",
    "Saudi Arabia's state-owned ▸Saudi Aramco", "Ukraine's national power company ▸Ukrenergo".

    Only lowercase adjectives, nouns and participles may stand between (never a verb: "Russian
    missiles hit ▸Ukrenergo" is not Russia's); the description's agent noun ("airline",
    "company") gives the sector when the name has none.
    """
    doc = ctx.doc
    k, agent = start - 1, None
    while k >= 0 and start - k <= 4 and describes(doc[k]):
        agent = agent or ctx.kb.agent_keys.get(agent_key(doc[k].text))
        k -= 1
    if k == start - 1:
        return None, start, None
    iso, _ = owner_before(ctx, k + 1)
    return (iso, start, agent) if iso else (None, start, None)  # the mention is the name alone


def owner_listed(ctx: DocContext, start: int) -> tuple[str | None, Agent | None]:
    """The owner a list's head describes: "German firms including Deutsche Bahn, Daimler and ▸Siemens"."""
    doc = ctx.doc
    k = start - 1
    while k > 0 and start - k < 16 and doc[k].lower_ not in LIST_HEADS:
        if not (doc[k].ent_type_ or doc[k].text == "," or doc[k].lower_ in ("and", "or")):
            return None, None
        k -= 1
    if k <= 0 or doc[k].lower_ not in LIST_HEADS:
        return None, None
    if doc[k].lower_ == "as":
        if doc[k - 1].lower_ != "such":
            return None, None  # "known as", "as well as": not a list's head
        k -= 1
    iso, _, agent = owner_described(ctx, k)
    return iso, agent


def describes(tok: Token) -> bool:
    """A word of a description before a name: "airline", "state-owned", "national", "power"."""
    if tok.text in ("-", "\u2013"):
        return True
    return tok.is_lower and (tok.pos_ in ("ADJ", "NOUN") or tok.tag_ == "VBN")


def state_or_igo(ctx: DocContext, code: str | None) -> str | None:
    if code and (ISO3.match(code) or (code in ctx.kb.entries and ctx.kb.entries[code].type == "IGO")):
        return code
    return None


def owner_after(ctx: DocContext, end: int) -> tuple[str | None, int]:
    """ "the armed forces ▸of Ukraine": (owner, the end token of the phrase with it)."""
    doc = ctx.doc
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        ent = ctx.ent_by_start.get(end + 1)  # the NER's span may start at "the" or after it
        if ent is None and doc[end + 1].lower_ == "the":
            ent = ctx.ent_by_start.get(end + 2)
        if ent is not None and ctx.kind(ent) != "person":
            code = state_or_igo(ctx, iso_of(ctx, ent))
            if code:
                return code, ent.end
    if end + 1 < len(doc) and doc[end].lower_ == "in" and not (set(doc[end - 2 : end].text.lower().split()) & HOSTED):
        # "the Foreign Ministry in Ankara": a ministry in a capital is that state's (an embassy in it is not)
        entry = ctx.entry(ctx.ent_by_start[end + 1]) if end + 1 in ctx.ent_by_start else None
        if entry is not None and entry.kind in ("capital", "seat") and entry.country and ISO3.match(entry.country):
            return entry.country, ctx.ent_by_start[end + 1].end
    return None, end


def owner_inside(ctx: DocContext, span: Span) -> tuple[str | None, list[Token]]:
    """A country (or IGO) named inside an organisation's name, and the name's other words.

    The owner opens the name or follows "of": "Russian Foreign Ministry", "the United States
    Department of State", "Security Council of the Russian Federation", "CSTO Collective Security
    Council"; "Nikki Holland" (an NER slip) and "the United States Embassy in Iraq" (Iraq is where,
    not whose) have none there.
    """
    kb, doc = ctx.kb, ctx.doc
    words = list(span)
    first = span.start + (len(span) > 2 and span[0].lower_ in CROWN_WORDS)  # "Royal ▸Saudi Air Force"
    starts = [first] + [t.i + 1 + (doc[t.i + 1].lower_ == "the") for t in span[:-1] if t.lower_ == "of"]
    found: list[tuple[bool, str, int, int]] = []  # (is an IGO, code, start, end): a state wins
    for i in starts:
        for j in range(min(span.end, i + 4), i, -1):
            text = doc[i:j].text
            code = kb.adjectives.get(fold(text)) if j == i + 1 else None
            if not code:
                code = next((x.kb_id for x in kb.lookup(text) if x.type in ("STATE", "IGO") and not x.weak), None)
            code = state_or_igo(ctx, code)
            if code and code in kb.entries and kb.entries[code].type == "GROUP":
                code = None  # "Western Mindanao Command" is not the West's
            if code:
                found.append((not ISO3.match(code), code, i, j))
                break
    if not found:
        return None, words
    _, code, i, j = min(found)
    return code, [t for t in words if not (i <= t.i < j) and t.lower_ not in ("the", "of", "'s")]


def institution(ctx: DocContext, ent: Span, last: dict[str, str], by_end: dict[int, Cand]) -> Cand:
    """An organisation the NER found, with its owner and sector; keyed per owner.

    ``last`` maps an institution's key to the owner of its latest mention ("the Foreign Ministry"
    after "Turkey's Foreign Ministry" is Turkey's); ``by_end`` holds the organisations found so far
    by their end token, for an acronym in brackets after one ("National Crime Agency (NCA)").
    """
    cand = _institution(ctx, ent, last)
    doc = ctx.doc
    before = by_end.get(ent.start - 1) if ent.start >= 1 and doc[ent.start - 1].text == "(" else None
    if before is None and len(clean(ent)) == 1 and clean(ent).text.isupper():
        before = spelled_out(clean(ent).text, by_end)  # "the NCA" after "National Crime Agency"
    if before is not None and len(clean(ent)) == 1 and clean(ent).text.isupper():
        span = clean(ent)
        cand = Cand(before.key, span.start_char, span.end_char, before.type, before.name, before.country,
                    before.sector, before.kb_id)  # fmt: skip
    by_end[ent.end] = cand
    return cand


def spelled_out(acronym: str, orgs: dict[int, Cand]) -> Cand | None:
    """The latest organisation whose capitalised words' initials spell ``acronym`` (NCA, FSB not)."""
    for cand in reversed(orgs.values()):
        initials = "".join(w[0] for w in cand.name.replace("-", " ").split() if w[:1].isupper())
        if len(acronym) >= 2 and initials == acronym:
            return cand
    return None


def _institution(ctx: DocContext, ent: Span, last: dict[str, str]) -> Cand:
    span = clean(ent)
    while len(span) > 1 and span[0].pos_ in ("ADV", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT"):
        span = span[1:]  # the NER's "Later the Foreign Ministry"
    iso, rest = owner_inside(ctx, span)
    agent = ctx.kb.agent_keys.get(agent_key(" ".join(t.text for t in rest))) if rest else None
    start = span.start
    end = span.end
    described = None
    if iso is None:
        iso, start = owner_before(ctx, span.start)
    if iso is None:
        iso, start, described = owner_described(ctx, span.start)
    if iso is None:
        iso, described = owner_listed(ctx, span.start)
    if iso is None:
        iso, end = owner_after(ctx, span.end)
    key_words = agent.key if agent else fold(" ".join(t.text for t in rest) or span.text)
    if iso is None and agent is not None:
        iso = last.get(key_words)
        if iso is None and takes_context(ctx, agent, span):
            iso = context_country(ctx, span.root, (span.start, span.end))
    if iso is None and span[0].lower_ in NATIONAL_WORDS and len(span) > 1:
        # "National Directorate for Security", "Federal Security Service": the state's own, named
        # without it, so the state the story is about
        iso = context_country(ctx, span.root, (span.start, span.end))
    doc = ctx.doc
    if iso is not None and not ISO3.match(iso):
        org = ctx.kb.entries[iso]  # an IGO's own body ("CSTO Collective Security Council"): the IGO acts
        return Cand(org.kb_id, doc[start].idx, span.end_char, org.type, org.name, None, org.sector, org.kb_id)
    if iso:
        last[key_words] = iso
    sector = (agent.sector if agent else None) or name_sector(span) or (described.sector if described else None)
    s = doc[start].idx
    e = doc[end - 1].idx + len(doc[end - 1].text)
    said = described.key if described else ""
    if iso and agent:
        kb_id = f"{iso}.{agent.sector}:{slug(agent.key)}"
        return Cand(kb_id, s, e, "ORG", span.text, iso, sector, kb_id, description=said)
    key = f"org:{iso.lower() + ':' if iso else ''}{fold(span.text)}"
    return Cand(key, s, e, "ORG", span.text, iso, sector, None, description=said)


def takes_context(ctx: DocContext, agent: Agent, phrase: Span) -> bool:
    """May this agent phrase take the country of its sentence or story? Bodies and crowds only."""
    said = {t.lower_ for t in phrase}
    return agent.sector in CONTEXT_SECTORS and agent.code not in GENERIC_CODES and bool(said & CONTEXT_WORDS)


def named_heads(cands: list[Cand]) -> list[tuple[int, str, Cand]]:
    """The nouns a named organisation is called again by: "the embassy" (US Embassy), "the airline"
    ("Iranian airline Mahan Air"), in text order: (start, noun, candidate)."""
    out = []
    for c in cands:
        if c.type != "ORG":
            continue
        words = c.name.lower().split()
        head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]  # "Ministry of Health"
        out.append((c.start, head, c))
        out += [(c.start, w, c) for w in c.description.split() if w != head]
    return sorted(out, key=lambda x: x[0])


def definite_back(doc: Doc, tok: Token, heads: list[tuple[int, str, Cand]]) -> Cand | None:
    """ "the embassy" refers back to the latest organisation called so before it."""
    if tok.i == 0 or doc[tok.i - 1].lower_ not in ("the", "this"):
        return None
    found = [c for s, w, c in heads if s < tok.idx and w == tok.lower_]
    return found[-1] if found else None


def common_agents(ctx: DocContext, covered: list[tuple[int, int]], named: list[Cand] | None = None) -> list[Cand]:
    """Agent noun phrases outside named entities ("police", "Iraqi protesters", "EU foreign ministers")."""
    doc, kb = ctx.doc, ctx.kb
    inside = {i for s, e in covered for i in range(s, e)}
    out: list[Cand] = []
    heads = named_heads(named or [])
    for tok in doc:
        if tok.i in inside or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod"):
            continue
        found = agent_phrase(ctx, tok)
        if found is None or tok.lower_ in TITLES:
            continue  # offices with a title are people ("the president"): kronika.actors.offices
        start, agent = found
        back = definite_back(doc, tok, heads) if start == tok.i else None
        if back is not None:
            out.append(replace(back, start=tok.idx, end=tok.idx + len(tok.text), description=""))
            continue
        if any(i in inside for i in range(start, tok.i)):
            start = tok.i  # "the Kremlin press service": the phrase starts after the entity
        iso, begin = owner_before(ctx, start, groups=True)
        end = tok.i + 1
        if iso is None:
            iso, end = owner_after(ctx, tok.i + 1)
        if iso is None:
            if not takes_context(ctx, agent, doc[start : tok.i + 1]):
                continue
            iso = context_country(ctx, tok, (start, tok.i + 1))
            begin = start
        if iso is None:
            continue
        s, e = doc[begin].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if iso in kb.entries and kb.entries[iso].type in ("IGO", "ORG", "GROUP"):
            org = kb.entries[iso]  # "EU foreign ministers", "NATO troops", "Western officials": it acts
            out.append(Cand(org.kb_id, s, e, org.type, org.name, None, org.sector, org.kb_id))
        elif ISO3.match(iso):
            name = f"{SECTOR_NAMES.get(agent.sector, agent.sector)} of {kb.country_name(iso)}"
            out.append(state_body(iso, agent.sector, name, s, e))
    return out


def covered_spans(ctx: DocContext) -> list[tuple[int, int]]:
    """Token ranges of the named entities (their own words are not generic agents)."""
    return [(e.start, e.end) for e in ctx.ents if ctx.kind(e) != "skip"]
