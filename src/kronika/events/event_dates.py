"""Step 5: each event's date, from the times of its clause, its sentence, or the story around it.

The order of evidence (clause, sentence, context, scene, article) and why is in ``dates.py``,
which also holds the lookups; this module applies them to the candidates of one document, a
sentence at a time, so that a time one event's clause claims is not given to another event.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kronika.events.candidate import Candidate, DocContext
from kronika.events.dates import (
    TimeIndex,
    article_date,
    clause_chain,
    context_date,
    dated,
    iso_date,
    occasion_index,
    scene_date,
    times_by_owner,
    told_as_background,
)
from kronika.record import EventDate

if TYPE_CHECKING:
    from spacy.tokens import Token

TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "before", "after"})
# "began arriving on Thursday, after Tokayev asked for help": a clause told as before or after
# another happening did not happen on that happening's day
SEQUENCE_WORDS = frozenset({"after", "before", "since", "until", "till", "following"})


def sequence_clause(trigger: Token) -> Token | None:
    """The head of the before/after clause the trigger sits in (an ``advcl`` marked "after", or
    the verb of "after asking"), or None when its clause is told on its own terms."""
    cur = trigger
    while cur.head.i != cur.i:
        if cur.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ in SEQUENCE_WORDS for ch in cur.children):
            return cur
        if cur.dep_ == "pcomp" and cur.head.lower_ in SEQUENCE_WORDS:
            return cur
        if cur.dep_ in ("ccomp", "relcl", "acl", "parataxis"):  # a clause of its own: stop looking
            return None
        cur = cur.head
    return None


def _month(date: EventDate) -> EventDate:
    """The month of a day: what "after/before X" supports of X's own date (the gold's coarsest value)."""
    iso = date.iso or ""
    if date.precision not in ("day", "hour", "minute") or len(iso) < 7:
        return date
    return EventDate(time=date.time, value=iso[:7], inferred=True, iso=iso[:7], precision="month")


def adverbial(tok: Token) -> bool:
    """A time attached as an adverbial ("on Monday", "last week") rather than a dateline or a noun."""
    return tok.dep_ in ("npadvmod", "tmod", "advmod") or (tok.dep_ == "pobj" and tok.head.lower_ in TIME_PREPS)


def _stated(tindex: TimeIndex, tid: str) -> EventDate:
    t = tindex.get(tid)
    return dated(tid, t.value if t else None, inferred=False)


DATELINE = re.compile(r"(?:[A-Z][A-Z .'-]{1,40},\s*)?")  # nothing, or a place in capitals


def datelines(text: str, tindex: TimeIndex, published: str | None) -> set[str]:
    """Times that open the text ("Wednesday, October 2, 2019 For the first time ...", "KYIV, March
    3 -"): the date of the report, which the publication date already gives; never the date of an
    event of the sentence the parser glued to it ("... police fired on a protester yesterday")."""
    return {
        t.id
        for t in tindex.times
        if t.id in tindex.head
        and DATELINE.fullmatch(text[: t.start])
        and published
        and (t.value or "")[:10] == published[:10]  # "Thursday, police fired ...": a time, no dateline
    }


def names_a_thing(head: Token, trigger: Token) -> bool:
    """A time inside a name or a noun phrase ("the 2015 Minsk agreements", "the June 2021 summit")
    dates that noun, not the other events of its sentence."""
    return (
        head.dep_ in ("compound", "nmod", "amod", "nummod", "poss")
        and head.head.pos_ in ("NOUN", "PROPN")
        and (head.head.i != trigger.i)
    )


def scheduled(tindex: TimeIndex, tids: list[str], published: str | None) -> bool:
    """Are all these times after the article's date (a schedule, not when anything was said)?"""
    if not published:
        return False
    isos = [iso_date(t.value)[0] if (t := tindex.get(tid)) else None for tid in tids]
    return all(iso is not None and iso[:10] > published[:10] for iso in isos)


def assign_dates(dc: DocContext, cands: list[Candidate]) -> None:
    """Set ``date`` and ``date_source`` of every candidate (see ``dates.py`` for the order)."""
    article, doc, tindex = dc.article, dc.doc, dc.times
    published = article.metadata.published
    trig = {c.tok.i for c in cands}
    owned = times_by_owner(doc, tindex, trig)
    lines = datelines(article.text, tindex, article.metadata.published)
    owned = {i: [t for t in tids if t not in lines] for i, tids in owned.items()}
    occasions = occasion_index(doc)
    background = {tid for tid, h in tindex.head.items() if told_as_background(doc[h])}
    by_sent: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sent.setdefault(c.tok.sent.start, []).append(c)
    for group in by_sent.values():
        claimed: set[str] = set()
        chains = {}
        bounded: dict[int, set[int]] = {}  # trigger -> token indices of its before/after clause
        for c in group:
            chain = clause_chain(c.tok)
            head = sequence_clause(c.tok)
            if head is not None:  # its own clause's times only; the rest dates something else
                bounded[c.tok.i] = {t.i for t in head.subtree}
                chain = [i for i in chain if i in bounded[c.tok.i]]
            chains[c.tok.i] = chain
            for i in chain:
                claimed.update(owned.get(i, []))
        sent = group[0].tok.sent
        in_sent = [tid for tid, h in tindex.head.items() if sent.start <= h < sent.end and tid not in lines]
        for c in group:
            hit = next((owned[i] for i in chains[c.tok.i] if owned.get(i)), None)
            if not hit:  # "fought and defeated Germany in 1945": coordinated verbs share a date
                sib = [t.i for t in c.tok.conjuncts]
                hit = next((owned[i] for i in sib if owned.get(i)), None)
            promise = "future_of" in c.extra
            if hit and not (promise and scheduled(tindex, hit, published)):
                tid = min(hit, key=lambda t: (not adverbial(doc[tindex.head[t]]), abs(tindex.head[t] - c.tok.i)))
                c.date = _stated(tindex, tid)
                c.date_source = "clause"
                c.background_date = tid in background
                continue
            free = [t for t in in_sent if t not in claimed and not names_a_thing(doc[tindex.head[t]], c.tok)]
            if c.tok.i in bounded:
                own = bounded[c.tok.i]
                inside = [t for t in free if tindex.head[t] in own]
                if not inside:  # told before/after the sentence's happening: only its month is known
                    outer = [t for t in in_sent if tindex.head[t] not in own]
                    if outer:
                        tid = min(outer, key=lambda t: abs(tindex.head[t] - c.tok.i))
                        c.date = _month(_stated(tindex, tid))
                        c.date_source = "sentence"
                        continue
                free = inside
            if free and not (promise and scheduled(tindex, free, published)):
                tid = min(free, key=lambda t: abs(tindex.head[t] - c.tok.i))
                c.date = _stated(tindex, tid)
                c.date_source = "sentence"
                c.background_date = tid in background
                continue
            # a future or hypothetical event does not happen on the date the story just told; a
            # promise PLOVER's future rule made of it ("will hold talks in Geneva on January 10"
            # is AGREE) happened when it was told, not on the day it promises
            future = c.ctx.modality in ("expected", "hypothetical") and not promise
            prev = None if future else context_date(article, tindex, sent.start_char, background)
            if prev is not None:
                c.date = dated(prev.id, prev.value, inferred=True)
                c.date_source = "context"
            elif not future and (scene := scene_date(article, doc, tindex, c.tok, occasions)) is not None:
                c.date = dated(scene.id, scene.value, inferred=True)
                c.date_source = "scene"
            else:
                c.date = article_date(article)
                c.date_source = "article" if c.date.value else "none"
