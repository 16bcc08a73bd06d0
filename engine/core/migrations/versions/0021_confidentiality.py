"""confidentiality (密级, the joint-meeting rules §六(六)): a level on attachments and outgoing documents

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

TABLES = ("attachment", "outgoing_document")


def upgrade() -> None:
    # The server default makes every existing row internal: as readable as before.
    for table in TABLES:
        op.add_column(table, sa.Column("level", sa.String(length=20), server_default="internal", nullable=False))


def downgrade() -> None:
    # In place: SQLite has dropped columns since 3.35.
    for table in TABLES:
        op.drop_column(table, "level")
