"""The task page and what is done on it."""

from webui.tasks.routes import bp

__all__ = ["bp"]
