"""Step 3: offices without a name ("the President of Belarus", "Armenia's Prime Minister").

An office of a state is resolved to its holder on the article date; when the text names that
person anywhere, the office is one more mention of them, otherwise it is an entity named after the
office whose ``kb_id`` is the holder's key. A bare "the president" refers back to the last person
named with that office, and is left out when there is none.
"""

from __future__ import annotations

from collections.abc import Iterator

from kronika.actors.candidates import Cand
from kronika.actors.classify import ISO3, iso_of
from kronika.actors.doc import DocContext, title_case
from kronika.actors.knowledge import title_key
from kronika.actors.lexicon import STATE_OFFICES
from kronika.actors.people import owner_before
from kronika.record import Role


def office_mentions(ctx: DocContext) -> Iterator[tuple[int, int, Role]]:
    """Titles of a state with no name attached: (start token, end token, role)."""
    doc = ctx.doc
    for t in ctx.titles:
        if t.start in ctx.used_titles or t.text.lower() not in STATE_OFFICES:
            continue
        if t.end in ctx.ent_by_start and ctx.ent_by_start[t.end].label_ == "PERSON":
            continue
        if t.end + 1 < len(doc) and doc[t.end].lower_ == "of" and (t.end + 1) in ctx.ent_by_start:
            ent = ctx.ent_by_start[t.end + 1]
            iso = iso_of(ctx, ent)
            if iso and not (ent.end in ctx.ent_by_start and ctx.ent_by_start[ent.end].label_ == "PERSON"):
                yield t.start, ent.end, Role(title_case(t.text), iso)
                continue
        of, begin = owner_before(ctx, t.start)
        if of:
            yield begin, t.end, Role(title_case(t.text), of)
        elif t.start > 0 and doc[t.start - 1].lower_ == "the" and not plural_next(ctx, t.end):
            yield t.start, t.end, Role(title_case(t.text), None)  # "the president": an anaphor


def plural_next(ctx: DocContext, i: int) -> bool:
    """ "the president's", "the president and ..." are fine; "the president(s) of companies" is not an office."""
    return i < len(ctx.doc) and ctx.doc[i].tag_ in ("NNS", "NNPS")


def office_cands(ctx: DocContext, cands: list[Cand]) -> list[Cand]:
    """A candidate per office mention, keyed to its holder (or to the person it refers back to)."""
    doc = ctx.doc
    named = {c.kb_id for c in cands if c.type == "PERSON" and c.kb_id}
    people = sorted((c for c in cands if c.type == "PERSON" and c.named), key=lambda c: c.start)
    out: list[Cand] = []
    for ts, te, role in office_mentions(ctx):
        start = doc[ts].idx
        end = doc[te - 1].idx + len(doc[te - 1].text)
        if role.of is None:
            key_t = title_key(role.title)
            prior = [c for c in people if c.start < start and any(title_key(r.title) == key_t for r in c.roles)]
            if prior:
                c = prior[-1]
                out.append(Cand(c.key, start, end, "PERSON", c.name, c.country, c.sector, c.kb_id, [], named=False))
            continue
        label = f"{role.title} of {ctx.kb.country_name(role.of)}"
        holder = ctx.kb.holder(role.of, role.title, ctx.on)
        country = role.of if ISO3.match(role.of) else None
        roles = [Role(role.title, role.of)]
        if holder and holder.person in named:
            key, roles = holder.person, []  # the named person already has the office from the KB
        else:
            key = holder.person if holder else f"office:{role.of}:{title_key(role.title)}"
        kb_id = holder.person if holder else None
        out.append(Cand(key, start, end, "PERSON", label, country, "GOV", kb_id, roles, named=False))
    return out
