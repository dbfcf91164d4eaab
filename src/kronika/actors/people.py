"""Step 2: people. Titles before and after the name, the date-aware KB, coreference of names.

"Kazakhstan's reform-committed President Kassym-Jomart Tokayev": the title's owner is read from
a possessive before it, skipping adjectives and adverbs, or from a demonym ("German Chancellor");
an apposition after the name works too ("Sadyr Japarov, the President of Kyrgyzstan,"). The KB
says who held which office on the article date and, for the officials mined from the PETRARCH
dictionaries, which country and sector a person belongs to then.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kronika.actors.candidates import Cand
from kronika.actors.classify import ISO3, iso_of
from kronika.actors.doc import DocContext, clean, is_possessive, modifier, title_case
from kronika.actors.knowledge import Person, fold, title_key
from kronika.actors.lexicon import STATE_SECTORS, TITLES
from kronika.actors.setting import context_country, place_country
from kronika.record import Role

if TYPE_CHECKING:
    from spacy.tokens import Span


# Titles held at home: with no country said, the country the story is about (a "General" or a
# "Minister" in international news may be anyone's).
DOMESTIC_TITLES = frozenset(
    {"mayor", "governor", "judge", "justice", "prosecutor", "senator", "sen.", "lawmaker", "speaker"}
)
ENVOY_TITLES = frozenset({"ambassador", "envoy"})
INITIAL = re.compile(r"^[A-Z]\.$")
# Offices of international organisations as often as of states.
INTERNATIONAL_TITLES = frozenset(
    {"secretary general", "secretary-general", "envoy", "spokesman", "spokeswoman", "spokesperson"}
)


def current_title_sector(roles: list[Role]) -> str | None:
    return next((TITLES[k] for r in roles if (k := title_key(r.title)) in TITLES), None)


def national_title(role: Role) -> bool:
    """A state's office named without its state: news names a foreign one's country, so it is the story's."""
    if role.of:
        return False
    key = title_key(role.title)
    return key in DOMESTIC_TITLES or (TITLES.get(key) in STATE_SECTORS and key not in INTERNATIONAL_TITLES)


@dataclass
class PersonMention:
    start: int  # char span of the whole mention (with title and possessive country)
    end: int
    name: str
    tokens: tuple[str, ...]
    roles: list[Role]
    sector: str | None
    person: Person | None = None
    tok: int = 0  # the name's first token
    tok_end: int = 0  # the token after the name
    affiliation: tuple[str | None, str | None] = (None, None)  # "X of the UK's National Crime Agency"


def owner_before(ctx: DocContext, tstart: int) -> tuple[str | None, int]:
    """The country or organisation owning a title: "Kazakhstan's reform-committed ▸President"."""
    doc = ctx.doc
    k = tstart - 1
    if k >= 0 and k + 1 in ctx.ent_by_end:  # "Kyrgyz President", "EU foreign policy chief"
        ent = ctx.ent_by_end[k + 1]
        iso = iso_of(ctx, ent)
        if iso:
            return iso, ent.start
    steps = 0
    while k >= 0 and steps < 6 and not is_possessive(doc[k]) and modifier(doc[k]):
        k -= 1
        steps += 1
    if k >= 1 and is_possessive(doc[k]) and k in ctx.ent_by_end:
        ent = ctx.ent_by_end[k]
        iso = iso_of(ctx, ent)
        if iso:
            return iso, ent.start
    return None, tstart


