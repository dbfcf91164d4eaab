"""Reading a mention's syntactic context: metonymy (actor or place?) and demonym heads.

"Phone calls from the Kremlin" makes the Kremlin an actor (Russia's government); "a drone attack
on the Kremlin" makes it a place. The decision uses the dependency parse spaCy already made: the
mention's grammatical role and the word it attaches to, looked up in the short lists of
:mod:`kronika.actors.lexicon`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from kronika.actors.lexicon import (
    ACTOR_PREPS,
    ATTACK_WORDS,
    COMMUNICATION_WORDS,
    MOTION_WORDS,
    PLACE_NOUNS,
    PLACE_PREPS,
    SECTOR_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Reading = Literal["actor", "place"]


def _words(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def metonymy(span: Span) -> Reading | None:
    """``actor`` or ``place`` for a capital or seat of government in context; None if undecided."""
    root = span.root
    for _ in range(4):  # "Moscow and Minsk said": read the first conjunct's role
        if root.dep_ == "conj" and root.head is not root:
            root = root.head
        else:
            break
    dep, head = root.dep_, root.head
    if dep in ("nsubj", "nsubjpass", "csubj", "agent"):
        return "actor"
    if dep == "poss":
        return "place" if _words(head) & PLACE_NOUNS else "actor"
    if dep in ("compound", "amod", "nmod", "appos", "npadvmod"):
        return "place"
    if dep == "dobj":
        return "place" if _words(head) & (MOTION_WORDS | ATTACK_WORDS) else "actor"
    if dep == "pobj":
        prep = head.lower_
        gov = head.head  # the word the preposition attaches to
        words = _words(gov)
        if prep in ACTOR_PREPS:
            return "place" if words & ATTACK_WORDS else "actor"
        if prep == "from":
            if words & COMMUNICATION_WORDS:
                return "actor"
            return "place"
        if prep in ("on", "upon", "for", "to", "toward", "towards"):
            if words & ATTACK_WORDS or words & MOTION_WORDS:
                return "place"
            if words & COMMUNICATION_WORDS:
                return "actor"
            return "place"
        if prep in PLACE_PREPS:
            return "place"
        if prep == "of":
            return "actor" if words & COMMUNICATION_WORDS else "place"
    return None


def demonym_head(span: Span) -> tuple[Token | None, str | None]:
    """The noun a demonym adjective modifies ("Russian troops" -> troops) and the sector it implies."""
    root = span.root
    if root.dep_ not in ("amod", "compound", "nmod", "npadvmod") or root.head.i <= root.i:
        return None, None
    head = root.head
    if head.pos_ not in ("NOUN", "PROPN") or head.i - span.end > 4:
        return None, None
    prev = head.doc[head.i - 1] if head.i > span.end else None
    keys = []
    if prev is not None:
        keys.append(f"{prev.lower_}-{head.lower_}")
    keys += [head.lower_, head.lemma_.lower()]
    for k in keys:
        if k in SECTOR_NOUNS:
            return head, SECTOR_NOUNS[k]
    return head, None
