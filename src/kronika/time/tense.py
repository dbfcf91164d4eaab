"""The tense of the clause a time expression sits in, read from the spaCy parse.

News tense decides which "Wednesday" or which "May 3" is meant: "X happened on Wednesday" is the
Wednesday before the article date, "X will happen on Wednesday" the one after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "perfect", "future"]

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
# Verbs whose infinitive complement lies ahead of them: "is expected to arrive on Monday".
_PROSPECTIVE = {
    "expect",
    "plan",
    "schedule",
    "set",
    "due",
    "intend",
    "hope",
    "aim",
    "prepare",
    "go",
    "seek",
    "want",
    "slate",
}
# "is due in October", "are set for June": a present-tense copula with these looks ahead.
_PROSPECTIVE_ADJ = {"due", "set", "slated", "scheduled", "expected", "poised", "likely", "planned"}


def verb_tense(verb: Token) -> Tense | None:
    """Tense of a verb from its tag and its auxiliaries (future, perfect, past, present)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or (verb.lower_ in _FUTURE_AUX and verb.tag_ == "MD"):
        return "future"
    if any(a.lower_ == "going" for a in auxes) and any(c.lower_ == "to" for c in verb.children):
        return "future"
    if words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN":
        return "perfect"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    present_aux = any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    if verb.tag_ == "VBN" and present_aux and verb.lemma_ in _PROSPECTIVE:
        return "future"  # "is scheduled for release in June"
    if verb.tag_ in ("VBZ", "VBP") and any(
        c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in _PROSPECTIVE_ADJ for c in verb.children
    ):
        return "future"  # "are not due until October"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head is not verb:
        head = verb.head
        if head.lemma_ in _PROSPECTIVE and verb_tense(head) in ("present", "perfect", None):
            return "future"
        return verb_tense(head) if head.pos_ in ("VERB", "AUX") else None
    return None


def tense_at(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense governing the character span ``start:end`` of ``doc`` (None when unknown)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return verb_tense(tok)
        if tok.head is tok:
            break
        tok = tok.head
    # Verbless clause (a headline, a dateline): look for the sentence's main verb.
    root = span.sent.root
    return verb_tense(root) if root.pos_ in ("VERB", "AUX") else None
