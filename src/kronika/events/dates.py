"""When did it happen: the event date from the time expressions the time stage found.

Order of evidence, most to least direct:
1. a time expression in the trigger's own clause, or in the clauses governing it ("on May 8 ...
   boarded", "it was only on 3 June that ... landed");
2. a time expression elsewhere in the sentence that no other event of the sentence claims;
3. context: the nearest preceding date in the same paragraph (the narrative continues); when a
   coarser date ("this year") follows a finer one it contains ("May 9"), the finer one wins
   (not for expected or hypothetical events: they do not happen on the date just told);
4. scene: the sentence names, with a definite article or a possessor, an occasion the article
   told of before ("the parade", "the summit", "the big day"): the date of the sentence that told
   of it (stated there, or its paragraph's context date);
5. the article's publication date, with ``inferred: true``.
Only 1 and 2 are dates stated for the event; 3-5 are marked ``inferred`` and say their source
in ``extra.date_source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kronika.events.syntax import is_verb
from kronika.record import Article, EventDate, Time

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DATE_VALUE = re.compile(r"^(\d{4}|XXXX)(-|$)")


def usable(t: Time) -> bool:
    """A time that can date an event: a calendar date or time, not a duration or a set."""
    return t.type in ("DATE", "TIME") and bool(_DATE_VALUE.match(t.value or ""))


@dataclass
class TimeIndex:
    """Times of the record located on the parse: each time's tokens and its head token."""

    times: list[Time]
    head: dict[str, int]  # time id -> index of the token that heads the time's span
    by_token: dict[int, str]

    @classmethod
    def build(cls, doc: Doc, times: list[Time]) -> TimeIndex:
        head: dict[str, int] = {}
        by_token: dict[int, str] = {}
        for t in times:
            if not usable(t):
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for tok in span:
                by_token.setdefault(tok.i, t.id)
            head[t.id] = span.root.i
        return cls(times, head, by_token)

    def get(self, tid: str) -> Time | None:
        return next((t for t in self.times if t.id == tid), None)


def owner(tok: Token, triggers: set[int]) -> int:
    """The predicate a token belongs to: the nearest verb or event trigger above it."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.i in triggers or is_verb(cur):
            return cur.i
    return cur.i


def clause_chain(trigger: Token) -> list[int]:
    """The trigger and the predicates governing it, nearest first, up to the sentence root."""
    return [trigger.i] + [a.i for a in trigger.ancestors if is_verb(a)]


def times_by_owner(doc: Doc, index: TimeIndex, triggers: set[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for tid, h in index.head.items():
        out.setdefault(owner(doc[h], triggers), []).append(tid)
    return out


def context_date(article: Article, index: TimeIndex, before: int) -> Time | None:
    """The nearest usable date before offset ``before`` in the same paragraph (refined, see module doc)."""
    para = next((p for p in article.paragraphs if p.start <= before < p.end), None)
    lo = para.start if para else 0
    prior = sorted((t for t in index.times if usable(t) and lo <= t.start and t.end <= before), key=lambda t: t.start)
    if not prior:
        return None
    best = prior[-1]
    for t in reversed(prior[:-1]):
        if len(t.value) > len(best.value) and t.value.startswith(best.value):
            best = t
    return best


# Nouns naming an occasion that happens on a day: a later "the parade" is the one told before.
OCCASIONS = {
    "parade",
    "summit",
    "ceremony",
    "celebration",
    "festival",
    "conference",
    "commemoration",
    "anniversary",
    "holiday",
    "election",
    "referendum",
    "inauguration",
    "funeral",
    "forum",
    "congress",
    "day",
}
_DEFINITE = {"the", "this", "that", "these", "those"}


def _occasion(tok: Token) -> bool:
    if tok.lemma_.lower() not in OCCASIONS or tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if not any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in tok.children):
        return False
    # "the day" alone is any day; "the big day", "Victory Day" is an occasion
    return tok.lemma_.lower() != "day" or any(c.dep_ in ("amod", "compound") for c in tok.children)


def occasion_index(doc: Doc) -> dict[str, list[int]]:
    """Token positions of each occasion noun in the document (built once per document)."""
    out: dict[str, list[int]] = {}
    for t in doc:
        low = t.lemma_.lower()
        if low in OCCASIONS and t.pos_ in ("NOUN", "PROPN"):
            out.setdefault(low, []).append(t.i)
    return out


def scene_date(
    article: Article, doc: Doc, index: TimeIndex, trigger: Token, occasions: dict[str, list[int]] | None = None
) -> Time | None:
    """Rule 4 of the module doc: the date of the occasion the trigger's sentence refers back to."""
    occasions = occasion_index(doc) if occasions is None else occasions
    sent = trigger.sent
    refs = sorted(
        (doc[i] for ids in occasions.values() for i in ids if sent.start <= i < sent.end and _occasion(doc[i])),
        key=lambda t: abs(t.i - trigger.i),
    )
    for occ in refs:
        for j in reversed(occasions.get(occ.lemma_.lower(), [])):
            if j >= sent.start:
                continue
            tok = doc[j]
            told = tok.sent
            stated = [
                t for t in index.times if t.id in index.head and told.start <= index.head[t.id] < told.end and usable(t)
            ]
            if stated:
                return min(stated, key=lambda t: abs(index.head[t.id] - tok.i))
            found = context_date(article, index, told.start_char)
            if found is not None:
                return found
    return None


def article_date(article: Article) -> EventDate:
    return EventDate(time=None, value=article.metadata.published, inferred=True)
