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
a PhraseMatcher (exact text, a trie run in C) and a Matcher for the few token patterns, so the
cost per document does not grow with the size of the tables. Every KB entity carries
``"<label>|<kb id>"`` in ``ent.ent_id_``.
"""

from __future__ import annotations

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

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found = []
        for match_id, s, e in [*self.phrases(doc), *self.tokens(doc)]:
            key = strings[match_id]
            label = key.split("|", 1)[0]
            found.append(Span(doc, s, e, label=label, span_id=key))
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