def role_before(ctx: DocContext, start: int) -> tuple[int, Role | None, str | None]:
    """Title (and its country) right before token ``start``: returns (mention start, role, sector)."""
    doc = ctx.doc
    title = ctx.titles_by_end.get(start)
    if title is None and start >= 2 and doc[start - 1].text == ")":
        # "MP (Member of Parliament) Tom Watson": the title before its spelled-out form
        k = next((k for k in range(start - 2, max(start - 8, 0), -1) if doc[k].text == "("), None)
        title = ctx.titles_by_end.get(k) if k is not None else None
        title = title or ctx.titles_by_end.get(start - 1)
    if title is None:
        # "the President of Belarus Alexander Lukashenko"
        ent = ctx.ent_by_end.get(start)
        if ent is not None and ent.start >= 2 and doc[ent.start - 1].lower_ == "of":
            t = ctx.titles_by_end.get(ent.start - 1)
            iso = iso_of(ctx, ent)
            if t is not None and iso:
                ctx.used_titles.add(t.start)
                return t.start, Role(t.text, iso), TITLES.get(t.text.lower())
        # "The mayor of London, Sadiq Khan,": the office names the person after it
        if start >= 4 and doc[start - 1].text == "," and (start - 1) in ctx.ent_by_end:
            place = ctx.ent_by_end[start - 1]
            t = ctx.titles_by_end.get(place.start - 1) if doc[place.start - 1].lower_ == "of" else None
            iso = (iso_of(ctx, place) or place_country(ctx.kb, place.text)) if t is not None else None
            if t is not None and iso:
                ctx.used_titles.add(t.start)
                return start, Role(title_case(t.text), iso), TITLES.get(t.text.lower())
        # "US Ambassador to Germany Richard Grenell": the envoy is the sending state's
        if ent is not None and ent.start >= 2 and doc[ent.start - 1].lower_ == "to":
            t = ctx.titles_by_end.get(ent.start - 1)
            if t is not None and title_key(t.text) in ENVOY_TITLES:
                ctx.used_titles.add(t.start)
                of, begin = owner_before(ctx, t.start)
                return (begin if of else t.start), Role(title_case(t.text), of), TITLES.get(t.text.lower())
        return start, None, None
    ctx.used_titles.add(title.start)
    sector = TITLES.get(title.text.lower())
    tstart, label = title.start, title_case(title.text)
    if tstart > 1 and doc[tstart - 1].text == "-" and doc[tstart - 2].lower_ == "ex":
        tstart -= 2  # "Ex-Prime Minister"
        label = f"former {label}"
    elif tstart > 0 and doc[tstart - 1].lower_ in ("former", "ex", "ex-", "late"):
        tstart -= 1
        label = f"former {label}"
    of, begin = owner_before(ctx, tstart)
    return (begin if of else tstart), Role(label, of), sector


def person_at(ctx: DocContext, i: int) -> bool:
    """Does a person's name start at token ``i`` (a list "X, Y's President Z", not an apposition)?"""
    ent = ctx.ent_by_start.get(i)
    return ent is not None and ctx.kind(ent) == "person"


def role_after(ctx: DocContext, end: int) -> Role | None:
    """Apposition after a name: "Sadyr Japarov, the President of Kyrgyzstan," / ", Kyrgyzstan's President"."""
    doc = ctx.doc
    i = end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in ("the", "a"):
        i += 1
        while (
            i < len(doc) - 1
            and doc[i].is_lower
            and (doc[i].pos_ == "ADJ" or doc[i].tag_ == "VBG")
            and i not in ctx.titles_at
        ):
            i += 1  # "the acting Prime Minister of Iraq"
    for t in ctx.titles:
        if t.start == i and t.end < len(doc) - 1 and doc[t.end].lower_ == "of":
            ent = ctx.ent_by_start.get(t.end + 1)
            iso = iso_of(ctx, ent) if ent is not None else None
            if iso and ent is not None and not person_at(ctx, ent.end):
                ctx.used_titles.add(t.start)
                return Role(title_case(t.text), iso)
    ent = ctx.ent_by_start.get(i)
    attributive = ent is not None and ent.label_ == "GPE" and doc[i - 1].lower_ == "a"  # ", a US peace envoy"
    if ent is not None and (
        (ent.end < len(doc) and is_possessive(doc[ent.end])) or ent.label_ == "NORP" or attributive
    ):
        iso = iso_of(ctx, ent)
        j = ent.end + (1 if ent.end < len(doc) and is_possessive(doc[ent.end]) else 0)
        while j < len(doc) and modifier(doc[j]) and j - ent.end < 5 and (j + 1) not in ctx.titles_by_end:
            j += 1
        for t in ctx.titles:
            if t.start == j and iso and not person_at(ctx, t.end):
                ctx.used_titles.add(t.start)
                return Role(title_case(t.text), iso)
    if doc[i - 1].lower_ == "the":
        # "Delfin Lorenzana, the Defence Secretary;", "X, the Republican Senate Majority Leader,":
        # a title closing the apposition, with at most a few names before it (a party, a chamber)
        j = i
        while (
            j < len(doc)
            and j - i < 3
            and j not in ctx.titles_at
            and doc[j].is_title
            and doc[j].pos_ in ("PROPN", "ADJ")
        ):
            j += 1
        closing = next((t for t in ctx.titles if t.start == j), None)
        ends = closing is not None and (closing.end >= len(doc) or doc[closing.end].is_punct)
        if closing is not None and ends and closing.start not in ctx.used_titles:
            ctx.used_titles.add(closing.start)
            return Role(title_case(closing.text), None)
    return None


