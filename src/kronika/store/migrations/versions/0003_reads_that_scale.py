"""Reads that scale: name terms, activity counts kept by ingest, a data version, filter indexes.

- ``terms``: words, names, acronyms, KB ids and offices of entities, and words of outlet names,
  so actor, place and outlet filters are index lookups (see :mod:`kronika.store.terms`);
- ``entities.n_articles / n_mentions / n_events`` and ``entity_months``: what the actor list and
  the actor page count, kept up to date by ingest instead of counted over every mention per call;
- ``kb_state.version``: +1 per write transaction, the key under which answers are cached;
- ``events(type, date_min)`` (replaces ``events(type)``) for filters by type and merge
  candidates by type and date; ``events(sort_date, id)`` (replaces ``events(sort_date)``) so a
  timeline page is read in order off the index; ``event_sources(location_key)`` for the place
  filter; ``articles(revision_of)`` for "superseded by"; ``articles(published, id)`` (replaces
  ``articles(published)``) for the newest-first article list;
- an event's location that no entity resolved gets a ``text:`` entity (as unresolved actors do),
  so places are found through the same terms.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TERM_COMMENT = "w:word n:name a:ACRONYM k:kb o:office ow:/on:outlet"
REF_COMMENT = "an entity key, or an outlet name for ow:/on: terms"
VERSION_COMMENT = "+1 per write transaction: what cached answers key on"


def upgrade() -> None:
    with op.batch_alter_table("entities", schema=None) as batch_op:
        for col, comment in (
            ("n_articles", "current articles naming it"),
            ("n_mentions", "its mentions in them"),
            ("n_events", "story events it takes part in"),
        ):
            batch_op.add_column(sa.Column(col, sa.Integer(), server_default="0", nullable=False, comment=comment))
        batch_op.create_index("ix_entities_activity", ["n_articles", "n_mentions"], unique=False)
    op.create_table(
        "terms",
        sa.Column("term", sa.String(length=255), nullable=False, comment=TERM_COMMENT),
        sa.Column("ref", sa.String(length=255), nullable=False, comment=REF_COMMENT),
        sa.PrimaryKeyConstraint("term", "ref"),
    )
    op.create_table(
        "entity_months",
        sa.Column("entity_key", sa.String(length=255), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False, comment="YYYY-MM of publication, or 'unknown'"),
        sa.Column("mentions", sa.Integer(), server_default="0", nullable=False),
        sa.Column("articles", sa.Integer(), server_default="0", nullable=False, comment="current articles"),
        sa.ForeignKeyConstraint(["entity_key"], ["entities.key"]),
        sa.PrimaryKeyConstraint("entity_key", "month"),
    )
    op.create_table(
        "kb_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False, comment=VERSION_COMMENT),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO kb_state (id, version) VALUES (1, 0)")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type")
        batch_op.drop_index("ix_events_sort_date")
        batch_op.create_index("ix_events_type_date_min", ["type", "date_min"], unique=False)
        batch_op.create_index("ix_events_sort_date_id", ["sort_date", "id"], unique=False)
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_revision_of", ["revision_of"], unique=False)
        batch_op.drop_index("ix_articles_published")
        batch_op.create_index("ix_articles_published_id", ["published", "id"], unique=False)
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.create_index("ix_event_sources_location_key", ["location_key"], unique=False)
    _backfill()


def _backfill() -> None:
    """Fill the new tables and columns from what an existing store holds."""
    from kronika.store.terms import entity_terms, outlet_terms
    from kronika.stories.entities import text_key

    conn = op.get_bind()
    current = "JOIN articles a ON a.id = m.article_id AND a.current"
    of_it = "WHERE m.entity_key = entities.key"
    conn.exec_driver_sql(
        "UPDATE entities SET "
        f"n_articles = (SELECT count(DISTINCT m.article_id) FROM mentions m {current} {of_it}), "
        f"n_mentions = (SELECT count(*) FROM mentions m {current} {of_it}), "
        "n_events = (SELECT count(DISTINCT x.event_id) FROM event_actors x WHERE x.entity_key = entities.key)"
    )
    month = "coalesce(substr(a.published, 1, 7), 'unknown')"
    conn.exec_driver_sql(
        f"INSERT INTO entity_months (entity_key, month, mentions, articles) "
        f"SELECT m.entity_key, {month}, count(*), count(DISTINCT m.article_id) FROM mentions m {current} "
        f"GROUP BY m.entity_key, {month}"
    )
    # Locations no entity resolved: a text: entity, as for actors, so the place filter finds them.
    unresolved = conn.exec_driver_sql(
        "SELECT DISTINCT location_text FROM event_sources WHERE location_key IS NULL AND location_text IS NOT NULL"
    ).all()
    known = {r[0] for r in conn.exec_driver_sql("SELECT key FROM entities").all()}
    for (text,) in unresolved:
        key = text_key(text)
        if key not in known:
            conn.execute(
                sa.text("INSERT INTO entities (key, name, type, roles) VALUES (:k, :n, 'OTHER', :r)"),
                {"k": key, "n": text, "r": "[]"},
            )
            known.add(key)
        conn.execute(
            sa.text("UPDATE event_sources SET location_key = :k WHERE location_key IS NULL AND location_text = :t"),
            {"k": key, "t": text},
        )
    rows: set[tuple[str, str]] = set()
    for key, name, etype, kb_id, roles in conn.exec_driver_sql(
        "SELECT key, name, type, kb_id, roles FROM entities"
    ).all():
        held: list[dict[str, Any]] = (json.loads(roles) if isinstance(roles, str) else roles) or []
        office_of = [r.get("of") for r in held]
        rows |= {(t, key) for t in entity_terms(name, etype, kb_id, office_of)}
    for (outlet,) in conn.exec_driver_sql("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL").all():
        rows |= {(t, outlet) for t in outlet_terms(outlet)}
    if rows:
        conn.execute(sa.text("INSERT INTO terms (term, ref) VALUES (:t, :r)"), [{"t": t, "r": r} for t, r in rows])


def downgrade() -> None:
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_event_sources_location_key")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_revision_of")
        batch_op.drop_index("ix_articles_published_id")
        batch_op.create_index("ix_articles_published", ["published"], unique=False)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_sort_date_id")
        batch_op.drop_index("ix_events_type_date_min")
        batch_op.create_index("ix_events_sort_date", ["sort_date"], unique=False)
        batch_op.create_index("ix_events_type", ["type"], unique=False)
    op.drop_table("kb_state")
    op.drop_table("entity_months")
    op.drop_table("terms")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index("ix_entities_activity")
        for col in ("n_events", "n_mentions", "n_articles"):
            batch_op.drop_column(col)
