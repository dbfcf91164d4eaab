"""The per-document context every resolution step reads: the parse, its indexes, the KB, the date.

One :class:`DocContext` is built per document and passed to the steps of
:mod:`kronika.actors.resolve`; nothing about a document is kept on a module or a shared object,
so documents can be resolved concurrently. The steps record in it only what later steps must
know: which title matches a person already used (``used_titles``) and how each entity span was
typed (``info``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kronika.actors.knowledge import KBEntry, KnowledgeBase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# NER labels that never name an actor.
SKIP_LABELS = frozenset(
    ["DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE", "LAW", "WORK_OF_ART"]
)

# How an entity span was typed: (kind, payload); kinds are documented in kronika.actors.classify.
Info = tuple[str, object]


@dataclass
class DocContext:
    doc: Doc
    kb: KnowledgeBase
    on: dt.date  # the date offices are resolved on
    titles: list[Span]  # title matches ("President", "Foreign Minister"), in text order
    ents: list[Span] = field(default_factory=list)
    ent_by_start: dict[int, Span] = field(default_factory=dict)
    ent_by_end: dict[int, Span] = field(default_factory=dict)
    titles_by_end: dict[int, Span] = field(default_factory=dict)
    titles_at: set[int] = field(default_factory=set)  # start tokens of title matches
    used_titles: set[int] = field(default_factory=set)  # start tokens of titles a person consumed
    info: dict[int, Info] = field(default_factory=dict)  # ent.start -> how the span was typed
    countries: set[str] = field(default_factory=set)  # every country the text names
    setting: str | None = None  # the country the story is set in (kronika.actors.setting)
    dateline_end: int = 0  # character offset where a dateline ("BAKU, Oct 13 (Reuters) -") ends

    @classmethod
    def build(cls, doc: Doc, kb: KnowledgeBase, on: dt.date, titles: list[Span]) -> DocContext:
        ents = [e for e in doc.ents if e.label_ not in SKIP_LABELS]
        return cls(
            doc,
            kb,
            on,
            titles,
            ents,
            {e.start: e for e in ents},
            {e.end: e for e in ents},
            {t.end: t for t in titles},
            {t.start for t in titles},
        )

    def kind(self, ent: Span) -> str:
        return self.info.get(ent.start, ("", None))[0]

    def entry(self, ent: Span) -> KBEntry | None:
        kind, payload = self.info.get(ent.start, ("", None))
        return payload if kind == "entry" and isinstance(payload, KBEntry) else None


def is_possessive(tok: Token) -> bool:
    return tok.tag_ == "POS" or tok.lower_ in ("'s", "\u2019s", "'", "\u2019")


def clean(span: Span) -> Span:
    """Drop a trailing possessive and a leading determiner from an entity span."""
    s, e = span.start, span.end
    doc = span.doc
    while e - s > 1 and is_possessive(doc[e - 1]):
        e -= 1
    if e - s > 1 and doc[s].lower_ == "the":
        s += 1
    return doc[s:e]


def modifier(tok: Token) -> bool:
    """A word that may sit between a possessive and a title ("reform-committed", "reclusive")."""
    if tok.text in ("-", "\u2013"):
        return True
    return tok.is_lower and tok.pos_ in ("ADJ", "ADV", "VERB", "NOUN", "PUNCT") and tok.text not in (",", ";")


def title_case(text: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())
