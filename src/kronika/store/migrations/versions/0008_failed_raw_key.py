"""Remember inputs that failed: ``errors.raw_key`` and its index (issue 16 item 1).

A document that fails (reader error, analysis error) is never stored, so before this every
re-ingest read and analysed it again, loading the model for it. Each failure now keeps the raw key
of the input it came from (:func:`kronika.store.known.raw_key`), and a re-ingest skips an input
whose key is here unless asked to retry (``--retry-failed``). Old rows have none (NULL): their
inputs are read once more, and a failure again records the key.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COMMENT = "raw key of the input that failed (store.known)"


def upgrade() -> None:
    with op.batch_alter_table("errors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_key", sa.String(64), nullable=True, comment=COMMENT))
        batch_op.create_index("ix_errors_raw_key", ["raw_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("errors", schema=None) as batch_op:
        batch_op.drop_index("ix_errors_raw_key")
        batch_op.drop_column("raw_key")
