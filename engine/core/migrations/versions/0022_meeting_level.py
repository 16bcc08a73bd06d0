"""confidentiality of a meeting's minutes (密级, the joint-meeting rules §六(六)): a level on meeting

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The server default makes every existing meeting internal: as readable as before.
    op.add_column("meeting", sa.Column("level", sa.String(length=20), server_default="internal", nullable=False))


def downgrade() -> None:
    # In place: SQLite has dropped columns since 3.35.
    op.drop_column("meeting", "level")
