"""The inbox (/)."""

from webui.inbox.routes import bp

__all__ = ["bp"]
