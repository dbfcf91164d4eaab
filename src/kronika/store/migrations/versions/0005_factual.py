"""Whether each event happened: ``event_sources.factual`` and ``events.factual`` (issue 11 item 6).

A report is factual when its article tells it as having happened (see
:func:`kronika.record.is_factual`: not negated, denied, hypothetical or merely expected); a story
event is factual when at least one of its reports is. Every aggregate counts factual story events
unless asked for all of them, so "Kyiv did not attack Moscow" never shows up as an attack.
Existing rows are filled from the columns that already held the context.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SOURCE_COMMENT = "told as having happened (not negated, denied, hypothetical or only expected)"
STORY_COMMENT = "at least one report tells it as having happened"


def upgrade() -> None:
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("factual", sa.Boolean(), server_default=sa.true(), nullable=False, comment=SOURCE_COMMENT)
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("factual", sa.Boolean(), server_default=sa.true(), nullable=False, comment=STORY_COMMENT)
        )
    _backfill()


def _backfill() -> None:
    from kronika.record import Context, is_factual

    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT id, negated, modality, stance, extra FROM event_sources").all()
    not_factual = []
    for id_, negated, modality, stance, extra in rows:
        extra = (json.loads(extra) if isinstance(extra, str) else extra) or {}
        ctx = Context(negated=bool(negated), modality=modality or "asserted", stance=stance)
        if not is_factual(ctx, "future_of" in extra):
            not_factual.append({"i": id_})
    if not_factual:
        conn.execute(sa.text("UPDATE event_sources SET factual = false WHERE id = :i"), not_factual)
        conn.exec_driver_sql(
            "UPDATE events SET factual = false WHERE NOT EXISTS "
            "(SELECT 1 FROM event_sources s WHERE s.event_id = events.id AND s.factual)"
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("factual")
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_column("factual")
