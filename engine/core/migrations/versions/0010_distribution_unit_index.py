"""an index for a unit's unread copies, which its liaisons' inbox reads (收文)

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_distribution_unit_opened', 'distribution', ['unit', 'opened_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_distribution_unit_opened', table_name='distribution')
