"""the outbox's queue index: by channel, status and next attempt (then id), the order the delivery
pass claims each channel's due messages in, so that a claim reads the index's range and not the
table, whatever number of sent messages the table keeps; it replaces ix_outbox_due

Revision ID: 0029
Revises: 0028
"""

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_queue", "outbox_message", ["channel", "status", "next_attempt_at", "id"], unique=False)
    op.drop_index("ix_outbox_due", table_name="outbox_message")


def downgrade() -> None:
    op.create_index("ix_outbox_due", "outbox_message", ["status", "next_attempt_at"], unique=False)
    op.drop_index("ix_outbox_queue", table_name="outbox_message")