def person_mention(ctx: DocContext, ent: Span) -> PersonMention | None:
    doc = ctx.doc
    span = clean(ent)
    while len(span) > 1 and span[0].pos_ in ("ADV", "DET", "ADP", "CCONJ", "SCONJ") and span[0].is_title:
        span = span[1:]  # the NER's "Later Miguel Torres"
    s, e = span.start, span.end
    roles: list[Role] = []
    sector = None
    # NER sometimes swallows the title: "President Putin".
    inner = [t for t in ctx.titles if s <= t.start and t.end < e and t.start == s]
    if inner:
        t = inner[0]
        ctx.used_titles.add(t.start)
        of, begin = owner_before(ctx, t.start)
        roles.append(Role(title_case(t.text), of))
        sector = TITLES.get(t.text.lower())
        s = t.end
        mstart = begin
    else:
        mstart, role, sector = role_before(ctx, s)
        if role:
            roles.append(role)
    after = role_after(ctx, e)
    if after:
        roles.append(after)
    if roles and roles[0].of is None and e + 1 < len(doc) and doc[e].lower_ == "of":
        # "Prime Minister Nikol Pashinyan of Armenia"
        owner = ctx.ent_by_start.get(e + 1)
        iso = iso_of(ctx, owner) if owner is not None else None
        if iso:
            roles[0] = Role(roles[0].title, iso)
    name_span = doc[s:e]
    if not name_span.text.strip() or not any(t.is_alpha for t in name_span):
        return None
    toks = tuple(fold(t.text) for t in name_span if t.is_alpha or "-" in t.text)
    pm = PersonMention(doc[mstart].idx, span.end_char, name_span.text, toks, roles, sector, tok=s, tok_end=e)
    pm.person = kb_person(ctx, name_span.text, roles)
    return pm


def affiliate(ctx: DocContext, people: list[PersonMention], orgs: dict[int, Cand]) -> None:
    """A person "of (the) <organisation>" or ", of the <organisation>," works for it: its country, its sector.

    ``orgs`` holds the organisations by their first token (with a possessive owner before it:
    "of the UK's National Crime Agency").
    """
    doc = ctx.doc
    for pm in people:
        i = pm.tok_end
        if i < len(doc) - 2 and doc[i].text == ",":
            # ", head of Iran's Quds Force", ", a spokesman for the PMF": a few words naming the job
            i += 1
            j = i + (doc[i].lower_ in ("the", "a", "an"))
            while j < len(doc) and j - i < 5 and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ"):
                j += 1
            if j < len(doc) and doc[j].lower_ in ("of", "for") and j > i:
                i = j
        if i >= len(doc) - 1 or doc[i].lower_ not in ("of", "for") or (doc[i].lower_ == "for" and i == pm.tok_end):
            continue
        i += 1 + (doc[i + 1].lower_ == "the")
        if i + 2 < len(doc) and doc[i].is_lower and is_possessive(doc[i + 1]):
            i += 2  # "of the army's Western Mindanao Command"
        owner = ctx.ent_by_start.get(i)
        if owner is not None and owner.end < len(doc) and is_possessive(doc[owner.end]) and i in orgs:
            if orgs[i].type != "ORG":
                i = owner.end + 1  # "head of Iran's Quds Force": the force, not Iran
        elif owner is not None and is_possessive(owner[-1]) and orgs.get(i) is not None and orgs[i].type != "ORG":
            i = owner.end
        org = orgs.get(i)
        if org is not None and org.type in ("ORG", "STATE") and org.sector:
            pm.affiliation = (org.country, org.sector)


def kb_person(ctx: DocContext, name: str, roles: list[Role]) -> Person | None:
    """The KB person a name refers to on the date: in office then, of a country the text names."""
    cands = ctx.kb.persons_named(name)
    if not cands and "." in name:  # "John R. Bolton" is the KB's "John Bolton"
        cands = ctx.kb.persons_named(" ".join(w for w in name.split() if not INITIAL.match(w)))
    if len(cands) <= 1:
        return cands[0] if cands else None
    active = [p for p in cands if p.terms_on(ctx.on)]
    pool = active or cands
    text_of = {r.of for r in roles if r.of}
    if text_of:
        pool = [p for p in pool if any(t.of in text_of for t in p.terms)] or pool
    elif ctx.countries:
        pool = [p for p in pool if any(t.of in ctx.countries for t in p.terms)] or pool
    if len(pool) > 1 and not active and len(name.split()) == 1:
        return None  # nobody of that name is in office on the date: a bare surname is too ambiguous
    return max(pool, key=lambda p: max((t.start for t in p.terms), default=dt.date.min))


