"""Name lookups on an index: the ``terms`` table maps words and codes to entities and outlets.

Finding "Tokayev", "EU" or "Kyiv" among stored names used to be a ``LIKE '%...%'`` over every
entity (and every article's outlet), a full scan that grows with the archive. Instead each
entity and outlet is indexed under a few terms when it is first stored, and a query looks its
words up by primary key:

- ``w:<word>``: each word of the normalized name (``w:tokayev``); a query needs all its words;
- ``n:<name>``: the whole normalized name (``n:kazakhstan``);
- ``a:<ACRONYM>``: the initials of an organisation's name (``a:EU`` for European Union);
- ``k:<kb id>``: the knowledge-base id, lower-cased;
- ``o:<code>``: an office held "of" a country or organisation (``o:KAZ`` for its president);
- ``ow:<word>`` / ``on:<name>``: the same for outlet names (``ref`` is then the outlet itself).

The words found are then checked in Python (whole words, in order) on the few candidates.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kronika.store.schema import terms
from kronika.stories.entities import initials, normalize_name

ORG_TYPES = ("IGO", "ORG", "GROUP")


def entity_terms(name: str, etype: str, kb_id: str | None, office_of: Iterable[str | None] = ()) -> set[str]:
    norm = normalize_name(name)
    out = {f"w:{w}" for w in norm.split()} | ({f"n:{norm}"} if norm else set())
    if etype in ORG_TYPES and len(acr := initials(name)) >= 2:
        out.add(f"a:{acr}")
    if kb_id:
        out.add(f"k:{kb_id.lower()}")
    out |= {f"o:{c}" for c in office_of if c}
    return {t[:255] for t in out}


def outlet_terms(name: str) -> set[str]:
    norm = normalize_name(name)
    return {f"ow:{w}"[:255] for w in norm.split()} | ({f"on:{norm}"[:255]} if norm else set())


def add_terms(conn: Connection, ref: str, new: Iterable[str]) -> None:
    """Index ``ref`` under ``new`` terms (those it already has are left alone)."""
    wanted = sorted(set(new))
    if not wanted:
        return
    have = {r.term for r in conn.execute(_HAVE, {"ref": ref, "terms": wanted})}
    rows = [{"term": t, "ref": ref} for t in wanted if t not in have]
    if rows:
        conn.execute(terms.insert(), rows)


_HAVE = sa.select(terms.c.term).where(
    terms.c.ref == sa.bindparam("ref"), terms.c.term.in_(sa.bindparam("terms", expanding=True))
)
_REFS = sa.select(terms.c.ref).where(terms.c.term == sa.bindparam("term"))


def refs_with(conn: Connection, term: str) -> set[str]:
    """Everything indexed under one term."""
    return {r.ref for r in conn.execute(_REFS, {"term": term})}


def refs_with_words(conn: Connection, text: str, prefix: str = "w:") -> set[str]:
    """Refs whose name contains every word of ``text`` (order and adjacency are checked by callers)."""
    words = sorted(set(normalize_name(text).split()))
    if not words:
        return set()
    found: set[str] | None = None
    # Rarest word first would be ideal; any order gives the same answer, each step one index range.
    for w in words:
        hits = refs_with(conn, f"{prefix}{w}")
        found = hits if found is None else found & hits
        if not found:
            return set()
    return found or set()


def has_phrase(name: str, text: str) -> bool:
    """Whether the normalized words of ``text`` occur in ``name``, whole and in order."""
    words, name_words = normalize_name(text).split(), normalize_name(name).split()
    n = len(words)
    return bool(words) and any(name_words[i : i + n] == words for i in range(len(name_words) - n + 1))
