"""The home page of those who oversee the body (the office, the convener): served at / by the
inbox's view, which keeps the inbox at /inbox for them and at / for everyone else."""

from webui.home.routes import bp

__all__ = ["bp"]
