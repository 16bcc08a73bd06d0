"""Signing in and out, and changing one's password."""

from webui.auth.routes import bp

__all__ = ["bp"]
