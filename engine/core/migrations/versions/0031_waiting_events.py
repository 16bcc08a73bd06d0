"""the messages and signals each instance waits for (engine.workflow.messages)

Revision ID: 0031
Revises: 0030
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
WAITING = sa.text("waiting_for IS NOT NULL")  # partial: the instances waiting for none stay out of the index


def upgrade() -> None:
    # In place, not batch: recreating process_instance would trip the foreign keys of its rows on SQLite.
    op.add_column("process_instance", sa.Column("waiting_for", JSON, nullable=True))
    op.create_index(
        "ix_instance_waiting", "process_instance", ["body_id"], sqlite_where=WAITING, postgresql_where=WAITING
    )


def downgrade() -> None:
    op.drop_index("ix_instance_waiting", table_name="process_instance")
    op.drop_column("process_instance", "waiting_for")
