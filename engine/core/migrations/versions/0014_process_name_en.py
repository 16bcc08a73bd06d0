"""a process's name in the English interface (its BPMN `title_en`), kept with each deployed version

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('workflow_spec', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=200), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('workflow_spec', schema=None) as batch_op:
        batch_op.drop_column('name_en')
