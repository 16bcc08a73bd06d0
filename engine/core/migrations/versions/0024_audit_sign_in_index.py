"""sign-in events: an index on the audit log by body and action, for a body's 登录记录 page, which
every sign-in adds to

Revision ID: 0024
Revises: 0023
"""

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_body_action", "audit_event", ["body_id", "action", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_body_action", table_name="audit_event")
