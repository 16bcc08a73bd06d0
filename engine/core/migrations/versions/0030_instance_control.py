"""who cancelled an instance before its end, when and why (engine.workflow.control)

Revision ID: 0030
Revises: 0029
"""

import sqlalchemy as sa
from alembic import op

import engine.core.base

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

INSTANT = engine.core.base.Instant(timezone=True)


def upgrade() -> None:
    # In place, not batch: recreating process_instance would trip the foreign keys of its rows on SQLite.
    op.add_column("process_instance", sa.Column("cancelled_at", INSTANT, nullable=True))
    op.add_column("process_instance", sa.Column("cancelled_by", sa.String(length=80), nullable=True))
    op.add_column("process_instance", sa.Column("cancel_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place: SQLite has dropped columns since 3.35.
    op.drop_column("process_instance", "cancel_reason")
    op.drop_column("process_instance", "cancelled_by")
    op.drop_column("process_instance", "cancelled_at")
