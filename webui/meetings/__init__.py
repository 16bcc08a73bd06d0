"""Meetings: the list, one meeting's page, a recipient's copy, the minutes as a document."""

from webui.meetings import documents  # noqa: F401  (its route goes on the same blueprint)
from webui.meetings.routes import bp

__all__ = ["bp"]
