"""a task's `proxy` property in its own column, rather than a flag among what its page shows

Revision ID: 0011
Revises: 0010
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

task = sa.table(
    "human_task", sa.column("id", sa.String), sa.column("shown", sa.JSON), sa.column("proxy_allowed", sa.Boolean)
)


def upgrade() -> None:
    # In place, not batch: recreating the table would trip the foreign keys of its rows on SQLite.
    op.add_column("human_task", sa.Column("proxy_allowed", sa.Boolean(), server_default=sa.true(), nullable=False))
    connection = op.get_bind()
    # Few rows carry the flag (co-signatures); read them in Python, the same on SQLite and PostgreSQL.
    flagged = sa.select(task.c.id, task.c.shown).where(sa.cast(task.c.shown, sa.Text).like("%_no_proxy%"))
    for task_id, shown in connection.execute(flagged).all():
        shown = json.loads(shown) if isinstance(shown, str) else shown
        if shown and shown.pop("_no_proxy", False):
            connection.execute(task.update().where(task.c.id == task_id).values(proxy_allowed=False, shown=shown))


def downgrade() -> None:
    connection = op.get_bind()
    for task_id, shown in connection.execute(sa.select(task.c.id, task.c.shown).where(~task.c.proxy_allowed)).all():
        shown = json.loads(shown) if isinstance(shown, str) else shown
        connection.execute(task.update().where(task.c.id == task_id).values(shown={**shown, "_no_proxy": True}))
    op.drop_column("human_task", "proxy_allowed")  # in place: SQLite has dropped columns since 3.35
