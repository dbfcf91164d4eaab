"""The URL lookup on an index: ``articles(locator, current)`` replaces the index on ``current``.

Every ingest asks "is there a current revision at this URL?". With one index on ``locator`` and
one on ``current`` (true for nearly every row) the planner could pick the useless one and scan
the table; the composite index answers the question in one probe. A boolean index is never
selective, so it goes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_current")
        batch_op.drop_index("ix_articles_locator")
        batch_op.create_index("ix_articles_locator_current", ["locator", "current"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_locator_current")
        batch_op.create_index("ix_articles_locator", ["locator"], unique=False)
        batch_op.create_index("ix_articles_current", ["current"], unique=False)
