"""The annual cycle's pages (年度总结)."""

from webui.annual.routes import bp

__all__ = ["bp"]
