"""copies signed for in their own task are not received by being opened

Before this revision opening an office meeting's minutes recorded the copy as received even
while its unit's 签收会议纪要 task stayed open; completing that task is the receipt. A copy
recorded so, whose task is still open, is put back to unreceived.

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The `record` of a task in which a unit signs for its copy (engine.meetings.queries), as
# written in the workflows when this revision was made.
RECEIPT_RECORD = "minutes_received"


def upgrade() -> None:
    op.execute(
        f"""
        UPDATE distribution SET opened_at = NULL, opened_by = NULL
        WHERE opened_at IS NOT NULL AND EXISTS (
            SELECT 1 FROM human_task JOIN meeting ON meeting.instance_id = human_task.instance_id
            WHERE meeting.id = distribution.meeting_id
              AND human_task.record = '{RECEIPT_RECORD}'
              AND human_task.assignee_kind = 'unit'
              AND human_task.assignee = distribution.unit
              AND human_task.status = 'open'
        )
        """
    )


def downgrade() -> None:
    """The old rule's receipts are not restored: they contradicted the open task."""
