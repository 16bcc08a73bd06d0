"""Meetings: the list, one meeting's page, a recipient's copy."""

from webui.meetings.routes import bp

__all__ = ["bp"]
