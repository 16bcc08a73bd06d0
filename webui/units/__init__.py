"""A member unit's page."""

from webui.units.routes import bp

__all__ = ["bp"]
