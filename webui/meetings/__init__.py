"""Meetings: the list, one meeting's page, a recipient's copy, the minutes as a document, and
the office's level (密级) of the minutes."""

from webui.meetings import documents, levels  # noqa: F401  (their routes go on the same blueprint)
from webui.meetings.routes import bp

__all__ = ["bp"]
