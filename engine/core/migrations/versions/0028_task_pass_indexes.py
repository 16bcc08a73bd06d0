"""the indexes a scheduler pass reads human_task by: open tasks with a deadline in the order
their reminders fall due, then by id, so that each batch of a planning pass reads on from the
last (replacing the index on next_reminder_at alone, which also held every closed task and
every task without a deadline); and the open tasks that close at their deadline

Revision ID: 0028
Revises: 0027
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

# Partial, on both databases: the rows a pass never reads stay out of the index.
HAS_DEADLINE = sa.text("due_at IS NOT NULL")
CLOSES_AT_DUE = sa.text("close_values IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_human_task_next_reminder_at", table_name="human_task")
    op.create_index(
        "ix_task_reminders",
        "human_task",
        ["status", "next_reminder_at", "id"],
        sqlite_where=HAS_DEADLINE,
        postgresql_where=HAS_DEADLINE,
    )
    op.create_index(
        "ix_task_closes_at_due",
        "human_task",
        ["status", "due_at"],
        sqlite_where=CLOSES_AT_DUE,
        postgresql_where=CLOSES_AT_DUE,
    )


def downgrade() -> None:
    op.drop_index("ix_task_closes_at_due", table_name="human_task")
    op.drop_index("ix_task_reminders", table_name="human_task")
    op.create_index("ix_human_task_next_reminder_at", "human_task", ["next_reminder_at"])
