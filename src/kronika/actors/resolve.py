"""Mentions -> entities: the actors stage's resolution, as numbered steps over one document.

The input is the spaCy ``Doc`` (with the KB ruler's entities) and the article date; the output is
the record's ``entities``. Every step is a function of a per-document
:class:`~kronika.actors.doc.DocContext` (nothing is kept between documents) and works per entity
span or per title match: the work grows with the number of names in the text, not with the size
of the knowledge base.

1. type every entity span with the KB (:mod:`~kronika.actors.classify`), fixing the statistical
   NER ("Kyiv" is a place, "Kazakhs" a group of people);
2. people (:mod:`~kronika.actors.people`): titles before/after the name, the date-aware KB, and
   clustering of "Tokayev" with "Kassym-Jomart Tokayev";
3. offices without a name (:mod:`~kronika.actors.offices`): "the President of Belarus" resolved
   to the holder on the article date and merged with that person when the text names them;
4. everything else (:mod:`~kronika.actors.candidates`): capitals and seats read as a government
   or a place by context, demonyms with their heads, places, products; institutions and generic
   agents with their country (:mod:`~kronika.actors.agents`, :mod:`~kronika.actors.setting`:
   "Turkey's Foreign Ministry", "Iraqi protesters", "police" in a story set in Hong Kong);
5. group the mentions into entities.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kronika.actors.agents import common_agents, covered_spans, institution
from kronika.actors.candidates import Cand, build_entities, demonym_cand, entry_cand, simple_cand
from kronika.actors.classify import classify_all
from kronika.actors.doc import DocContext, clean
from kronika.actors.knowledge import KBEntry, KnowledgeBase
from kronika.actors.offices import office_cands
from kronika.actors.people import PersonMention, affiliate, cluster_people, person_mention
from kronika.actors.setting import dateline_place, find_setting
from kronika.record import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


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


def resolve(doc: Doc, kb: KnowledgeBase, on: dt.date, titles: list[Span]) -> list[Entity]:
    """The entities of one parsed document, offices resolved as of ``on``."""
    ctx = DocContext.build(doc, kb, on, titles)
    classify_all(ctx)  # 1
    find_setting(ctx)
    people: list[PersonMention] = []
    cands: list[Cand] = []
    last: dict[str, str] = {}  # an institution's latest owner: "the Foreign Ministry" after "Turkey's"
    orgs: dict[int, Cand] = {}  # organisations by end token: "(NCA)" after "National Crime Agency"
    named: dict[int, Cand] = {}  # ... by the first token of their entity span: "Mahan" after "Mahan Air"
    for ent in ctx.ents:
        kind, payload = ctx.info[ent.start]
        if kind == "person":
            pm = person_mention(ctx, ent)  # 2
            if pm:
                people.append(pm)
        elif kind == "entry" and isinstance(payload, KBEntry):
            cands.append(entry_cand(ctx, ent, payload))  # 4
        elif kind == "demonym" and isinstance(payload, str):
            cands.append(demonym_cand(ctx, ent, payload))
        elif kind == "org":
            cands.append(institution(ctx, ent, last, orgs))
            named[ent.start] = cands[-1]
        elif kind == "alias" and isinstance(payload, int) and payload in named:
            span = clean(ent)
            cands.append(replace(named[payload], start=span.start_char, end=span.end_char, description=""))
        else:
            cand = simple_cand(ctx, ent, kind, payload)
            if cand is not None:
                cands.append(cand)
    cands += common_agents(ctx, covered_spans(ctx), cands)  # 4: "police", "Iraqi protesters", "the embassy"
    place = dateline_place(ctx)
    if place is not None:
        cands.append(place)
    starts = {doc[i].idx: i for e in ctx.ents for i in range(e.start, min(e.end, e.start + 4))}
    affiliate(
        ctx, people, {starts[c.start]: c for c in sorted(cands, key=lambda c: c.type == "ORG") if c.start in starts}
    )
    cands += cluster_people(ctx, people)  # 2
    cands += office_cands(ctx, cands)  # 3
    names = {c.kb_id: kb.persons[c.kb_id].name for c in cands if c.kb_id in kb.persons}
    return build_entities(cands, doc.text, names)  # 5
