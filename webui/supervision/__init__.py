"""Supervision of decided items (督办)."""

from webui.supervision.routes import bp

__all__ = ["bp"]
