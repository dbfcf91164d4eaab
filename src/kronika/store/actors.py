"""Turning what a user types ("Kazakhstan", "KAZ", "Tokayev", "EU", "Kyiv") into stored entities.

A country -- by ISO code, by name, or by a stored state entity's name or key -- stands for every
entity of that country (its state, government, president, army), which is what an analyst means
by "Kazakhstan's timeline". Anything else matches entity names (whole words), knowledge-base ids
and acronyms of organisation names, plus the people holding an office of a matched organisation.
Every step is a lookup in the ``terms`` index (:mod:`kronika.store.terms`), never a scan of all
entities.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from kronika.store.schema import entities, event_actors
from kronika.store.terms import has_phrase, refs_with, refs_with_words
from kronika.stories.entities import normalize_name


@dataclass(frozen=True)
class ActorMatch:
    query: str
    keys: frozenset[str]
    countries: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.keys or self.countries)

    def condition(self) -> ColumnElement[bool]:
        """A WHERE clause on ``entities`` selecting the matched entities."""
        parts = []
        if self.keys:
            parts.append(entities.c.key.in_(sorted(self.keys)))
        if self.countries:
            parts.append(entities.c.country.in_(sorted(self.countries)))
        return sa.or_(*parts) if parts else sa.false()

    def matches(self, key: str, country: str | None) -> bool:
        return key in self.keys or (country is not None and country in self.countries)


def involving(m: ActorMatch) -> list[sa.Select]:
    """``SELECT event_id`` of the story events a matched actor takes part in, in parts: one index
    range per key and per country (an OR across both columns would scan every participant)."""
    parts: list[sa.Select] = []
    if m.keys:
        parts.append(sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(sorted(m.keys))))
    if m.countries:
        parts.append(
            sa.select(event_actors.c.event_id)
            .join(entities, entities.c.key == event_actors.c.entity_key)
            .where(entities.c.country.in_(sorted(m.countries)))
        )
    return parts or [sa.select(event_actors.c.event_id).where(sa.false())]


_STATE_OF = sa.select(entities.c.country).where(
    entities.c.key.in_(sa.bindparam("keys", expanding=True)),
    entities.c.type == "STATE",
    entities.c.country.is_not(None),
)
_NAMES = sa.select(entities.c.key, entities.c.name).where(entities.c.key.in_(sa.bindparam("keys", expanding=True)))


def _country_code(conn: Connection, q: str) -> str | None:
    if len(q) == 3 and q.isalpha() and q.upper() == q:
        return q
    named = sorted(refs_with(conn, f"n:{normalize_name(q)}"))
    if named:
        row = conn.execute(_STATE_OF, {"keys": named}).first()
        if row:
            return str(row.country)
    try:
        import pycountry

        return str(pycountry.countries.lookup(q).alpha_3)
    except (LookupError, ImportError):
        return None


def _by_name(conn: Connection, text: str, prefix: str = "w:") -> set[str]:
    """Refs whose name holds the words of ``text`` whole and in order."""
    found = sorted(refs_with_words(conn, text, prefix))
    if not found or prefix != "w:":
        return set(found)
    names = {r.key: r.name for r in conn.execute(_NAMES, {"keys": found})}
    return {k for k in found if has_phrase(names.get(k, ""), text)}


def resolve_actor(conn: Connection, query: str) -> ActorMatch:
    """All stored entities ``query`` may mean (empty when nothing matches)."""
    q = query.strip()
    if not q:
        return ActorMatch(query, frozenset(), frozenset())
    countries: set[str] = set()
    code = _country_code(conn, q)
    if code:
        countries.add(code)
    keys: set[str] = set()
    exact = conn.execute(sa.select(entities.c.type, entities.c.country).where(entities.c.key == q)).first()
    if exact:
        keys.add(q)
        if exact.type == "STATE" and exact.country:  # a state's key stands for the whole country too
            countries.add(exact.country)
    keys |= _by_name(conn, q)
    keys |= refs_with(conn, f"k:{q.lower()}")
    if len(q) >= 2 and q.isupper():
        keys |= refs_with(conn, f"a:{q}")
    # People speak for organisations: whoever holds an office "of" a matched organisation (Charles
    # Michel, President of the European Council "of" EU) is part of it.
    for c in sorted({k.split(":", 1)[1] for k in keys if k.startswith("kb:")} | countries):
        keys |= refs_with(conn, f"o:{c}")
    return ActorMatch(query, frozenset(keys), frozenset(countries))


def resolve_places(conn: Connection, query: str) -> list[str]:
    """Entity keys of the places (any entity an event is located at) whose name holds ``query``."""
    return sorted(_by_name(conn, query))


def resolve_outlets(conn: Connection, query: str) -> list[str]:
    """Outlet names holding the words of ``query`` whole and in order."""
    return sorted(o for o in refs_with_words(conn, query, "ow:") if has_phrase(o, query))
