"""``entities.n_factual_events``: the story events that happened each entity takes part in.

The actor list shows, for each listed actor, the story events that happened (issue 11 item 6), and
counted them from ``event_actors`` on every call: for the most active actors of a 10k-article
archive that was 120 ms, growing with the archive. Kept like ``n_events`` (see
:func:`kronika.store.entity_rows.count_events`), it is one column read. Filled from the tables.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COMMENT = "story events that happened it takes part in"


def upgrade() -> None:
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("n_factual_events", sa.Integer(), server_default="0", nullable=False, comment=COMMENT)
        )
    op.get_bind().exec_driver_sql(
        "UPDATE entities SET n_factual_events = (SELECT count(DISTINCT x.event_id) FROM event_actors x "
        "JOIN events e ON e.id = x.event_id AND e.factual WHERE x.entity_key = entities.key)"
    )


def downgrade() -> None:
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_column("n_factual_events")
