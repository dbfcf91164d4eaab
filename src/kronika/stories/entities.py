"""Entity identity across articles: when two articles name the same actor.

Two entities are the same when their knowledge-base id matches, else when their normalized name
and country match ("Kassym-Jomart Tokayev"/KAZ in two articles). An event argument that no entity
resolved keeps its text as an ``text:`` key so it can still be listed and merged.
"""

from __future__ import annotations

import re

from kronika.normalize import fold
from kronika.record import Entity

_PUNCT = re.compile(r"[^\w\s]")


def normalize_name(name: str) -> str:
    """Lower case, no accents, no punctuation, no leading article: the form names are compared in."""
    s = fold(_PUNCT.sub(" ", fold(name)))
    return s[4:] if s.startswith("the ") else s


def entity_key(entity: Entity) -> str:
    """The cross-article identity of an entity (the ``entities.key`` column)."""
    if entity.kb_id:
        return f"kb:{entity.kb_id}"
    return f"name:{normalize_name(entity.name)}|{entity.country or ''}"


def text_key(text: str) -> str:
    """The identity of an event argument no entity resolved (e.g. "protesters")."""
    return f"text:{normalize_name(text)}"


def initials(name: str) -> str:
    """ "European Union" -> "EU": how acronyms in queries find organisations named in full."""
    words = [w for w in normalize_name(name).split() if w not in {"of", "and", "for", "the", "on"}]
    return "".join(w[0] for w in words).upper()
