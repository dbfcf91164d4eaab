"""Small helpers over spaCy's dependency parse shared by argument, context and date finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Relations that open a new clause or a side phrase: an argument phrase stops there.
PHRASE_STOP = {
    "relcl",
    "acl",
    "appos",
    "punct",
    "cc",
    "conj",
    "advcl",
    "prep",
    "parataxis",
    "dep",
    "ccomp",
    "mark",
    "npadvmod",  # "a border post ... last autumn": a time, not part of the name
    "tmod",
}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "parataxis", "csubj"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "us", "our", "i", "me", "my"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
NEGATIVE_SUBJECTS = {"none", "nobody", "neither", "nothing", "noone"}


def is_pronoun(tok: Token) -> bool:
    """A personal pronoun, not a name spelled like one ("US" is the United States, not "us")."""
    return tok.lower_ in PRONOUNS and tok.pos_ != "PROPN" and not (len(tok.text) > 1 and tok.text.isupper())


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head``: its subtree without clauses, appositions and conjuncts.

    "of" phrases stay ("the President of Belarus"), other prepositional phrases do not.
    """
    out = [head]
    stack = list(head.children)
    while stack:
        t = stack.pop()
        if t.dep_ in PHRASE_STOP and not (t.dep_ == "prep" and t.lemma_ == "of" and t.head.i == head.i):
            continue
        if t.dep_ in ("punct", "case") or t.is_space:
            continue
        out.append(t)
        stack.extend(t.children)
    out.sort(key=lambda t: t.i)
    while len(out) > 1 and out[0].dep_ in ("advmod", "cc", "preconj", "punct") and out[0].i < head.i:
        out.pop(0)  # "only Kyrgyzstan's President": focus adverbs are not part of the name
    return out


def phrase_bounds(head: Token) -> tuple[int, int]:
    toks = phrase_tokens(head)
    # a phrase is contiguous for our purposes: from its first to its last token
    first, last = toks[0], toks[-1]
    return first.idx, last.idx + len(last.text)


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Tokayev, Mirziyoyev and Berdimuhamedov")."""
    nominal = {"PROPN", "NOUN", "PRON"}
    same = [c for c in tok.conjuncts if c.pos_ == tok.pos_ or (c.pos_ in nominal and tok.pos_ in nominal)]
    return sorted([tok, *same], key=lambda t: t.i)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, preps: set[str] | None = None) -> list[tuple[str, Token]]:
    """(preposition, object) pairs under ``tok``: "to Moscow", "by the Patriot system".

    "according to X" and "as well as" style compounds are returned under the first word.
    """
    out = []
    for p in tok.children:
        if p.dep_ not in ("prep", "agent", "dative"):
            continue
        word = p.lower_
        if preps is not None and word not in preps:
            continue
        objs = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
        if not objs and word in ("according", "due", "out", "ahead"):  # "according to X": "to" hangs on it
            objs = [c for c in p.children if c.dep_ == "prep"]
        if not objs and p.dep_ == "dative" and p.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(("to", p))  # "gave Ukraine aid": the dative is the object itself
            continue
        for o in objs:
            if o.dep_ in ("pcomp", "prep") and o.pos_ == "ADP":  # "according to X", "out of X"
                out.extend((word, g) for g in o.children if g.dep_ == "pobj")
            else:
                out.append((word, o))
    return out


def is_time(tok: Token) -> bool:
    """A time expression's head ("Monday", "last year"): never an actor or a recipient."""
    return tok.ent_type_ in ("DATE", "TIME") and tok.pos_ != "PRON"


def in_dateline(tok: Token) -> bool:
    """Part of a dateline ("BAKU, Oct 13 (Reuters) -", "NEW YORK —"): a place in capitals opening the
    sentence, before a comma, a dash or a bracket. A dateline says where the report was filed; it is
    never an actor or a target."""
    sent = tok.sent
    if tok.i - sent.start > 3 or not (tok.is_alpha and tok.is_upper and len(tok.text) > 1):
        return False
    head = [t for t in tok.doc[sent.start : tok.i + 1]]
    if not all(t.is_alpha and t.is_upper for t in head):
        return False
    # a dash or a bracket (the agency) follows before any verb: "KYIV, March 3 (AP) -", "NEW YORK —";
    # "NATO, the EU and the UN agreed" is a list of parties
    for t in tok.doc[tok.i + 1 : min(len(tok.doc), tok.i + 9)]:
        if t.text in ("(", "-", "\u2014", "\u2013", "--"):
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def adjunct_preps(verb: Token) -> list[tuple[str, Token]]:
    """Place phrases the parser hung on an adjective next to the verb: "arrived unannounced in Brussels"."""
    out: list[tuple[str, Token]] = []
    for c in verb.children:
        if c.dep_ in ("acomp", "oprd", "advcl", "advmod") and c.pos_ in ("ADJ", "ADV"):
            out.extend((w, o) for w, o in prep_objects(c) if w in ("in", "at", "to", "into"))
    return out


def subject_of(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl"]


def governor_verb(tok: Token) -> Token | None:
    """The nearest verb above ``tok`` (the predicate a noun or non-finite clause hangs on)."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if is_verb(cur):
            return cur
    return None


def sentence_of(tok: Token) -> Span:
    return tok.sent
