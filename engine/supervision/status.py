"""Status at a glance (docs/SUPERVISION.md): on track, due soon, overdue, closed."""

from __future__ import annotations

from datetime import datetime, timedelta

from engine.supervision.models import SupervisedItem

DUE_SOON = timedelta(days=7)
STATUSES = ("on_track", "due_soon", "overdue", "closed")
COLOURS = {"on_track": "green", "due_soon": "yellow", "overdue": "red", "closed": "grey"}


def status_of(item: SupervisedItem, now: datetime, completion_submitted_at: datetime | None = None) -> str:
    """A completion awaiting the office's verification is judged at the moment it was
    submitted: the unit is not overdue for the time the office takes to verify."""
    if item.status == "closed":
        return "closed"
    if completion_submitted_at is not None:
        return "on_track" if completion_submitted_at <= item.due_at else "overdue"
    if now > item.due_at:
        return "overdue"
    return "due_soon" if item.due_at - now <= DUE_SOON else "on_track"
