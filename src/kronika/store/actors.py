"""Turning what a user types ("Kazakhstan", "KAZ", "Tokayev", "EU") into stored entities.

A country -- by ISO code, by name, or by a stored state entity's name or key -- stands for every entity of
that country (its state, government, president, army), which is what an analyst means by
"Kazakhstan's timeline". Anything else matches entity names (whole words), knowledge-base ids and
acronyms of organisation names, plus the people holding an office of a matched organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from kronika.store.schema import entities
from kronika.stories.entities import initials, normalize_name


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


def _country_code(conn: Connection, q: str) -> str | None:
    if len(q) == 3 and q.isalpha() and q.upper() == q:
        return q
    norm = normalize_name(q)
    row = conn.execute(
        sa.select(entities.c.country).where(
            entities.c.type == "STATE", entities.c.country.is_not(None), sa.func.lower(entities.c.name) == norm
        )
    ).first()
    if row:
        return row.country
    try:
        import pycountry

        return pycountry.countries.lookup(q).alpha_3
    except (LookupError, ImportError):
        return None


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
    norm = normalize_name(q)
    exact = conn.execute(sa.select(entities.c.type, entities.c.country).where(entities.c.key == q)).first()
    if exact:
        keys.add(q)
        if exact.type == "STATE" and exact.country:  # a state's key stands for the whole country too
            countries.add(exact.country)
    like = f"%{norm}%"
    rows = conn.execute(
        sa.select(entities.c.key, entities.c.name, entities.c.kb_id, entities.c.type).where(
            sa.or_(
                sa.func.lower(entities.c.name).like(like),
                sa.func.lower(entities.c.kb_id) == q.lower(),
                entities.c.type.in_(("IGO", "ORG", "GROUP")),
            )
        )
    )
    words = norm.split()
    for r in rows:
        name_words = normalize_name(r.name).split()
        whole = any(name_words[i : i + len(words)] == words for i in range(len(name_words) - len(words) + 1))
        acronym = len(q) >= 2 and q.isupper() and r.type in ("IGO", "ORG", "GROUP") and initials(r.name) == q
        if whole or acronym or (r.kb_id and r.kb_id.lower() == q.lower()):
            keys.add(r.key)
    # People speak for organisations: whoever holds an office "of" a matched organisation (Charles
    # Michel, President of the European Council "of" EU) is part of it. Roles are JSON; their text
    # form is the same on SQLite and PostgreSQL, so a LIKE finds them without JSON operators.
    codes = {k.split(":", 1)[1] for k in keys if k.startswith("kb:")} | countries
    for code in sorted(codes):
        pattern = f'%"of": "{code}"%'
        for r in conn.execute(sa.select(entities.c.key).where(sa.cast(entities.c.roles, sa.Text).like(pattern))):
            keys.add(r.key)
    return ActorMatch(query, frozenset(keys), frozenset(countries))
