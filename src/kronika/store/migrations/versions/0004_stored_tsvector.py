"""PostgreSQL search ranks a stored ``tsvector`` instead of re-parsing every matching paragraph.

The GIN index on ``to_tsvector('english', text)`` finds the matches, but ranking them called
``to_tsvector`` again on each one: a common word in a big archive re-parsed tens of thousands of
paragraphs per query. The vector is now a stored generated column with the GIN index on it, so
ranking reads it. SQLite (FTS5, which ranks from its own index) is unchanged.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE paragraphs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
    )
    op.execute("CREATE INDEX ix_paragraphs_tsv ON paragraphs USING gin (tsv)")
    op.execute("DROP INDEX IF EXISTS ix_paragraphs_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_paragraphs_fts ON paragraphs USING gin (to_tsvector('english', text))")
    op.execute("DROP INDEX IF EXISTS ix_paragraphs_tsv")
    op.execute("ALTER TABLE paragraphs DROP COLUMN tsv")
