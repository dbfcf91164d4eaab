"""The store's tables (SQLAlchemy Core), one definition for SQLite and PostgreSQL.

Two levels of events: ``event_sources`` holds what ONE article reports (one row per record event,
with its evidence sentence), ``events`` holds the story event those reports were merged into (see
:mod:`kronika.stories.merge`). Conflicting details stay on the source rows and are summarised in
``events.conflicts``; nothing a source said is overwritten.

The Alembic migrations in ``store/migrations`` create exactly these tables; a test checks that the
migrated database matches this metadata.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment="content hash of the normalized body (Article.id)"),
    sa.Column("locator", sa.Text, comment="URL, else the source path: what revisions share"),
    sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    sa.Column("revision_of", sa.String(64), nullable=True, index=True, comment="the previous revision's id"),
    sa.Column("current", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("published", sa.String(32)),
    sa.Column("authors", sa.Text, comment="names, '; '-separated"),
    sa.Column("url", sa.Text),
    sa.Column("path", sa.Text),
    sa.Column("format", sa.String(32)),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("record", sa.JSON, nullable=False, comment="the full kronika.article/1 record"),
    sa.Column("n_entities", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("raw_key", sa.String(64), comment="reader version + hash of the input it was read from (store.known)"),
    sa.Index("ix_articles_locator_current", "locator", "current"),  # "a current revision at this URL?"
    sa.Index("ix_articles_published_id", "published", "id"),  # newest first, a page at a time
    sa.Index("ix_articles_raw_key", "raw_key"),  # "were these exact bytes read before?" (re-ingest)
)

paragraphs = sa.Table(
    "paragraphs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("key", sa.String(255), primary_key=True, comment="kb:<kb_id>, else name:<normalized name>|<country>"),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(16), nullable=False, index=True),
    sa.Column("country", sa.String(8), index=True),
    sa.Column("sector", sa.String(16)),
    sa.Column("kb_id", sa.Text),
    sa.Column("roles", sa.JSON, nullable=False, comment="offices seen in any article: [{title, of}]"),
    sa.Column("first_seen", sa.String(32)),
    # Kept up to date by ingest, so "the most reported actors" is an index read, not a count of
    # every mention in the archive on each call.
    sa.Column("n_articles", sa.Integer, nullable=False, server_default="0", comment="current articles naming it"),
    sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0", comment="its mentions in them"),
    sa.Column("n_events", sa.Integer, nullable=False, server_default="0", comment="story events it takes part in"),
    sa.Column(
        "n_factual_events",
        sa.Integer,
        nullable=False,
        server_default="0",
        comment="story events that happened it takes part in",
    ),
    sa.Index("ix_entities_activity", "n_articles", "n_mentions"),
)

terms = sa.Table(
    "terms",
    metadata,
    sa.Column("term", sa.String(255), primary_key=True, comment="w:word n:name a:ACRONYM k:kb o:office ow:/on:outlet"),
    sa.Column("ref", sa.String(255), primary_key=True, comment="an entity key, or an outlet name for ow:/on: terms"),
)

entity_months = sa.Table(
    "entity_months",
    metadata,
    sa.Column("entity_key", sa.String(255), sa.ForeignKey("entities.key"), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True, comment="YYYY-MM of publication, or 'unknown'"),
    sa.Column("mentions", sa.Integer, nullable=False, server_default="0"),
    sa.Column("articles", sa.Integer, nullable=False, server_default="0", comment="current articles"),
)

kb_state = sa.Table(
    "kb_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False, comment="+1 per write transaction: what cached answers key on"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("entity_key", sa.String(255), sa.ForeignKey("entities.key"), nullable=False, index=True),
    sa.Column("local_id", sa.String(32), nullable=False, comment="the entity id inside the article record"),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

times = sa.Table(
    "times",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("local_id", sa.String(32), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("value", sa.Text),
    sa.Column("granularity", sa.String(32)),
    sa.Column("anchor", sa.String(32)),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True, comment="story event id (stable: from its first source)"),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("quad", sa.Integer, comment="PLOVER quad class 1-4"),
    sa.Column("date", sa.String(32), comment="ISO at its granularity, the value most sources report"),
    sa.Column("granularity", sa.String(16)),
    sa.Column("date_min", sa.String(10), index=True),
    sa.Column("date_max", sa.String(10), index=True),
    sa.Column("sort_date", sa.String(10), comment="date_min, else the first source's publication"),
    sa.Column("location", sa.Text),
    sa.Column("location_key", sa.String(255)),
    sa.Column("summary", sa.Text, comment="the first source's evidence sentence"),
    sa.Column("n_sources", sa.Integer, nullable=False, server_default="0"),
    sa.Column("n_articles", sa.Integer, nullable=False, server_default="0"),
    sa.Column("conflicts", sa.JSON, nullable=False, comment="details the sources disagree on"),
    sa.Column(
        "factual",
        sa.Boolean,
        nullable=False,
        server_default=sa.true(),
        comment="at least one report tells it as having happened",
    ),
    sa.Index("ix_events_type_date_min", "type", "date_min"),  # by type, and merge candidates by type and date
    sa.Index("ix_events_sort_date_id", "sort_date", "id"),  # timeline order, read off the index a page at a time
)

event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("entity_key", sa.String(255), sa.ForeignKey("entities.key"), primary_key=True, index=True),
    sa.Column("role", sa.String(16), primary_key=True, comment="actor | recipient"),
)

event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column(
        "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("local_id", sa.String(32), nullable=False, comment="the event id inside the article record"),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("mode", sa.String(32)),
    sa.Column("actor_keys", sa.JSON, nullable=False),
    sa.Column("recipient_keys", sa.JSON, nullable=False),
    sa.Column("actor_text", sa.Text),
    sa.Column("recipient_text", sa.Text),
    sa.Column("location_key", sa.String(255), index=True),
    sa.Column("location_text", sa.Text),
    sa.Column("date", sa.String(32)),
    sa.Column("granularity", sa.String(16)),
    sa.Column("date_inferred", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("trigger", sa.Text),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("sentence_start", sa.Integer),
    sa.Column("sentence_end", sa.Integer),
    sa.Column("negated", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("modality", sa.String(16)),
    sa.Column("claim_source", sa.Text, comment="who the article says reported it"),
    sa.Column("stance", sa.String(16)),
    sa.Column("confidence", sa.Float),
    sa.Column("producer", sa.Text),
    sa.Column("extra", sa.JSON, nullable=False),
    sa.Column("merge_score", sa.Float, comment="score against the story event it joined (null: it started it)"),
    sa.Column(
        "factual",
        sa.Boolean,
        nullable=False,
        server_default=sa.true(),
        comment="told as having happened (not negated, denied, hypothetical or only expected)",
    ),
)

errors = sa.Table(
    "errors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text),
    sa.Column("line", sa.Integer),
    sa.Column("stage", sa.String(64), nullable=False),
    sa.Column("code", sa.String(16)),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("raw_key", sa.String(64), comment="raw key of the input that failed (store.known)"),
    sa.Index("ix_errors_raw_key", "raw_key"),  # "did these exact bytes fail before?" (re-ingest)
)
