"""Adds a knowledge-base entity ruler to the spaCy pipeline (once, at load time).

The component runs *after* the statistical NER and reconciles the two:

- a KB name where the NER found nothing becomes an entity ("Kinzhal Kh-47M2", "Tokayev");
- a KB name with the same span as an NER entity relabels it ("Kyiv" tagged PERSON is a place,
  "Kazakhs" tagged GPE is a people);
- a KB name inside a *longer* NER entity keeps the NER span ("Singapore" in "Singapore Airlines",
  "Abbott" in "Abbott Laboratories", "Sharon" in "Sharon Stone"), except for weapons, whose full
  designations the KB knows better;
- otherwise the KB span replaces the NER entities it overlaps.

spaCy's stock ``entity_ruler`` cannot express the third rule (it either never or always
overwrites), which is why this is a small component of our own. Patterns are compiled once into
a PhraseMatcher (exact text, a trie run in C), a Matcher for the few token patterns, and
:class:`FoldedNames` for the tens of thousands of names mined from the PETRARCH dictionaries
(written in capitals there), whose matches count only where the text capitalises every longer word
("Sergey Lavrov", not "a black friday sale"); the cost per document does not grow with the size of
the tables. Every KB entity carries ``"<label>|<kb id>"`` in ``ent.ent_id_``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kronika.actors.knowledge import load_kb

RULER_NAME = "kronika_kb_ruler"
# Nouns that make an ordinary word ("Patriot", "Javelin", "Abrams") a weapons system.
WEAPON_NOUNS = [
    "missile",
    "missiles",
    "system",
    "systems",
    "battery",
    "batteries",
    "launcher",
    "launchers",
    "tank",
    "tanks",
    "drone",
    "drones",
    "jet",
    "jets",
    "fighter",
    "fighters",
    "aircraft",
    "howitzer",
    "howitzers",
    "rocket",
    "rockets",
    "interceptor",
    "interceptors",
    "vehicle",
    "vehicles",
    "air-defense",
    "air-defence",
    "munition",
    "munitions",
]
# NER labels whose longer spans win over a KB name inside them.
NER_KEEPS = frozenset({"ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
KB_ALWAYS = frozenset({"PRODUCT"})  # weapons: the KB knows their full names better


_FIRST_WORD = re.compile(r"[^\W_]+")


class FoldedNames:
    """Case-insensitive look-up of many multi-word names in a ``Doc``, without tokenising them.

    A PhraseMatcher over the ~25,000 mined names costs seconds and ~150 MB to compile at every
    start; here each name is a dictionary key (its lower-case text) and a candidate is tried only
    at a capitalised token that begins some name, growing token by token up to the longest name
    with that first word. Work per document grows with its capitalised words, not with the KB.
    """

    def __init__(self, names: dict[str, tuple[str, str]]) -> None:
        self.names = names  # lower-case text -> (label, ruler id)
        self.longest: dict[str, int] = {}  # first word -> longest name (characters) starting with it
        for text in names:
            m = _FIRST_WORD.match(text)
            for first in {m.group(0) if m else "", text.split(" ", 1)[0]} - {""}:
                self.longest[first] = max(self.longest.get(first, 0), len(text))

    def __call__(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """(start token, end token, label, id) of the longest name starting at each token."""
        text, out = doc.text, []
        for tok in doc:
            if not tok.text[:1].isupper() or tok.lower_ not in self.longest:
                continue
            limit = tok.idx + self.longest[tok.lower_] + 8  # slack for extra spaces in the text
            best = None
            for j in range(tok.i + 1, len(doc)):
                end = doc[j].idx + len(doc[j].text)
                if end > limit or "\n\n" in text[tok.idx : end]:
                    break
                hit = self.names.get(" ".join(text[tok.idx : end].lower().split()))
                if hit is not None:
                    best = (tok.i, j + 1, *hit)
            if best is not None:
                out.append(best)
        return out


def capitalised(span: Span) -> bool:
    """Every word longer than three letters starts with a capital ("Army of God", "Abu Bakr al-Baghdadi")."""
    return all(not (t.is_alpha and len(t) > 3 and t.text[0].islower()) for t in span) and span[0].text[:1].isupper()


def kb_patterns(kb_files: tuple[str, ...] = ()) -> list[tuple[str, str, str | list[dict[str, Any]]]]:
    """(label, id, pattern) for every KB name; a pattern is a phrase or a token pattern."""
    kb = load_kb(kb_files)
    out: list[tuple[str, str, str | list[dict[str, Any]]]] = []
    for text, (label, kb_id) in kb.ruler_names.items():
        if label == "PRODUCT?":
            out.append(("PRODUCT", kb_id, [{"ORTH": text}, {"LOWER": {"IN": WEAPON_NOUNS}}]))
        elif label == "PERSON":
            out.append(("PERSON", "person", text))
        elif text[:4].lower() == "the " and label != "NORP":
            out.append((label, kb_id, text[4:]))  # "the Ukraine war": the determiner is not the name
        else:
            out.append((label, kb_id, text))
    return out


class KBRuler:
    """Matches KB names and merges them with the NER's entities (rules in the module docstring)."""

    def __init__(self, nlp: Language, kb_files: tuple[str, ...] = ()) -> None:
        self.phrases = PhraseMatcher(nlp.vocab)
        self.tokens = Matcher(nlp.vocab)
        grouped: dict[str, list[Doc]] = {}
        for label, kb_id, pattern in kb_patterns(kb_files):
            key = f"{label}|{kb_id}"
            if isinstance(pattern, str):
                grouped.setdefault(key, []).append(nlp.make_doc(pattern))
            else:
                self.tokens.add(key, [pattern])
        for key, docs in grouped.items():
            self.phrases.add(key, docs)
        self.folded = FoldedNames(load_kb(kb_files).ruler_folded)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found = []
        for match_id, s, e in [*self.phrases(doc), *self.tokens(doc)]:
            key = strings[match_id]
            label = key.split("|", 1)[0]
            found.append(Span(doc, s, e, label=label, span_id=key))
        for s, e, label, kb_id in self.folded(doc):
            if capitalised(doc[s:e]):
                found.append(
                    Span(doc, s, e, label=label, span_id=f"{label}|{'person' if label == 'PERSON' else kb_id}")
                )
        if not found:
            return doc
        ents = list(doc.ents)
        for kb in filter_spans(found):
            over = [x for x in ents if x.start < kb.end and kb.start < x.end]
            if over and kb.label_ not in KB_ALWAYS:
                longer = [
                    x
                    for x in over
                    if x.label_ in NER_KEEPS and x.start <= kb.start and kb.end <= x.end and len(x) > len(kb)
                ]
                if longer:
                    continue
            if any(
                x.label_ == kb.label_ and x.start <= kb.start and kb.end <= x.end and len(x) > len(kb) for x in over
            ):
                continue  # "Sharon Stone" is a fuller name than the KB's "Sharon"
            if kb.label_ == "NORP?":
                nxt = doc[kb.end] if kb.end < len(doc) else None
                if nxt is not None and (nxt.is_title or nxt.pos_ == "PROPN"):
                    continue  # "West Bank", "West Africa": a compass point in a name
                kb = Span(doc, kb.start, kb.end, label="NORP", span_id=kb.id_.replace("NORP?", "NORP"))
            ents = [x for x in ents if x not in over]
            ents.append(kb)
        doc.ents = sorted(ents, key=lambda x: x.start)
        return doc


@Language.factory(RULER_NAME, default_config={"kb_files": []})
def make_kb_ruler(nlp: Language, name: str, kb_files: list[str]) -> KBRuler:
    return KBRuler(nlp, tuple(kb_files))


def add_kb_ruler(nlp: Any, kb_files: tuple[str, ...] = ()) -> Any:
    """Add the KB ruler after ``ner`` (or last when the pipeline has no NER)."""
    if RULER_NAME in nlp.pipe_names:
        return nlp
    where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe(RULER_NAME, config={"kb_files": list(kb_files)}, **where)
    return nlp
