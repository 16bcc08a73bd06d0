"""Action plans (行动方案)."""

from webui.plans.routes import bp

__all__ = ["bp"]
