"""Skip before the reader normalises: ``articles.raw_key`` and its index (issue 16 item 1).

The key of the input an article was read from (reader version + hash of the bytes and where they
came from, :func:`kronika.store.known.raw_key`), so that a re-ingest skips an unchanged document
before the reader decodes and normalises it. Existing rows have none: their next re-ingest finds
them by content hash, as before, and fills the key in.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COMMENT = "reader version + hash of the input it was read from (store.known)"


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_key", sa.String(64), nullable=True, comment=COMMENT))
        batch_op.create_index("ix_articles_raw_key", ["raw_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_raw_key")
        batch_op.drop_column("raw_key")