def kb_roles(ctx: DocContext, person: Person, text_roles: list[Role]) -> list[Role]:
    """Roles from the text, completed by the KB terms held on the article date."""
    terms = [t for t in person.terms_on(ctx.on) if t.title]  # mined terms name no office
    out: list[Role] = [Role(t.title, t.of) for t in terms]
    for r in text_roles:
        if r.title.lower().startswith("former "):
            key = title_key(r.title[7:])
            past = [t for t in person.terms if t.title and t.end and t.end <= ctx.on and title_key(t.title) == key]
            if past:
                last = max(past, key=lambda t: t.start)
                out.append(Role(f"former {last.title}", r.of or last.of))
                continue
        same = [t for t in terms if title_key(t.title) == title_key(r.title)]
        if same and (r.of is None or r.of == same[0].of):
            continue
        out.append(r)
    if not out:
        prev = person.last_term(ctx.on)
        if prev is not None:
            out.append(Role(f"former {prev.title}", prev.of))
    return dedupe_roles(out)


def dedupe_roles(roles: list[Role]) -> list[Role]:
    seen, out = set(), []
    for r in roles:
        k = (title_key(r.title), r.of)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def cluster_people(ctx: DocContext, people: list[PersonMention]) -> list[Cand]:
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
    return [person_cand(ctx, key, pm) for key, pm in zip(keys, people, strict=True)]


def person_cand(ctx: DocContext, key: str, pm: PersonMention) -> Cand:
    """A person mention with the roles, country and sector the text and the KB give it."""
    roles = list(pm.roles)
    sector, kb_id = pm.sector, None
    if pm.person:
        kb_id = pm.person.kb_id
        roles = kb_roles(ctx, pm.person, roles)
        if not pm.person.terms_on(ctx.on):
            # the text's current title ("Zalmay Khalilzad, a US peace envoy") says they hold office
            sector = sector or current_title_sector(pm.roles) or "ELI"
    sector = sector or next((TITLES[r.title.lower()] for r in roles if r.title.lower() in TITLES), None)
    org = next((ctx.kb.entries.get(r.of) for r in roles if r.of and r.of in ctx.kb.entries), None)
    if org is not None and org.type == "ORG" and org.sector:
        sector = org.sector  # "Hamas leader ..." is REB, not GOV
    if sector == "BUS" and any(r.of and ISO3.match(r.of) for r in roles):
        sector = "GOV"  # "the chief executive of Hong Kong" heads a government, not a company
    sector = sector or ("GOV" if any(r.of for r in roles) else None)
    country = next((r.of for r in roles if r.of and ISO3.match(r.of)), None)
    if pm.person and (country is None or sector is None):
        of, kb_sector = pm.person.affiliation(ctx.on)  # the mined officials' country and sector
        country = country or (of if of and ISO3.match(of) else None)
        sector = sector or kb_sector
    if pm.affiliation != (None, None) and not (pm.person and pm.person.terms_on(ctx.on)):
        country = country or pm.affiliation[0]  # "Nikki Holland of the National Crime Agency": its staff
        sector = sector if sector not in (None, "ELI") else pm.affiliation[1] or sector
    in_office = pm.person is not None and bool(pm.person.terms_on(ctx.on))  # the KB says whose they are
    if country is None and not in_office and (pm.person is None or any(national_title(r) for r in roles)):
        # "Mayor Adamowicz", "Interior Minister Brudziński": an office of the country the story is
        # about; someone the KB does not know and the text does not place (a witness, a suspect, an
        # opposition figure): news names a foreigner's country, so also the story's
        guess = context_country(ctx, ctx.doc[pm.tok])
        return Cand(key, pm.start, pm.end, "PERSON", pm.name, None, sector, kb_id, roles, guess=guess)
    return Cand(key, pm.start, pm.end, "PERSON", pm.name, country, sector, kb_id, roles)
