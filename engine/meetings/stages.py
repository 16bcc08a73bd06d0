"""Where a meeting stands: the stages its kind goes through, and which are done, under way or
to come, read from the meeting's status (set by engine.meetings.recorders) and, for an office
meeting, whether its units have all signed for the minutes."""

from __future__ import annotations

from engine.meetings.models import Meeting

STAGES = {
    "full": ("topics", "proposal", "decision", "held", "drafting", "cosigning", "signing", "issued"),
    "special": ("topics", "proposal", "decision", "held", "drafting", "signing", "issued"),
    "office": ("proposal", "decision", "held", "drafting", "signing", "receipts"),
}
# The stage under way at each status: a proposal waits for its decision, an approved meeting for
# its day, a held one for its minutes.
CURRENT = {
    "soliciting": "topics",
    "returned": "proposal",
    "proposed": "decision",
    "approved": "held",
    "held": "drafting",
    "drafting": "drafting",
    "cosigning": "cosigning",
    "signing": "signing",
    "issued": "receipts",
}


def progress(meeting: Meeting, receipts_owed: bool) -> list[tuple[str, str]]:
    """Each stage with its state (done, current, todo); none for a cancelled meeting. Issued
    minutes end the stages, but for an office meeting only once every unit has signed for them."""
    if meeting.status == "cancelled":
        return []
    stages = STAGES[meeting.kind]
    current = CURRENT[meeting.status]
    under_way = current in stages and (current != "receipts" or receipts_owed)
    at = stages.index(current) if under_way else len(stages)
    return [(stage, "done" if i < at else "current" if i == at else "todo") for i, stage in enumerate(stages)]
