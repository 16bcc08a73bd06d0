"""Meetings: the list, one meeting's page, a recipient's copy, the minutes as a document, the
office's level (密级) of the minutes, and who of the office sat in (列席)."""

from webui.meetings import documents, levels, sitting_in  # noqa: F401  (their routes go on the same blueprint)
from webui.meetings.routes import bp

__all__ = ["bp"]
