"""Initial schema: the tables of kronika.store.schema, full-text search and Datasette views.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 04:42:10.978032
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column(
            "id", sa.String(length=64), nullable=False, comment="content hash of the normalized body (Article.id)"
        ),
        sa.Column("locator", sa.Text(), nullable=True, comment="URL, else the source path: what revisions share"),
        sa.Column("revision", sa.Integer(), server_default="1", nullable=False),
        sa.Column("revision_of", sa.String(length=64), nullable=True, comment="the previous revision's id"),
        sa.Column("current", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("authors", sa.Text(), nullable=True, comment="names, '; '-separated"),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False, comment="the full kronika.article/1 record"),
        sa.Column("n_entities", sa.Integer(), server_default="0", nullable=False),
        sa.Column("n_events", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ingested_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_current"), ["current"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_locator"), ["locator"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)

    op.create_table(
        "entities",
        sa.Column(
            "key", sa.String(length=255), nullable=False, comment="kb:<kb_id>, else name:<normalized name>|<country>"
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("sector", sa.String(length=16), nullable=True),
        sa.Column("kb_id", sa.Text(), nullable=True),
        sa.Column("roles", sa.JSON(), nullable=False, comment="offices seen in any article: [{title, of}]"),
        sa.Column("first_seen", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_type"), ["type"], unique=False)

    op.create_table(
        "errors",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=40), nullable=False, comment="story event id (stable: from its first source)"),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("quad", sa.Integer(), nullable=True, comment="PLOVER quad class 1-4"),
        sa.Column(
            "date", sa.String(length=32), nullable=True, comment="ISO at its granularity, the value most sources report"
        ),
        sa.Column("granularity", sa.String(length=16), nullable=True),
        sa.Column("date_min", sa.String(length=10), nullable=True),
        sa.Column("date_max", sa.String(length=10), nullable=True),
        sa.Column(
            "sort_date", sa.String(length=10), nullable=True, comment="date_min, else the first source's publication"
        ),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("location_key", sa.String(length=255), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True, comment="the first source's evidence sentence"),
        sa.Column("n_sources", sa.Integer(), server_default="0", nullable=False),
        sa.Column("n_articles", sa.Integer(), server_default="0", nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False, comment="details the sources disagree on"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_date_max"), ["date_max"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_date_min"), ["date_min"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_sort_date"), ["sort_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_type"), ["type"], unique=False)

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("entity_key", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False, comment="actor | recipient"),
        sa.ForeignKeyConstraint(
            ["entity_key"],
            ["entities.key"],
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "entity_key", "role"),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_actors_entity_key"), ["entity_key"], unique=False)

    op.create_table(
        "event_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False, comment="the event id inside the article record"),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("actor_keys", sa.JSON(), nullable=False),
        sa.Column("recipient_keys", sa.JSON(), nullable=False),
        sa.Column("actor_text", sa.Text(), nullable=True),
        sa.Column("recipient_text", sa.Text(), nullable=True),
        sa.Column("location_key", sa.String(length=255), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("granularity", sa.String(length=16), nullable=True),
        sa.Column("date_inferred", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=True),
        sa.Column("sentence_end", sa.Integer(), nullable=True),
        sa.Column("negated", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("modality", sa.String(length=16), nullable=True),
        sa.Column("claim_source", sa.Text(), nullable=True, comment="who the article says reported it"),
        sa.Column("stance", sa.String(length=16), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("producer", sa.Text(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column(
            "merge_score",
            sa.Float(),
            nullable=True,
            comment="score against the story event it joined (null: it started it)",
        ),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_sources_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_sources_event_id"), ["event_id"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("entity_key", sa.String(length=255), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False, comment="the entity id inside the article record"),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["entity_key"],
            ["entities.key"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_entity_key"), ["entity_key"], unique=False)

    op.create_table(
        "paragraphs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("paragraphs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paragraphs_article_id"), ["article_id"], unique=False)

    op.create_table(
        "times",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("granularity", sa.String(length=32), nullable=True),
        sa.Column("anchor", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_times_article_id"), ["article_id"], unique=False)

    _create_search_and_views()


def downgrade() -> None:
    _drop_search_and_views()
    with op.batch_alter_table("times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_times_article_id"))

    op.drop_table("times")
    with op.batch_alter_table("paragraphs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraphs_article_id"))

    op.drop_table("paragraphs")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_entity_key"))
        batch_op.drop_index(batch_op.f("ix_mentions_article_id"))

    op.drop_table("mentions")
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_sources_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_sources_article_id"))

    op.drop_table("event_sources")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_entity_key"))

    op.drop_table("event_actors")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_type"))
        batch_op.drop_index(batch_op.f("ix_events_sort_date"))
        batch_op.drop_index(batch_op.f("ix_events_date_min"))
        batch_op.drop_index(batch_op.f("ix_events_date_max"))

    op.drop_table("events")
    op.drop_table("errors")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_type"))
        batch_op.drop_index(batch_op.f("ix_entities_country"))

    op.drop_table("entities")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_outlet"))
        batch_op.drop_index(batch_op.f("ix_articles_locator"))
        batch_op.drop_index(batch_op.f("ix_articles_current"))

    op.drop_table("articles")


# Readable views for Datasette and SQL users: names instead of keys, one row per story event.
_VIEWS = {
    "story_events": """
        SELECT e.id, e.date, e.type, e.mode, e.quad,
          (SELECT {agg} FROM event_actors a JOIN entities n ON n.key = a.entity_key
            WHERE a.event_id = e.id AND a.role = 'actor') AS actors,
          (SELECT {agg} FROM event_actors a JOIN entities n ON n.key = a.entity_key
            WHERE a.event_id = e.id AND a.role = 'recipient') AS recipients,
          e.location, e.n_articles AS articles, e.summary AS evidence,
          (SELECT {agg_src} FROM event_sources s JOIN articles ar ON ar.id = s.article_id
            WHERE s.event_id = e.id) AS sources,
          e.conflicts
        FROM events e""",
    "event_evidence": """
        SELECT s.event_id, e.date AS event_date, s.date AS reported_date, s.type, s.mode,
          s.actor_text AS actor, s.recipient_text AS recipient, s.location_text AS location,
          ar.outlet, ar.title, ar.published, ar.url, s.sentence AS evidence, s.modality, s.negated,
          s.claim_source, s.stance, ar.current, s.article_id
        FROM event_sources s JOIN events e ON e.id = s.event_id JOIN articles ar ON ar.id = s.article_id""",
    "actor_summary": """
        SELECT n.key, n.name, n.type, n.country, n.sector,
          (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_key = n.key) AS articles,
          (SELECT count(DISTINCT a.event_id) FROM event_actors a WHERE a.entity_key = n.key) AS events
        FROM entities n""",
}


def _create_search_and_views() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # External-content FTS5 index over paragraphs, kept in sync by triggers (Datasette detects it).
        op.execute(
            'CREATE VIRTUAL TABLE paragraphs_fts USING fts5(text, content="paragraphs", content_rowid=id, '
            "tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN "
            "INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN "
            "INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
        agg = "group_concat(n.name, '; ')"
        agg_src = "group_concat(coalesce(ar.outlet, ar.title, ar.id), '; ')"
    else:
        op.execute("CREATE INDEX ix_paragraphs_fts ON paragraphs USING gin (to_tsvector('english', text))")
        agg = "string_agg(n.name, '; ')"
        agg_src = "string_agg(coalesce(ar.outlet, ar.title, ar.id), '; ')"
    for name, sql in _VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql.format(agg=agg, agg_src=agg_src)}")


def _drop_search_and_views() -> None:
    for name in _VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS paragraphs_ai")
        op.execute("DROP TRIGGER IF EXISTS paragraphs_ad")
        op.execute("DROP TABLE IF EXISTS paragraphs_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_paragraphs_fts")
