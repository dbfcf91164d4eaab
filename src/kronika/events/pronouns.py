"""Pronouns: whether a pronoun can stand for a phrase, and whose a possessive is.

Kept apart from ``arguments.py`` (the parse patterns) because these rules are about reference,
not about which dependent plays which role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.events.syntax import RELATIVE, is_pronoun, prep_objects
from kronika.events.words import ACTOR_LABELS, COLLECTIVE, PERSON_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kronika.events.arguments import ArgumentFinder

SUBJECT_FORM = {"his": "he", "her": "she", "its": "it", "their": "they"}


def agrees(pron: Token, t: Token) -> bool:
    """Whether ``t`` can be what ``pron`` stands for (number; person or thing)."""
    low = pron.lower_
    plural = t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)
    if not plural and t.lemma_.lower() in COLLECTIVE:  # "a group of diplomats ... their meeting"
        plural = any(o.tag_ in ("NNS", "NNPS") for _w, o in prep_objects(t, {"of"}))
    if low in ("they", "them", "their"):
        return plural or t.ent_type_ in ("NORP", "ORG")
    if low in ("he", "him", "his", "she", "her"):
        return not plural and (t.ent_type_ == "PERSON" or t.pos_ == "PROPN" or t.lemma_ in PERSON_NOUNS)
    if low in ("it", "its"):
        return not plural and t.ent_type_ != "PERSON"
    return True


def other_possessor(finder: ArgumentFinder, tok: Token, avoid: frozenset[int]) -> Token | None:
    """The antecedent of a possessive pronoun on an action noun, when it is not the other side.

    "Putin supported his proposal": "his" is rarely the supporter himself, so the antecedent is
    the nearest earlier agreeing subject or name (this or the previous sentence) outside
    ``avoid`` (the other side's tokens); a subject pronoun of the same person on the way ("he
    plans ...") is followed to whom it stands for.
    """
    poss = next((c for c in tok.children if c.dep_ == "poss" and is_pronoun(c)), None)
    if poss is None:
        return None
    doc = tok.doc
    sent = poss.sent
    lo = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    personal = poss.lower_ in ("his", "her")
    for j in range(poss.i - 1, lo - 1, -1):
        t = doc[j]
        if j in avoid or t.lower_ in RELATIVE or t.dep_ == "compound":
            continue
        if is_pronoun(t):
            if t.dep_ not in ("nsubj", "nsubjpass") or t.lower_ != SUBJECT_FORM.get(poss.lower_):
                continue
            ante = finder.resolve_pronoun(t)
            return ante if ante is not None and ante.i not in avoid else None
        if not agrees(poss, t):
            continue
        if personal and not (t.ent_type_ == "PERSON" or t.lemma_.lower() in PERSON_NOUNS):
            continue
        if (t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN")) or (
            t.pos_ == "PROPN" and (finder.entity_at(t) or t.ent_type_ in ACTOR_LABELS)
        ):
            return t
    return None


FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
SPEECH_VERBS = frozenset({"say", "tell", "state", "add", "write", "declare", "announce", "insist", "tweet"})


def speaker(tok: Token) -> Token | None:
    """Who "I" or "we" is in a quotation: the named subject of the sentence's verb of saying
    ("'... we warn the Saudis ...', Saree said" -> Saree), or None when the sentence names none."""
    if tok.lower_ not in FIRST_PERSON or (tok.text.isupper() and len(tok.text) > 1):  # "US" is no "us"
        return None
    for verb in tok.sent:
        if verb.lemma_.lower() not in SPEECH_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        if tok.head.i == verb.i:  # "we said": the speakers themselves
            continue
        for s in verb.children:
            if s.dep_ == "nsubj" and not is_pronoun(s) and s.lower_ not in RELATIVE:
                return s
    return None
