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
in the event's ``date_source``.
"""

from __future__ import annotations

import datetime as dt
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


BACKGROUND_PREPS = frozenset({"following", "after", "since", "before", "until", "prior", "like", "than"})


def told_as_background(head: Token) -> bool:
    """A time that dates something the story only refers back to, not the story itself: it sits
    in a background phrase ("following their talks in Beijing on February 4", "since the
    2014 coup", "after the attack on Monday"), or in a participle describing a noun ("the
    agreement reached at the December 7 videoconference")."""
    cur = head
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.lower_ in BACKGROUND_PREPS and cur.dep_ in ("prep", "pcomp", "advcl"):
            return True
        if is_verb(cur):  # "the agreement reached during the December 7 videoconference": the noun's past
            return (
                cur.dep_ in ("acl", "advcl")
                and cur.tag_ == "VBN"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in cur.children)
            )
    return False


def context_date(
    article: Article, index: TimeIndex, before: int, skip: frozenset[str] | set[str] = frozenset()
) -> Time | None:
    """The nearest usable date before offset ``before`` in the same paragraph (refined, see module doc);
    times in ``skip`` (told as background) never continue the story."""
    para = next((p for p in article.paragraphs if p.start <= before < p.end), None)
    lo = para.start if para else 0
    prior = sorted(
        (t for t in index.times if usable(t) and lo <= t.start and t.end <= before and t.id not in skip),
        key=lambda t: t.start,
    )
    if not prior:
        return None
    best = prior[-1]
    for t in reversed(prior[:-1]):
        if len(t.value) > len(best.value) and t.value.startswith(best.value):
            best = t
    return best if narrative_day(best, article.metadata.published) else None


def narrative_day(t: Time, published: str | None) -> bool:
    """Whether a date told earlier can be the day a later sentence's event happened on.

    Only a day (or a time of a day) that is not after the article's date: a year or a month told
    before ("since 2015", "in November") sets background, not the day of what follows, and a date
    after publication is a schedule ("talks on January 13"), not when anything reported happened.
    """
    iso, precision = iso_date(t.value)
    if iso is None or precision not in ("day", "hour", "minute"):
        return False
    return not published or iso[:10] <= published[:10]


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
    return dated(None, article.metadata.published, inferred=True)


def dated(time: str | None, value: str | None, inferred: bool) -> EventDate:
    """An event date with its ISO form and precision read off the TIMEX3 ``value``."""
    iso, precision = iso_date(value)
    return EventDate(time=time, value=value, inferred=inferred, iso=iso, precision=precision)


_ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2}))?|T[A-Z]{2})?)?)?$")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_ISO_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")
_PART_START = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
_PART_NAME = {"Q": "quarter", "H": "half"}


def iso_date(value: str | None) -> tuple[str | None, str | None]:
    """``(iso, precision)`` of a TIMEX3 date value: an ISO 8601 string a data tool parses, or None.

    Days, months and years are kept as they are ("2023-05-18", "2023-05", "2023"); a time of day
    keeps its hour and minute ("2023-05-18T14:30"), a part of day ("2023-05-18TNI") its day; a week
    is its Monday, a quarter, half or season its first month, a decade or century its first year
    (the precision says how much of the string to trust). Values with unknown digits ("XXXX-05-03")
    and references (PRESENT_REF) have no ISO form.
    """
    if not value:
        return None, None
    try:
        if m := _ISO_DAY.match(value):
            y, mo, d, hh, mm = m.groups()
            if d is None:
                if mo is not None and not 1 <= int(mo) <= 12:
                    return None, None
                return value, "month" if mo else "year"
            day = dt.date(int(y), int(mo), int(d)).isoformat()
            if hh is None:
                return day, "day"
            if not (0 <= int(hh) <= 24 and 0 <= int(mm or 0) <= 59):
                return None, None
            return f"{day}T{min(int(hh), 23):02d}:{mm or '00'}", "minute" if mm else "hour"
        if m := _ISO_WEEK.match(value):
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat(), "week"
        if m := _ISO_PART.match(value):
            part = m.group(2)
            return f"{m.group(1)}-{_PART_START[part]:02d}", _PART_NAME.get(part[0], "season")
    except ValueError:  # "2023-02-30", "2023-W54": no such day
        return None, None
    if re.fullmatch(r"\d{3}X?", value):
        return f"{value[:3]}0", "decade"
    if re.fullmatch(r"\d{2}(?:XX)?", value):
        return f"{value[:2]}00", "century"
    return None, None
