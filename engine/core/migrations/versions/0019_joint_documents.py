"""joint documents (联合发文, the joint-meeting rules §六(四)): an outgoing document's issuing unit
(主办单位) and the day its co-signing units answer by

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place, not batch: recreating the table would trip the foreign keys of its rows on SQLite.
    op.add_column("outgoing_document", sa.Column("issuing_unit", sa.String(length=40), nullable=True))
    op.add_column("outgoing_document", sa.Column("cosign_due", sa.Date(), nullable=True))


def downgrade() -> None:
    # In place: SQLite has dropped columns since 3.35.
    op.drop_column("outgoing_document", "cosign_due")
    op.drop_column("outgoing_document", "issuing_unit")
